"""docs/measures.md documents every command and API path of the geography and measures apps."""

import pytest
from django.urls import reverse

from sendplan.conftest import REPO_DIR

DOC = REPO_DIR / "docs" / "measures.md"
APPS = ["geography", "measures"]


def test_every_command_is_documented():
    text = DOC.read_text()
    commands = [
        path.stem.replace("_", "-")
        for app in APPS
        for path in (REPO_DIR / "sendplan" / app / "management" / "commands").glob("*.py")
        if path.stem != "__init__"
    ]
    assert len(commands) == 6
    assert [c for c in commands if f"sendplan {c}" not in text] == []


@pytest.mark.django_db
def test_every_api_path_is_documented(client):
    text = DOC.read_text()
    paths = client.get(reverse("api:openapi-json")).json()["paths"]
    ours = {p for p, ops in paths.items() if any(op.get("tags", [""])[0] in APPS for op in ops.values())}
    missing = [p for p in ours if p.removeprefix("/api/v1").replace("{slug}", "<slug>") not in text]
    assert len(ours) == 3 and missing == []
