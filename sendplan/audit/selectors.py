"""Reads of the audit trail: managers and admins of the partnership only."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sendplan.accounts import permissions

from .models import AuditEntry


def entries(*, user, plan=None, action=None, actor_username: str | None = None) -> QuerySet[AuditEntry]:
    """Audit entries the user may read, newest first, optionally for one plan, action or person."""
    if permissions.role(user) not in permissions.MANAGING:
        raise PermissionDenied("Only plan managers and administrators can read the audit trail.")
    queryset = permissions.restrict(user, AuditEntry.objects.all(), "audit")
    if plan is not None:
        queryset = queryset.filter(plan_id=plan.pk)
    if action is not None:
        queryset = queryset.filter(action_id=action.pk)
    if actor_username:
        actor = get_user_model().objects.filter(username__iexact=actor_username).first()
        queryset = queryset.filter(actor_id=actor.pk) if actor else queryset.none()
    return queryset.select_related("actor").order_by("-created_at", "-id")
