"""Every kind of change writes an audit row; nobody can change or delete one."""

import io

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from sendplan.audit.models import AuditEntry
from sendplan.audit.services import audit_record, snapshot
from sendplan.core.middleware import RequestIdMiddleware
from sendplan.delivery import services

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _last():
    return AuditEntry.objects.order_by("-id").first()


def test_each_kind_of_change_is_recorded(world):
    manager, lead = world.users["manager"], world.users["lead"]
    key = services.current_month_key()
    steps = [
        (lambda: services.ownership_set(user=manager, action=world.own, due=__import__("datetime").date(2027, 1, 1)),
         "delivery.actionownership", "change", ["due", "version"]),
        (lambda: services.update_create(user=lead, action=world.own, period_key=key, status="on_track"),
         "delivery.update", "create", None),
    ]  # fmt: skip
    for step, object_type, kind, fields in steps:
        step()
        entry = _last()
        assert (entry.object_type, entry.kind) == (object_type, kind)
        if fields:
            assert set(fields) <= set(entry.changed_fields)
    update = world.own.updates.get()
    services.update_change(user=lead, update=update, version=update.version, narrative="Progress")
    entry = _last()
    assert entry.kind == "change" and "narrative" in entry.changed_fields
    assert entry.before["narrative"] == "" and entry.after["narrative"] == "Progress"
    assert entry.actor == lead and entry.actor_name == "lead" and entry.action_id == world.own.pk
    assert entry.plan_id == world.plan.pk and entry.partnership_id == world.partnership.pk
    update.refresh_from_db()
    services.update_submit(user=lead, update=update)
    assert _last().message == "submitted"
    update.refresh_from_db()
    services.update_return(user=manager, update=update, comment="Add figures")
    assert _last().message == "returned" and _last().after["review_comment"] == "Add figures"
    update.refresh_from_db()
    services.update_submit(user=lead, update=update)
    update.refresh_from_db()
    services.update_approve(user=manager, update=update)
    assert _last().message == "approved"
    how = world.own.items.filter(section="how").first()
    services.milestone_set(user=lead, item=how, status="at_risk")
    assert (_last().object_type, _last().kind) == ("delivery.milestone", "create")
    services.milestone_set(user=lead, item=how, status="on_track")
    assert _last().changed_fields == ["status", "updated_at", "version"]
    board = services.board_save(user=manager, partnership=world.partnership, name="SEND Board", chair="Chair")
    assert (_last().object_type, _last().kind) == ("delivery.board", "create")
    services.board_save(
        user=manager, partnership=world.partnership, name="SEND Board", chair="New chair", board=board
    )
    assert _last().kind == "change" and "chair" in _last().changed_fields


def test_evidence_create_and_delete_recorded(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lead = world.users["lead"]
    update = services.update_create(user=lead, action=world.own, period_key=services.current_month_key())
    evidence = services.evidence_add_file(
        user=lead, update=update, title="Chart", upload=SimpleUploadedFile("chart.png", PNG)
    )
    assert (_last().object_type, _last().kind) == ("delivery.evidence", "create")
    services.evidence_delete(user=lead, evidence=evidence)
    assert (_last().object_type, _last().kind) == ("delivery.evidence", "delete")
    assert _last().before["original_name"] == "chart.png"


def test_user_and_period_changes_from_the_cli_are_recorded(world):
    from django.core.management import call_command

    call_command(
        "user", "add", "newbie", "--role", "viewer", "--org", "Parent Carer Forum", stdout=io.StringIO()
    )
    entry = _last()
    assert entry.object_type == "accounts.membership" and entry.source == "cli" and entry.actor is None
    call_command("period", "open", "2025-04", "--plan", world.plan.slug, stdout=io.StringIO())
    assert (_last().object_type, _last().kind, _last().source) == (
        "delivery.reportingperiod",
        "create",
        "cli",
    )


def test_request_id_is_recorded_inside_a_request(world):
    def view(request):
        audit_record(actor=world.users["manager"], kind="create", obj=world.plan, after=snapshot(world.plan))
        from django.http import HttpResponse

        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    entry = _last()
    assert entry.request_id == response["X-Request-Id"] and entry.source == "web"


def test_a_change_that_changes_nothing_records_nothing(world):
    count = AuditEntry.objects.count()
    assert audit_record(actor=None, kind="change", obj=world.plan, before={"a": 1}, after={"a": 1}) is None
    assert AuditEntry.objects.count() == count


def test_entries_cannot_be_changed_or_deleted(world):
    entry = _last()
    entry.message = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(message="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.message != "tampered"


def test_admin_site_cannot_change_or_delete(world):
    model_admin = admin.site._registry[AuditEntry]
    request = RequestFactory().get("/")
    request.user = world.users["admin"]
    world.users["admin"].is_superuser = True
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, _last())
    assert not model_admin.has_delete_permission(request, _last())


def test_admin_site_changes_are_recorded(client, world):
    admin_user = world.users["admin"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    response = client.post("/admin/delivery/board/add/", {
        "name": "Health Board", "chair": "Dr A", "partnership": world.partnership.pk,
        "meetings-TOTAL_FORMS": "1", "meetings-INITIAL_FORMS": "0", "meetings-0-date": "2026-01-14",
    })  # fmt: skip
    assert response.status_code == 302, response.content[:300]
    entry = _last()
    assert (entry.object_type, entry.kind, entry.source, entry.actor) == (
        "delivery.board",
        "create",
        "admin",
        admin_user,
    )


def test_the_audit_page_names_records_and_fields_in_words_and_keeps_the_raw_data(client, world):
    from django.urls import reverse

    from sendplan.plans.models import Action
    from sendplan.testing.html import assert_valid_page

    lead = world.users["lead"]
    lead.first_name, lead.last_name = "Lee", "Dawson"
    lead.save()
    update = services.update_create(
        user=lead, action=world.own, period_key=services.current_month_key(), status="on_track", submit=True
    )
    services.update_approve(user=world.users["manager"], update=update)
    action = Action.objects.get(pk=world.own.pk)
    before = snapshot(action)
    audit_record(actor=world.users["manager"], kind="change", obj=action, before=before,
                 after={**before, "retired_in": 1})  # fmt: skip
    client.force_login(world.users["manager"])
    response = client.get(reverse("audit:list") + f"?plan={world.plan.slug}")
    tree = assert_valid_page(response)
    summaries = ["".join(s.itertext()).strip() for s in tree.iterfind(".//summary")]
    assert "Retired in" in summaries
    assert any("Review state" in s and "Reviewed at" in s for s in summaries)
    cells = ["".join(td.itertext()) for td in tree.iterfind(".//td")]
    assert any(c.startswith("Changed: Action “") for c in cells)
    assert any(c.startswith("Created: Update “") for c in cells) and any("Lee Dawson" in c for c in cells)
    assert not any(c.startswith(("Changed plans.action", "Created delivery.update")) for c in cells)
    text = response.content.decode()
    assert "<code>plans.action</code>" in text and "retired_in" in text and "reviewed_at" in text
