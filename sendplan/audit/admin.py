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
