"""Delivery pages in headless Chromium: no axe-core WCAG 2.2 AA violations (signed in as a manager)."""

import pytest

from sendplan.delivery import services
from sendplan.delivery.tests.factories import make_world
from sendplan.testing.browser import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "a-long-browser-passphrase"


def _setup():
    world = make_world()
    manager = world.users["manager"]
    manager.set_password(PASSWORD)
    manager.save()
    update = services.update_create(
        user=world.users["lead"], action=world.own, period_key=services.current_month_key(), status="at_risk",
        percent_complete=20, narrative="Slower than planned", submit=True,
    )  # fmt: skip
    services.board_save(
        user=manager, partnership=world.partnership, name="SEND Executive Board", chair="Director"
    )
    return world, update


PAGES = {
    "home": lambda w, u: "/delivery/",
    "tracker": lambda w, u: f"/delivery/plans/{w.plan.slug}/",
    "action": lambda w, u: f"/delivery/plans/{w.plan.slug}/actions/{w.own.ref}/",
    "owners": lambda w, u: f"/delivery/plans/{w.plan.slug}/actions/{w.own.ref}/owners/",
    "update-form": lambda w, u: f"/delivery/plans/{w.plan.slug}/actions/{w.own.ref}/updates/{u.period.key}/",
    "update": lambda w, u: f"/delivery/updates/{u.pk}/",
    "check": lambda w, u: f"/delivery/updates/{u.pk}/check/",
    "evidence": lambda w, u: f"/delivery/updates/{u.pk}/evidence/",
    "periods": lambda w, u: f"/delivery/plans/{w.plan.slug}/periods/",
    "boards": lambda w, u: "/delivery/boards/",
    "import": lambda w, u: f"/delivery/plans/{w.plan.slug}/import/",
    "audit": lambda w, u: f"/audit/?plan={w.plan.slug}",
}


def _sign_in(page):
    page.goto("/sign-in/")
    assert_accessible(page)
    page.fill("#id_username", "manager")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


@pytest.mark.parametrize("name", PAGES)
def test_delivery_page_has_no_accessibility_violations(browser_page, name):
    world, update = _setup()
    _sign_in(browser_page)
    response = browser_page.goto(PAGES[name](world, update))
    assert response.status == 200
    assert browser_page.locator("h1").count() == 1
    assert_accessible(browser_page)


def test_error_summary_is_accessible(browser_page):
    world, update = _setup()
    _sign_in(browser_page)
    browser_page.goto(f"/delivery/plans/{world.plan.slug}/periods/")
    browser_page.fill("#id_key", "not a period")
    browser_page.click("button[type=submit]")
    assert browser_page.locator(".govuk-error-summary").count() == 1
    assert_accessible(browser_page)
