"""docs/delivery.md documents every command and API path of the delivery apps."""

import pytest
from django.urls import reverse

from sendplan.conftest import REPO_DIR

DOC = REPO_DIR / "docs" / "delivery.md"
APPS = ["accounts", "audit", "delivery"]


def test_every_command_is_documented():
    text = DOC.read_text()
    commands = [
        path.stem
        for app in APPS
        for path in (REPO_DIR / "sendplan" / app / "management" / "commands").glob("*.py")
        if path.stem != "__init__"
    ]
    assert commands and [c for c in commands if f"`sendplan {c}" not in text] == []


@pytest.mark.django_db
def test_every_api_path_is_documented(client):
    text = DOC.read_text()
    paths = client.get(reverse("api:openapi-json")).json()["paths"]
    ours = {p for p, ops in paths.items() if any(op.get("tags", [""])[0] in APPS for op in ops.values())}
    missing = [p for p in ours if p.removeprefix("/api/v1").replace("{update_id}", "{id}") not in text]
    assert ours and missing == []
