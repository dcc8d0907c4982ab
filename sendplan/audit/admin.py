from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail can be searched here but never added to, changed or deleted."""

    list_display = ["created_at", "actor_name", "kind", "object_type", "object_repr", "source", "request_id"]
    list_filter = ["kind", "source", "object_type"]
    search_fields = ["actor_name", "object_repr", "request_id"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes are recorded in the audit trail (source "admin")."""

    def save_model(self, request, obj, form, change):
        from .services import snapshot

        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        self._audit = (before, change)

    def save_related(self, request, form, formsets, change):
        from .services import audit_record, snapshot

        super().save_related(request, form, formsets, change)
        before, changed = getattr(self, "_audit", (None, change))
        obj = form.instance
        audit_record(
            actor=request.user, kind="change" if changed else "create", obj=obj, before=before,
            after=snapshot(obj), source="admin",
        )  # fmt: skip

    def delete_model(self, request, obj):
        from .services import audit_record, snapshot

        audit_record(actor=request.user, kind="delete", obj=obj, before=snapshot(obj), source="admin")
        super().delete_model(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bulk deletes would bypass the audit trail
        return actions
