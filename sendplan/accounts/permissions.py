"""Who may do what: the one place sendplan's permissions are decided.

Pages, the API and commands all ask here, so an object outside a user's scope is missing (404)
everywhere and a visible object the user may not change is forbidden (403) everywhere.

Permissions (``perm``):

=============== ==================================================================================
``view``        published plan text: everyone, signed in or not (plans, actions)
``view_internal`` ownership, milestones, periods, updates, evidence, boards: any member of the plan's
                partnership (every role)
``deliver``     write an action's updates, evidence and milestone progress: managers and admins; leads
                and contributors when the action's lead organisation is theirs or they are its lead
``assign``      set owners, dates, boards and milestones; open periods: managers and admins
``approve``     approve or return a submitted update: managers and admins — but never the person who
                last saved or submitted it (separation of duties; ``updated_by`` of the update)
``audit``       read the audit trail: managers and admins
``admin``       manage organisations and users: admins
=============== ==================================================================================

``restrict(user, queryset, perm)`` filters any queryset of a covered model; ``check`` raises
``Http404`` when the object is not visible and ``PermissionDenied`` when it is visible but ``perm`` is
not allowed. A superuser is an admin of every partnership.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Membership, Role

MANAGING = {Role.ADMIN, Role.MANAGER}
DELIVERING = {Role.LEAD, Role.CONTRIBUTOR}

# model label -> (path to the partnership id, path to the action or None)
_PATHS = {
    "plans.plan": ("partnership_id", None),
    "plans.priority": ("plan__partnership_id", None),
    "plans.action": ("plan__partnership_id", ""),
    "plans.actionitem": ("action__plan__partnership_id", "action__"),
    "delivery.actionownership": ("action__plan__partnership_id", "action__"),
    "delivery.milestone": ("item__action__plan__partnership_id", "item__action__"),
    "delivery.update": ("action__plan__partnership_id", "action__"),
    "delivery.updateversion": ("update__action__plan__partnership_id", "update__action__"),
    "delivery.evidence": ("update__action__plan__partnership_id", "update__action__"),
    "delivery.reportingperiod": ("plan__partnership_id", None),
    "delivery.board": ("partnership_id", None),
    "delivery.boardmeeting": ("board__partnership_id", None),
    "audit.auditentry": ("partnership_id", None),
    "accounts.organisation": ("partnership_id", None),
    "accounts.membership": ("organisation__partnership_id", None),
}
PUBLISHED = {"plans.plan", "plans.priority", "plans.action", "plans.actionitem"}
REFUSALS = {
    "deliver": "Only the lead organisation's leads and contributors, and plan managers, can change this action's delivery.",
    "assign": "Only plan managers can set owners, dates and reporting periods.",
    "approve": "Only plan managers can approve or return updates.",
    "approve_own": "You saved this update last, so someone else must approve or return it: another plan "
    "manager or an administrator.",
    "audit": "Only plan managers and administrators can read the audit trail.",
    "admin": "Only administrators can do that.",
}
PERMS = {"view", "view_internal", "deliver", "assign", "approve", "audit", "admin"}


def membership(user) -> Membership | None:
    """The user's organisation and role (cached on the user object), or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_sendplan_membership"):
        user._sendplan_membership = (
            Membership.objects.select_related("organisation").filter(user_id=user.pk).first()
        )
    return user._sendplan_membership


def role(user) -> str | None:
    """The user's role: "admin" for a superuser, None for anonymous visitors and users without one."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return Role.ADMIN
    found = membership(user)
    return found.role if found and user.is_active else None


def partnership_id(user) -> int | None:
    found = membership(user)
    return found.organisation.partnership_id if found else None


# Separation of duties: whoever last saved (or submitted) an update cannot review it.
_NOT_OWN_WORK = {("approve", "delivery.update"): "updated_by_id"}


def _rule(user, perm: str, label: str) -> Q | None:
    """The filter for ``perm`` on a model; None means nothing is allowed."""
    rule = _role_rule(user, perm, label)
    if rule is not None and (perm, label) in _NOT_OWN_WORK:
        rule &= ~Q(**{_NOT_OWN_WORK[perm, label]: user.pk})
    return rule


def _role_rule(user, perm: str, label: str) -> Q | None:
    if perm not in PERMS:
        raise ValueError(f"unknown permission {perm!r}")
    if label not in _PATHS:
        raise ValueError(f"{label} is not covered by sendplan.accounts.permissions")
    if perm == "view" and label in PUBLISHED:
        return Q()
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return Q()
    found = membership(user)
    user_role = role(user)
    if found is None or user_role is None:
        return None
    partnership_path, action_path = _PATHS[label]
    in_partnership = Q(**{partnership_path: found.organisation.partnership_id})
    if perm in {"view", "view_internal"}:
        if label == "audit.auditentry" and user_role not in MANAGING:
            return None
        return in_partnership
    if perm in {"assign", "approve", "audit"}:
        return in_partnership if user_role in MANAGING else None
    if perm == "admin":
        return in_partnership if user_role == Role.ADMIN else None
    # deliver
    if user_role in MANAGING:
        return in_partnership
    if user_role not in DELIVERING or action_path is None:
        return None
    own = Q(**{f"{action_path}ownership__lead_organisation_id": found.organisation_id}) | Q(
        **{f"{action_path}ownership__lead_id": user.pk}
    )
    return in_partnership & own


def restrict(user, queryset: QuerySet, perm: str = "view_internal") -> QuerySet:
    """``queryset`` narrowed to the objects ``user`` may ``perm``."""
    rule = _rule(user, perm, queryset.model._meta.label_lower)
    if rule is None:
        return queryset.none()
    return queryset.filter(rule)


def allowed(user, perm: str, obj: Model) -> bool:
    """Whether ``user`` may ``perm`` this one object."""
    rule = _rule(user, perm, obj._meta.label_lower)
    if rule is None:
        return False
    if not rule:
        return True
    return type(obj)._default_manager.filter(pk=obj.pk).filter(rule).exists()


def check(user, perm: str, obj: Model, *, visible: str = "view_internal") -> None:
    """Raise Http404 if ``obj`` is not visible to ``user``, PermissionDenied if ``perm`` is refused."""
    if not allowed(user, visible, obj):
        raise Http404("Not found")
    if perm != visible and not allowed(user, perm, obj):
        raise PermissionDenied(refusal(user, perm, obj))


def is_own_work(user, perm: str, obj: Model) -> bool:
    """Whether ``perm`` on ``obj`` is refused only because ``user`` did the work being reviewed."""
    path = _NOT_OWN_WORK.get((perm, obj._meta.label_lower))
    return bool(path and user is not None and user.pk is not None and getattr(obj, path, None) == user.pk)


def refusal(user, perm: str, obj: Model) -> str:
    """Why ``user`` may not ``perm`` ``obj``, in words."""
    if is_own_work(user, perm, obj) and _role_rule(user, perm, obj._meta.label_lower) is not None:
        return REFUSALS[f"{perm}_own"]
    return REFUSALS.get(perm, "You do not have permission to do that.")


def get_visible(user, queryset: QuerySet, perm: str = "view_internal", **lookup) -> Model:
    """The one object matching ``lookup`` that ``user`` may ``perm`` — else Http404."""
    try:
        return restrict(user, queryset, perm).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("Not found") from exc


def can_manage(user) -> bool:
    return role(user) in MANAGING


def can_deliver_any(user) -> bool:
    return role(user) in MANAGING | DELIVERING
