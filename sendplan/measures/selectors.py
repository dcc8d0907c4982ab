"""Reads of measures. Published indicators are open to everyone; a partnership's local indicators are
shown to everyone too for now (plans are public), so ``user`` only narrows nothing yet — the single
place to add restrictions when local measures become private.
"""

from django.db.models import Q, QuerySet

from sendplan.geography.models import Area

from .models import Indicator, Observation, Target


def indicator_list(*, user=None, partnership=None) -> QuerySet[Indicator]:
    qs = Indicator.objects.select_related("partnership")
    if partnership is not None:
        qs = qs.filter(Q(partnership__isnull=True) | Q(partnership=partnership))
    return qs.order_by("name")


def observations(*, user=None, indicator: Indicator, area: Area) -> QuerySet[Observation]:
    return Observation.objects.filter(indicator=indicator, area=area).order_by("period_start", "period_end")


def values_by_area(*, user=None, indicator: Indicator, areas: list[Area]) -> dict[int, dict]:
    """{area id: {period key: observation}} for several areas in one query."""
    out: dict[int, dict] = {a.pk: {} for a in areas}
    for obs in Observation.objects.filter(indicator=indicator, area__in=areas).order_by("period_start"):
        out[obs.area_id][(obs.period_type, obs.period_start, obs.period_end)] = obs
    return out


def targets(*, user=None, indicator: Indicator, area: Area) -> QuerySet[Target]:
    return Target.objects.filter(indicator=indicator, area=area).order_by("kind", "period_start")


def areas_with_data(*, user=None, indicator: Indicator) -> QuerySet[Area]:
    return Area.objects.filter(observations__indicator=indicator).distinct().order_by("level", "name")


def comparison_rows(*, user=None, indicator: Indicator, area: Area) -> list[dict]:
    """Per period of the area's series: the area, its region, England and its neighbour average."""
    from sendplan.geography.selectors import england, neighbours

    own = list(observations(user=user, indicator=indicator, area=area))
    region = area.region if area.region_id else None
    country = england(user=user)
    links = neighbours(user=user, area=area) if area.level == "council" else []
    others = {"region": region, "england": country if country and country.pk != area.pk else None}
    ids = [a.pk for a in others.values() if a] + [n.neighbour_id for n in links]
    by_area: dict[int, dict] = {}
    for obs in Observation.objects.filter(indicator=indicator, area_id__in=ids):
        by_area.setdefault(obs.area_id, {})[(obs.period_type, obs.period_start, obs.period_end)] = obs
    rows = []
    for obs in own:
        key = (obs.period_type, obs.period_start, obs.period_end)
        row = {"period": obs.period_label, "area": obs}
        for name, other in others.items():
            row[name] = by_area.get(other.pk, {}).get(key) if other else None
        nvals = [by_area.get(n.neighbour_id, {}).get(key) for n in links]
        nvals = [o.value for o in nvals if o is not None and o.value is not None]
        row["neighbours"] = sum(nvals) / len(nvals) if nvals else None
        row["neighbours_n"] = len(nvals)
        rows.append(row)
    return rows


def linked_indicators(*, user=None, action) -> QuerySet[Indicator]:
    return Indicator.objects.filter(links__action=action).distinct().order_by("name")
