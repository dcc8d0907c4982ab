"""The Excel round trip: export the tracker to .xlsx, import updates back from the same sheet.

Import is all or nothing: every row is checked first and any problem is reported by row number with
nothing written; a clean sheet is written in one transaction (audited with source "import").
"""

import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sendplan.accounts import permissions
from sendplan.plans.models import DeliveryStatus, Plan

from . import selectors, services
from .models import Update

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Tracker"
READ_ONLY = ["Ref", "Priority", "Action", "Lead", "Lead organisation", "Start", "Due", "Latest period",
             "Latest status", "Latest percent"]  # fmt: skip
EDITABLE = ["Period", "Status", "Percent complete", "Progress", "Risks and issues", "Next steps", "Version"]
HEADERS = READ_ONLY + EDITABLE
FIELD_OF = {"Progress": "narrative", "Risks and issues": "risks", "Next steps": "next_steps"}
STATUS_OF = {
    **{v: v for v in DeliveryStatus.values},
    **{label.lower(): v for v, label in DeliveryStatus.choices},
}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _plain_text(cell) -> None:
    """Keep free text as text: never a formula (data type "s"), and with Excel's quote prefix when it
    starts like one, so editing the cell in Excel keeps it text. The import reads back the same text."""
    if not isinstance(cell.value, str):
        return
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def export_tracker(*, user, plan: Plan) -> io.BytesIO:
    """The plan's tracker as an .xlsx workbook: one row per action, update columns for the open period."""
    open_periods = selectors.open_periods(plan=plan)
    period = open_periods[0] if open_periods else None
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for action in selectors.tracker(user=user, plan=plan):
        ownership = getattr(action, "ownership", None)
        latest = action.updates_newest_first[0] if action.updates_newest_first else None
        current = next((u for u in action.updates_newest_first if period and u.period_id == period.pk), None)
        lead = ownership.lead if ownership else None
        row = [
            action.ref,
            action.priority.number,
            action.what_items[0].text if action.what_items else "",
            (lead.get_full_name() or lead.get_username()) if lead else "",
            ownership.lead_organisation.name if ownership and ownership.lead_organisation else "",
            ownership.start if ownership else None,
            ownership.due if ownership else None,
            latest.period.label if latest else "",
            latest.get_status_display() if latest else "",
            latest.percent_complete if latest else None,
            period.key if period else "",
            current.get_status_display() if current else "",
            current.percent_complete if current else None,
            current.narrative if current else "",
            current.risks if current else "",
            current.next_steps if current else "",
            current.version if current else None,
        ]  # fmt: skip
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            _plain_text(cell)
    widths = [8, 9, 50, 20, 24, 12, 12, 12, 14, 10, 10, 14, 10, 50, 40, 40, 9]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    status_column = get_column_letter(HEADERS.index("Status") + 1)
    rule = DataValidation(type="list", formula1='"' + ",".join(DeliveryStatus.labels) + '"', allow_blank=True)
    rule.add(f"{status_column}2:{status_column}{max(ws.max_row, 2)}")
    ws.add_data_validation(rule)
    ws.freeze_panes = "B2"
    notes = wb.create_sheet("How to use")
    for line in [
        [f"Tracker for {plan.title}, exported {datetime.date.today():%-d %B %Y}"],
        ["Fill in the columns from Period to Next steps for each action you update, then import the sheet."],
        ["Status is one of: " + ", ".join(DeliveryStatus.labels) + ". Percent complete is 0 to 100."],
        ["Leave Version as exported: it tells sendplan which saved update you started from."],
        ["Rows left as exported are skipped: only rows you change are checked and imported."],
        ["You can change only the actions you deliver, and not approved updates."],
        ["Rows with nothing in the columns from Status to Next steps are ignored."],
        ["If any changed row has a problem, nothing is imported."],
    ]:
        notes.append(line)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


@dataclass
class ImportResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(file) -> list[tuple[int, dict]]:
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the same problem to the user
        raise ValidationError("The file is not an Excel .xlsx workbook") from exc
    if SHEET not in wb.sheetnames:
        raise ValidationError(f"The workbook has no sheet called “{SHEET}”")
    rows = wb[SHEET].iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    missing = [h for h in ["Ref", *EDITABLE] if h not in header]
    if missing:
        raise ValidationError(f"The sheet is missing the column(s): {', '.join(missing)}")
    found = []
    for number, values in enumerate(rows, start=2):
        row = {name: values[i] if i < len(values) else None for i, name in enumerate(header) if name}
        if not any(_text(v) for v in row.values()):
            continue
        found.append((number, row))
    wb.close()
    return found


def _status_value(text: str) -> str | None:
    return STATUS_OF.get(text.lower()) or STATUS_OF.get(text.lower().replace(" ", "_"))


def _percent_value(text: str) -> int | None:
    """A whole number from 0 to 100 (blank is 0), or None when the text is not one."""
    try:
        number = float(text or "0")
    except ValueError:
        return None
    return int(number) if number.is_integer() and 0 <= number <= 100 else None


def _comparable(values: dict) -> dict:
    """Update values as compared for "unchanged": line endings do not count (Excel and forms differ)."""
    return {
        k: ILLEGAL_CHARACTERS_RE.sub("", v.replace("\r\n", "\n").replace("\r", "\n"))
        if isinstance(v, str)
        else v
        for k, v in values.items()
    }


def _find_existing(*, plan, action, period_key: str) -> Update | None:
    try:
        services.period_bounds(period_key)
    except ValidationError:
        return None
    return Update.objects.filter(action=action, period__plan=plan, period__key=period_key).first()


def _check_row(*, user, plan, number: int, row: dict, actions: dict) -> tuple[str, dict] | None:
    """The validated change a row asks for: None for a row with nothing to import, ("unchanged", …)
    when its update columns match what is stored. Only a row that changes something is checked
    against the user's permissions, the period, the lock and the version."""
    period_key, status_text = _text(row.get("Period")).upper(), _text(row.get("Status"))
    percent_text = _text(row.get("Percent complete"))
    texts = {FIELD_OF[h]: _text(row.get(h)) for h in FIELD_OF}
    ref = _text(row.get("Ref"))
    action = actions.get(ref.lower())
    existing = (
        _find_existing(plan=plan, action=action, period_key=period_key) if action and period_key else None
    )
    if existing is None and not (status_text or percent_text or any(texts.values())):
        return None  # nothing filled in and nothing stored: not an update
    status, percent = _status_value(status_text), _percent_value(percent_text)
    values = {"status": status, "percent_complete": percent, **texts}
    if existing is not None and _comparable(services.update_data(existing)) == _comparable(values):
        return "unchanged", {}
    # The row changes something: every rule applies.
    if action is None:
        raise ValidationError(f"there is no action {ref or '(blank)'} in this plan")
    if not permissions.allowed(user, "deliver", action):
        raise ValidationError(
            f"you cannot write updates for action {action.ref}: leave its row as exported or clear it"
        )
    if not period_key:
        raise ValidationError("Period is blank")
    if existing is not None and existing.is_locked:
        raise ValidationError(
            f"the {existing.period.label} update of {action.ref} is approved and locked: leave its row as exported"
        )
    if status is None:
        raise ValidationError(
            f"Status “{status_text}” is not one of {', '.join(DeliveryStatus.labels)}"
            if status_text
            else f"Status is blank: choose one of {', '.join(DeliveryStatus.labels)}"
        )
    if percent is None:
        try:
            float(percent_text)
        except ValueError:
            raise ValidationError(f"Percent complete “{percent_text}” is not a number") from None
        raise ValidationError(
            f"Percent complete must be a whole number between 0 and 100, not {percent_text}"
        )
    period = services.period_for_writing(plan=plan, key=period_key)
    if existing is None:
        return "create", {"action": action, "period": period, "values": values}
    version_text = _text(row.get("Version"))
    if version_text != str(existing.version):
        raise ValidationError(
            f"the {period.label} update of {action.ref} changed since this sheet was exported "
            f"(sheet version {version_text or 'blank'}, now {existing.version}): export again"
        )
    return "change", {"update": existing, "values": values}


def import_updates(*, user, plan: Plan, file, source: str = "import") -> ImportResult:
    """Import the update columns of a tracker sheet: all rows or none."""
    result = ImportResult()
    size = getattr(file, "size", None)
    if size is None and hasattr(file, "seek"):
        size = file.seek(0, io.SEEK_END)
        file.seek(0)
    if (size or 0) > settings.MAX_UPLOAD_BYTES:
        result.errors.append(f"The file is larger than {settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        return result
    try:
        rows = _rows(file)
    except ValidationError as exc:
        result.errors.extend(exc.messages)
        return result
    actions = {a.ref.lower(): a for a in selectors.tracker(user=user, plan=plan)}
    planned, seen = [], {}
    for number, row in rows:
        try:
            checked = _check_row(user=user, plan=plan, number=number, row=row, actions=actions)
        except ValidationError as exc:
            result.errors.append(f"Row {number}: {' '.join(exc.messages)}")
            continue
        if checked is None:
            continue
        key = (_text(row.get("Ref")).lower(), _text(row.get("Period")).upper())
        if key in seen:
            result.errors.append(f"Row {number}: repeats action {key[0]} for {key[1]} (row {seen[key]})")
            continue
        seen[key] = number
        planned.append((number, checked))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for number, (kind, data) in planned:
                try:
                    if kind == "create":
                        services.update_create(
                            user=user, action=data["action"], period_key=data["period"].key, source=source,
                            **data["values"],
                        )  # fmt: skip
                        result.created += 1
                    elif kind == "change":
                        update = data["update"]
                        services.update_change(
                            user=user, update=update, version=update.version, source=source, **data["values"]
                        )
                        result.changed += 1
                    else:
                        result.unchanged += 1
                except (ValidationError, PermissionDenied, services.Conflict) as exc:
                    message = (
                        exc.message
                        if isinstance(exc, services.Conflict)
                        else " ".join(getattr(exc, "messages", [str(exc)]))
                    )
                    result.errors.append(f"Row {number}: {message}")
                    raise _Abort from exc
    except _Abort:
        result.created = result.changed = result.unchanged = 0
    return result


class _Abort(Exception):
    pass
