"""Plan register pages: thin views over selectors. Every page works without JavaScript."""

import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from sendplan.accounts import permissions

from . import selectors, services
from .forms import PlanImportForm
from .models import ActionItem, DeliveryStatus
from .parsing import PlanFormatError

# GOV.UK tag colour for each delivery status; the word is always shown with the colour.
STATUS_TAG_CLASSES = {
    DeliveryStatus.NOT_STARTED: "govuk-tag--grey",
    DeliveryStatus.ON_TRACK: "govuk-tag--green",
    DeliveryStatus.AT_RISK: "govuk-tag--yellow",
    DeliveryStatus.OFF_TRACK: "govuk-tag--red",
    DeliveryStatus.COMPLETE: "govuk-tag--blue",
}
CHANGE_LABELS = {"added": "Actions added", "changed": "Actions changed", "removed": "Actions removed"}


def status_tag(value: str) -> dict | None:
    """How to show a status from the source: a tag for a known status, else the words as written."""
    if not value:
        return None
    if value in DeliveryStatus.values:
        return {"label": DeliveryStatus(value).label, "classes": STATUS_TAG_CLASSES[DeliveryStatus(value)]}
    return {"label": value, "classes": None}


def _plan(request, slug):
    return get_object_or_404(selectors.plan_list(user=request.user), slug=slug)


def plan_list(request):
    plans = selectors.plan_summaries(user=request.user)
    return render(
        request, "plans/plan_list.html", {"plans": plans, "can_import": permissions.can_manage(request.user)}
    )


def plan_detail(request, slug):
    plan = _plan(request, slug)
    priorities = list(selectors.plan_priorities(plan=plan))
    action_count = 0
    for priority in priorities:
        for action in priority.actions.all():
            action.status_tag = status_tag(action.source_status)
            action_count += 1
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "priorities": priorities,
            "action_count": action_count,
            "revision": selectors.plan_latest_revision(plan=plan),
            "can_import": permissions.allowed(request.user, "assign", plan),
        },
    )


def action_detail(request, slug, ref):
    plan = _plan(request, slug)
    action = selectors.plan_action(plan=plan, ref=ref)
    if action is None:
        # A ref typed in another case (2K for 2k) finds the action when it is unambiguous.
        matches = selectors.plan_action_refs_like(plan=plan, ref=ref)
        if len(matches) == 1:
            return redirect("plans:action-detail", slug=plan.slug, ref=matches[0])
        raise Http404("No such action")
    sections = selectors.action_sections(action=action)
    previous, following = (None, None) if action.retired_in_id else selectors.action_neighbours(action=action)
    return render(
        request,
        "plans/action_detail.html",
        {
            "plan": plan,
            "action": action,
            "sections": [
                {"key": key, "label": label, "items": sections[key]}
                for key, label in ActionItem.Section.choices
            ],
            "status": status_tag(action.source_status),
            "previous": previous,
            "next": following,
        },
    )


@dataclass
class SearchResult:
    action: object
    # [(section label, [[(text, is_match), ...] for each matching item]), ...] in the plan's section order
    matches: list = field(default_factory=list)


def highlight(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` split into (part, is_match) pieces around each case-insensitive occurrence of ``query``."""
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    return [(part, index % 2 == 1) for index, part in enumerate(parts) if part]


def plan_search(request, slug):
    plan = _plan(request, slug)
    query = selectors.normalise_query(request.GET.get("q", ""))
    error, results = None, None
    if "q" in request.GET:
        if not query:
            error = "Enter a word or an action reference to search for"
        elif len(query) > selectors.SEARCH_MAX_LENGTH:
            error = f"Search for {selectors.SEARCH_MAX_LENGTH} characters or fewer"
        else:
            results = []
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            for action in selectors.action_search(plan=plan, query=query):
                found = {key: [] for key in ActionItem.Section.values}
                for item in action.items.all():
                    if pattern.search(item.text):
                        found.setdefault(item.section, []).append(highlight(item.text, query))
                labels = dict(ActionItem.Section.choices)
                matches = [(labels.get(key, key), items) for key, items in found.items() if items]
                results.append(SearchResult(action=action, matches=matches))
    return render(
        request,
        "plans/plan_search.html",
        {"plan": plan, "query": query, "error": error, "results": results},
    )


def plan_revisions(request, slug):
    plan = _plan(request, slug)
    revisions = list(selectors.plan_revisions(plan=plan))
    for revision in revisions:
        changes = revision.changes if isinstance(revision.changes, dict) else {}
        revision.change_rows = [
            {"label": label, "refs": list(changes.get(key) or [])} for key, label in CHANGE_LABELS.items()
        ]
    return render(request, "plans/plan_revisions.html", {"plan": plan, "revisions": revisions})


@login_required
def plan_import(request, slug=None):
    """Upload a plan document (managers and administrators): a new plan, or a revised version of one."""
    plan = _plan(request, slug) if slug else None
    if plan is not None:
        permissions.check(request.user, "assign", plan, visible="view")
    elif not permissions.can_manage(request.user):
        raise PermissionDenied("Only plan managers and administrators can import a plan.")
    form = PlanImportForm(request.POST or None, request.FILES or None, revising=plan is not None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.plan_import(
                data=upload.read(),
                filename=upload.name,
                slug=plan.slug if plan else form.cleaned_data["slug"],
                partnership=_import_partnership(request.user) if plan is None else None,
                actor=request.user,
                existing_only=plan is not None,
                new_only=plan is None,
            )
        except PlanFormatError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, result.summary)
            return redirect("plans:plan-revisions", slug=result.plan.slug)
    return render(request, "plans/plan_import.html", {"form": form, "plan": plan})


def _import_partnership(user):
    found = permissions.membership(user)
    return found.organisation.partnership if found else None
