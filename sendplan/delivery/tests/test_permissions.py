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
    """Submitted updates written by the actions' leads (so managers and admins may review them)."""
    key = services.current_month_key()
    return {
        "own": services.update_create(
            user=world.users["lead"], action=world.own, period_key=key, status="on_track", submit=True
        ),
        "other": services.update_create(
            user=world.users["icb_lead"], action=world.other, period_key=key, status="on_track", submit=True
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


@pytest.mark.parametrize("reviewer", ["manager", "admin"])
@pytest.mark.parametrize("decision", ["approve", "return"])
@pytest.mark.parametrize("last_step", ["create", "submit"])
def test_whoever_saved_an_update_last_cannot_review_it_api(client, world, reviewer, decision, last_step):
    """Separation of duties: 403 with a clear message; another manager or admin can review it."""
    base = f"/api/v1/plans/{world.plan.slug}/actions/{world.own.ref}/updates"
    body = {"period": services.current_month_key(), "status": "at_risk", "submit": last_step == "create"}
    writer = world.auth(reviewer)
    created = client.post(base, data=json.dumps(body), content_type="application/json", **writer).json()
    if last_step == "submit":  # written by the lead, submitted by the reviewer
        update = Update.objects.get(pk=created["id"])
        services.update_change(user=world.users["lead"], update=update, version=update.version, narrative="x")
        update.refresh_from_db()
        r = client.post(f"/api/v1/updates/{update.pk}/submit", **writer)
        assert r.status_code == 200, r.content
    url = f"/api/v1/updates/{created['id']}/{decision}"
    review = json.dumps({"comment": "more detail please"})
    before = _state()
    response = client.post(url, data=review, content_type="application/json", **writer)
    assert response.status_code == 403
    assert (
        "You saved this update last, so someone else must approve or return it" in response.json()["detail"]
    )
    assert _state() == before
    other = "admin" if reviewer == "manager" else "manager"
    response = client.post(url, data=review, content_type="application/json", **world.auth(other))
    assert response.status_code == 200, response.content


def test_whoever_saved_an_update_last_cannot_review_it_web(client, world, parse_html):
    from django.urls import reverse

    manager = world.users["manager"]
    update = services.update_create(
        user=manager, action=world.own, period_key=services.current_month_key(), status="at_risk", submit=True
    )
    client.force_login(manager)
    page = client.get(reverse("delivery:update-detail", args=[update.pk]))
    parse_html(page)
    assert (
        "You saved this update last" in page.content.decode() and "Save review" not in page.content.decode()
    )
    assert f"review-{update.pk}-status" not in client.get(reverse("delivery:home")).content.decode()
    before = _state()
    response = client.post(reverse("delivery:update-review", args=[update.pk]), {"decision": "approve"})
    assert response.status_code == 403 and "You saved this update last" in response.content.decode()
    assert _state() == before
    client.force_login(world.users["admin"])
    response = client.post(
        reverse("delivery:update-review", args=[update.pk]),
        {"decision": "approve", "version": update.version},
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == "approved" and update.reviewed_by == world.users["admin"]
