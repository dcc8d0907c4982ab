import pytest

from sendplan.core.models import Partnership
from sendplan.geography.models import Area, Neighbour, NeighbourSet
from sendplan.measures.models import Polarity, Unit
from sendplan.measures.services import link_indicator, set_target
from sendplan.testing.html import assert_valid_page, text_of
from sendplan.testing.plans import make_plan

from .helpers import indicator, observe

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeliness():
    ind = indicator(
        slug="ehcp-20-weeks",
        name="EHC plans issued within 20 weeks",
        polarity=Polarity.HIGHER,
        unit=Unit.PERCENT,
    )
    observe(ind, "E06000021", {"2022": 62.7, "2023": 48.5, "2024": 32.9, "2021": None})
    observe(ind, "E92000001", {"2022": 50.1, "2023": 50.3, "2024": 45.9})
    observe(ind, "E12000005", {"2023": 40.0, "2024": 33.5})
    observe(ind, "E08000031", {"2024": 60.0})
    nset = NeighbourSet.objects.create(name="sn", year=2025, source_filename="x")
    Neighbour.objects.create(
        neighbour_set=nset,
        area=Area.objects.get(code="E06000021"),
        neighbour=Area.objects.get(code="E08000031"),
        rank=1,
    )
    return ind


def test_indicator_list(client, timeliness):
    tree = assert_valid_page(client.get("/indicators/"))
    assert "EHC plans issued within 20 weeks" in text_of(tree)
    assert tree.find(".//table/caption") is not None


def test_indicator_page_assessment_chart_table_details(client, timeliness):
    tree = assert_valid_page(client.get("/indicators/ehcp-20-weeks/?area=861"))
    text = text_of(tree)
    assert "In 2024, Stoke-on-Trent had 32.9%; worse than England" in text
    tags = [text_of(t) for t in tree.iter("strong") if "govuk-tag" in (t.get("class") or "")]
    assert {"Worse", "Similar", "Declining"} <= set(tags)  # words, not colour alone
    svg = next(e for e in tree.iter() if str(e.tag).endswith("svg"))
    assert svg.get("role") == "img"
    children = {str(c.tag).split("}")[-1] for c in svg}
    assert {"title", "desc", "polyline"} <= children
    caption = tree.find(".//table/caption")
    assert "Stoke-on-Trent compared with West Midlands, England" in text_of(caption)
    assert "Missing: not available (x)" in text
    details = tree.find(".//details")
    assert "How this figure is calculated" in text_of(details) and "1 percentage point" in text_of(details)


def test_area_code_history_and_unknown_area(client, timeliness):
    assert client.get("/indicators/ehcp-20-weeks/?area=E99999999").status_code == 404
    assert client.get("/indicators/nope/").status_code == 404
    assert_valid_page(client.get("/indicators/ehcp-20-weeks/?area=E92000001"))
    default = assert_valid_page(client.get("/indicators/ehcp-20-weeks/"))
    assert "In 2024, England had 45.9%" in text_of(default)


def test_forecast_section_against_the_plans_forecast(client):
    ind = indicator(slug="ehcplans", name="EHC plans", unit=Unit.COUNT, polarity=Polarity.NEITHER)
    observe(
        ind,
        "E06000021",
        {"2020/21": 2441, "2021/22": 2540, "2022/23": 2772, "2023/24": 2970, "2024/25": 3405},
    )
    p = Partnership.objects.create(name="P", slug="p")
    stoke = Area.objects.get(code="E06000021")
    set_target(
        partnership=p, indicator=ind, area=stoke, kind="forecast", period="2026", value=3619, note="plan"
    )
    set_target(partnership=p, indicator=ind, area=stoke, kind="baseline", period="2023/24", value=3067)
    tree = assert_valid_page(client.get("/indicators/ehcplans/?area=E06000021"))
    text = text_of(tree)
    assert "Straight line fitted by least squares" in text and "95% prediction interval" in text
    assert "The plan's figure for 2026 (3,619)" in text
    assert sum(1 for e in tree.iter() if str(e.tag).endswith("}svg")) == 2
    assert "Plan forecast" in text and "Baseline" in text


def test_action_measures_page(client, timeliness):
    plan = make_plan()
    action = plan.actions.get(ref="1a")
    link_indicator(indicator=timeliness, action=action, item=action.items.filter(section="measures").first())
    tree = assert_valid_page(client.get("/indicators/actions/test-plan/1a/?area=E06000021"))
    text = text_of(tree)
    assert "EHC plans issued within 20 weeks" in text and "32.9% (2024)" in text and "Declining" in text
    empty = assert_valid_page(client.get("/indicators/actions/test-plan/1b/"))
    assert "No indicator is linked" in text_of(empty)
    assert client.get("/indicators/actions/test-plan/zz/").status_code == 404


def test_tables_scroll_in_a_focusable_region_and_chart_scales(client, timeliness):
    tree = assert_valid_page(client.get("/indicators/ehcp-20-weeks/?area=861"))
    parents = {child: parent for parent in tree.iter() for child in parent}
    tables = list(tree.iter("table"))
    assert tables
    for table in tables:
        region = parents[table]
        assert "sendplan-table-scroll" in region.get("class", "")
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        assert region.get("aria-label") == " ".join(text_of(table.find("caption")).split())
    svg = next(e for e in tree.iter() if str(e.tag).endswith("svg"))
    width = float(svg.get("viewBox").split()[2])
    assert svg.get("width") == "100%"
    sizes = [float(t.get("font-size")) for t in svg.iter() if str(t.tag).endswith("}text")]
    # Scaled into the 345 px column of a 375 px phone, the smallest text is still about 12 px.
    assert min(sizes) * 345 / width >= 12
