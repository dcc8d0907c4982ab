"""The audit trail: one row for every create, change and delete, which nobody can edit or delete."""

from django.conf import settings
from django.db import models


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit entries cannot be changed")

    def delete(self):
        raise PermissionError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"

    class Source(models.TextChoices):
        WEB = "web", "Web page"
        API = "api", "API"
        CLI = "cli", "Command line"
        IMPORT = "import", "Import"
        ADMIN = "admin", "Admin site"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # No database constraint: the row outlives the user; the name is kept beside it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    request_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_type = models.CharField(max_length=100, help_text="app_label.model")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    changed_fields = models.JSONField(default=list, blank=True)
    message = models.CharField(max_length=300, blank=True)
    # Where the object sits, for "changes to this plan / action" (plain ids: they outlive the objects).
    partnership_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    plan_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_type} {self.object_repr} by {self.actor_name or 'system'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit entries cannot be deleted")
