import pytest

from sendplan.core.models import Partnership
from sendplan.geography.models import Area, Neighbour, NeighbourSet
from sendplan.measures.assessment import assess, judge, tolerance
from sendplan.measures.models import Polarity, Unit
from sendplan.measures.services import set_target

from .helpers import indicator, observe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "polarity, value, other, word",
    [
        (Polarity.HIGHER, 50, 45.9, "better"),
        (Polarity.HIGHER, 32.9, 45.9, "worse"),
        (Polarity.HIGHER, 46.5, 45.9, "similar"),
        (Polarity.LOWER, 32.9, 45.9, "better"),
        (Polarity.LOWER, 50, 45.9, "worse"),
        (Polarity.NEITHER, 50, 45.9, "higher"),
        (Polarity.NEITHER, 40, 45.9, "lower"),
    ],
)
def test_judge_words(polarity, value, other, word):
    ind = indicator(polarity=polarity, unit=Unit.PERCENT)
    assert judge(ind, value, other, tolerance(ind.unit, other)) == word


def test_tolerance_rules():
    assert tolerance(Unit.PERCENT, 45.9) == 1.0
    assert tolerance(Unit.COUNT, 3000) == 60.0


def _neighbours(area_code, codes):
    nset = NeighbourSet.objects.create(name="sn", year=2025, source_filename="x")
    area = Area.objects.get(code=area_code)
    for rank, code in enumerate(codes, start=1):
        Neighbour.objects.create(
            neighbour_set=nset, area=area, neighbour=Area.objects.get(code=code), rank=rank
        )


def test_assessment_of_stoke():
    ind = indicator(polarity=Polarity.HIGHER, unit=Unit.PERCENT)
    observe(ind, "E06000021", {"2022": 62.7, "2023": 48.5, "2024": 32.9})
    observe(ind, "E92000001", {"2024": 45.9})
    observe(ind, "E12000005", {"2024": 33.5})
    observe(ind, "E08000025", {"2024": 20.0})  # Birmingham
    observe(ind, "E08000031", {"2024": 60.0})  # Wolverhampton
    observe(ind, "E06000018", {"2024": None})  # Nottingham: missing, not counted
    _neighbours("E06000021", ["E08000031", "E08000025", "E06000018"])
    p = Partnership.objects.create(name="P", slug="p")
    set_target(
        partnership=p,
        indicator=ind,
        area=Area.objects.get(code="E06000021"),
        kind="target",
        period="2024",
        value=40,
    )
    result = assess(indicator=ind, area=Area.objects.get(code="E06000021"))
    words = {c.label: c.word for c in result.comparisons}
    assert words == {
        "England": "worse",
        "West Midlands": "similar",
        "Statistical neighbours (average)": "worse",
    }
    neighbours = next(c for c in result.comparisons if "neighbours" in c.label)
    assert neighbours.value == 40.0 and neighbours.detail == "mean of 2 of 3 neighbours with a figure"
    assert result.trend == "declining"
    assert (result.rank, result.of, result.quartile) == (2, 3, 3)
    assert result.target_word == "not met"
    assert result.summary.startswith("In 2024, Stoke-on-Trent had 32.9%; worse than England")


@pytest.mark.parametrize(
    "values, polarity, word",
    [
        ({"2022": 10, "2023": 12, "2024": 14}, Polarity.HIGHER, "improving"),
        ({"2022": 10, "2023": 12, "2024": 14}, Polarity.LOWER, "declining"),
        ({"2022": 10, "2023": 10.2, "2024": 10.1}, Polarity.HIGHER, "stable"),
        ({"2022": 10, "2023": 12, "2024": 14}, Polarity.NEITHER, "rising"),
        ({"2023": 10, "2024": 14}, Polarity.HIGHER, "not enough data"),
        ({"2022": 10, "2023": None, "2024": 14}, Polarity.HIGHER, "not enough data"),
        # A five-year line would say "improving": the lows of 2020-21 pull it up. The latest three fall.
        ({"2020": 18.7, "2021": 3.7, "2022": 62.7, "2023": 48.5, "2024": 32.9}, Polarity.HIGHER, "declining"),
        ({"2022": 62.7, "2023": 48.5, "2024": 55.0}, Polarity.HIGHER, "no clear trend"),
        ({"2022": 40, "2023": 60, "2024": 50}, Polarity.NEITHER, "no clear trend"),
        ({"2022": 40, "2023": 40.5, "2024": 45}, Polarity.LOWER, "declining"),  # flat, then up
        ({"2022": 40, "2023": 40.8, "2024": 41.6}, Polarity.HIGHER, "improving"),  # small steps, up overall
        ({"2022": 40, "2023": 40.8, "2024": 40.2}, Polarity.HIGHER, "stable"),
        ({"2019": 10, "2021": None, "2022": 20, "2024": 30}, Polarity.HIGHER, "improving"),
    ],
)
def test_trend_words(values, polarity, word):
    ind = indicator(polarity=polarity, unit=Unit.PERCENT)
    observe(ind, "E06000021", values)
    assert assess(indicator=ind, area=Area.objects.get(code="E06000021")).trend == word


@pytest.mark.parametrize(
    "values, detail",
    [
        (
            {"2020": 18.7, "2021": 3.7, "2022": 62.7, "2023": 48.5, "2024": 32.9},
            "2022 to 2024: falling, 62.7% to 32.9% (−29.8 percentage points)",
        ),
        (
            {"2022": 62.7, "2023": 48.5, "2024": 55.0},
            "2022 to 2024: no clear trend, 62.7% then 48.5% (2023) then 55.0%",
        ),
        (
            {"2022": 40, "2023": 40.8, "2024": 40.2},
            "2022 to 2024: stable, 40.0% to 40.2% (+0.2 percentage points)",
        ),
    ],
)
def test_trend_words_name_the_periods_and_figures(values, detail):
    ind = indicator(polarity=Polarity.HIGHER, unit=Unit.PERCENT)
    observe(ind, "E06000021", values)
    result = assess(indicator=ind, area=Area.objects.get(code="E06000021"))
    assert result.trend_detail == detail
    assert f"{result.trend} from 2022 to 2024" in result.summary


def test_trend_of_counts_uses_two_percent():
    ind = indicator(unit=Unit.COUNT, polarity=Polarity.NEITHER)
    observe(ind, "E06000021", {"2022/23": 2772, "2023/24": 2970, "2024/25": 3405})
    result = assess(indicator=ind, area=Area.objects.get(code="E06000021"))
    assert (result.trend, result.trend_detail) == (
        "rising",
        "2022/23 to 2024/25: rising, 2,772 to 3,405 (+633)",
    )


@pytest.mark.shared
def test_trend_of_the_real_lait_series_for_stoke(shared_dir, cli, client):
    """LAIT SEN_EHC_All_20wks for Stoke-on-Trent: 62.7, 48.5, 32.9 in 2022-2024 after 2020-21 lows."""
    path = shared_dir / "data" / "lait" / "lait_bds_long_0.parquet"
    code, out, err = cli("import-data", path, "--indicator", "SEN_EHC_All_20wks", "--slug", "lait")
    assert code == 0, err
    from sendplan.measures.models import Indicator

    result = assess(indicator=Indicator.objects.get(slug="lait"), area=Area.objects.get(code="E06000021"))
    assert result.trend == "declining"
    assert result.trend_detail == "2022 to 2024: falling, 62.7% to 32.9% (−29.8 percentage points)"
    page = client.get("/indicators/lait/?area=E06000021").content.decode()
    assert "Improving" not in page and "2022 to 2024: falling, 62.7% to 32.9%" in page


def test_no_figure_says_so():
    ind = indicator()
    observe(ind, "E06000021", {"2024": None})
    result = assess(indicator=ind, area=Area.objects.get(code="E06000021"))
    assert result.summary == "There is no figure for Stoke-on-Trent yet." and result.rank is None
