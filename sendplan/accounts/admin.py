from django.contrib import admin

from sendplan.audit.admin import AuditedModelAdmin

from .models import ApiToken, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "partnership"]
    list_filter = ["kind", "partnership"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    """Tokens can be revoked (deleted) here; new ones come from `sendplan token USERNAME`."""

    list_display = ["prefix", "user", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "user", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
