"""Writes to the plan register. Every write is one transaction: it all happens, or nothing does."""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from sendplan.audit.services import audit_record, snapshot
from sendplan.core.models import Partnership
from sendplan.core.services import partnership_get_or_create

from .models import Action, ActionItem, Plan, PlanRevision, Priority
from .parsing import ParsedPlan, PlanFormatError, parse_bytes
from .parsing.flow import plan_period
from .parsing.structure import SECTIONS

RESERVED_SLUGS = {"import"}  # words the plan pages' web addresses use


@dataclass
class ImportResult:
    plan: Plan
    revision: PlanRevision | None  # None when the document was identical to the latest revision
    created: bool
    parsed: ParsedPlan
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        actions = len(self.parsed.actions)
        verb = "imported" if self.created else "re-imported"
        parts = [f"{self.plan.title!s}: {actions} actions in {len(self.parsed.priorities)} priorities {verb}"]
        if not self.created:
            if self.revision is None:
                parts.append("no changes (same document as the latest revision)")
            else:
                parts.append(
                    f"revision {self.revision.number}: {len(self.added)} added, {len(self.changed)} changed, "
                    f"{len(self.removed)} removed"
                )
        parts.append(f"{len(self.parsed.warnings)} warnings, {len(self.parsed.unassigned)} unassigned lines")
        return "; ".join(parts)


_SLUG_SEPARATORS = re.compile(r"[-‐‑‒–—―−/\\]+")


def slug_from_title(title: str) -> str:
    """The short name for a plan's web address from its title: dashes, en and em dashes and slashes
    between words become hyphens ("Plan 2025–2028" → "plan-2025-2028"), other punctuation is dropped."""
    slug = slugify(_SLUG_SEPARATORS.sub(" ", title))[:80].strip("-")
    return slug or "plan"


def plan_import(
    *,
    data: bytes,
    filename: str,
    slug: str | None = None,
    partnership: Partnership | None = None,
    partnership_name: str | None = None,
    imported_by: str = "",
    actor=None,
    new_only: bool = False,
    existing_only: bool = False,
) -> ImportResult:
    """Parse a plan document and save it, creating the plan or updating it in place.

    A revised document imported into an existing plan (same ``slug``, or same title when no slug is
    given) updates priorities, actions and items in place, keeps every earlier revision, and reports
    the actions added, changed and removed. Removed actions are retired, not deleted, so their
    history stays. Items keep their identity (and anything attached to them) when their text is
    unchanged, or when they are reworded in the same place. Every plan and action created or changed
    is recorded in the audit trail (source "import", by ``actor`` when given). ``new_only`` refuses to
    touch an existing plan (the web's "import a plan"); ``existing_only`` refuses to create one.
    Raises :class:`PlanFormatError`.
    """
    if actor is not None and not imported_by:
        imported_by = actor.get_username()
    parsed = parse_bytes(data, filename)
    if slug is not None:
        slug = slug.strip()
        if not slug or slugify(slug) != slug or slug in RESERVED_SLUGS:
            raise PlanFormatError(
                f"'{slug}' is not a usable slug: use lower-case letters, digits and hyphens"
            )
    title = parsed.title or Path(filename).stem
    derived = slug is None
    slug = slug or slug_from_title(title)
    sha = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        if derived and not Plan.objects.filter(slug=slug).exists():
            # a plan imported before dashes became hyphens ("…-20252028") is revised in place
            legacy = slugify(title)[:80] or "plan"
            if legacy != slug and Plan.objects.filter(slug=legacy).exists():
                slug = legacy
        plan = Plan.objects.select_for_update().filter(slug=slug).first()
        if plan is not None and new_only:
            raise PlanFormatError(
                f"a plan with the short name '{slug}' already exists: choose another short name, or import "
                "a revised version from that plan's page"
            )
        if plan is None and existing_only:
            raise PlanFormatError(f"there is no plan '{slug}' to revise")
        created = plan is None
        if created:
            if partnership is None:
                partnership = _default_partnership(partnership_name)
            plan = Plan(partnership=partnership, slug=slug)
        latest = plan.revisions.order_by("-number").first() if not created else None
        if latest is not None and latest.source_sha256 == sha:
            return ImportResult(plan=plan, revision=None, created=False, parsed=parsed)
        plan_before = None if created else snapshot(plan, fields=_PLAN_FIELDS)
        plan.title = title[:500]
        plan.period_start, plan.period_end = plan_period(title)
        plan.front_matter = parsed.front_matter
        plan.save()
        audit_record(
            actor=actor,
            kind="create" if created else "change",
            obj=plan,
            before=plan_before,
            after=snapshot(plan, fields=_PLAN_FIELDS),
            source="import",
            message=f"imported from {Path(filename).name}"[:300],
        )
        revision = PlanRevision.objects.create(
            plan=plan,
            number=(latest.number + 1) if latest else 1,
            source_filename=Path(filename).name[:255],
            source_format=parsed.format,
            source_sha256=sha,
            imported_by=imported_by,
            content=parsed.as_json(),
            front_matter=parsed.front_matter,
        )
        result = ImportResult(plan=plan, revision=revision, created=created, parsed=parsed)
        _save_structure(plan=plan, parsed=parsed, revision=revision, result=result, actor=actor)
        revision.changes = {"added": result.added, "changed": result.changed, "removed": result.removed}
        revision.save(update_fields=["changes"])
    return result


_PLAN_FIELDS = ["title", "slug", "partnership", "period_start", "period_end", "front_matter"]
_ACTION_FIELDS = ["ref", "priority", "position", "source_lead", "source_due", "source_status", "retired_in"]


def _action_snapshot(action: Action, sections: dict[str, list[str]]) -> dict:
    return snapshot(action, fields=_ACTION_FIELDS, extra=sections)


def _default_partnership(name: str | None) -> Partnership:
    """The named partnership (created if new), else the one named by the PARTNERSHIP_NAME setting."""
    from django.conf import settings

    return partnership_get_or_create(name=name or settings.SENDPLAN_PARTNERSHIP_NAME)


def _save_structure(
    *, plan: Plan, parsed: ParsedPlan, revision: PlanRevision, result: ImportResult, actor
) -> None:
    priorities = {p.number: p for p in plan.priorities.all()}
    for parsed_priority in parsed.priorities:
        priority = priorities.get(parsed_priority.number)
        if priority is None:
            priority = priorities[parsed_priority.number] = Priority(plan=plan, number=parsed_priority.number)
        priority.title = parsed_priority.title[:500]
        priority.voice = parsed_priority.voice
        priority.save()

    existing = {a.ref: a for a in plan.actions.prefetch_related("items").select_related("priority")}
    position = 0
    seen: set[str] = set()
    for parsed_priority in parsed.priorities:
        priority = priorities[parsed_priority.number]
        for parsed_action in parsed_priority.actions:
            position += 1
            seen.add(parsed_action.ref)
            action = existing.get(parsed_action.ref)
            fields = {
                "priority": priority,
                "position": position,
                "source_lead": (parsed_action.lead or "")[:300],
                "source_due": dt.date.fromisoformat(parsed_action.due) if parsed_action.due else None,
                "source_status": (parsed_action.status or "")[:100],
            }
            new_sections = {s: list(getattr(parsed_action, s)) for s in SECTIONS}
            if action is None:
                action = Action.objects.create(plan=plan, ref=parsed_action.ref, **fields)
                result.added.append(action.ref)
                _save_items(action=action, parsed_action=parsed_action, old_items=[])
                audit_record(
                    actor=actor,
                    kind="create",
                    obj=action,
                    after=_action_snapshot(action, new_sections),
                    source="import",
                )
                continue
            fingerprint = _action_fingerprint(action)
            before = _action_snapshot(action, _sections_of(action))
            was_retired = action.retired_in_id is not None
            for name, value in fields.items():
                setattr(action, name, value)
            action.retired_in = None
            action.save()
            _save_items(action=action, parsed_action=parsed_action, old_items=list(action.items.all()))
            if was_retired:
                result.added.append(action.ref)
            elif fingerprint != _parsed_fingerprint(parsed_action, priority.number):
                result.changed.append(action.ref)
            audit_record(
                actor=actor,
                kind="change",
                obj=action,
                before=before,
                after=_action_snapshot(action, new_sections),
                source="import",
            )
    for ref, action in existing.items():
        if ref not in seen and action.retired_in_id is None:
            before = _action_snapshot(action, _sections_of(action))
            action.retired_in = revision
            action.save(update_fields=["retired_in"])
            result.removed.append(ref)
            audit_record(
                actor=actor,
                kind="change",
                obj=action,
                before=before,
                after=_action_snapshot(action, _sections_of(action)),
                source="import",
                message=f"removed from the plan by revision {revision.number}",
            )
    # Priorities left with no actions at all (current or retired) are gone from the document.
    numbers = {p.number for p in parsed.priorities}
    plan.priorities.exclude(number__in=numbers).filter(actions__isnull=True).delete()


def _save_items(*, action: Action, parsed_action, old_items: list[ActionItem]) -> None:
    """Match items by text first, then reworded items by place; create and delete the rest."""
    to_create: list[ActionItem] = []
    to_update: list[ActionItem] = []
    keep: set[int] = set()
    for section in SECTIONS:
        new_texts: list[str] = getattr(parsed_action, section)
        olds = [item for item in old_items if item.section == section]
        by_text: dict[str, list[ActionItem]] = {}
        for item in olds:
            by_text.setdefault(item.text, []).append(item)
        matched: list[ActionItem | None] = []
        for text in new_texts:
            candidates = by_text.get(text)
            matched.append(candidates.pop(0) if candidates else None)
        spare = [item for item in olds if all(item is not m for m in matched)]
        for index, text in enumerate(new_texts):
            item = matched[index] or (spare.pop(0) if spare else None)
            if item is None:
                to_create.append(ActionItem(action=action, section=section, position=index, text=text))
                continue
            keep.add(item.pk)
            if item.text != text or item.position != index:
                item.text, item.position = text, index
                to_update.append(item)
    ActionItem.objects.bulk_create(to_create)
    if to_update:
        ActionItem.objects.bulk_update(to_update, ["text", "position"])
    stale = [item.pk for item in old_items if item.pk not in keep]
    if stale:
        ActionItem.objects.filter(pk__in=stale).delete()


def _sections_of(action: Action) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {s: [] for s in SECTIONS}
    for item in sorted(action.items.all(), key=lambda i: i.position):
        sections[item.section].append(item.text)
    return sections


def _action_fingerprint(action: Action) -> tuple:
    sections = _sections_of(action)
    return (
        action.priority.number,
        tuple(tuple(sections[s]) for s in SECTIONS),
        action.source_lead,
        action.source_due.isoformat() if action.source_due else None,
        action.source_status,
    )


def _parsed_fingerprint(parsed_action, priority_number: int) -> tuple:
    return (
        priority_number,
        tuple(tuple(getattr(parsed_action, s)) for s in SECTIONS),
        parsed_action.lead or "",
        parsed_action.due,
        parsed_action.status or "",
    )


def plan_remove(*, plan: Plan, actor=None) -> None:
    """Delete a plan with everything that hangs off it (priorities, actions, revisions, delivery
    records), recording the deletion in the audit trail. For removing the example plan or a plan
    imported by mistake; a plan in use keeps its history instead (re-import retires actions)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            kind="delete",
            obj=plan,
            before=snapshot(plan, fields=_PLAN_FIELDS),
            source=None,
            message=f"plan removed with {plan.actions.count()} actions",
        )
        plan.delete()
