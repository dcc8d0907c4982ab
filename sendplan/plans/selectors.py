"""Reads of the plan register. Every read takes the user, so permissions apply in one place."""

from django.db.models import Prefetch, QuerySet

from .models import Action, ActionItem, Plan, Priority


def plan_list(*, user) -> QuerySet[Plan]:
    """Plans the user may see (plan text is published: everyone sees every plan)."""
    return Plan.objects.select_related("partnership").all()


def plan_priorities(*, plan: Plan) -> QuerySet[Priority]:
    """The plan's priorities, each with its actions and their items (a fixed number of queries)."""
    actions = Action.objects.order_by("position").prefetch_related(
        Prefetch("items", queryset=ActionItem.objects.order_by("position"))
    )
    return plan.priorities.order_by("number").prefetch_related(Prefetch("actions", queryset=actions))


def action_sections(*, action: Action) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {key: [] for key in ActionItem.Section.values}
    for item in action.items.all():
        sections[item.section].append(item.text)
    return sections


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
