"""Delivery tracking: who owns each action, its milestones, reporting periods, updates and evidence.

Ownership lives beside the plan register (one-to-one with ``Action`` and ``ActionItem``), so a plan
re-import that keeps an action's items keeps their owners and dates.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from sendplan.accounts.models import Organisation
from sendplan.core.models import Partnership
from sendplan.plans.models import Action, ActionItem, DeliveryStatus, Plan


def today() -> datetime.date:
    return timezone.localdate()


class Board(models.Model):
    """A board that holds actions to account (e.g. the SEND Executive Board)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="boards")
    name = models.CharField(max_length=200)
    chair = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="unique_board_name")]

    def __str__(self) -> str:
        return self.name


class BoardMeeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()

    class Meta:
        ordering = ["board", "date"]
        constraints = [models.UniqueConstraint(fields=["board", "date"], name="unique_board_meeting")]

    def __str__(self) -> str:
        return f"{self.board} {self.date:%-d %B %Y}"

    def audit_scope(self) -> dict:
        return {"partnership_id": self.board.partnership_id, "plan_id": None, "action_id": None}


class ActionOwnership(models.Model):
    """Who owns an action, who holds it to account, and when it starts and is due."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="ownership")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_actions"
    )
    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="led_actions"
    )
    supporting_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="supported_actions"
    )
    boards = models.ManyToManyField(Board, blank=True, related_name="actions")
    senior_sponsor = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Ownership of {self.action.ref}"

    @property
    def is_overdue(self) -> bool:
        return bool(self.due and self.due < today())


class Milestone(models.Model):
    """A *how we will achieve it* item, with its own owner, due date and status."""

    item = models.OneToOneField(ActionItem, on_delete=models.CASCADE, related_name="milestone")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )
    due = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.item.text[:80]

    @property
    def action(self) -> Action:
        return self.item.action

    @property
    def is_overdue(self) -> bool:
        return bool(self.due and self.due < today() and self.status != DeliveryStatus.COMPLETE)


class ReportingPeriod(models.Model):
    """A month (or quarter) of a plan's reporting cycle. Updates can be written while it is open."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_periods")
    key = models.CharField(max_length=7, help_text="YYYY-MM, or YYYY-Qn for a quarter")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    starts_on = models.DateField()
    ends_on = models.DateField()
    opens_on = models.DateField(help_text="First day updates can be written")
    closes_on = models.DateField(help_text="Last day updates can be written; updates are due by then")

    class Meta:
        ordering = ["plan", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="unique_period_key"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_dates"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="period_window"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.frequency == self.Frequency.QUARTERLY:
            return f"{self.key[5:]} {self.key[:4]}"
        return f"{self.starts_on:%B %Y}"

    def is_open(self, on: datetime.date | None = None) -> bool:
        on = on or today()
        return self.opens_on <= on <= self.closes_on

    @property
    def is_past_due(self) -> bool:
        return today() > self.closes_on


class Update(models.Model):
    """An action's update for one reporting period."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(
        "delivery status", max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(default=0)
    narrative = models.TextField("progress this period", blank=True)
    risks = models.TextField("risks and issues", blank=True, help_text="Risks and issues")
    next_steps = models.TextField(blank=True)
    state = models.CharField("review state", max_length=10, choices=State.choices, default=State.DRAFT)
    review_comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["action", "-period__starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="unique_update_per_period"),
            models.CheckConstraint(condition=models.Q(percent_complete__lte=100), name="percent_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.action.ref} update for {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("delivery:update-detail", kwargs={"pk": self.pk})

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.APPROVED


class UpdateVersion(models.Model):
    """Every saved version of an update, so a refused edit can be compared with what was saved."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["update", "-version"]
        constraints = [models.UniqueConstraint(fields=["update", "version"], name="unique_update_version")]

    def __str__(self) -> str:
        return f"{self.update} version {self.version}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.update.action.plan_id}/{instance.update_id}/{filename}"


class Evidence(models.Model):
    """A link, or an uploaded file kept under MEDIA_ROOT and served only through a checked view."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    url = models.URLField(blank=True, max_length=500)
    file = models.FileField(upload_to=evidence_path, blank=True, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["update", "created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def action(self) -> Action:
        return self.update.action


class Reminder(models.Model):
    """A reminder email sent; the constraint makes it one per person, period and kind."""

    class Kind(models.TextChoices):
        UPDATE_DUE = "update_due", "Update due"
        UPDATE_OVERDUE = "update_overdue", "Update overdue"
        MILESTONE_OVERDUE = "milestone_overdue", "Milestone overdue"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    subject = models.CharField(max_length=200)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "period", "kind"], name="one_reminder_per_period_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.user} for {self.period}"

    @property
    def plan(self) -> Plan:
        return self.period.plan
