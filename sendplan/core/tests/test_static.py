"""The compiled front end: collectable for production, and free of GOV.UK branding."""

import re

import pytest
from django.core.management import call_command

from sendplan.conftest import REPO_DIR, require

BUILD = REPO_DIR / "sendplan" / "static" / "build"


@pytest.fixture
def built_css() -> str:
    css = BUILD / "sendplan.css"
    require(css.is_file(), f"the compiled stylesheet {css} (run npm run build)")
    return css.read_text()


def test_stylesheet_references_no_gov_uk_images_or_fonts(built_css):
    urls = re.findall(r"url\(([^)]*)\)", built_css)
    assert all(u.strip("\"'").startswith("data:") for u in urls), urls
    assert "GDS Transport" not in built_css and "govuk-crest" not in built_css
    assert "system-ui" in built_css


def test_collectstatic_with_hashed_names_succeeds(built_css, settings, tmp_path):
    # What `sendplan serve` does in production: it fails on any url() to a missing file.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert list(tmp_path.glob("build/sendplan.*.css"))
    assert (tmp_path / "staticfiles.json").is_file()
