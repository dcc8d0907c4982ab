from django.contrib import admin

from .models import Area, AreaCode, NeighbourSet


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "old_code", "level", "valid_to"]
    list_filter = ["level"]
    search_fields = ["name", "code", "old_code"]


@admin.register(AreaCode)
class AreaCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "valid_from", "valid_to"]
    search_fields = ["code", "name"]


@admin.register(NeighbourSet)
class NeighbourSetAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "source_filename", "imported_at"]
