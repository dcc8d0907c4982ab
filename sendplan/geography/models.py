"""England, its regions and councils, the codes each used over time, and statistical neighbour groups."""

from django.db import models


class Level(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    COUNCIL = "council", "Council"


class Area(models.Model):
    """One geography over time: a council keeps its area when its 9-character code changes.

    ``code`` is the latest code; ``old_code`` is DfE's 3-digit LA number (LAIT's 970 and 980–990 for
    England and the regions). Every code the area ever had is an ``AreaCode``.
    """

    code = models.CharField(max_length=9, unique=True)
    old_code = models.CharField(max_length=4, blank=True, db_index=True)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=Level.choices)
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True, help_text="Blank while the area is in use")

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class AreaCode(models.Model):
    """A 9-character code and the dates it was in force."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=200)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Closeness(models.TextChoices):
    EXTREMELY_CLOSE = "extremely_close", "Extremely close"
    VERY_CLOSE = "very_close", "Very close"
    CLOSE = "close", "Close"
    SOMEWHAT_CLOSE = "somewhat_close", "Somewhat close"
    NOT_CLOSE = "not_close", "Not close"


class NeighbourSet(models.Model):
    """One publication of DfE's children's services statistical neighbour groups."""

    name = models.CharField(max_length=100, unique=True, help_text="e.g. sn_may_2025")
    year = models.PositiveSmallIntegerField()
    source_filename = models.CharField(max_length=255)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class Neighbour(models.Model):
    neighbour_set = models.ForeignKey(NeighbourSet, on_delete=models.CASCADE, related_name="neighbours")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    closeness = models.CharField(max_length=20, choices=Closeness.choices, blank=True)

    class Meta:
        ordering = ["neighbour_set", "area", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["neighbour_set", "area", "rank"], name="unique_neighbour_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.area} #{self.rank}: {self.neighbour}"
