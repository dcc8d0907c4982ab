from django.conf import settings

from .models import Partnership

# URL namespaces whose ``slug``/``plan_slug`` argument names a plan.
_PLAN_NAMESPACES = {"plans", "delivery", "measures"}


def site(request):
    """The name in the page header: the partnership whose plan the page shows; else the signed-in
    user's partnership; else the only partnership stored; else the ``PARTNERSHIP_NAME`` setting."""
    return {"partnership_name": _partnership_name(request) or settings.SENDPLAN_PARTNERSHIP_NAME}


def _partnership_name(request) -> str | None:
    from sendplan.plans.models import Plan

    match = getattr(request, "resolver_match", None)
    if match is not None and _PLAN_NAMESPACES & set(match.namespaces):
        slug = match.kwargs.get("slug") or match.kwargs.get("plan_slug")
        if slug:
            name = Plan.objects.filter(slug=slug).values_list("partnership__name", flat=True).first()
            if name:
                return name
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        name = (
            Partnership.objects.filter(organisations__members__user=user)
            .values_list("name", flat=True)
            .first()
        )
        if name:
            return name
    names = list(Partnership.objects.values_list("name", flat=True)[:2])
    return names[0] if len(names) == 1 else None
