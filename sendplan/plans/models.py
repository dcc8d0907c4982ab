"""The plan register: plans, their priorities and actions, and each action's four sections."""

from django.db import models
from django.urls import reverse

from sendplan.core.models import Partnership


class DeliveryStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"


class Plan(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=100, unique=True)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True, help_text="First year covered")
    period_end = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Last year covered")
    front_matter = models.TextField(
        blank=True, help_text="Introduction, context and governance text before the actions, kept whole."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan-detail", kwargs={"slug": self.slug})

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end and self.period_end != self.period_start:
            return f"{self.period_start} to {self.period_end}"
        return str(self.period_start or "")


class PlanRevision(models.Model):
    """One imported version of a plan document, kept whole so earlier versions are never lost."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    source_filename = models.CharField(max_length=255)
    source_format = models.CharField(max_length=20)
    source_sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.CharField(max_length=150, blank=True, help_text="User name, or blank for the CLI")
    content = models.JSONField(help_text="The parsed structure, as `sendplan parse --json` prints it")
    front_matter = models.TextField(blank=True)
    changes = models.JSONField(default=dict, help_text="Actions added, changed and removed")

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"{self.plan} revision {self.number}"

    @property
    def warnings(self) -> list:
        return self.content.get("warnings", [])

    @property
    def unassigned(self) -> list:
        return self.content.get("unassigned", [])


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    voice = models.JSONField(default=list, blank=True, help_text="Words of children and young people")

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_priority_number")]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"


class ActionQuerySet(models.QuerySet):
    def current(self):
        """Actions in the plan as it stands (not removed by a later revision)."""
        return self.filter(retired_in__isnull=True)


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    ref = models.CharField(max_length=20, help_text="Reference such as 2k")
    position = models.PositiveIntegerField(default=0)
    source_lead = models.CharField(max_length=300, blank=True, help_text="Lead as written in the source")
    source_due = models.DateField(null=True, blank=True, help_text="Target date as written in the source")
    source_status = models.CharField(max_length=100, blank=True, help_text="Status as written in the source")
    retired_in = models.ForeignKey(
        PlanRevision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retired_actions",
        help_text="The revision that removed this action from the plan; its history is kept.",
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "ref"], name="unique_action_ref")]

    def __str__(self) -> str:
        return f"{self.ref}: {self.summary}"

    def get_absolute_url(self) -> str:
        return reverse("plans:action-detail", kwargs={"slug": self.plan.slug, "ref": self.ref})

    @property
    def summary(self) -> str:
        whats = [item.text for item in self.items.all() if item.section == ActionItem.Section.WHAT]
        return whats[0] if whats else ""


class ActionItem(models.Model):
    """One paragraph or bullet of an action's four sections.

    *How we will achieve it* items are the action's milestones; *how we will know* items are its
    success measures. Items keep their identity across re-imports when their text is unchanged.
    """

    class Section(models.TextChoices):
        WHAT = "what", "What will we do?"
        HOW = "how", "How will we achieve this?"
        IMPACT = "impact", "What impact will this have?"
        MEASURES = "measures", "How will we know we have achieved?"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=10, choices=Section.choices)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["action", "section", "position"]
        indexes = [models.Index(fields=["action", "section", "position"])]

    def __str__(self) -> str:
        return self.text[:80]
