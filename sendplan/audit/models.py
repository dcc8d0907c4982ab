"""The audit trail: one row for every create, change and delete, which nobody can edit or delete."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst


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

    def _model(self):
        try:
            return apps.get_model(self.object_type)
        except (LookupError, ValueError):
            return None

    @property
    def object_type_label(self) -> str:
        """The kind of record in words ("Update", "Action ownership"); the raw ``object_type`` stays."""
        model = self._model()
        return capfirst(str(model._meta.verbose_name)) if model else self.object_type

    def field_label(self, name: str) -> str:
        """A field of the record in words: its verbose name, else the name with spaces."""
        model = self._model()
        try:
            label = model._meta.get_field(name).verbose_name if model else None
        except FieldDoesNotExist:
            label = None
        return capfirst(str(label or name.replace("_", " ")))

    @property
    def changes(self) -> list[dict]:
        """Each changed field: ``label`` (words), ``name`` (raw), ``before`` and ``after`` values."""
        before, after = self.before or {}, self.after or {}
        return [
            {
                "label": self.field_label(name),
                "name": name,
                "before": before.get(name),
                "after": after.get(name),
            }
            for name in self.changed_fields or []
        ]
