"""Reads of reference geography (public facts: every user sees all of it)."""

from django.db.models import QuerySet

from .models import Area, AreaCode, Level, Neighbour, NeighbourSet


def area_list(*, user=None, level: str | None = None) -> QuerySet[Area]:
    qs = Area.objects.select_related("region")
    return qs.filter(level=level) if level else qs


def area_by_code(*, user=None, code: str) -> Area | None:
    """An area by any 9-character code it ever had, or by its 3-digit LA number."""
    text = (code or "").strip()
    if not text:
        return None
    if text.isdigit():
        return Area.objects.filter(old_code=str(int(text))).first()
    found = AreaCode.objects.select_related("area").filter(code__iexact=text).first()
    return found.area if found else Area.objects.filter(code__iexact=text).first()


def england(*, user=None) -> Area | None:
    return Area.objects.filter(level=Level.COUNTRY).first()


def latest_neighbour_set(*, user=None) -> NeighbourSet | None:
    return NeighbourSet.objects.order_by("-year", "-imported_at").first()


def neighbours(*, user=None, area: Area, neighbour_set: NeighbourSet | None = None) -> list[Neighbour]:
    nset = neighbour_set or latest_neighbour_set(user=user)
    if nset is None:
        return []
    return list(nset.neighbours.filter(area=area).select_related("neighbour").order_by("rank"))
