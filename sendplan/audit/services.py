"""Writing the audit trail.

``audit_record`` is the one way to write an entry; every service that creates, changes or deletes a
record calls it inside its own transaction. ``snapshot`` turns a model instance into the JSON kept as
``before`` and ``after``.
"""

import datetime
import decimal
import uuid

from django.db import models
from django.db.models.fields.files import FieldFile

from sendplan.core.middleware import current_request_id

from .models import AuditEntry


def _json(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json(v) for v in value]
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model, *, fields: list[str] | None = None, extra: dict | None = None) -> dict:
    """The concrete field values of ``obj`` (foreign keys as ids) as JSON-ready data.

    Many-to-many values are included when the object is saved; ``extra`` adds computed values.
    """
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        data[field.name] = _json(getattr(obj, field.attname))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            if fields is not None and field.name not in fields:
                continue
            data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    if extra:
        data.update(_json(extra))
    return data


def _scope(obj: models.Model) -> dict:
    """The partnership, plan and action an object belongs to (``audit_scope()`` overrides)."""
    if hasattr(obj, "audit_scope"):
        return obj.audit_scope()
    scope = {"partnership_id": None, "plan_id": None, "action_id": None}
    label = obj._meta.label_lower
    if label == "plans.plan":
        return {**scope, "plan_id": obj.pk, "partnership_id": obj.partnership_id}
    if label == "plans.action":
        return {"partnership_id": obj.plan.partnership_id, "plan_id": obj.plan_id, "action_id": obj.pk}
    action = getattr(obj, "action", None)
    if action is not None and action.__class__._meta.label_lower == "plans.action":
        return {
            "partnership_id": action.plan.partnership_id,
            "plan_id": action.plan_id,
            "action_id": action.pk,
        }
    plan = getattr(obj, "plan", None)
    if plan is not None:
        return {**scope, "plan_id": plan.pk, "partnership_id": plan.partnership_id}
    scope["partnership_id"] = getattr(obj, "partnership_id", None)
    return scope


def audit_record(
    *,
    actor,
    kind: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    source: str | None = None,
    message: str = "",
) -> AuditEntry | None:
    """Record that ``actor`` created, changed or deleted ``obj``.

    ``kind`` is "create", "change" or "delete"; ``before``/``after`` are ``snapshot()`` dicts (None for
    the side that does not exist). ``actor`` is a user, or None for the system. ``source`` is "web",
    "api", "cli", "import" or "admin"; by default "web" inside a request and "cli" outside one. A change
    that changes nothing records nothing (and returns None). Call it inside the writing transaction.
    """
    if kind not in AuditEntry.Kind.values:
        raise ValueError(f"unknown audit kind {kind!r}")
    before = _json(before) if before is not None else None
    after = _json(after) if after is not None else None
    keys = sorted(set(before or {}) | set(after or {}))
    changed = [k for k in keys if (before or {}).get(k) != (after or {}).get(k)]
    if kind == AuditEntry.Kind.CHANGE and not changed:
        return None
    request_id = current_request_id() or ""
    if source is None:
        source = AuditEntry.Source.WEB if request_id else AuditEntry.Source.CLI
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "",
        kind=kind,
        source=source,
        request_id=request_id,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
        changed_fields=changed,
        message=message[:300],
        **_scope(obj),
    )
