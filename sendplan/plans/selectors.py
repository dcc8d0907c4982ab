"""Reads of the plan register. Every read takes the user, so permissions apply in one place."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Action, ActionItem, Plan, PlanRevision, Priority

SEARCH_MAX_LENGTH = 200


def plan_list(*, user) -> QuerySet[Plan]:
    """Plans the user may see (plan text is published: everyone sees every plan)."""
    return Plan.objects.select_related("partnership").all()


def _count(model, *conditions, **filters) -> Coalesce:
    """A correlated subquery counting ``model`` rows of the outer plan (0 when there are none)."""
    rows = model.objects.filter(*conditions, plan=OuterRef("pk"), **filters).order_by().values("plan")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0))


def _has_current_actions() -> Exists:
    """For a priority: it has at least one action not retired by a later revision."""
    return Exists(Action.objects.current().filter(priority_id=OuterRef("pk")))


def plan_summaries(*, user) -> QuerySet[Plan]:
    """:func:`plan_list` with ``priority_count`` and ``action_count`` (of the plan as it stands, as
    :func:`plan_priorities` shows it) and ``last_imported`` (one query)."""
    return (
        plan_list(user=user)
        .defer("front_matter")
        .annotate(
            priority_count=_count(Priority, _has_current_actions()),
            action_count=_count(Action, retired_in__isnull=True),
            last_imported=Subquery(
                PlanRevision.objects.filter(plan=OuterRef("pk")).order_by("-number").values("imported_at")[:1]
            ),
        )
    )


def plan_priorities(*, plan: Plan) -> QuerySet[Priority]:
    """The plan as it stands: its priorities, each with its current actions and their items.

    Actions retired by a later revision are left out, and so are priorities left with none of their
    actions current. A fixed number of queries, however large the plan.
    """
    actions = (
        Action.objects.current()
        .order_by("position")
        .prefetch_related(Prefetch("items", queryset=ActionItem.objects.order_by("section", "position")))
    )
    return (
        plan.priorities.filter(_has_current_actions())
        .order_by("number")
        .prefetch_related(Prefetch("actions", queryset=actions))
    )


def plan_action(*, plan: Plan, ref: str) -> Action | None:
    """The plan's action with this exact ref (refs are case-sensitive), with its priority and, for an
    action a later revision removed, ``retired_in`` (its history is kept, so its page still works)."""
    return plan.actions.select_related("priority", "retired_in").filter(ref=ref).first()


def plan_action_refs_like(*, plan: Plan, ref: str) -> list[str]:
    """Refs of current actions equal to ``ref`` ignoring case (at most two: enough to see ambiguity)."""
    return list(plan.actions.current().filter(ref__iexact=ref).values_list("ref", flat=True)[:2])


def plan_latest_revision(*, plan: Plan) -> PlanRevision | None:
    """The most recent import of the plan, with its parsed content (warnings, unassigned lines)."""
    return plan.revisions.order_by("-number").first()


def plan_revisions(*, plan: Plan) -> QuerySet[PlanRevision]:
    """Every import of the plan, newest first, without the (large) parsed content."""
    return plan.revisions.order_by("-number").defer("content", "front_matter")


def action_sections(*, action: Action) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {key: [] for key in ActionItem.Section.values}
    for item in action.items.all():
        sections[item.section].append(item.text)
    return sections


def action_neighbours(*, action: Action) -> tuple[Action | None, Action | None]:
    """The actions before and after ``action`` in the plan's order (each with only its ref loaded)."""
    siblings = Action.objects.current().filter(plan_id=action.plan_id).only("ref", "plan_id", "position")
    before = Q(position__lt=action.position) | Q(position=action.position, pk__lt=action.pk)
    after = Q(position__gt=action.position) | Q(position=action.position, pk__gt=action.pk)
    previous = siblings.filter(before).order_by("-position", "-pk").first()
    following = siblings.filter(after).order_by("position", "pk").first()
    return previous, following


def normalise_query(query: str) -> str:
    """A search query with white space collapsed, as item texts are stored."""
    return " ".join(query.split())


def action_search(*, plan: Plan, query: str) -> QuerySet[Action]:
    """Actions of ``plan`` whose ref or any item text contains ``query`` (case-insensitive).

    Each action has its priority and all its items (``items.all()``) loaded, in plan order.
    ``icontains`` is portable: LIKE on SQLite, UPPER(...) LIKE UPPER(...) on PostgreSQL.
    """
    query = normalise_query(query)
    if not query:
        return Action.objects.none()
    matching = ActionItem.objects.filter(action_id=OuterRef("pk"), text__icontains=query)
    return (
        plan.actions.current()
        .filter(Q(ref__icontains=query) | Exists(matching))
        .select_related("priority")
        .order_by("position", "pk")
        .prefetch_related(Prefetch("items", queryset=ActionItem.objects.order_by("position")))
    )


def plan_as_dict(*, plan: Plan) -> dict:
    """The plan's structure in the shape `sendplan parse --json` prints (without warnings)."""
    return {
        "slug": plan.slug,
        "title": plan.title,
        "priorities": [
            {
                "number": priority.number,
                "title": priority.title,
                "voice": priority.voice,
                "actions": [
                    {
                        "ref": action.ref,
                        **action_sections(action=action),
                        "lead": action.source_lead or None,
                        "due": action.source_due.isoformat() if action.source_due else None,
                        "status": action.source_status or None,
                    }
                    for action in priority.actions.all()
                ],
            }
            for priority in plan_priorities(plan=plan)
        ],
    }
