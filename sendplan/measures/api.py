"""Measures endpoints (read-only): indicators and their observations per area."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from sendplan.geography.selectors import area_by_code

from . import selectors

router = Router(tags=["measures"])


class IndicatorOut(Schema):
    slug: str
    name: str
    definition: str
    unit: str
    polarity: str
    frequency: str
    source: str
    data_owner: str
    partnership: str | None = None

    @staticmethod
    def resolve_partnership(obj) -> str | None:
        return obj.partnership.slug if obj.partnership_id else None


class ObservationOut(Schema):
    period: str
    period_type: str
    period_start: str
    value: float | None
    missing_reason: str | None
    missing_symbol: str | None
    note: str


class ObservationsOut(Schema):
    indicator: str
    area_code: str
    area_name: str
    old_code: str
    observations: list[ObservationOut]


@router.get("/indicators", response=list[IndicatorOut])
def indicator_list(request):
    return list(selectors.indicator_list(user=request.user))


@router.get("/indicators/{slug}", response=IndicatorOut)
def indicator_detail(request, slug: str):
    return get_object_or_404(selectors.indicator_list(user=request.user), slug=slug)


@router.get("/indicators/{slug}/observations", response=ObservationsOut)
def indicator_observations(request, slug: str, area: str):
    """Values for one area: ``area`` is a 9-character code (any the area ever had), or a 3-digit LA number."""
    indicator = get_object_or_404(selectors.indicator_list(user=request.user), slug=slug)
    found = area_by_code(user=request.user, code=area)
    if found is None:
        raise HttpError(404, f"unknown area {area!r}")
    rows = selectors.observations(user=request.user, indicator=indicator, area=found)
    return {
        "indicator": indicator.slug,
        "area_code": found.code,
        "area_name": found.name,
        "old_code": found.old_code,
        "observations": [
            {
                "period": o.period_label,
                "period_type": o.period_type,
                "period_start": o.period_start.isoformat(),
                "value": o.value,
                "missing_reason": o.get_missing_reason_display() if o.missing_reason else None,
                "missing_symbol": o.missing_symbol or None,
                "note": o.note,
            }
            for o in rows
        ],
    }
