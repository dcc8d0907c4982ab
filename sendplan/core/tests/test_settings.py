"""Settings come from the environment, and every one is documented."""

import os
import re
import subprocess
import sys

from django.conf import settings

from sendplan.conftest import REPO_DIR


def test_every_setting_is_documented():
    doc = (REPO_DIR / "docs" / "configuration.md").read_text()
    missing = [name for name in settings.ENVIRONMENT if f"`{name}`" not in doc]
    assert missing == []


def test_code_reads_the_environment_only_through_settings():
    offenders = []
    for path in (REPO_DIR / "sendplan").rglob("*.py"):
        if path.name in {"settings.py", "conftest.py", "cli.py", "wsgi.py"} or "tests" in path.parts:
            continue
        if re.search(r"os\.environ|os\.getenv", path.read_text()):
            offenders.append(str(path.relative_to(REPO_DIR)))
    assert offenders == []


def _settings_in_subprocess(env: dict, expression: str) -> str:
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='sendplan.settings'; django.setup(); from django.conf import settings; print({expression})"
    clean = {k: v for k, v in os.environ.items() if k not in settings.ENVIRONMENT}
    done = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_debug_is_off_and_cookies_secure_by_default(tmp_path):
    out = _settings_in_subprocess(
        {"SENDPLAN_DATA_DIR": str(tmp_path)}, "settings.DEBUG, settings.SESSION_COOKIE_SECURE"
    )
    assert out == "False True"


def test_secret_key_generated_once_and_kept_outside_the_code(tmp_path):
    first = _settings_in_subprocess({"SENDPLAN_DATA_DIR": str(tmp_path)}, "settings.SECRET_KEY")
    second = _settings_in_subprocess({"SENDPLAN_DATA_DIR": str(tmp_path)}, "settings.SECRET_KEY")
    assert first == second and len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert (
        _settings_in_subprocess(
            {"SECRET_KEY": "from-env", "SENDPLAN_DATA_DIR": str(tmp_path)}, "settings.SECRET_KEY"
        )
        == "from-env"
    )


def test_database_url_selects_postgresql(tmp_path):
    out = _settings_in_subprocess(
        {"DATABASE_URL": "postgres://someone@db.example:5432/plans", "SENDPLAN_DATA_DIR": str(tmp_path)},
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
    )
    assert out == "django.db.backends.postgresql plans"
