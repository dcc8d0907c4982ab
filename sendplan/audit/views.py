"""The audit trail page: managers and admins, filtered by plan, action or person."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from sendplan.delivery import selectors as delivery_selectors

from . import selectors


@login_required
def audit_list(request):
    slug, ref, username = (
        request.GET.get("plan", ""),
        request.GET.get("action", ""),
        request.GET.get("user", ""),
    )
    plan = delivery_selectors.plan(user=request.user, slug=slug) if slug else None
    action = delivery_selectors.action(user=request.user, plan=plan, ref=ref) if plan and ref else None
    entries = selectors.entries(user=request.user, plan=plan, action=action, actor_username=username or None)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {"page": page, "plan": plan, "action": action, "username": username}
    return render(request, "audit/audit_list.html", context)
