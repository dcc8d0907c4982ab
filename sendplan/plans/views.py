"""Plan register pages: thin views over selectors."""

from django.shortcuts import get_object_or_404, render

from . import selectors


def plan_list(request):
    plans = selectors.plan_list(user=request.user)
    return render(request, "plans/plan_list.html", {"plans": plans})


def plan_detail(request, slug):
    plan = get_object_or_404(selectors.plan_list(user=request.user), slug=slug)
    return render(
        request, "plans/plan_detail.html", {"plan": plan, "priorities": selectors.plan_priorities(plan=plan)}
    )


def plan_search(request, slug):
    plan = get_object_or_404(selectors.plan_list(user=request.user), slug=slug)
    return render(request, "plans/plan_search.html", {"plan": plan, "query": request.GET.get("q", "")})


def action_detail(request, slug, ref):
    plan = get_object_or_404(selectors.plan_list(user=request.user), slug=slug)
    action = get_object_or_404(plan.actions.select_related("priority"), ref=ref)
    return render(
        request,
        "plans/action_detail.html",
        {"plan": plan, "action": action, "sections": selectors.action_sections(action=action)},
    )
