"""Partner organisations, each user's organisation and role, and API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.db import models

from sendplan.core.models import Partnership


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    MANAGER = "manager", "Plan manager"
    LEAD = "lead", "Action lead"
    CONTRIBUTOR = "contributor", "Contributor"
    VIEWER = "viewer", "Viewer"


class Organisation(models.Model):
    """A partner organisation: the council, the ICB, an NHS trust, the parent carer forum, a charity."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        ICB = "icb", "Integrated Care Board"
        NHS_TRUST = "nhs_trust", "NHS trust"
        PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"
        VOLUNTARY = "voluntary", "Voluntary sector"
        SCHOOL = "school", "School or college"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_organisation_name")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """The one organisation a user belongs to, and their role there."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"


def display_name(user) -> str:
    """How a person is shown: their full name, else their user name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token. Only its SHA-256 hash is stored; the token itself is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="First characters, to tell tokens apart")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)
