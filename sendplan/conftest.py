"""Shared test fixtures.

* ``shared_dir``: the real public data beside the repository (``../shared``). Tests using it are skipped
  on a clone without it, and fail instead of skipping under ``CI=true``.
* ``require``: skip a test for a missing part (browser, database) except under ``CI=true``, where the
  missing part fails the run.
"""

import os
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, what: str) -> None:
    """Skip (or, under CI=true, fail) when ``condition`` is false."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true")
    pytest.skip(f"{what} is not available")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = Path(os.environ.get("SENDPLAN_SHARED_DIR", REPO_DIR.parent / "shared"))
    require(path.is_dir(), f"the shared real-data folder {path}")
    return path


@pytest.fixture(scope="session")
def seed_plan(shared_dir) -> Path:
    path = shared_dir / "seeds" / "000_516c9eee6def6566.txt"
    require(path.is_file(), f"the seed plan {path}")
    return path


@pytest.fixture
def browser_page(live_server, transactional_db, monkeypatch):
    """A headless Chromium page whose relative URLs (``page.goto("/plans/")``) go to ``live_server``.

    Skips without Chromium or axe-core (fails under CI=true). The ORM may be used inside the test.
    CSP is bypassed only so that axe-core can be injected; see ``sendplan/testing/browser.py``.
    """
    from sendplan.testing.browser import AXE_SCRIPT, DEFAULT_CHROMIUM, chromium, chromium_available

    executable = Path(os.environ.get("SENDPLAN_CHROMIUM", DEFAULT_CHROMIUM))
    require(chromium_available(executable), f"Chromium at {executable}")
    require(AXE_SCRIPT.is_file(), f"axe-core at {AXE_SCRIPT} (run npm ci)")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium(executable) as browser:
        context = browser.new_context(
            base_url=live_server.url, bypass_csp=True, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()


class _ConnectionsKeptOpen:
    """Django's connections, except that ``close_all`` does nothing (see ``_commands_keep_connections``)."""

    def __init__(self, connections):
        self._connections = connections

    def close_all(self):
        pass

    def __getattr__(self, name):
        return getattr(self._connections, name)


@pytest.fixture(autouse=True)
def _commands_keep_connections(monkeypatch):
    """A command run in the test process (``sendplan.cli.main``) closes every database connection when it
    ends, as Django's ``run_from_argv`` does for a real process. Inside a test that would close the
    connection holding the test's transaction (PostgreSQL then fails the rest of the test), so tests
    keep it open."""
    import django.core.management.base as command_base

    monkeypatch.setattr(command_base, "connections", _ConnectionsKeptOpen(command_base.connections))
