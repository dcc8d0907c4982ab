"""Reminders: the right people, and never twice for the same person, period and kind."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from sendplan.delivery import services
from sendplan.delivery.models import Reminder, ReportingPeriod
from sendplan.delivery.reminders import send_reminders

pytestmark = pytest.mark.django_db


def test_due_updates_and_overdue_milestones_are_reminded_once(world):
    manager = world.users["manager"]
    how = world.other.items.filter(section="how").first()
    services.milestone_set(user=manager, item=how, due=datetime.date(2020, 1, 31), status="on_track")
    services.update_create(
        user=world.users["icb_lead"], action=world.other, period_key=services.current_month_key(), submit=True
    )
    call_command("remind", stdout=io.StringIO())
    sent = sorted((m.to[0], m.subject.split(" ")[0]) for m in mail.outbox)
    assert sent == [("icb@example.org", "Overdue"), ("lead@example.org", "Updates")]
    assert "Action 1a" in next(m for m in mail.outbox if m.to == ["lead@example.org"]).body
    for _ in range(3):
        call_command("remind", stdout=io.StringIO())
        send_reminders()
    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2


def test_overdue_update_of_a_closed_period(world):
    plan = world.plan
    ReportingPeriod.objects.create(
        plan=plan, key="2020-01", starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 1, 31),
        opens_on=datetime.date(2020, 1, 1), closes_on=datetime.date(2020, 2, 7),
    )  # fmt: skip
    send_reminders()
    kinds = set(Reminder.objects.values_list("user__username", "kind"))
    assert ("lead", "update_overdue") in kinds and ("icb_lead", "update_overdue") in kinds
    count = len(mail.outbox)
    send_reminders()
    assert len(mail.outbox) == count


def test_the_constraint_refuses_a_second_reminder(world):
    from django.db import IntegrityError, transaction

    period = services.period_ensure_current(plan=world.plan)
    Reminder.objects.create(user=world.users["lead"], period=period, kind="update_due", subject="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(user=world.users["lead"], period=period, kind="update_due", subject="y")


def test_dry_run_sends_nothing(world):
    out = io.StringIO()
    call_command("remind", "--dry-run", stdout=out)
    assert "would send update_due to lead" in out.getvalue()
    assert not mail.outbox and not Reminder.objects.exists()


def test_an_unreachable_mail_server_is_reported_and_retried_next_run(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    err = io.StringIO()
    call_command("remind", stdout=io.StringIO(), stderr=err)
    assert "skipped: could not email lead" in err.getvalue()
    assert not Reminder.objects.exists()
