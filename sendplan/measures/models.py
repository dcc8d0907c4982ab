"""Measures of impact: indicators, their observed values per area and period, and local baselines/targets."""

from django.db import models
from django.urls import reverse

from sendplan.core.models import Partnership
from sendplan.geography.models import Area
from sendplan.plans.models import Action, ActionItem


class Unit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    COUNT = "count", "Count"
    RATE = "rate", "Rate"
    SCORE = "score", "Score"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NEITHER = "neither", "Neither higher nor lower is better"


class Frequency(models.TextChoices):
    ANNUAL = "annual", "Annual"
    TERMLY = "termly", "Termly"
    QUARTERLY = "quarterly", "Quarterly"
    MONTHLY = "monthly", "Monthly"
    OTHER = "other", "Other"


class PeriodType(models.TextChoices):
    CALENDAR = "calendar", "Calendar year"
    ACADEMIC = "academic", "Academic year"
    FINANCIAL = "financial", "Financial year"
    MULTI_YEAR = "multi_year", "Several years"
    QUARTER = "quarter", "Quarter"
    MONTH = "month", "Month"


class MissingReason(models.TextChoices):
    """Why a value is missing. Never stored as zero."""

    NOT_AVAILABLE = "not_available", "not available"
    NOT_APPLICABLE = "not_applicable", "not applicable"
    CONFIDENTIAL = "confidential", "confidential (suppressed)"
    LOW = "low", "rounds to zero"
    LOW_RELIABILITY = "low_reliability", "low reliability"
    BLANK = "blank", "no value in the source"


class Indicator(models.Model):
    """What is measured. Published indicators belong to no partnership; local ones to one partnership."""

    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.COUNT)
    decimals = models.PositiveSmallIntegerField(null=True, blank=True)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.NEITHER)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.ANNUAL)
    source = models.CharField(max_length=500, blank=True, help_text="Publication, file and column")
    source_code = models.CharField(max_length=200, blank=True, help_text="Column name or LAIT short code")
    data_owner = models.CharField(max_length=300, blank=True)
    actions = models.ManyToManyField(Action, through="IndicatorLink", related_name="indicators", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("measures:indicator-detail", kwargs={"slug": self.slug})


class IndicatorLink(models.Model):
    """An indicator evidences a plan action, optionally one of its success measures."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="links")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicator_links")
    item = models.ForeignKey(
        ActionItem,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_links",
        help_text='A "How will we know we have achieved?" item of the action',
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "action", "item"], name="unique_indicator_link"),
            models.UniqueConstraint(
                fields=["indicator", "action"],
                condition=models.Q(item__isnull=True),
                name="unique_indicator_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} → {self.action.ref}"


class PeriodFields(models.Model):
    period_type = models.CharField(max_length=12, choices=PeriodType.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=40, help_text="As shown, e.g. 2024, 2023/24, 2023-24")

    class Meta:
        abstract = True


class Observation(PeriodFields):
    """One published or local value of an indicator for an area and period; missing values keep a reason."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    value = models.FloatField(null=True, blank=True)
    missing_reason = models.CharField(max_length=20, choices=MissingReason.choices, blank=True)
    missing_symbol = models.CharField(max_length=10, blank=True, help_text="The symbol in the source, e.g. x")
    note = models.CharField(max_length=100, blank=True, help_text="e.g. revised, provisional")
    source = models.CharField(max_length=255, blank=True, help_text="File the value came from")

    class Meta:
        ordering = ["indicator", "area", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_type", "period_start", "period_end"],
                name="unique_observation",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False, missing_reason="")
                | models.Q(value__isnull=True) & ~models.Q(missing_reason=""),
                name="observation_value_or_reason",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period_start"])]

    def __str__(self) -> str:
        return f"{self.indicator.slug} {self.area.code} {self.period_label}: {self.value}"


class TargetKind(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    TARGET = "target", "Target"
    FORECAST = "forecast", "Plan forecast"


class Target(PeriodFields):
    """A partnership's baseline, target or own forecast for an indicator in an area and period."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="targets")
    kind = models.CharField(max_length=10, choices=TargetKind.choices)
    value = models.FloatField()
    note = models.CharField(max_length=300, blank=True, help_text="Where the figure comes from")

    class Meta:
        ordering = ["indicator", "area", "kind", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "partnership",
                    "indicator",
                    "area",
                    "kind",
                    "period_type",
                    "period_start",
                    "period_end",
                ],
                name="unique_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.indicator.slug} {self.area.code} {self.period_label}: {self.value}"
