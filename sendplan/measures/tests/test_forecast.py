import pytest

from sendplan.geography.models import Area
from sendplan.measures.forecast import compare_with_plan, project
from sendplan.measures.models import Observation

from .helpers import indicator, observe

pytestmark = pytest.mark.django_db


def test_straight_line_has_zero_width_range():
    ind = indicator(unit="count")
    observe(ind, "E06000021", {"2020/21": 100, "2021/22": 110, "2022/23": 120, "2023/24": 130})
    proj = project(list(Observation.objects.order_by("period_start")), to_year=2026)
    assert [p.year for p in proj.points] == [2025, 2026]
    assert proj.at(2026).value == pytest.approx(150)
    assert proj.at(2026).low == pytest.approx(150) and proj.at(2026).high == pytest.approx(150)
    assert "least squares" in proj.method and "95% prediction interval" in proj.method


def test_noisy_series_range_widens_and_plan_is_placed():
    ind = indicator(unit="count")
    observe(
        ind,
        "E06000021",
        {
            "2019/20": 2290,
            "2020/21": 2441,
            "2021/22": 2540,
            "2022/23": 2772,
            "2023/24": 2970,
            "2024/25": 3405,
        },
    )
    proj = project(list(Observation.objects.order_by("period_start")), to_year=2027)
    assert proj.years_used == [2021, 2022, 2023, 2024, 2025]  # last five, at the year each period ends
    p26, p27 = proj.at(2026), proj.at(2027)
    assert p26.low < p26.value < p26.high and (p27.high - p27.low) > (p26.high - p26.low)
    assert "within the projected range" in compare_with_plan(proj, 2026, p26.value)
    assert "below the projected range" in compare_with_plan(proj, 2026, p26.low - 1)
    assert "above the projected range" in compare_with_plan(proj, 2026, p26.high + 1)


def test_too_few_points():
    ind = indicator(unit="count")
    observe(ind, "E06000021", {"2023/24": 1, "2024/25": 2})
    assert project(list(Observation.objects.all()), to_year=2026) is None


@pytest.mark.shared
def test_stoke_caseload_against_the_plans_forecast(shared_dir, cli):
    code, out, err = cli(
        "import-data", shared_dir / "data/ees/ehcp-2025/caseload.csv", "--indicator", "ehcplans"
    )
    assert code == 0, err
    stoke = Area.objects.get(code="E06000021")
    proj = project(list(Observation.objects.filter(area=stoke).order_by("period_start")), to_year=2026)
    point = proj.at(2026)
    # Fitted on 2020/21–2024/25 (2,441 … 3,405), the 2026 projection is near the plan's 3,619.
    assert 3500 < point.value < 3800
    assert compare_with_plan(proj, 2026, 3619).startswith("The plan's figure for 2026 (3,619)")
