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
