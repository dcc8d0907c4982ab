"""GET /audit: the audit trail, newest first (managers and admins)."""

import datetime

from ninja import Router, Schema

from sendplan.accounts.api import api_errors, token_auth
from sendplan.delivery import selectors as delivery_selectors

from . import selectors

router = Router(tags=["audit"], auth=token_auth)


class AuditOut(Schema):
    id: int
    at: datetime.datetime
    actor: str | None
    kind: str
    source: str
    request_id: str
    object_type: str
    object_id: str
    object: str
    changed_fields: list[str]
    before: dict | None
    after: dict | None
    message: str


@router.get("/audit", response=list[AuditOut])
@api_errors
def audit_list(
    request, plan: str | None = None, action: str | None = None, user: str | None = None, limit: int = 500
):
    """Changes, newest first; filter by plan slug, action ref (with plan) and user name."""
    plan_obj = delivery_selectors.plan(user=request.user, slug=plan) if plan else None
    action_obj = (
        delivery_selectors.action(user=request.user, plan=plan_obj, ref=action)
        if plan_obj and action
        else None
    )
    rows = selectors.entries(user=request.user, plan=plan_obj, action=action_obj, actor_username=user)
    return [
        {
            "id": e.pk,
            "at": e.created_at,
            "actor": e.actor_name or None,
            "kind": e.kind,
            "source": e.source,
            "request_id": e.request_id,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "object": e.object_repr,
            "changed_fields": e.changed_fields,
            "before": e.before,
            "after": e.after,
            "message": e.message,
        }
        for e in rows[: max(1, min(limit, 5000))]
    ]
