"""Delivery API: actions with their owners, updates, review, milestones. Token authentication.

401 without a valid token, 404 for what the user cannot see, 403 for what they see but cannot
change, 409 for a stale version or a locked update (body: ``detail``, ``current``, ``yours``), 422 for
invalid input.
"""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from sendplan.accounts.api import api_errors, token_auth
from sendplan.plans.models import ActionItem, DeliveryStatus

from . import selectors, services
from .models import Board, Update

router = Router(tags=["delivery"], auth=token_auth)


class ActionOut(Schema):
    ref: str
    priority: int
    summary: str
    lead: str | None
    lead_organisation: str | None
    supporting_organisations: list[str]
    boards: list[str]
    senior_sponsor: str
    start: datetime.date | None
    due: datetime.date | None
    overdue: bool
    version: int
    latest_period: str | None
    latest_status: str | None


class ActionPatch(Schema):
    lead: str | None = None
    lead_organisation: str | None = None
    supporting_organisations: list[str] | None = None
    boards: list[str] | None = None
    senior_sponsor: str | None = None
    start: datetime.date | None = None
    due: datetime.date | None = None
    version: int | None = None


class UpdateIn(Schema):
    period: str = Field(..., description="YYYY-MM (or YYYY-Qn for a quarterly plan)")
    status: DeliveryStatus
    percent_complete: int = Field(0, ge=0, le=100)
    narrative: str = ""
    risks: str = ""
    next_steps: str = ""
    submit: bool = Field(True, description="false keeps it as a draft")


class UpdatePut(Schema):
    version: int
    period: str | None = None
    status: DeliveryStatus | None = None
    percent_complete: int | None = Field(None, ge=0, le=100)
    narrative: str | None = None
    risks: str | None = None
    next_steps: str | None = None
    submit: bool | None = None


class UpdateOut(Schema):
    id: int
    plan: str
    action: str
    period: str
    status: str
    status_label: str
    percent_complete: int
    narrative: str
    risks: str
    next_steps: str
    state: str
    review_comment: str
    version: int
    updated_by: str | None
    updated_at: datetime.datetime


class ReviewIn(Schema):
    version: int | None = None
    comment: str = ""


class MilestoneOut(Schema):
    id: int
    text: str
    owner: str | None
    due: datetime.date | None
    status: str
    overdue: bool
    version: int


class MilestonePatch(Schema):
    owner: str | None = None
    due: datetime.date | None = None
    status: DeliveryStatus | None = None
    version: int | None = None


def _action_out(action) -> dict:
    ownership = getattr(action, "ownership", None) if hasattr(action, "ownership") else None
    latest = action.updates_newest_first[0] if getattr(action, "updates_newest_first", None) else None
    return {
        "ref": action.ref,
        "priority": action.priority.number,
        "summary": action.what_items[0].text if getattr(action, "what_items", None) else "",
        "lead": ownership.lead.get_username() if ownership and ownership.lead else None,
        "lead_organisation": ownership.lead_organisation.name
        if ownership and ownership.lead_organisation
        else None,
        "supporting_organisations": [o.name for o in ownership.supporting_organisations.all()]
        if ownership
        else [],
        "boards": [b.name for b in ownership.boards.all()] if ownership else [],
        "senior_sponsor": ownership.senior_sponsor if ownership else "",
        "start": ownership.start if ownership else None,
        "due": ownership.due if ownership else None,
        "overdue": bool(ownership and ownership.is_overdue and not (latest and latest.status == "complete")),
        "version": ownership.version if ownership else 0,
        "latest_period": latest.period.key if latest else None,
        "latest_status": latest.status if latest else None,
    }


def _tracked(request, slug: str, ref: str | None = None):
    plan = selectors.plan(user=request.user, slug=slug)
    actions = selectors.tracker(user=request.user, plan=plan).prefetch_related(
        "ownership__supporting_organisations", "ownership__boards"
    )
    if ref is None:
        return plan, actions
    return plan, get_object_or_404(actions, ref__iexact=ref)


def _update_out(update: Update) -> dict:
    return {
        "id": update.pk,
        "plan": update.action.plan.slug,
        "action": update.action.ref,
        "period": update.period.key,
        "status": update.status,
        "status_label": update.get_status_display(),
        "percent_complete": update.percent_complete,
        "narrative": update.narrative,
        "risks": update.risks,
        "next_steps": update.next_steps,
        "state": update.state,
        "review_comment": update.review_comment,
        "version": update.version,
        "updated_by": update.updated_by.get_username() if update.updated_by else None,
        "updated_at": update.updated_at,
    }


@router.get("/plans/{slug}/actions", response=list[ActionOut])
@api_errors
def action_list(request, slug: str):
    """Every action of the plan with its owners, dates and latest status."""
    _, actions = _tracked(request, slug)
    return [_action_out(action) for action in actions]


@router.get("/plans/{slug}/actions/{ref}", response=ActionOut)
@api_errors
def action_detail(request, slug: str, ref: str):
    _, action = _tracked(request, slug, ref)
    return _action_out(action)


@router.patch("/plans/{slug}/actions/{ref}", response=ActionOut)
@api_errors
def action_assign(request, slug: str, ref: str, payload: ActionPatch):
    """Set the lead, lead organisation, supporting organisations, boards, sponsor and dates (managers)."""
    plan = selectors.plan(user=request.user, slug=slug)
    action = selectors.action(user=request.user, plan=plan, ref=ref)
    given = payload.model_fields_set
    changes = {}
    if "lead" in given:
        changes["lead"] = services.lead_by_username(plan=plan, username=payload.lead)
    if "lead_organisation" in given:
        changes["lead_organisation"] = services.organisation_by_name(
            plan=plan, name=payload.lead_organisation
        )
    if "supporting_organisations" in given:
        names = payload.supporting_organisations or []
        changes["supporting_organisations"] = [
            services.organisation_by_name(plan=plan, name=n) for n in names
        ]
    if "boards" in given:
        boards = []
        for name in payload.boards or []:
            board = Board.objects.filter(partnership_id=plan.partnership_id, name__iexact=name).first()
            if board is None:
                from django.core.exceptions import ValidationError

                raise ValidationError(f"no board {name!r} in this partnership")
            boards.append(board)
        changes["boards"] = boards
    for name in ("senior_sponsor", "start", "due"):
        if name in given:
            changes[name] = (
                getattr(payload, name) if name != "senior_sponsor" else (payload.senior_sponsor or "")
            )
    services.ownership_set(user=request.user, action=action, version=payload.version, source="api", **changes)
    _, action = _tracked(request, slug, ref)
    return _action_out(action)


@router.get("/plans/{slug}/actions/{ref}/updates", response=list[UpdateOut])
@api_errors
def update_list(request, slug: str, ref: str):
    """The action's updates, newest period first (its status history)."""
    plan = selectors.plan(user=request.user, slug=slug)
    action = selectors.action(user=request.user, plan=plan, ref=ref)
    return [_update_out(u) for u in selectors.updates(user=request.user, action=action)]


@router.post("/plans/{slug}/actions/{ref}/updates", response={201: UpdateOut})
@api_errors
def update_create(request, slug: str, ref: str, payload: UpdateIn):
    """Write the action's update for a period (submitted unless ``submit`` is false)."""
    plan = selectors.plan(user=request.user, slug=slug)
    action = selectors.action(user=request.user, plan=plan, ref=ref)
    update = services.update_create(
        user=request.user, action=action, period_key=payload.period, status=payload.status.value,
        percent_complete=payload.percent_complete, narrative=payload.narrative, risks=payload.risks,
        next_steps=payload.next_steps, submit=payload.submit, source="api",
    )  # fmt: skip
    return Status(201, _update_out(selectors.update(user=request.user, pk=update.pk)))


@router.get("/updates/{update_id}", response=UpdateOut)
@api_errors
def update_detail(request, update_id: int):
    return _update_out(selectors.update(user=request.user, pk=update_id))


@router.put("/updates/{update_id}", response=UpdateOut)
@api_errors
def update_change(request, update_id: int, payload: UpdatePut):
    """Change an update. ``version`` is the one you read; an older one is refused with 409."""
    from django.core.exceptions import ValidationError

    update = selectors.update(user=request.user, pk=update_id)
    if payload.period and payload.period.strip().upper() != update.period.key:
        raise ValidationError("an update's period cannot change")
    values = {
        name: (value.value if isinstance(value, DeliveryStatus) else value)
        for name in services.UPDATE_FIELDS
        if (value := getattr(payload, name)) is not None
    }
    services.update_change(
        user=request.user,
        update=update,
        version=payload.version,
        submit=payload.submit,
        source="api",
        **values,
    )
    return _update_out(selectors.update(user=request.user, pk=update_id))


@router.post("/updates/{update_id}/submit", response=UpdateOut)
@api_errors
def update_submit(request, update_id: int):
    """Submit a draft or returned update for review. Optional body: {"version": n}."""
    update = selectors.update(user=request.user, pk=update_id)
    services.update_submit(
        user=request.user, update=update, version=_optional_body(request).version, source="api"
    )
    return _update_out(selectors.update(user=request.user, pk=update_id))


@router.post("/updates/{update_id}/approve", response=UpdateOut)
@api_errors
def update_approve(request, update_id: int):
    """Approve a submitted update (managers and admins, not whoever saved it last: 403); it is locked from then
    on. Optional body: {"version": n}."""
    update = selectors.update(user=request.user, pk=update_id)
    services.update_approve(
        user=request.user, update=update, version=_optional_body(request).version, source="api"
    )
    return _update_out(selectors.update(user=request.user, pk=update_id))


@router.post("/updates/{update_id}/return", response=UpdateOut)
@api_errors
def update_return(request, update_id: int, payload: ReviewIn):
    """Return a submitted update to its writers with a comment (managers and admins, not whoever saved it last)."""
    update = selectors.update(user=request.user, pk=update_id)
    services.update_return(
        user=request.user, update=update, comment=payload.comment, version=payload.version, source="api"
    )
    return _update_out(selectors.update(user=request.user, pk=update_id))


def _optional_body(request) -> ReviewIn:
    """The optional JSON body of a review call; an empty or non-JSON body means no version check."""
    import json

    from django.core.exceptions import ValidationError

    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = {}
    try:
        return ReviewIn(**data) if isinstance(data, dict) else ReviewIn()
    except Exception as exc:  # pydantic's error: a bad version number
        raise ValidationError("version must be a whole number") from exc


def _milestone_out(item: ActionItem, milestone) -> dict:
    return {
        "id": item.pk,
        "text": item.text,
        "owner": milestone.owner.get_username() if milestone and milestone.owner else None,
        "due": milestone.due if milestone else None,
        "status": milestone.status if milestone else DeliveryStatus.NOT_STARTED.value,
        "overdue": bool(milestone and milestone.is_overdue),
        "version": milestone.version if milestone else 0,
    }


@router.get("/plans/{slug}/actions/{ref}/milestones", response=list[MilestoneOut])
@api_errors
def milestone_list(request, slug: str, ref: str):
    """The action's *how we will achieve it* items as milestones (``id`` is the item's id)."""
    plan = selectors.plan(user=request.user, slug=slug)
    action = selectors.action(user=request.user, plan=plan, ref=ref)
    return [_milestone_out(item, m) for item, m in selectors.milestones(action=action)]


@router.patch("/plans/{slug}/actions/{ref}/milestones/{item_id}", response=MilestoneOut)
@api_errors
def milestone_change(request, slug: str, ref: str, item_id: int, payload: MilestonePatch):
    """Owner and due date (managers); status (whoever delivers the action)."""
    plan = selectors.plan(user=request.user, slug=slug)
    action = selectors.action(user=request.user, plan=plan, ref=ref)
    item = get_object_or_404(action.items.filter(section=ActionItem.Section.HOW), pk=item_id)
    given = payload.model_fields_set
    changes = {}
    if "owner" in given:
        changes["owner"] = services.lead_by_username(plan=plan, username=payload.owner)
    if "due" in given:
        changes["due"] = payload.due
    if "status" in given and payload.status is not None:
        changes["status"] = payload.status.value
    milestone = services.milestone_set(
        user=request.user, item=item, version=payload.version, source="api", **changes
    )
    return _milestone_out(item, milestone)
