"""The permission matrix: every role x every write x own / other organisation, API and web.

A refused write answers 403 (the object is visible) and changes nothing; an allowed one succeeds.
"""

import json

import pytest
from django.core import serializers

from sendplan.accounts.services import organisation_get_or_create, user_add
from sendplan.audit.models import AuditEntry
from sendplan.core.services import partnership_get_or_create
from sendplan.delivery import services
from sendplan.delivery.models import ActionOwnership, Evidence, Milestone, ReportingPeriod, Update

pytestmark = pytest.mark.django_db

ROLES = ["admin", "manager", "lead", "contributor", "viewer"]
MANAGING = {"admin", "manager"}
DELIVERING = {"lead", "contributor"}


def _state() -> str:
    """Everything a write could change (the audit trail without token issues included)."""
    objects = [
        *ActionOwnership.objects.order_by("pk"),
        *Milestone.objects.order_by("pk"),
        *Update.objects.order_by("pk"),
        *Evidence.objects.order_by("pk"),
        *ReportingPeriod.objects.order_by("pk"),
        *AuditEntry.objects.exclude(object_type="accounts.apitoken").order_by("pk"),
    ]
    return serializers.serialize("json", objects)


@pytest.fixture
def updates(world):
    key = services.current_month_key()
    manager = world.users["manager"]
    return {
        "own": services.update_create(
            user=manager, action=world.own, period_key=key, status="on_track", submit=True
        ),
        "other": services.update_create(
            user=manager, action=world.other, period_key=key, status="on_track", submit=True
        ),
    }


def _api_write(name, world, target, updates):
    action = world.own if target == "own" else world.other
    update = updates[target]
    base = f"/api/v1/plans/{world.plan.slug}/actions/{action.ref}"
    how = action.items.filter(section="how").first()
    return {
        "assign": ("patch", base, {"due": "2027-01-31", "senior_sponsor": "Director"}),
        "write_update": (
            "put",
            f"/api/v1/updates/{update.pk}",
            {"narrative": "changed", "version": update.version},
        ),
        "approve": ("post", f"/api/v1/updates/{update.pk}/approve", {}),
        "return": ("post", f"/api/v1/updates/{update.pk}/return", {"comment": "more detail please"}),
        "milestone_status": ("patch", f"{base}/milestones/{how.pk}", {"status": "at_risk"}),
        "milestone_due": ("patch", f"{base}/milestones/{how.pk}", {"due": "2026-01-31"}),
    }[name]


def _expected(name, role, target) -> bool:
    if role in MANAGING:
        return True
    if name in {"write_update", "milestone_status"}:
        return role in DELIVERING and target == "own"
    return False


API_WRITES = ["assign", "write_update", "approve", "return", "milestone_status", "milestone_due"]


@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", API_WRITES)
def test_api_write_matrix(client, world, updates, name, role, target):
    method, url, body = _api_write(name, world, target, updates)
    headers = world.auth(role)
    before = _state()
    response = getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **headers)
    if _expected(name, role, target):
        assert response.status_code in {200, 201}, response.content
        assert _state() != before
    else:
        assert response.status_code == 403, response.content
        assert _state() == before


@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
def test_api_create_update_matrix(client, world, role, target):
    action = world.own if target == "own" else world.other
    body = {"period": services.current_month_key(), "status": "at_risk", "percent_complete": 10}
    before = _state()
    response = client.post(
        f"/api/v1/plans/{world.plan.slug}/actions/{action.ref}/updates",
        data=json.dumps(body), content_type="application/json", **world.auth(role),
    )  # fmt: skip
    if role in MANAGING or (role in DELIVERING and target == "own"):
        assert response.status_code == 201, response.content
    else:
        assert response.status_code == 403
        assert _state() == before


def test_other_partnership_sees_nothing_internal(client, world, updates):
    elsewhere = partnership_get_or_create(name="Elsewhere")
    org = organisation_get_or_create(partnership=elsewhere, name="Elsewhere Council")
    user_add(username="stranger", role="admin", organisation=org)
    headers = {"HTTP_AUTHORIZATION": f"Token {services_token('stranger')}"}
    before = _state()
    assert client.get(f"/api/v1/plans/{world.plan.slug}/actions", **headers).status_code == 404
    assert client.get(f"/api/v1/updates/{updates['own'].pk}", **headers).status_code == 404
    r = client.post(f"/api/v1/updates/{updates['own'].pk}/approve", **headers)
    assert r.status_code == 404
    r = client.patch(
        f"/api/v1/plans/{world.plan.slug}/actions/{world.own.ref}", data=json.dumps({"due": "2027-01-01"}),
        content_type="application/json", **headers,
    )  # fmt: skip
    assert r.status_code == 404
    assert client.get(f"/api/v1/audit?plan={world.plan.slug}", **headers).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("role", ["lead", "contributor", "viewer"])
def test_audit_is_for_managers_only(client, world, role):
    assert client.get(f"/api/v1/audit?plan={world.plan.slug}", **world.auth(role)).status_code == 403
    assert client.get("/api/v1/audit", **world.auth("manager")).status_code == 200


def services_token(username):
    from django.contrib.auth import get_user_model

    from sendplan.accounts.services import token_create

    return token_create(user=get_user_model().objects.get(username=username))
