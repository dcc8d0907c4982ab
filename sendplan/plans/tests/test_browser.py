"""Every page type in headless Chromium: no axe-core WCAG 2.2 AA violations, and usable without JavaScript.

Set SENDPLAN_SCREENSHOT_DIR to keep a full-page screenshot of each page checked.
"""

import os
from pathlib import Path

import pytest

from sendplan.plans.models import PlanRevision
from sendplan.testing.browser import assert_accessible
from sendplan.testing.plans import make_plan

pytestmark = pytest.mark.browser

PAGES = {
    "plan-list": "/plans/",
    "plan": "/plans/test-plan/",
    "action": "/plans/test-plan/actions/1a/",
    "action-plain": "/plans/test-plan/actions/2b/",
    "search-results": "/plans/test-plan/search/?q=transport",
    "search-no-results": "/plans/test-plan/search/?q=unicorns",
    "search-error": "/plans/test-plan/search/?q=+",
    "revisions": "/plans/test-plan/revisions/",
    "accessibility": "/accessibility/",
    "privacy": "/privacy/",
    "not-found": "/plans/test-plan/actions/99z/",
}


def _plan():
    plan = make_plan(priorities=3, actions_per_priority=4)
    PlanRevision.objects.create(
        plan=plan,
        number=2,
        source_filename="test-plan-v2.docx",
        source_format="docx",
        source_sha256="1" * 64,
        content={
            "warnings": [{"ref": "2c", "message": "No “What impact will this have?” section"}],
            "unassigned": ["A line the importer could not place"],
        },
        changes={"added": ["3d"], "changed": ["1a", "1b"], "removed": []},
    )
    return plan


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(browser_page, name):
    _plan()
    response = browser_page.goto(PAGES[name])
    assert response.status == (404 if name == "not-found" else 200)
    assert browser_page.locator("h1").count() == 1
    if name == "plan":
        browser_page.locator("summary", has_text="Import warnings").click()  # open details are checked too
    screenshots = os.environ.get("SENDPLAN_SCREENSHOT_DIR")
    if screenshots:
        Path(screenshots).mkdir(parents=True, exist_ok=True)
        browser_page.screenshot(path=str(Path(screenshots) / f"{name}.png"), full_page=True)
    assert_accessible(browser_page)


def test_small_screen_plan_and_action_pages_are_accessible(browser_page):
    _plan()
    browser_page.set_viewport_size({"width": 320, "height": 640})
    for url in (PAGES["plan"], PAGES["action"]):
        browser_page.goto(url)
        assert_accessible(browser_page)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{url} scrolls sideways at 320px wide ({width}px)"


def test_header_is_the_partnerships_own(browser_page):
    _plan()
    browser_page.goto("/plans/")
    header = browser_page.locator("header")
    assert header.inner_text().strip() == "Testshire SEND and AP Partnership"
    assert header.locator("svg").count() == 0  # no crown
    font = browser_page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" not in font and "system-ui" in font
    assert browser_page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == (
        "rgb(11, 12, 12)"
    ), "the stylesheet did not load"


def test_search_and_browse_work_without_javascript(browser_page, live_server):
    plan = _plan()
    context = browser_page.context.browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(plan.get_absolute_url())
        assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
        page.get_by_label("Search this plan’s actions").fill("TRANSPORT")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/?q=TRANSPORT")
        assert page.locator("mark").first.inner_text() == "transport"
        page.locator(".sendplan-results h3 a").first.click()
        assert page.locator("h1").inner_text().startswith("Action ")
        page.get_by_role("link", name="Next action").click()
        assert page.locator("h1").inner_text().startswith("Action ")
        page.get_by_role("link", name=plan.title).click()  # breadcrumb back to the plan
        page.get_by_text("Import warnings (1)").click()  # <details> opens without JavaScript
        assert page.get_by_text("No “What impact will this have?” section").is_visible()
    finally:
        context.close()


def test_example_plan_pages_are_accessible(browser_page):
    from sendplan.plans.services import plan_import

    example = Path(__file__).resolve().parents[1] / "example" / "example-plan.docx"
    plan = plan_import(data=example.read_bytes(), filename=example.name, slug="example-plan").plan
    for url in (
        plan.get_absolute_url(),
        f"{plan.get_absolute_url()}actions/2a/",  # lead, date and an "Off track" status
        f"{plan.get_absolute_url()}search/?q=young+people",
    ):
        assert browser_page.goto(url).status == 200
        assert_accessible(browser_page)
    browser_page.goto(f"{plan.get_absolute_url()}actions/2a/")
    assert browser_page.locator("dd .govuk-tag").inner_text() == "Off track"
