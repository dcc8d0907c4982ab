"""Reminder emails: updates due or overdue, and overdue milestones.

``send_reminders`` may run as often as you like (e.g. daily from cron): the ``Reminder`` table's
unique constraint allows one email per person, period and kind, so nobody is reminded twice.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from sendplan.plans.models import DeliveryStatus, Plan

from . import services
from .models import ActionOwnership, Milestone, Reminder, ReportingPeriod, Update, today

DONE = {Update.State.SUBMITTED, Update.State.APPROVED}


@dataclass
class Sent:
    user: object
    period: ReportingPeriod
    kind: str
    lines: list[str]


def _due_updates(plan: Plan, period: ReportingPeriod, kind: str, found: dict) -> None:
    done = set(Update.objects.filter(period=period, state__in=DONE).values_list("action_id", flat=True))
    owned = (
        ActionOwnership.objects.filter(action__plan=plan, action__retired_in__isnull=True, lead__isnull=False)
        .exclude(action_id__in=done)
        .select_related("action", "lead")
        .order_by("action__position")
    )
    for ownership in owned:
        line = (
            f"Action {ownership.action.ref}: the {period.label} update is due by {period.closes_on:%-d %B %Y}"
        )
        found[(ownership.lead, period, kind)].append(line)


def _overdue_milestones(plan: Plan, period: ReportingPeriod, found: dict) -> None:
    overdue = (
        Milestone.objects.filter(item__action__plan=plan, due__lt=today())
        .exclude(status=DeliveryStatus.COMPLETE)
        .select_related("owner", "item__action__ownership__lead")
        .order_by("due")
    )
    for milestone in overdue:
        action = milestone.item.action
        owner = milestone.owner or getattr(getattr(action, "ownership", None), "lead", None)
        if owner is None:
            continue
        line = f"Action {action.ref}: “{milestone.item.text[:120]}” was due on {milestone.due:%-d %B %Y}"
        found[(owner, period, Reminder.Kind.MILESTONE_OVERDUE)].append(line)


def pending(*, plans=None) -> dict:
    """(user, period, kind) -> lines, for every reminder that may be due today."""
    found: dict = defaultdict(list)
    on = today()
    for plan in plans if plans is not None else Plan.objects.all():
        current = services.period_ensure_current(plan=plan)
        for period in plan.reporting_periods.filter(opens_on__lte=on, closes_on__gte=on):
            _due_updates(plan, period, Reminder.Kind.UPDATE_DUE, found)
        last_closed = plan.reporting_periods.filter(closes_on__lt=on).order_by("-closes_on").first()
        if last_closed is not None:
            _due_updates(plan, last_closed, Reminder.Kind.UPDATE_OVERDUE, found)
        if current is not None:
            _overdue_milestones(plan, current, found)
    return found


SUBJECTS = {
    Reminder.Kind.UPDATE_DUE: "Updates due for {plan}, {period}",
    Reminder.Kind.UPDATE_OVERDUE: "Overdue updates for {plan}, {period}",
    Reminder.Kind.MILESTONE_OVERDUE: "Overdue milestones in {plan}",
}


def send_reminders(*, plans=None, dry_run: bool = False) -> tuple[list[Sent], list[str]]:
    """Email every reminder not yet sent. Returns (sent, skipped-with-reason)."""
    sent, skipped = [], []
    already = set(Reminder.objects.values_list("user_id", "period_id", "kind"))
    for (user, period, kind), lines in pending(plans=plans).items():
        if (user.pk, period.pk, kind) in already:
            continue
        if not user.email:
            skipped.append(
                f"{user.get_username()} has no email address ({kind}, {period.plan.slug} {period.key})"
            )
            continue
        subject = SUBJECTS[kind].format(plan=period.plan.title, period=period.label)[:200]
        if dry_run:
            sent.append(Sent(user=user, period=period, kind=kind, lines=lines))
            continue
        body = "\n".join(
            [f"Hello {user.get_full_name() or user.get_username()},", "", *[f"- {line}" for line in lines], "",
             "Sign in to sendplan to write or update them.", ""]
        )  # fmt: skip
        try:
            with transaction.atomic():
                Reminder.objects.create(user=user, period=period, kind=kind, subject=subject)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except IntegrityError:
            continue  # another run sent it first
        except (
            OSError
        ) as exc:  # the mail server refused or is unreachable: not recorded, so tried again next run
            skipped.append(
                f"could not email {user.get_username()} ({kind}, {period.plan.slug} {period.key}): {exc}"
            )
            continue
        sent.append(Sent(user=user, period=period, kind=kind, lines=lines))
    return sent, skipped
