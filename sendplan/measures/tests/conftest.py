from pathlib import Path

import pytest

from sendplan.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``sendplan ARGS…`` in-process; returns (exit status, stdout, stderr).

    ``run_from_argv`` closes every database connection when it ends, which would end the test's
    transaction on PostgreSQL; the test keeps its connection instead.
    """
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)

    def run(*args) -> tuple[int, str, str]:
        code = 0
        try:
            main(["sendplan", *map(str, args)])
        except SystemExit as exc:
            code = exc.code or 0
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
