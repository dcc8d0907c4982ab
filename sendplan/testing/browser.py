"""Browser tests: headless Chromium through Playwright, with axe-core accessibility checks.

Use the ``browser_page`` fixture (``sendplan/conftest.py``): a Playwright page whose relative URLs go
to pytest-django's ``live_server``. Mark such tests ``@pytest.mark.browser``::

    @pytest.mark.browser
    def test_my_page_is_accessible(browser_page):
        make_things()                      # the ORM works inside the test (see below)
        browser_page.goto("/my/page/")
        assert_accessible(browser_page)

Chromium is Debian's (``/usr/bin/chromium``; the fixture reads ``SENDPLAN_CHROMIUM`` to use another
binary); Playwright never downloads a
browser. axe-core comes from ``node_modules`` (``npm ci``; pinned in package.json). Without either, the
fixture skips the test, and fails it under ``CI=true``.

Playwright's sync API runs an event loop in the test's thread, which makes Django refuse ORM calls
there (SynchronousOnlyOperation); the fixture sets ``DJANGO_ALLOW_ASYNC_UNSAFE`` for the test only,
which is safe because the loop never runs Django code.
"""

import json
import os
from contextlib import contextmanager
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent.parent
AXE_SCRIPT = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


DEFAULT_CHROMIUM = Path("/usr/bin/chromium")


def chromium_available(executable: Path = DEFAULT_CHROMIUM) -> bool:
    return executable.is_file() and os.access(executable, os.X_OK)


@contextmanager
def chromium(executable: Path = DEFAULT_CHROMIUM):
    """A running headless Chromium (a Playwright ``Browser``), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page, *, tags: list[str] | None = None) -> list[dict]:
    """Run axe-core on the page's document and return its violations (axe's own dicts)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    options = {"runOnly": {"type": "tag", "values": tags or WCAG_TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    return results["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation.get('impact')}): {violation['help']} — {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(
                f"    {json.dumps(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return "\n".join(lines)


def assert_accessible(page, *, tags: list[str] | None = None) -> None:
    """Fail listing every axe-core violation (id, impact, target) on the page as it is now."""
    violations = axe_violations(page, tags=tags)
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url}:\n" + format_violations(violations)
    )
