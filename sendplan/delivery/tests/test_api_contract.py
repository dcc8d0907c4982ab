"""The API contract: assign, write, change, approve, audit — with the status codes it promises."""

import json

import pytest
from django.urls import reverse

from sendplan.audit.models import AuditEntry
from sendplan.delivery.models import Update
from sendplan.delivery.services import current_month_key

pytestmark = pytest.mark.django_db


def call(client, method, url, world=None, who=None, body=None):
    headers = world.auth(who) if who else {}
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(url, data=data, content_type="application/json", **headers)


def test_no_or_bad_token_is_401(client, world):
    assert client.get("/api/v1/plans/test-plan/actions").status_code == 401
    bad = client.get("/api/v1/plans/test-plan/actions", HTTP_AUTHORIZATION="Token nope")
    assert bad.status_code == 401


def test_contract_flow(client, world):
    period = current_month_key()
    r = call(client, "patch", "/api/v1/plans/test-plan/actions/1a", world, "manager",
             {"lead": "lead", "lead_organisation": "City Council", "due": "2027-03-31"})  # fmt: skip
    assert r.status_code == 200, r.content
    assert r.json()["due"] == "2027-03-31" and r.json()["lead"] == "lead"

    body = {"period": period, "status": "on_track", "percent_complete": 40, "narrative": "Going well"}
    r = call(client, "post", "/api/v1/plans/test-plan/actions/1a/updates", world, "lead", body)
    assert r.status_code == 201, r.content
    update_id, version = r.json()["id"], r.json()["version"]

    r = call(
        client,
        "put",
        f"/api/v1/updates/{update_id}",
        world,
        "contributor",
        {**body, "percent_complete": 50, "version": version},
    )
    assert r.status_code == 200, r.content
    assert r.json()["version"] == version + 1 and r.json()["percent_complete"] == 50

    stale = call(
        client,
        "put",
        f"/api/v1/updates/{update_id}",
        world,
        "lead",
        {**body, "narrative": "Mine", "version": version},
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["percent_complete"] == 50 and stale.json()["yours"]["narrative"] == "Mine"
    assert Update.objects.get(pk=update_id).narrative == "Going well"

    r = call(client, "post", f"/api/v1/updates/{update_id}/approve", world, "manager")
    assert r.status_code == 200 and r.json()["state"] == "approved"
    locked = call(
        client, "put", f"/api/v1/updates/{update_id}", world, "lead", {**body, "version": r.json()["version"]}
    )
    assert locked.status_code == 409

    r = call(client, "get", "/api/v1/audit?plan=test-plan&action=1a", world, "manager")
    assert r.status_code == 200
    entries = r.json()
    kinds = [(e["object_type"], e["kind"], e["message"]) for e in entries]
    assert kinds[0] == ("delivery.update", "change", "approved")
    assert ("delivery.update", "create", "") in kinds
    assert ("delivery.actionownership", "change", "") in kinds
    assert all(e["request_id"] for e in entries if e["source"] == "api")
    times = [e["at"] for e in entries]
    assert times == sorted(times, reverse=True)


@pytest.mark.parametrize(
    "body, detail",
    [
        ({"period": "2025-13", "status": "on_track"}, "YYYY-MM"),
        ({"period": "CURRENT", "status": "sideways"}, None),
        ({"period": "CURRENT", "status": "on_track", "percent_complete": 140}, None),
        ({"period": "2001-01", "status": "on_track"}, "not open"),
    ],
)
def test_invalid_update_is_422(client, world, body, detail):
    body = {k: (current_month_key() if v == "CURRENT" else v) for k, v in body.items()}
    r = call(client, "post", "/api/v1/plans/test-plan/actions/1a/updates", world, "lead", body)
    assert r.status_code == 422, r.content
    if detail:
        assert detail in r.json()["detail"]
    assert not Update.objects.exists()


def test_unknown_plan_action_update_are_404(client, world):
    assert call(client, "get", "/api/v1/plans/nope/actions", world, "viewer").status_code == 404
    assert call(client, "get", "/api/v1/plans/test-plan/actions/9z", world, "viewer").status_code == 404
    assert call(client, "get", "/api/v1/updates/999", world, "viewer").status_code == 404


def test_patch_unknown_lead_is_422_and_changes_nothing(client, world):
    before = AuditEntry.objects.count()
    r = call(client, "patch", "/api/v1/plans/test-plan/actions/1a", world, "manager", {"lead": "ghost"})
    assert r.status_code == 422
    assert world.own.ownership.lead.username == "lead"
    assert AuditEntry.objects.count() == before + 1  # only the token issued for the call


def test_openapi_lists_the_contract(client):
    paths = client.get(reverse("api:openapi-json")).json()["paths"]
    assert "patch" in paths["/api/v1/plans/{slug}/actions/{ref}"]
    assert "post" in paths["/api/v1/plans/{slug}/actions/{ref}/updates"]
    assert "put" in paths["/api/v1/updates/{update_id}"]
    assert "post" in paths["/api/v1/updates/{update_id}/approve"]
    assert "get" in paths["/api/v1/audit"]


def test_openapi_document_at_api_openapi_json(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and "/api/v1/updates/{update_id}" in response.json()["paths"]
