"""Plan register endpoints (read-only)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from . import selectors

router = Router(tags=["plans"])


class PlanOut(Schema):
    slug: str
    title: str
    period_start: int | None
    period_end: int | None


@router.get("/plans", response=list[PlanOut])
def plan_list(request):
    return list(selectors.plan_list(user=request.user))


@router.get("/plans/{slug}", response=dict)
def plan_detail(request, slug: str):
    plan = get_object_or_404(selectors.plan_list(user=request.user), slug=slug)
    return selectors.plan_as_dict(plan=plan)
