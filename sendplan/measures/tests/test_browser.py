"""The indicator pages in headless Chromium: no axe-core WCAG 2.2 AA violations."""

import pytest

from sendplan.core.models import Partnership
from sendplan.geography.models import Area
from sendplan.geography.services import load_areas
from sendplan.measures.models import Polarity, Unit
from sendplan.measures.services import link_indicator, set_target
from sendplan.testing.browser import assert_accessible
from sendplan.testing.plans import make_plan

from .helpers import indicator, observe

pytestmark = pytest.mark.browser

PAGES = {
    "list": "/indicators/",
    "percent": "/indicators/ehcp-20-weeks/?area=E06000021",
    "count-with-forecast": "/indicators/ehcplans/?area=E06000021",
    "action": "/indicators/actions/test-plan/1a/?area=E06000021",
}


def _data():
    if not Area.objects.exists():  # transactional tests flush the rows the data migration loaded
        load_areas()
    pct = indicator(
        slug="ehcp-20-weeks",
        name="EHC plans issued within 20 weeks",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER,
    )
    observe(pct, "E06000021", {"2021": None, "2022": 62.7, "2023": 48.5, "2024": 32.9})
    observe(pct, "E92000001", {"2022": 47.7, "2023": 49.1, "2024": 45.9})
    observe(pct, "E12000005", {"2022": 48.9, "2023": 48.4, "2024": 41.0})
    count = indicator(slug="ehcplans", name="EHC plans", unit=Unit.COUNT)
    observe(
        count,
        "E06000021",
        {"2020/21": 2441, "2021/22": 2540, "2022/23": 2772, "2023/24": 2970, "2024/25": 3405},
    )
    p = Partnership.objects.create(name="P", slug="p")
    set_target(
        partnership=p,
        indicator=count,
        area=Area.objects.get(code="E06000021"),
        kind="forecast",
        period="2026",
        value=3619,
    )
    set_target(
        partnership=p,
        indicator=pct,
        area=Area.objects.get(code="E06000021"),
        kind="target",
        period="2024",
        value=50,
    )
    plan = make_plan()
    link_indicator(indicator=pct, action=plan.actions.get(ref="1a"))


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(browser_page, name):
    _data()
    response = browser_page.goto(PAGES[name])
    assert response.status == 200
    if browser_page.locator("details summary").count():
        browser_page.locator("details summary").first.click()
    assert_accessible(browser_page)


@pytest.mark.parametrize("name", ["percent", "count-with-forecast", "list", "action"])
def test_pages_reflow_at_375_px_with_legible_chart_text(browser_page, name):
    """WCAG 1.4.10: no sideways scrolling of the page at 375 px; wide tables scroll in their own region."""
    _data()
    browser_page.set_viewport_size({"width": 375, "height": 800})
    assert browser_page.goto(PAGES[name]).status == 200
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 375
    heights = browser_page.evaluate(
        "[...document.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height)"
    )
    assert min(heights, default=99) >= 11  # rendered text at least about 11 px tall
    regions = browser_page.locator(".sendplan-table-scroll")
    for i in range(regions.count()):
        region = regions.nth(i)
        region.focus()  # keyboard users can reach and scroll it
        assert region.evaluate("e => document.activeElement === e")
    assert_accessible(browser_page)
