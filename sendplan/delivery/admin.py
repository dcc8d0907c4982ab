"""Django admin for delivery records; every save and delete is audited. Day-to-day work uses the pages."""

from django.contrib import admin

from sendplan.audit.admin import AuditedModelAdmin

from .models import ActionOwnership, Board, BoardMeeting, Milestone, Reminder, ReportingPeriod, Update


class BoardMeetingInline(admin.TabularInline):
    model = BoardMeeting
    extra = 1


@admin.register(Board)
class BoardAdmin(AuditedModelAdmin):
    list_display = ["name", "chair", "partnership"]
    inlines = [BoardMeetingInline]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(AuditedModelAdmin):
    list_display = ["plan", "key", "opens_on", "closes_on"]
    list_filter = ["plan"]


@admin.register(ActionOwnership)
class ActionOwnershipAdmin(AuditedModelAdmin):
    list_display = ["action", "lead", "lead_organisation", "due"]
    raw_id_fields = ["action", "lead"]


@admin.register(Milestone)
class MilestoneAdmin(AuditedModelAdmin):
    list_display = ["item", "owner", "due", "status"]
    raw_id_fields = ["item", "owner"]


@admin.register(Update)
class UpdateAdmin(AuditedModelAdmin):
    """Read-only: updates change through the pages and API, which check versions and approval locks."""

    list_display = ["action", "period", "status", "state", "version"]
    list_filter = ["state", "status"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "user", "period", "kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
