"""The plan import page in headless Chromium: accessible, and an upload that fails shows its error."""

import pytest

from sendplan.delivery.tests.factories import make_world
from sendplan.plans.models import Plan
from sendplan.testing.browser import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "a-long-browser-passphrase"


def test_import_page_accessible_with_and_without_errors(browser_page, tmp_path):
    world = make_world()
    manager = world.users["manager"]
    manager.set_password(PASSWORD)
    manager.save()
    browser_page.goto("/sign-in/")
    browser_page.fill("#id_username", "manager")
    browser_page.fill("#id_password", PASSWORD)
    browser_page.click("button[type=submit]")

    browser_page.goto("/plans/import/")
    assert_accessible(browser_page)
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"\x00not a document" * 40)
    browser_page.set_input_files("#id_file", str(bad))
    browser_page.fill("#id_slug", "from-the-browser")
    browser_page.click("button[type=submit]")
    assert "not a readable Word document" in browser_page.locator(".govuk-error-summary").inner_text()
    assert_accessible(browser_page)
    assert not Plan.objects.filter(slug="from-the-browser").exists()

    good = tmp_path / "plan.txt"
    from sendplan.plans.tests.test_cli import PLAN

    good.write_text(PLAN, encoding="utf-8")
    browser_page.set_input_files("#id_file", str(good))
    browser_page.click("button[type=submit]")
    assert (
        "2 actions in 2 priorities imported"
        in browser_page.locator(".govuk-notification-banner").inner_text()
    )
    assert_accessible(browser_page)
