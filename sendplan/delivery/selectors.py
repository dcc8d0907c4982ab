"""Reads for delivery tracking. Each takes the user and filters through the permissions module."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from sendplan.accounts import permissions
from sendplan.plans.models import Action, ActionItem, Plan

from .models import ActionOwnership, Board, Evidence, Milestone, ReportingPeriod, Update, today


def plans(*, user) -> QuerySet[Plan]:
    """Plans whose delivery the user may see (their partnership's)."""
    return permissions.restrict(user, Plan.objects.select_related("partnership"), "view_internal")


def plan(*, user, slug: str) -> Plan:
    return permissions.get_visible(user, Plan.objects.select_related("partnership"), slug=slug)


def action(*, user, plan: Plan, ref: str) -> Action:
    queryset = Action.objects.filter(plan=plan).select_related("plan", "priority")
    return permissions.get_visible(user, queryset, ref__iexact=ref)


def _updates_prefetch() -> Prefetch:
    return Prefetch(
        "updates",
        queryset=Update.objects.select_related("period").order_by("-period__starts_on"),
        to_attr="updates_newest_first",
    )


def tracker(*, user, plan: Plan) -> QuerySet[Action]:
    """Every action of the plan with its owners and updates, in a fixed number of queries."""
    what = Prefetch(
        "items", queryset=ActionItem.objects.filter(section=ActionItem.Section.WHAT).order_by("position"),
        to_attr="what_items",
    )  # fmt: skip
    return (
        permissions.restrict(user, Action.objects.filter(plan=plan, retired_in__isnull=True), "view_internal")
        .select_related("priority", "ownership__lead", "ownership__lead_organisation")
        .prefetch_related(what, _updates_prefetch())
        .order_by("position")
    )


def deliverable_action_ids(*, user, plan: Plan) -> set[int]:
    return set(
        permissions.restrict(user, Action.objects.filter(plan=plan), "deliver").values_list("pk", flat=True)
    )


def ownership(*, action: Action) -> ActionOwnership | None:
    return (
        ActionOwnership.objects.filter(action=action)
        .select_related("lead", "lead_organisation")
        .prefetch_related("supporting_organisations", "boards__meetings")
        .first()
    )


def milestones(*, action: Action) -> list[tuple[ActionItem, Milestone | None]]:
    """The action's *how* items, each with its milestone record (None until one is set)."""
    items = action.items.filter(section=ActionItem.Section.HOW).order_by("position")
    found = {m.item_id: m for m in Milestone.objects.filter(item__in=items).select_related("owner")}
    return [(item, found.get(item.pk)) for item in items]


def updates(*, user, action: Action) -> QuerySet[Update]:
    """The action's updates, newest period first (the status history)."""
    return (
        permissions.restrict(user, Update.objects.filter(action=action), "view_internal")
        .select_related("period", "updated_by", "reviewed_by")
        .order_by("-period__starts_on")
    )


def update(*, user, pk: int) -> Update:
    queryset = Update.objects.select_related(
        "period", "action__plan", "action__priority", "updated_by", "reviewed_by"
    )
    return permissions.get_visible(user, queryset, pk=pk)


def evidence(*, user, pk: int) -> Evidence:
    return permissions.get_visible(user, Evidence.objects.select_related("update__action__plan"), pk=pk)


def periods(*, user, plan: Plan) -> QuerySet[ReportingPeriod]:
    return permissions.restrict(user, plan.reporting_periods.all(), "view_internal").order_by("-starts_on")


def open_periods(*, plan: Plan) -> list[ReportingPeriod]:
    on = today()
    return list(plan.reporting_periods.filter(opens_on__lte=on, closes_on__gte=on).order_by("-starts_on"))


def boards(*, user) -> QuerySet[Board]:
    return permissions.restrict(user, Board.objects.prefetch_related("meetings"), "view_internal")


@dataclass
class Task:
    """One action in a person's list of updates due."""

    action: Action
    period: ReportingPeriod
    update: Update | None
    plan: Plan = field(init=False)

    def __post_init__(self):
        self.plan = self.action.plan

    @property
    def is_done(self) -> bool:
        """An approved update is done: nothing more is due."""
        return self.update is not None and self.update.state == Update.State.APPROVED

    @property
    def state_label(self) -> str:
        if self.update is None:
            return "Not started"
        if self.update.state in {Update.State.DRAFT, Update.State.RETURNED}:
            return "Returned" if self.update.state == Update.State.RETURNED else "In progress"
        return self.update.get_state_display()


_ASSIGNED = Q(ownership__lead__isnull=False) | Q(ownership__lead_organisation__isnull=False)


def _responsible_for(user) -> Q | None:
    """The actions ``user`` answers for: a lead's own (and their organisation's without a lead officer),
    a contributor's organisation's; for managers and admins every assigned action. None: no actions."""
    role = permissions.role(user)
    if role in permissions.MANAGING:
        return _ASSIGNED
    found = permissions.membership(user)
    if found is None:
        return None
    organisation = Q(ownership__lead_organisation_id=found.organisation_id)
    if role == "lead":
        return Q(ownership__lead_id=user.pk) | (organisation & Q(ownership__lead__isnull=True))
    if role == "contributor":
        return organisation
    return None


def _open_periods_by_plan(user) -> dict[int, list[ReportingPeriod]]:
    on = today()
    open_ = ReportingPeriod.objects.filter(opens_on__lte=on, closes_on__gte=on).select_related("plan")
    by_plan: dict[int, list[ReportingPeriod]] = {}
    for period in permissions.restrict(user, open_, "view_internal"):
        by_plan.setdefault(period.plan_id, []).append(period)
    return by_plan


def tasks(*, user) -> list[Task]:
    """The updates due from the user in open periods, for the actions they are responsible for (see
    ``_responsible_for``); approved ones are done and listed last."""
    responsible = _responsible_for(user)
    by_plan = _open_periods_by_plan(user) if responsible is not None else {}
    if not by_plan:
        return []
    actions = (
        permissions.restrict(
            user, Action.objects.filter(plan_id__in=by_plan, retired_in__isnull=True), "deliver"
        )
        .filter(responsible)
        .select_related("plan", "priority")
        .prefetch_related(
            Prefetch("items", queryset=ActionItem.objects.filter(section="what"), to_attr="what_items"),
            _updates_prefetch(),
        )
        .order_by("plan__title", "position")
    )
    result = []
    for act in actions:
        for period in by_plan[act.plan_id]:
            found = next((u for u in act.updates_newest_first if u.period_id == period.pk), None)
            result.append(Task(action=act, period=period, update=found))
    return sorted(result, key=lambda task: task.is_done)


def unassigned(*, user) -> list[tuple[Plan, int]]:
    """For managers and admins: each plan with an open period and how many of its actions have no
    lead officer or lead organisation (nobody is asked for their updates)."""
    if permissions.role(user) not in permissions.MANAGING:
        return []
    by_plan = _open_periods_by_plan(user)
    counts = (
        permissions.restrict(
            user, Action.objects.filter(plan_id__in=by_plan, retired_in__isnull=True), "assign"
        )
        .exclude(_ASSIGNED)
        .values("plan_id")
        .annotate(n=Count("pk"))
    )
    plans_by_id = {p.pk: p for p in Plan.objects.filter(pk__in=by_plan)}
    return [(plans_by_id[row["plan_id"]], row["n"]) for row in counts.order_by("plan_id") if row["n"]]
