from django.contrib import admin

from .models import Indicator, IndicatorLink, Target


class LinkInline(admin.TabularInline):
    model = IndicatorLink
    extra = 0
    raw_id_fields = ["action", "item"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "unit", "polarity", "partnership"]
    list_filter = ["unit", "polarity", "partnership"]
    search_fields = ["name", "slug", "source_code"]
    inlines = [LinkInline]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "kind", "period_label", "value", "partnership"]
    list_filter = ["kind", "partnership"]
    raw_id_fields = ["indicator", "area"]
