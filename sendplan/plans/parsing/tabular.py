"""The parser for plans kept as tables: one action per row (Word tables, Excel sheets, CSV).

``parse_tables(doc)`` reads every table of a :class:`~.document.Document`:

* the header row is the row among the first 15 that names the most plan columns (at least two, one of
  them the reference or "What will we do?"); header wording is matched flexibly (``normalise.match_column``
  plus the variants below; an "Actions" column beside an "Objective" or "Action" column holds the steps,
  i.e. how). A table with labels down its first column instead is read transposed (a first label that is
  the reference, "Action 1.1", gives the reference and the text beside it is what we will do), and a
  headerless table with the same width as the previous plan table continues it (a table split by a page);
* a reference cell holds "1a", "1.2", "1.1a", "Action 4b"…; a dotted reference's first number is its
  priority unless a heading or Priority column says otherwise;
* a qualifier before a delivery column still names it ("Milestone lead", "Overall RAG (Mar 25)");
* a later table keyed by references already read (impact and measures tabled after the actions) adds
  to those actions, identical items once; a reference repeated within one table is a repair;
* items inside a cell are its lines (and "•" bullets, or sentences joined by ";", run together on one
  line), cleaned;
* the priority comes from a Priority column, a row holding only "Priority N: Title" (a merged row), a
  heading paragraph between tables, a "Priority / Title / Voice" sheet, or else the reference's number;
* a row with text but no reference and no new priority continues the previous action — except a totals
  row ("Total actions | | 3": first cell Total/Count/Summary, the rest only numbers), which is unassigned;
* quotations under a voice label ("What children and young people told us") after a priority's table
  are that priority's voice;
* rows above the header and paragraphs before the first action are front matter; columns that are not
  part of the plan, and text that fits nowhere, are listed as unassigned — nothing is dropped;
* lead is kept as text, target dates and statuses are normalised where clear (else a warning keeps the
  raw text), missing sections and repaired references are warned about.
"""

from __future__ import annotations

import re

from .document import Document, Paragraph, PlanFormatError, Table
from .flow import _VOICE_LABEL
from .normalise import (
    clean_item,
    collapse,
    map_status,
    match_column,
    match_priority_heading,
    match_section,
    parse_due,
    repair_refs,
)
from .structure import SECTION_LABELS, SECTIONS, ParsedAction, ParsedPlan, ParsedPriority, ParseWarning

__all__ = ["card_paragraphs", "find_header", "has_action_table", "match_header", "parse_tables"]

HEADER_SEARCH_ROWS = 15
LIST_KINDS = ("what", "how", "impact", "measures")
EXPECTED = (
    "Ref, What will we do?, How will we achieve this?, What impact will this have?, "
    "How will we know we have achieved?, Lead, Target date, RAG"
)
_QUOTES = "“\"‘'«„”’»"
_REF = re.compile(
    r"^(?:action\s*|ref\.?\s*)?(\d{1,2}(?:\s?[A-Za-z]{1,2}\b|(?:\.\d{1,2})+[A-Za-z]?)?|[A-Za-z]{1,3}\s?\d{1,2}(?:\.\d{1,2})*)[.):]?$",
    re.I,
)
# A reference written at the start of the action's text: "1a We will…", "2.3: We will…", "Action 4b – …".
_LEADING_REF = re.compile(
    r"^(?:action\s*)?(\d{1,2}(?:[A-Za-z]{1,2}|(?:\.\d{1,2})+))(?:\s*[.):\-–—]\s*|\s+)(?=\S)", re.I
)
_CELL_BULLET = re.compile(r"\s*[•●▪◦‣■]\s*")
_TITLE_HEADERS = {"title", "name", "priority title", "priority name", "theme title", "description"}


# ------------------------------------------------------------------------------------------ headers


def _key(text: str) -> str:
    text = collapse(text).lower().replace("’", "'").replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


def match_header(header: str) -> str | None:
    """The field a column heading names: ref, priority, title, what, how, impact, measures, lead, due,
    status, voice — or None. Tries the whole heading, then without brackets, then each "/"-separated part."""
    text = collapse(header)
    if not text or len(text) > 90:
        return None
    key = _key(text)
    if key in _TITLE_HEADERS:
        return "title"
    if re.match(r"^how (?:will|do|shall) we know\b|^how (?:we will|will we|to|we) measure\b", key):
        return "measures"
    if re.match(r"^(?:intended |expected )?outcomes? for (?:cyp|children|young people|families)\b", key):
        return "impact"
    if re.match(r"^(?:action|delivery) (?:lead|owner)s?\b", key):
        return "lead"
    candidates = [text, re.sub(r"\(.*?\)|\[.*?\]", " ", text)]
    candidates += [
        part for part in re.split(r"\s*(?:/|\||\s[-–—]\s|\band\b|,)\s*", candidates[1]) if part.strip()
    ]
    for candidate in candidates:
        if collapse(candidate) and (kind := match_column(candidate)):
            return kind
    # "Milestone lead", "Overall RAG (Mar 25)", "Current status": a qualifier before a delivery column.
    qualified = _QUALIFIER.match(_key(candidates[1]))
    if qualified and (kind := match_column(qualified.group(1))) in ("lead", "due", "status"):
        return kind
    return None


_QUALIFIER = re.compile(
    r"^(?:overall|current|latest|revised|agreed|original|milestone|named|responsible|accountable)\s+(.+)$"
)


# "Actions", "Key actions", "Actions / milestones": the steps, when another column holds the objective.
_STEPS_HEADER = re.compile(r"^(?:key |planned |main )?actions\b")


def _header_kinds(row: list[str]) -> dict[int, str]:
    kinds = {}
    for index, cell in enumerate(row):
        if cell and len(cell) <= 90 and cell.count("\n") <= 2:
            kind = match_header(cell)
            if kind:
                kinds[index] = kind
    # "Objective" (or "Action") beside "Actions": the objective is what we will do, the actions are how.
    whats = [index for index, kind in kinds.items() if kind == "what"]
    steps = [index for index in whats if _STEPS_HEADER.match(_key(row[index]))]
    if steps and len(steps) < len(whats):
        for index in steps:
            kinds[index] = "how"
    return kinds


def _acceptable(kinds: dict[int, str]) -> bool:
    found = set(kinds.values())
    if len(found) < 2:
        return False
    if found & {"ref", "what"}:
        return True
    return "voice" in found and found <= {"priority", "title", "voice"} and "priority" in found


def find_header(rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    """(row index, {column index: field}) of the header among the first rows, or None."""
    best: tuple[int, dict[int, str]] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        kinds = _header_kinds(row)
        if _acceptable(kinds) and (best is None or len(set(kinds.values())) > len(set(best[1].values()))):
            best = (index, kinds)
    return best


def _transpose(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(row) for row in rows), default=0)
    return [[row[i] if i < len(row) else "" for row in rows] for i in range(width)]


def _plan_table(table: Table) -> tuple[list[list[str]], int, dict[int, str]] | None:
    """(rows, header index, column fields) for a table that is laid out as a plan, maybe transposed."""
    found = find_header(table.rows)
    if found:
        return table.rows, *found
    transposed = _transpose(table.rows)
    if len(transposed) >= 2:
        transposed = _ref_label(transposed)
    found = find_header(transposed[:2])  # labels down the first column (one action per table)
    if found and found[0] == 0 and len(transposed) >= 2:
        return transposed, *found
    return None


def _ref_label(transposed: list[list[str]]) -> list[list[str]]:
    """A table of labels down its first column whose first label is the action's reference ("Action
    1.1", "2b", "Action 3c: Title"): the reference becomes a Ref column, and the text beside it (and
    any title after the reference) the first item of what we will do."""
    labels, values = transposed[0], transposed[1]
    first = clean_item(labels[0].split("\n")[0]) if labels and labels[0].strip() else ""
    if not first or match_header(labels[0]):
        return transposed
    if len(set(_header_kinds(labels[1:]).values()) & set(LIST_KINDS)) < 2:
        return transposed  # the labels below are not a plan's: not a card of one action
    rest = ""
    ref = _ref_of(first)
    if ref is None and (match := _LEADING_REF.match(first)):
        ref, rest = match.group(1), first[match.end() :]
    if ref is None:
        return transposed
    what = "\n".join(part for part in (rest, values[0]) if part.strip())
    extra = [""] * (len(transposed) - 2)
    head = [["Ref", "What will we do?"], [ref, what], *([""] * 2 for _ in extra)]
    return [[*head[i], *row[1:]] for i, row in enumerate(transposed)]


_FIELD_LABELS = {"lead": "Lead", "due": "Target date", "status": "Status"}


def card_paragraphs(table: Table) -> list[Paragraph] | None:
    """A table holding one action with its labels down the first column ("Objective | …", "Key actions
    | …", "Responsible officer | …") as the paragraphs a plan written as running text would have: the
    reference, each section's label (in its usual wording) followed by its items, and "Lead: …",
    "Target date: …", "Status: …" lines; other labels as "Label: text". None for any other table.
    For a plan written as text with an action or two kept in such a table."""
    if find_header(table.rows):
        return None  # labels across the top: a table of rows, not a card
    layout = _plan_table(table)
    if layout is None:
        return None
    rows, header_index, kinds = layout
    if header_index != 0 or len(rows) < 2 or not set(kinds.values()) & set(LIST_KINDS):
        return None
    labels, values = rows[0], rows[1]
    out: list[Paragraph] = []
    sections: dict[str, list[str]] = {}
    fields: list[str] = []
    for index, label in enumerate(labels):
        value = values[index] if index < len(values) else ""
        kind = kinds.get(index)
        if kind == "ref" and (ref := _ref_of(value)):
            out.append(Paragraph(ref))
        elif kind in LIST_KINDS:
            sections.setdefault(kind, []).extend(cell_items(value))
        elif kind in _FIELD_LABELS and value.strip():
            fields.append(f"{_FIELD_LABELS[kind]}: {'; '.join(cell_items(value)) or collapse(value)}")
        elif value.strip() or label.strip():
            text = "; ".join(collapse(line) for line in value.split("\n") if line.strip())
            fields.append(f"{collapse(label)}: {text}" if label.strip() and text else collapse(label or text))
    for kind in SECTIONS:
        if kind in sections:
            out.append(Paragraph(SECTION_LABELS[kind], bold=True))
            out.extend(Paragraph(item) for item in sections[kind])
    out.extend(Paragraph(text) for text in fields)
    return out


def has_action_table(doc: Document) -> bool:
    """True when the plan in ``doc`` is kept in tables: some table has column headings for actions (a
    reference or "What will we do?"), and the running text does not hold more actions than the tables do
    (a summary table in a plan written as headings and labels does not count)."""
    table_rows = 0
    for block in doc.blocks:
        if isinstance(block, Table):
            layout = _plan_table(block)
            if layout and set(layout[2].values()) & {"ref", "what"}:
                rows, header, _ = layout
                table_rows += sum(1 for row in rows[header + 1 :] if any(cell.strip() for cell in row))
    if not table_rows:
        return False
    labels = sum(
        1
        for block in doc.blocks
        if isinstance(block, Paragraph)
        and len(block.text) <= 120
        and (found := match_section(block.text))
        and not found[1]
    )
    return table_rows * 4 >= labels


# ------------------------------------------------------------------------------------- cell values


# A semicolon after a full sentence, before a capital: items of a cell joined on one line.
_SENTENCE_SEMICOLON = re.compile(r"(?<=[.!?])\s*;\s+(?=[A-Z])")


def cell_items(text: str) -> list[str]:
    """The items of a cell: one per line, "•" bullets (or sentences joined by ";") on one line split
    apart, each cleaned."""
    items: list[str] = []
    for line in str(text).replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        if _CELL_BULLET.search(line[1:]):
            parts = _CELL_BULLET.split(line)
        elif re.match(r"^[-–]\s", line) and re.search(r"\s[-–]\s", line[2:]):
            parts = re.split(r"(?:^|\s)[-–]\s", line)
        elif _SENTENCE_SEMICOLON.search(line):
            parts = _SENTENCE_SEMICOLON.split(line)  # "Hire staff. ; Open hubs.": line breaks lost in a paste
        else:
            parts = [line]
        items.extend(item for part in parts if (item := clean_item(part)))
    return items


_TOTALS = re.compile(r"^(?:grand\s+)?(?:totals?|count|summary|sub-?\s?totals?|number\s+of)\b", re.I)
_NUMBER = re.compile(r"^[£$€]?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*%?$")


def _totals_row(filled: list[tuple[int, str]]) -> bool:
    """A row whose first cell says Total, Count or Summary and whose other cells hold only numbers."""
    label = collapse(filled[0][1])
    return (
        len(filled) >= 2
        and len(label) <= 60
        and _TOTALS.match(label) is not None
        and all(_NUMBER.match(collapse(cell)) for _, cell in filled[1:])
    )


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        return text[1:-1].strip()
    return text


def _ref_of(text: str) -> str | None:
    plain = clean_item(text.split("\n")[0]) if text.strip() else ""
    match = _REF.match(plain)
    return match.group(1).replace(" ", "") if match else None


def _status(raw: str) -> str | None:
    mapped = map_status(raw)
    if mapped is None:
        first = re.split(r"\s*[-–—:/(,\n]\s*", raw.strip(), maxsplit=1)[0]
        mapped = map_status(first) if first and first != raw.strip() else None
    return mapped


def _due(raw: str) -> str | None:
    due = parse_due(raw)
    if due is None:
        first = raw.strip().split("\n")[0]
        due = parse_due(first) if first != raw.strip() else None
    return due


# ------------------------------------------------------------------------------------------ parser


def parse_tables(doc: Document) -> ParsedPlan:
    """The plan in ``doc``'s tables (see the module docstring). Raises PlanFormatError when no table has
    column headings that look like a plan."""
    return _TableParser(doc).parse()


class _TableParser:
    def __init__(self, doc: Document):
        self.doc = doc
        self.plan = ParsedPlan(format=doc.format, title=doc.title)
        self.priority: ParsedPriority | None = None
        self.action: ParsedAction | None = None
        self.titled: set[int] = set()
        self.front: list[str] = []
        self.pending_ref: str | None = None
        self.previous_layout: tuple[int, dict[int, str]] | None = None
        self.warned: set[str] = set()
        self.action_warnings: dict[int, list[ParseWarning]] = {}  # id(action) -> warnings about it
        self.priority_explicit = False
        self.in_voice = False
        self.voice_label: str | None = None  # a voice label waiting to see whether a quotation follows
        self.columns_seen: set[str] = set()
        self.column_gaps: dict[str, ParseWarning] = {}  # section -> the warning that no column holds it
        self.table_number = 0  # counts plan tables with a header; a table continued without one keeps it
        self.table_of: dict[int, int] = {}  # id(action) -> the table it was first read from

    # ---- output helpers
    def warn_once(self, key: str, ref: str | None, message: str) -> None:
        if key not in self.warned:
            self.warned.add(key)
            self.plan.warn(ref, message)

    def warn_action(self, action: ParsedAction, message: str) -> None:
        """A warning about one action, given once however many of its rows repeat the problem."""
        key = f"action:{id(action)}:{message}"
        if key not in self.warned:
            self.warned.add(key)
            self.plan.warn(action.ref, message)
            self.action_warnings.setdefault(id(action), []).append(self.plan.warnings[-1])

    def leftover(self, text: str) -> None:
        """Text that is not part of the structure: front matter before the first action, else unassigned."""
        lines = [collapse(line) for line in str(text).split("\n") if line.strip()]
        if not lines:
            return
        if not self.plan.actions:
            self.front.extend(lines)
        else:
            self.plan.unassigned.extend(lines)

    def get_priority(self, number: int, title: str | None = None) -> ParsedPriority:
        for priority in self.plan.priorities:
            if priority.number == number:
                break
        else:
            priority = ParsedPriority(number=number, title="")
            self.plan.priorities.append(priority)
        if title and number not in self.titled:
            priority.title = title
            self.titled.add(number)
        return priority

    def resolve_priority(self, raw: str) -> ParsedPriority | None:
        """A priority from a Priority cell: "1", "P1", "Priority 1: Title", "1. Title" or a title alone."""
        text = clean_item(raw.replace("\n", " "))
        if not text:
            return None
        if found := match_priority_heading(text):
            return self.get_priority(found[0], clean_item(found[1]) or None)
        if match := re.match(r"^(?:p|pri)?\s*(\d{1,2})(?:\s*[:.\-–—)]\s*|\s+|$)(.*)$", text, re.I):
            return self.get_priority(int(match.group(1)), clean_item(match.group(2)) or None)
        for priority in self.plan.priorities:
            if _key(priority.title) == _key(text):
                return priority
        number = max((p.number for p in self.plan.priorities), default=0) + 1
        return self.get_priority(number, text)

    def new_action(self, ref: str) -> ParsedAction:
        if self.priority is None:
            match = re.match(r"^(\d+)", ref)
            number = int(match.group(1)) if match else 1
            self.priority = self.get_priority(number)
        elif (match := re.match(r"^(\d+)(?:[A-Za-z]|\.\d)", ref)) and int(
            match.group(1)
        ) != self.priority.number:
            if not self.priority_explicit:
                self.priority = self.get_priority(int(match.group(1)))
        self.action = ParsedAction(ref=ref)
        self.priority.actions.append(self.action)
        self.table_of[id(self.action)] = self.table_number
        self.pending_ref = None
        return self.action

    def earlier_action(self, ref: str) -> ParsedAction | None:
        """The action with this reference read from an earlier plan table, if any."""
        for action in self.plan.actions:
            if action.ref == ref and self.table_of.get(id(action), self.table_number) != self.table_number:
                return action
        return None

    def generated_ref(self) -> str:
        number = self.priority.number if self.priority else 1
        used = {a.ref for a in self.plan.actions}
        letter = len(self.priority.actions) if self.priority else 0
        while True:
            ref = f"{number}{_letters(letter)}"
            if ref not in used:
                return ref
            letter += 1

    # ---- the walk
    def parse(self) -> ParsedPlan:
        found_plan_table = False
        for block in self.doc.blocks:
            if isinstance(block, Paragraph):
                self.on_paragraph(block)
            elif self.on_table(block):
                found_plan_table = True
        if not found_plan_table:
            raise PlanFormatError(
                f"{self.where()} no column headings that look like a plan (expected e.g. {EXPECTED})"
            )
        self.finish()
        return self.plan

    def where(self) -> str:
        tables = [b for b in self.doc.blocks if isinstance(b, Table)]
        if self.doc.format == "xlsx":
            if len(tables) == 1 and tables[0].name:
                return f"The spreadsheet's sheet '{tables[0].name}' has"
            return "No sheet of the spreadsheet has" if len(tables) > 1 else "The spreadsheet has"
        if self.doc.format == "csv":
            return "The CSV file has"
        return "No table in the document has" if len(tables) > 1 else "The table has"

    def on_paragraph(self, paragraph: Paragraph) -> None:
        text = collapse(paragraph.text)
        if not text:
            return
        found = match_priority_heading(text) if len(text) <= 200 else None
        if found and found[1][:1].islower():
            found = None
        if self.plan.title is None and paragraph.heading in (0, 1) and not self.plan.priorities and not found:
            self.plan.title = clean_item(text)
            self.front.append(text)
            return
        if found:  # a priority heading keeps its own title, and is never the plan's title
            self.priority = self.get_priority(found[0], clean_item(found[1]) or None)
            self.priority_explicit = True
            self.action = None
            self.in_voice = True
            if not self.plan.actions:
                self.front.append(text)
            return
        ref = _ref_of(text) if len(text) <= 20 else None
        if ref and not paragraph.bullet:
            self.pending_ref = ref
            return
        item = clean_item(text)
        label, self.voice_label = self.voice_label, None
        if self.priority is not None and self.in_voice and item[:1] in _QUOTES:
            quote = _unquote(item)
            if quote not in self.priority.voice:
                self.priority.voice.append(quote)
            if not self.plan.actions:
                self.front.append(text)
            return
        if label is not None:
            self.leftover(label)  # a label with no quotation under it is kept as text
        if self.priority is not None and len(item) <= 120 and _VOICE_LABEL.match(item.rstrip(":")):
            # "What children and young people told us" under a priority's table: quotations follow
            self.voice_label = text
            self.in_voice = True
            return
        self.in_voice = False
        self.leftover(text)

    def on_table(self, table: Table) -> bool:
        if self.voice_label is not None:
            self.leftover(self.voice_label)
            self.voice_label = None
        layout = _plan_table(table)
        if layout is None:
            width = max((len(row) for row in table.rows), default=0)
            if self.previous_layout and self.previous_layout[0] == width:
                self.read_rows(table.rows, self.previous_layout[1], table)
                return True
            for row in table.rows:
                for cell in row:
                    self.leftover(cell)
            if any(any(cell.strip() for cell in row) for row in table.rows):
                label = f"sheet '{table.name}'" if table.name else "a table"
                self.warn_once(
                    f"table:{id(table)}",
                    None,
                    f"{label} has no plan column headings; its text was kept as text",
                )
            return False
        rows, header_index, kinds = layout
        self.table_number += 1
        named = match_priority_heading(table.name or "")
        if named:  # a sheet per priority: "Priority 2 - Inclusion"
            self.priority = self.get_priority(named[0], clean_item(named[1]) or None)
            self.priority_explicit = True
            self.action = None
        for row in rows[:header_index]:
            for cell in row:
                if not cell.strip():
                    continue
                found = match_priority_heading(cell)
                if found and not found[1][:1].islower():
                    self.priority = self.get_priority(found[0], clean_item(found[1]) or None)
                    self.priority_explicit = True
                elif (
                    self.plan.title is None
                    and not self.plan.actions
                    and len(cell) <= 250
                    and "\n" not in cell.strip()
                ):
                    self.plan.title = clean_item(cell)
                    self.front.append(collapse(cell))
                else:
                    self.leftover(cell)
        headers = rows[header_index]
        self.note_columns(headers, kinds, table)
        self.read_rows(rows[header_index + 1 :], kinds, table, headers)
        self.previous_layout = (max(len(row) for row in rows), kinds)
        return True

    def note_columns(self, headers: list[str], kinds: dict[int, str], table: Table) -> None:
        """Sections without a column are warned about once the whole document is read: another table
        keyed by the same references may hold them."""
        found = set(kinds.values())
        self.columns_seen |= found
        if found & {"ref", "what"}:
            for section in SECTIONS:
                if section not in found and section not in self.column_gaps:
                    label = f"sheet '{table.name}'" if table.name else "the table"
                    warning = ParseWarning(None, f"{label} has no '{SECTION_LABELS[section]}' column")
                    self.column_gaps[section] = warning
                    self.plan.warnings.append(warning)

    def read_rows(self, rows, kinds: dict[int, str], table: Table, headers: list[str] | None = None) -> None:
        headers = headers or [""] * max((len(row) for row in rows), default=0)
        has_ref_column = "ref" in kinds.values()
        action_table = bool(set(kinds.values()) & {"ref", "what"})
        for row in rows:
            cells = [str(cell or "") for cell in row]
            filled = [(i, cell) for i, cell in enumerate(cells) if cell.strip()]
            if not filled:
                continue
            row_kinds = _header_kinds(cells)
            if len(set(row_kinds.values())) >= 2 and row_kinds == {
                i: k for i, k in kinds.items() if i in row_kinds
            }:
                continue  # the header repeated (a table continued over pages)
            if _totals_row(filled):
                # "Total actions | | 3": a count under the plan, not part of the last action
                numbers = " | ".join(collapse(cell) for _, cell in filled[1:])
                self.leftover(f"{collapse(filled[0][1])}: {numbers}")
                continue
            if len(filled) == 1 and kinds.get(filled[0][0]) not in (
                *LIST_KINDS,
                "voice",
                "lead",
                "due",
                "status",
            ):
                if self.spanning_row(filled[0][1], kinds.get(filled[0][0])):
                    continue
            self.read_row(cells, kinds, headers, has_ref_column, action_table)

    def spanning_row(self, text: str, kind: str | None) -> bool:
        """A row with one cell: a priority heading ("Priority 2: Title" or a short theme name)."""
        found = match_priority_heading(text)
        if found and not found[1][:1].islower():
            self.priority = self.get_priority(found[0], clean_item(found[1]) or None)
            self.priority_explicit = True
            self.action = None
            return True
        if kind == "ref" and _ref_of(text):
            return False  # a reference with nothing else: an action without text
        plain = clean_item(text)
        if kind in (None, "ref", "priority", "title") and 0 < len(plain) <= 120 and "\n" not in text.strip():
            if not plain.endswith((".", ";", ",")):
                number = max((p.number for p in self.plan.priorities), default=0) + 1
                self.priority = self.get_priority(number, plain)
                self.priority_explicit = True
                self.action = None
                self.plan.warn(None, f"the row '{plain}' spanning the table was read as priority {number}")
                return True
        return False

    def read_row(self, cells, kinds, headers, has_ref_column: bool, action_table: bool) -> None:
        values: dict[str, list[tuple[int, str]]] = {}
        extras: list[tuple[int, str]] = []
        for index, cell in enumerate(cells):
            if not cell.strip():
                continue
            kind = kinds.get(index)
            if kind is None:
                extras.append((index, cell))
            else:
                values.setdefault(kind, []).append((index, cell))

        # Priority (and its title from a separate column); an unlabelled column may hold "Priority N: …".
        new_priority = False
        if not values.get("priority"):
            for item in list(extras):
                found = match_priority_heading(item[1])
                if found and not found[1][:1].islower():
                    values["priority"] = [item]
                    extras.remove(item)
                    break
        priority_text = ": ".join(clean_item(c) for _, c in values.get("priority", []))
        title_text = " ".join(clean_item(c) for _, c in values.get("title", []))
        if priority_text:
            priority = self.resolve_priority(priority_text)
            if title_text and priority is not None and priority.number not in self.titled:
                priority.title = title_text
                self.titled.add(priority.number)
            elif title_text and priority is not None and _key(priority.title) != _key(title_text):
                extras.extend(values.get("title", []))
            new_priority = priority is not self.priority
            self.priority = priority
            self.priority_explicit = True
        elif title_text:
            extras.extend(values.get("title", []))

        for _, cell in values.get("voice", []):
            target = self.priority
            if target is None:
                extras.append((0, cell))
                continue
            for quote in cell_items(cell):
                quote = _unquote(quote)
                if quote and quote not in target.voice:
                    target.voice.append(quote)

        if not action_table:
            for index, cell in extras:
                self.keep_extra(headers, index, cell)
            return

        ref = None
        for index, cell in values.get("ref", []):
            ref = _ref_of(cell)
            if ref is None:
                found = match_priority_heading(cell)
                if found and not found[1][:1].islower():
                    self.priority = self.get_priority(found[0], clean_item(found[1]) or None)
                    self.priority_explicit = True
                    new_priority = True
                else:
                    extras.append((index, cell))
        sections = {kind: [] for kind in LIST_KINDS}
        for kind in LIST_KINDS:
            for _, cell in values.get(kind, []):
                sections[kind].extend(cell_items(cell))
        delivery = any(values.get(kind) for kind in ("lead", "due", "status"))
        content = any(sections.values()) or delivery

        if ref is None and not has_ref_column and sections["what"]:
            match = _LEADING_REF.match(sections["what"][0])
            if match:
                ref = match.group(1)
                sections["what"][0] = sections["what"][0][match.end() :]
        if ref is None and self.pending_ref and content:
            ref = self.pending_ref
        earlier = self.earlier_action(ref) if ref is not None else None
        if earlier is not None:
            # The same reference in an earlier table (impact and measures tabled after the actions):
            # more of that action, not a repeated reference.
            action = self.action = earlier
            self.pending_ref = None
            self.fill(action, sections, values, headers, merging=True)
            for index, cell in extras:
                self.keep_extra(headers, index, cell, action.ref)
            return
        if ref is not None:
            action = self.new_action(ref)
        elif not content:
            for index, cell in extras:
                self.keep_extra(headers, index, cell)
            return
        elif self.action is not None and not new_priority and not (not has_ref_column and sections["what"]):
            action = self.action  # a continuation row
        else:
            action = self.new_action(self.generated_ref())
            if has_ref_column:
                self.plan.warn(action.ref, f"a row with no reference was numbered {action.ref}")
            else:
                self.warn_once(
                    "refs", None, "the table has no reference column; actions were numbered in order"
                )
        self.fill(action, sections, values, headers)
        for index, cell in extras:
            self.keep_extra(headers, index, cell, action.ref)

    def keep_extra(self, headers: list[str], index: int, cell: str, ref: str | None = None) -> None:
        header = collapse(headers[index]) if index < len(headers) else ""
        if header and self.plan.actions:
            self.warn_once(
                f"extra:{header}",
                None,
                f"column '{header}' is not part of the plan; its text is listed as unassigned",
            )
        if not self.plan.actions:
            self.leftover(cell)
            return
        prefix = " – ".join(part for part in (ref, header) if part)
        for line in str(cell).split("\n"):
            if line.strip():
                self.plan.unassigned.append(f"{prefix}: {collapse(line)}" if prefix else collapse(line))

    def fill(self, action: ParsedAction, sections, values, headers, merging: bool = False) -> None:
        repeated = False
        for kind, items in sections.items():
            existing = getattr(action, kind)
            for item in items:
                if item in existing:
                    repeated = True
                else:
                    existing.append(item)
        if repeated and not merging:
            self.warn_action(action, f"{action.ref}: repeated items were kept once")
        for _, cell in values.get("lead", []):
            lead = "; ".join(collapse(line) for line in cell.split("\n") if line.strip())
            if not action.lead:
                action.lead = lead
            elif lead not in action.lead:
                action.lead = f"{action.lead}; {lead}"
        for _index, raw in values.get("due", []):
            due = _due(raw)
            if due and not action.due:
                action.due = due
            elif not due:
                self.warn_action(action, f"{action.ref}: target date '{collapse(raw)}' is not a date")
        for index, raw in values.get("status", []):
            status = _status(raw)
            if action.status and action.status in {
                "not_started",
                "on_track",
                "at_risk",
                "off_track",
                "complete",
            }:
                if status != action.status:
                    self.keep_extra(headers, index, raw, action.ref)
                continue
            if status:
                action.status = status
            else:
                action.status = collapse(raw)
                self.warn_action(
                    action,
                    f"{action.ref}: status '{collapse(raw)}' is not one of not started, on track, at risk, off track or complete; kept as written",
                )

    def finish(self) -> None:
        plan = self.plan
        if self.voice_label is not None:
            self.leftover(self.voice_label)
        for section, warning in self.column_gaps.items():
            if section in self.columns_seen:
                plan.warnings.remove(warning)
        self.renumber_plain_refs()
        self.restore_trailing_zeros()
        repair_refs(plan)
        for priority in plan.priorities:
            if not priority.title:
                priority.title = f"Priority {priority.number}"
                plan.warn(
                    None, f"priority {priority.number} has no title in the source; called '{priority.title}'"
                )
        for action in plan.actions:
            for section in SECTIONS:
                if not getattr(action, section):
                    plan.warn(action.ref, f"{action.ref} has no '{SECTION_LABELS[section]}' section")
        plan.front_matter = "\n\n".join(self.front)

    def restore_trailing_zeros(self) -> None:
        """A reference typed as a number loses its trailing zero: 1.10 reads as 1.1. A dotted reference
        that repeats an earlier one and follows the number before its zero form (1.1 after 1.9, 2.2
        after 2.19) is read with the zero (1.10, 2.20)."""
        used: set[str] = set()
        previous: str | None = None
        for action in self.plan.actions:
            ref = action.ref
            match = re.fullmatch(r"(\d+(?:\.\d+)*)\.(\d+)", ref)
            before = re.fullmatch(r"(\d+(?:\.\d+)*)\.(\d+)", previous or "")
            if ref in used and match and before and before.group(1) == match.group(1):
                candidate = f"{ref}0"
                if candidate not in used and int(before.group(2)) + 1 == int(f"{match.group(2)}0"):
                    action.ref = candidate
                    for warning in self.action_warnings.get(id(action), []):
                        warning.ref = candidate
                        if warning.message.startswith(f"{ref}:"):
                            warning.message = candidate + warning.message[len(ref) :]
                    self.plan.warn(
                        candidate,
                        f"reference '{ref}' repeats an earlier one and follows {previous}; read as "
                        f"'{candidate}' (a number loses its trailing zero)",
                    )
            used.add(action.ref)
            previous = action.ref

    def renumber_plain_refs(self) -> None:
        """Numbers restarting in each priority ("1", "2" under priority 1 and 2) become "1.1", "2.1"."""
        refs = [action.ref for action in self.plan.actions]
        if not refs or not all(ref.isdigit() for ref in refs):
            return
        if len(set(refs)) == len(refs) or len(self.plan.priorities) < 2:
            return
        for priority in self.plan.priorities:
            for action in priority.actions:
                action.ref = f"{priority.number}.{action.ref}"
        self.plan.warn(
            None, "action numbers restart in each priority; references were written as priority.number"
        )


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters
