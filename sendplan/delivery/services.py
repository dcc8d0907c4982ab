"""Writes for delivery tracking. Every service takes the acting ``user``, checks permissions through
``sendplan.accounts.permissions``, validates, runs in one transaction and writes the audit trail, so
pages, the API and commands behave the same.

Errors: ``django.core.exceptions.ValidationError`` (bad input: 422 / form error),
``PermissionDenied`` (403), ``Http404`` (404) and ``Conflict`` (a stale version or a locked or
wrong-state update: 409, carrying the stored version).
"""

import calendar
import datetime
import re
import uuid
from pathlib import PurePath

import filetype
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sendplan.accounts import permissions
from sendplan.accounts.models import Organisation
from sendplan.audit.services import audit_record, snapshot
from sendplan.plans.models import Action, ActionItem, DeliveryStatus, Plan

from .models import (
    ActionOwnership,
    Board,
    BoardMeeting,
    Evidence,
    Milestone,
    ReportingPeriod,
    Update,
    UpdateVersion,
    today,
)

UNSET = object()
UPDATE_FIELDS = ("status", "percent_complete", "narrative", "risks", "next_steps")

# MIME type found in the content -> file name extensions it may carry.
EVIDENCE_TYPES = {
    "application/pdf": {".pdf"},
    "application/msword": {".doc"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.ms-excel": {".xls"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
}


class Conflict(Exception):
    """The write was refused because the stored record moved on (or is locked)."""

    def __init__(self, message: str, *, current: dict | None = None, yours: dict | None = None):
        super().__init__(message)
        self.message = message
        self.current = current
        self.yours = yours


# ---------------------------------------------------------------------------------------- periods

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def period_bounds(key: str) -> tuple[str, datetime.date, datetime.date]:
    """(frequency, first day, last day) of a period key: YYYY-MM (monthly) or YYYY-Qn (quarterly)."""
    key = (key or "").strip().upper()
    if match := _MONTH.match(key):
        year, month = int(match[1]), int(match[2])
        last = calendar.monthrange(year, month)[1]
        return (
            ReportingPeriod.Frequency.MONTHLY,
            datetime.date(year, month, 1),
            datetime.date(year, month, last),
        )
    if match := _QUARTER.match(key):
        year, quarter = int(match[1]), int(match[2])
        first_month = 3 * (quarter - 1) + 1
        last = calendar.monthrange(year, first_month + 2)[1]
        return (
            ReportingPeriod.Frequency.QUARTERLY,
            datetime.date(year, first_month, 1),
            datetime.date(year, first_month + 2, last),
        )
    raise ValidationError(f"period {key!r} is not YYYY-MM or YYYY-Qn")


def current_month_key(on: datetime.date | None = None) -> str:
    return f"{on or today():%Y-%m}"


def plan_has_owners(*, plan: Plan) -> bool:
    return (
        ActionOwnership.objects.filter(action__plan=plan).exclude(lead=None, lead_organisation=None).exists()
    )


@transaction.atomic
def period_open(*, user, plan: Plan, key: str, source: str | None = None) -> ReportingPeriod:
    """Open period ``key`` of ``plan`` (creating it), so that updates can be written today."""
    if user is not None:
        permissions.check(user, "assign", plan)
    frequency, starts_on, ends_on = period_bounds(key)
    key = key.strip().upper()
    on = today()
    period = ReportingPeriod.objects.select_for_update().filter(plan=plan, key=key).first()
    if period is None:
        period = ReportingPeriod(
            plan=plan, key=key, frequency=frequency, starts_on=starts_on, ends_on=ends_on,
            opens_on=min(starts_on, on), closes_on=max(ends_on, on),
        )  # fmt: skip
        period.save()
        audit_record(actor=user, kind="create", obj=period, after=snapshot(period), source=source)
        return period
    before = snapshot(period)
    period.opens_on = min(period.opens_on, on)
    period.closes_on = max(period.closes_on, on)
    period.save()
    audit_record(actor=user, kind="change", obj=period, before=before, after=snapshot(period), source=source)
    return period


@transaction.atomic
def period_close(*, user, plan: Plan, key: str, source: str | None = None) -> ReportingPeriod:
    """Close period ``key`` now: no more updates can be written for it."""
    if user is not None:
        permissions.check(user, "assign", plan)
    period = ReportingPeriod.objects.select_for_update().filter(plan=plan, key=key.strip().upper()).first()
    if period is None:
        raise ValidationError(f"{plan.slug} has no period {key}")
    before = snapshot(period)
    yesterday = today() - datetime.timedelta(days=1)
    period.closes_on = max(period.opens_on, yesterday)
    if period.opens_on > yesterday:
        period.opens_on = period.closes_on = yesterday
    period.save()
    audit_record(actor=user, kind="change", obj=period, before=before, after=snapshot(period), source=source)
    return period


@transaction.atomic
def period_ensure_current(*, plan: Plan, source: str | None = None) -> ReportingPeriod | None:
    """Once a plan has owners, the current month is open unless a period already covers today."""
    on = today()
    covering = ReportingPeriod.objects.filter(plan=plan, starts_on__lte=on, ends_on__gte=on).first()
    if covering is not None:
        return covering
    if not plan_has_owners(plan=plan):
        return None
    return period_open(user=None, plan=plan, key=current_month_key(on), source=source)


def period_for_writing(*, plan: Plan, key: str) -> ReportingPeriod:
    """The open period ``key`` of ``plan`` (the current month is opened by default) — else an error."""
    period_bounds(key)
    key = key.strip().upper()
    if key == current_month_key():
        period_ensure_current(plan=plan)
    period = ReportingPeriod.objects.filter(plan=plan, key=key).first()
    if period is None:
        frequency, starts_on, ends_on = period_bounds(key)
        label = ReportingPeriod(key=key, frequency=frequency, starts_on=starts_on, ends_on=ends_on).label
        raise ValidationError(f"the {label} reporting period ({key}) is not open for {plan.title}")
    if not period.is_open():
        when = "closed" if period.closes_on < today() else "opens"
        day = period.closes_on if when == "closed" else period.opens_on
        raise ValidationError(f"the {period.label} reporting period ({key}) {when} on {day:%-d %B %Y}")
    return period


# -------------------------------------------------------------------------------------- ownership


def ownership_of(action: Action) -> ActionOwnership:
    try:
        return action.ownership
    except ActionOwnership.DoesNotExist:
        return ActionOwnership(action=action)


def _check_version(obj, version: int | None, *, what: str) -> None:
    if version is not None and obj.pk is not None and int(version) != obj.version:
        raise Conflict(
            f"This {what} was changed by someone else (you edited version {version}, it is now version "
            f"{obj.version}). Review the saved version and make your change again.",
            current=snapshot(obj),
        )


@transaction.atomic
def ownership_set(
    *,
    user,
    action: Action,
    lead=UNSET,
    lead_organisation=UNSET,
    supporting_organisations=UNSET,
    boards=UNSET,
    senior_sponsor=UNSET,
    start=UNSET,
    due=UNSET,
    version: int | None = None,
    source: str | None = None,
) -> ActionOwnership:
    """Set who owns ``action`` and its dates. Pass only what changes (users/organisations/boards as
    objects from the plan's partnership)."""
    permissions.check(user, "assign", action)
    partnership_id = action.plan.partnership_id
    ownership = ownership_of(action)
    if ownership.pk:
        ownership = ActionOwnership.objects.select_for_update().get(pk=ownership.pk)
    _check_version(ownership, version, what="action's ownership")
    before = snapshot(ownership) if ownership.pk else None
    if lead is not UNSET:
        if lead is not None and permissions.partnership_id(lead) != partnership_id:
            raise ValidationError(f"{lead.get_username()} is not a member of this partnership")
        ownership.lead = lead
    if lead_organisation is not UNSET:
        if lead_organisation is not None and lead_organisation.partnership_id != partnership_id:
            raise ValidationError(f"{lead_organisation} is not an organisation of this partnership")
        ownership.lead_organisation = lead_organisation
    if senior_sponsor is not UNSET:
        ownership.senior_sponsor = (senior_sponsor or "").strip()[:200]
    if start is not UNSET:
        ownership.start = start
    if due is not UNSET:
        ownership.due = due
    if ownership.start and ownership.due and ownership.start > ownership.due:
        raise ValidationError("the start date must be on or before the due date")
    if ownership.lead_id and not ownership.lead_organisation_id:
        found = permissions.membership(ownership.lead)
        ownership.lead_organisation = found.organisation if found else None
    if supporting_organisations is not UNSET:
        supporting_organisations = list(supporting_organisations)
        if any(org.partnership_id != partnership_id for org in supporting_organisations):
            raise ValidationError("supporting organisations must belong to this partnership")
    if boards is not UNSET:
        boards = list(boards)
        if any(board.partnership_id != partnership_id for board in boards):
            raise ValidationError("boards must belong to this partnership")
    if before is not None:
        proposed = snapshot(ownership)
        if supporting_organisations is not UNSET:
            proposed["supporting_organisations"] = sorted(org.pk for org in supporting_organisations)
        if boards is not UNSET:
            proposed["boards"] = sorted(board.pk for board in boards)
        if proposed == before:
            return ownership
    ownership.version = ownership.version + 1 if ownership.pk else 1
    ownership.save()
    if supporting_organisations is not UNSET:
        ownership.supporting_organisations.set(supporting_organisations)
    if boards is not UNSET:
        ownership.boards.set(boards)
    audit_record(
        actor=user, kind="create" if before is None else "change", obj=ownership, before=before,
        after=snapshot(ownership), source=source,
    )  # fmt: skip
    period_ensure_current(plan=action.plan, source=source)
    return ownership


@transaction.atomic
def milestone_set(
    *,
    user,
    item: ActionItem,
    owner=UNSET,
    due=UNSET,
    status=UNSET,
    version: int | None = None,
    source: str | None = None,
) -> Milestone:
    """Set a milestone's owner and due date (managers) or its status (anyone who delivers the action)."""
    if item.section != ActionItem.Section.HOW:
        raise ValidationError("only 'how we will achieve it' items are milestones")
    action = item.action
    permissions.check(user, "deliver", action)
    milestone = Milestone.objects.select_for_update().filter(item=item).first() or Milestone(item=item)
    _check_version(milestone, version, what="milestone")
    before = snapshot(milestone) if milestone.pk else None
    assigning = (owner is not UNSET and owner != milestone.owner) or (
        due is not UNSET and due != milestone.due
    )
    if assigning and not permissions.allowed(user, "assign", action):
        raise PermissionDenied("Only a plan manager can change a milestone's owner or due date.")
    if owner is not UNSET:
        if owner is not None and permissions.partnership_id(owner) != action.plan.partnership_id:
            raise ValidationError(f"{owner.get_username()} is not a member of this partnership")
        milestone.owner = owner
    if due is not UNSET:
        milestone.due = due
    if status is not UNSET:
        if status not in DeliveryStatus.values:
            raise ValidationError(f"unknown status {status!r}")
        milestone.status = status
    milestone.version = milestone.version + 1 if milestone.pk else 1
    milestone.save()
    audit_record(
        actor=user, kind="create" if before is None else "change", obj=milestone, before=before,
        after=snapshot(milestone), source=source,
    )  # fmt: skip
    return milestone


# ----------------------------------------------------------------------------------------- boards


def _meeting_dates(board: Board) -> list[str]:
    return [d.isoformat() for d in board.meetings.values_list("date", flat=True)]


@transaction.atomic
def board_save(
    *,
    user,
    partnership,
    name: str,
    chair: str = "",
    meeting_dates: list[datetime.date] | None = None,
    board: Board | None = None,
    source: str | None = None,
) -> Board:
    """Create a board (``board`` None) or change one; ``meeting_dates`` replaces the meeting list."""
    if board is not None:
        permissions.check(user, "assign", board)
        partnership = board.partnership
    elif permissions.role(user) not in permissions.MANAGING or (
        not user.is_superuser and permissions.partnership_id(user) != partnership.pk
    ):
        raise PermissionDenied("Only a plan manager can add boards.")
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("a board needs a name")
    clash = Board.objects.filter(partnership=partnership, name__iexact=name)
    if board is not None:
        clash = clash.exclude(pk=board.pk)
    if clash.exists():
        raise ValidationError(f"there is already a board called {name}")
    before = {**snapshot(board), "meetings": _meeting_dates(board)} if board else None
    board = board or Board(partnership=partnership)
    board.name, board.chair = name, (chair or "").strip()[:200]
    board.save()
    if meeting_dates is not None:
        board.meetings.exclude(date__in=meeting_dates).delete()
        for date in sorted(set(meeting_dates)):
            BoardMeeting.objects.get_or_create(board=board, date=date)
    after = {**snapshot(board), "meetings": _meeting_dates(board)}
    audit_record(
        actor=user,
        kind="change" if before else "create",
        obj=board,
        before=before,
        after=after,
        source=source,
    )
    return board


# ---------------------------------------------------------------------------------------- updates


def update_data(update: Update) -> dict:
    """The user-editable content of an update, as JSON."""
    return {field: getattr(update, field) for field in UPDATE_FIELDS}


def _clean_update_fields(values: dict) -> dict:
    cleaned = {}
    for field, value in values.items():
        if value is UNSET:
            continue
        if field == "status":
            if value not in DeliveryStatus.values:
                raise ValidationError(f"Select a delivery status: one of {', '.join(DeliveryStatus.values)}")
        elif field == "percent_complete":
            try:
                value = int(value)
            except (TypeError, ValueError) as exc:
                raise ValidationError("Percent complete must be a whole number between 0 and 100") from exc
            if not 0 <= value <= 100:
                raise ValidationError("Percent complete must be between 0 and 100")
        else:
            value = (value or "").strip()
            if len(value) > 10000:
                raise ValidationError(f"{field.replace('_', ' ')} is longer than 10,000 characters")
        cleaned[field] = value
    return cleaned


def _save_update(*, update: Update, user, before: dict | None, source, message: str = "") -> Update:
    update.updated_by = user if getattr(user, "is_authenticated", False) else None
    update.save()
    UpdateVersion.objects.create(
        update=update,
        version=update.version,
        data={**update_data(update), "state": update.state},
        saved_by=update.updated_by,
    )
    audit_record(
        actor=user, kind="create" if before is None else "change", obj=update, before=before,
        after=snapshot(update), source=source, message=message,
    )  # fmt: skip
    return update


@transaction.atomic
def update_create(
    *,
    user,
    action: Action,
    period_key: str,
    status: str = DeliveryStatus.NOT_STARTED,
    percent_complete: int = 0,
    narrative: str = "",
    risks: str = "",
    next_steps: str = "",
    submit: bool = False,
    source: str | None = None,
) -> Update:
    """Write the update of ``action`` for period ``period_key`` (a draft, or submitted)."""
    permissions.check(user, "deliver", action)
    fields = _clean_update_fields(
        {"status": status, "percent_complete": percent_complete, "narrative": narrative, "risks": risks,
         "next_steps": next_steps}
    )  # fmt: skip
    period = period_for_writing(plan=action.plan, key=period_key)
    existing = Update.objects.filter(action=action, period=period).first()
    if existing is not None:
        raise Conflict(
            f"{action.ref} already has an update for {period} (id {existing.pk}, version {existing.version}).",
            current={"id": existing.pk, "version": existing.version, **update_data(existing)},
        )
    update = Update(action=action, period=period, created_by=user, **fields)
    if submit:
        update.state, update.submitted_at = Update.State.SUBMITTED, timezone.now()
    return _save_update(update=update, user=user, before=None, source=source)


@transaction.atomic
def update_change(
    *,
    user,
    update: Update,
    version: int,
    submit: bool | None = None,
    source: str | None = None,
    **values,
) -> Update:
    """Change an update; ``version`` is the one the writer read. A stale version raises Conflict."""
    permissions.check(user, "deliver", update)
    unknown = set(values) - set(UPDATE_FIELDS)
    if unknown:
        raise ValidationError(f"unknown fields: {', '.join(sorted(unknown))}")
    fields = _clean_update_fields(values)
    update = Update.objects.select_for_update().select_related("period", "action__plan").get(pk=update.pk)
    yours = {**update_data(update), **fields}
    if update.is_locked:
        raise Conflict("This update has been approved and is locked.", current=_public(update), yours=yours)
    if version is None or int(version) != update.version:
        raise Conflict(
            f"This update was changed by someone else since you opened it (you edited version {version}, it is "
            f"now version {update.version}). Your changes were not saved; compare both versions below.",
            current=_public(update),
            yours=yours,
        )
    if not update.period.is_open():
        raise ValidationError(f"the {update.period.label} reporting period is closed")
    before = snapshot(update)
    for field, value in fields.items():
        setattr(update, field, value)
    if submit:
        update.state, update.submitted_at = Update.State.SUBMITTED, timezone.now()
    elif update.state == Update.State.RETURNED and submit is False:
        update.state = Update.State.DRAFT
    if snapshot(update) == before:
        return update
    update.version += 1
    return _save_update(update=update, user=user, before=before, source=source)


def with_article(word: str) -> str:
    """``word`` after "a" or "an": "an approved", "a submitted"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _public(update: Update) -> dict:
    return {"id": update.pk, "version": update.version, "state": update.state, **update_data(update)}


def _transition(*, user, update: Update, perm: str, allowed_from: set, version: int | None, verb: str):
    permissions.check(user, perm, update)
    update = Update.objects.select_for_update().get(pk=update.pk)
    permissions.check(user, perm, update)  # again, locked: who saved it last cannot have changed since
    if version is not None and int(version) != update.version:
        raise Conflict(
            f"This update changed since you read it (version {version}, now {update.version}).",
            current=_public(update),
        )
    if update.state not in allowed_from:
        raise Conflict(
            f"{with_article(update.get_state_display().lower()).capitalize()} update cannot be {verb}.",
            current=_public(update),
        )
    return update, snapshot(update)


@transaction.atomic
def update_submit(*, user, update: Update, version: int | None = None, source: str | None = None) -> Update:
    update, before = _transition(
        user=user, update=update, perm="deliver", version=version, verb="submitted",
        allowed_from={Update.State.DRAFT, Update.State.RETURNED},
    )  # fmt: skip
    update.state, update.submitted_at = Update.State.SUBMITTED, timezone.now()
    update.version += 1
    return _save_update(update=update, user=user, before=before, source=source, message="submitted")


@transaction.atomic
def update_approve(*, user, update: Update, version: int | None = None, source: str | None = None) -> Update:
    """Approve a submitted update; it is locked from then on."""
    update, before = _transition(
        user=user, update=update, perm="approve", version=version, verb="approved",
        allowed_from={Update.State.SUBMITTED},
    )  # fmt: skip
    update.state, update.reviewed_by, update.reviewed_at = Update.State.APPROVED, user, timezone.now()
    update.review_comment = ""
    update.version += 1
    return _save_update(update=update, user=user, before=before, source=source, message="approved")


@transaction.atomic
def update_return(
    *, user, update: Update, comment: str, version: int | None = None, source: str | None = None
) -> Update:
    """Send a submitted update back to its writers with a comment saying what to change."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError("say what needs to change before returning the update")
    update, before = _transition(
        user=user, update=update, perm="approve", version=version, verb="returned",
        allowed_from={Update.State.SUBMITTED},
    )  # fmt: skip
    update.state, update.reviewed_by, update.reviewed_at = Update.State.RETURNED, user, timezone.now()
    update.review_comment = comment[:5000]
    update.version += 1
    return _save_update(update=update, user=user, before=before, source=source, message="returned")


# --------------------------------------------------------------------------------------- evidence


def _check_evidence_writable(user, update: Update) -> None:
    permissions.check(user, "deliver", update)
    if update.is_locked:
        raise Conflict("This update has been approved and is locked.")


@transaction.atomic
def evidence_add_link(*, user, update: Update, title: str, url: str, source: str | None = None) -> Evidence:
    _check_evidence_writable(user, update)
    from django.core.validators import URLValidator

    url = (url or "").strip()
    try:
        URLValidator(schemes=["https"])(url)
    except ValidationError as exc:
        raise ValidationError("Enter a web address starting https://") from exc
    evidence = Evidence.objects.create(
        update=update, title=(title or url).strip()[:200], url=url, uploaded_by=user
    )
    audit_record(actor=user, kind="create", obj=evidence, after=snapshot(evidence), source=source)
    return evidence


@transaction.atomic
def evidence_add_file(*, user, update: Update, title: str, upload, source: str | None = None) -> Evidence:
    """Attach an uploaded file: PDF, Word, Excel, PNG or JPEG, checked by its content, within the size limit."""
    _check_evidence_writable(user, update)
    limit = settings.MAX_UPLOAD_BYTES
    if upload is None or not upload.size:
        raise ValidationError("the selected file is empty")
    if upload.size > limit:
        raise ValidationError(f"the selected file must be smaller than {limit // (1024 * 1024)} MB")
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head if len(head) >= 8192 else upload.read())
    upload.seek(0)
    if kind is None and head.startswith(b"PK"):
        kind = filetype.guess(upload.read())
        upload.seek(0)
    suffix = PurePath(upload.name or "").suffix.lower()
    mime = kind.mime if kind else None
    if mime not in EVIDENCE_TYPES:
        raise ValidationError("the selected file must be a PDF, Word, Excel, PNG or JPEG file")
    if suffix not in EVIDENCE_TYPES[mime]:
        raise ValidationError(
            f"the file's content is {kind.extension.upper()} but its name ends {suffix or 'with no extension'}"
        )
    original = PurePath(upload.name).name[:255]
    evidence = Evidence(
        update=update, title=(title or original).strip()[:200], original_name=original, content_type=mime,
        size=upload.size, uploaded_by=user,
    )  # fmt: skip
    evidence.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(upload.read()), save=False)
    evidence.save()
    audit_record(actor=user, kind="create", obj=evidence, after=snapshot(evidence), source=source)
    return evidence


@transaction.atomic
def evidence_delete(*, user, evidence: Evidence, source: str | None = None) -> None:
    _check_evidence_writable(user, evidence.update)
    before = snapshot(evidence)
    audit_record(actor=user, kind="delete", obj=evidence, before=before, source=source)
    stored = evidence.file.name
    evidence.delete()
    if stored:
        storage = evidence.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


def lead_by_username(*, plan: Plan, username: str | None):
    """The member of the plan's partnership called ``username`` (None for blank) — else an error."""
    if not username:
        return None
    user = get_user_model().objects.filter(username__iexact=username.strip()).first()
    if user is None or permissions.partnership_id(user) != plan.partnership_id:
        raise ValidationError(f"no user {username!r} in this partnership")
    return user


def organisation_by_name(*, plan: Plan, name: str | None) -> Organisation | None:
    if not name:
        return None
    found = Organisation.objects.filter(partnership_id=plan.partnership_id, name__iexact=name.strip()).first()
    if found is None:
        raise ValidationError(f"no organisation {name!r} in this partnership")
    return found
