"""The parser for plans written as running text: headings, question labels and paragraphs or bullets.

Text, Markdown, Word documents written with headings, and PDF all arrive here as a list of
:class:`~.document.Paragraph`. The parser

1. classifies each paragraph (priority heading, action reference, section label, a labelled field
   such as ``Lead:``, a quotation, or plain text);
2. splits the document at the priority heading before the first action: what comes before is the
   front matter (kept whole; the words of children and young people quoted under each priority
   heading there are taken as that priority's voice), what follows is the plan body;
3. walks the body, building priorities and actions; every non-empty line of the body lands in the
   structure or in ``unassigned``;
4. repairs damaged references and warns about missing sections.
"""

import re
from dataclasses import dataclass

from .document import Document, Paragraph, PlanFormatError, Table
from .normalise import (
    clean_item,
    collapse,
    map_status,
    match_column,
    match_fields,
    match_priority_heading,
    match_section,
    parse_due,
    repair_refs,
    split_ref,
    strip_markup,
)
from .structure import SECTION_LABELS, SECTIONS, ParsedAction, ParsedPlan, ParsedPriority

_QUOTE_OPEN = "“\"‘'«„"
_QUOTE_CLOSE = "”\"’'»“"
_VOICE_LABEL = re.compile(
    r"^(?:(?:what\s+)?(?:the\s+)?(?:children(?:\s+and\s+young\s+people)?|young\s+people|cyp|families"
    r"|parents(?:\s+and\s+carers)?|you)\s+(?:told\s+us|said|say|have\s+told\s+us|want)"
    r"|hearing\s+from\s+(?:children|young\s+people|families|children\s+and\s+young\s+people)"
    r"|(?:the\s+)?voice\s+of\s+(?:the\s+)?(?:child(?:ren)?|young\s+people|children\s+and\s+young\s+people|cyp)"
    r"|you\s+said|in\s+their\s+(?:own\s+)?words)\b.{0,60}$",
    re.I,
)
_YEAR_RANGE = re.compile(r"\b(20\d\d)(?:\s*(?:[-–—/]|to)\s*(20\d\d|\d\d)\b)?")


@dataclass
class Line:
    """A paragraph with what it was recognised as."""

    text: str  # as written, white space collapsed
    kind: str  # priority | ref | section | field | voice_label | quote | heading | text
    heading: int | None = None
    value: object = None  # (number, title) | (ref, rest) | (section, rest) | (field, value)


def paragraphs_of(doc: Document) -> list[Paragraph]:
    """The document's paragraphs; table rows are read cell by cell, line by line."""
    out: list[Paragraph] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            from .tabular import card_paragraphs

            if (card := card_paragraphs(block)) is not None:
                # One action laid out as a table with its labels down the first column.
                out.extend(card)
                continue
            header = [str(cell) for cell in block.rows[0]] if block.rows else []
            kinds = [match_column(cell) for cell in header]
            if header and all(kind in {"lead", "due", "status"} for kind in kinds):
                # A small table of an action's details: | Lead | Due | RAG | → "Lead: …" lines.
                for row in block.rows[1:]:
                    out.extend(
                        Paragraph(f"{label}: {collapse(str(value))}")
                        for label, value in zip(header, row, strict=False)
                        if str(value).strip()
                    )
                continue
            for row in block.rows:
                for cell in row:
                    out.extend(Paragraph(line) for line in str(cell).splitlines() if line.strip())
        elif block.text.strip():
            out.append(block)
    return out


_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}\s*(?:of|/)\s*\d{1,4}$|^page\s+\d{1,4}$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
# Web-page and e-mail furniture copied with a plan.
_JUNK = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|(?:was|is)\s+this\s+page\s+useful\??"
    r"|print\s+this\s+page|share\s+this\s+page|share|cookies?(?:\s+settings|\s+policy)?|accept\s+(?:all\s+)?cookies"
    r"|©.{0,80}|\(c\)\s.{0,80}|(?:from|sent|to|cc|subject|date):\s.{0,200})$",
    re.I,
)
_RUNNING_HINT = re.compile(r"\||\bofficial\b|\bpage\b|\bversion\b|\bdraft\b|\bconfidential\b", re.I)
_BACK_MATTER = re.compile(
    r"^(?:glossary(?:\s+of\s+terms)?|appendix(?:\s+[a-z0-9]{1,3})?(?:\s*[:.\-–—].{0,80})?|appendices|annex(?:\s+[a-z0-9]{1,3})?"
    r"|abbreviations|acronyms|(?:list\s+of\s+)?abbreviations\s+and\s+acronyms|contacts?|contact\s+(?:us|details)|references"
    r"|useful\s+links|further\s+information|document\s+control|version\s+(?:control|history)|sign[-\s]off"
    r"|--|kind\s+regards,?|best\s+wishes,?|many\s+thanks,?|regards,?)$",
    re.I,
)


def classify(paragraphs: list[Paragraph]) -> list[Line]:
    lines = [_classify_one(p) for p in paragraphs]
    # Page furniture: page numbers, and running headers or footers repeated on many pages.
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    for line in lines:
        if line.kind in {"text", "heading"} and (
            _PAGE_NUMBER.match(line.text)
            or _JUNK.match(line.text)
            or counts[line.text] >= 3
            and len(line.text) <= 100
            and _RUNNING_HINT.search(line.text)
        ):
            line.kind = "furniture"
    # A reference alone on its line counts when it has a letter, or when a section label follows it.
    for index, line in enumerate(lines):
        if line.kind == "voice_label":
            # A label such as "What children and young people said" counts when quotations follow it.
            following = lines[index + 1] if index + 1 < len(lines) else None
            line.kind = "voice_label" if following is not None and following.kind == "quote" else "text"
        if line.kind in {"ref?", "ref+text?"}:
            following = lines[index + 1] if index + 1 < len(lines) else None
            line.kind = "ref" if following is not None and following.kind == "section" else "text"
    return lines


def _classify_one(paragraph: Paragraph) -> Line:
    text = collapse(paragraph.text)
    plain = collapse(strip_markup(text))
    heading = paragraph.heading
    short = len(plain) <= 200
    if short and (priority := match_priority_heading(text)) and not _looks_like_sentence(priority[1]):
        return Line(text, "priority", heading, priority)
    if len(plain) <= 1000 and (ref := split_ref(text)) and not paragraph.bullet:
        ref_text, rest = ref
        if not rest:
            has_letter = bool(re.search(r"[A-Za-z.]", ref_text))
            return Line(text, "ref" if has_letter else "ref?", heading, (ref_text, ""))
        if section := match_section(rest):
            return Line(text, "ref", heading, (ref_text, rest))
        if heading is not None and len(rest) <= 150:
            return Line(text, "ref", heading, (ref_text, rest))
        if re.search(r"[A-Za-z]$", ref_text) and rest[:1].isupper():
            # "1a We will …": a reference and the action's first words, when a question label follows.
            return Line(text, "ref+text?", heading, (ref_text, rest))
    marked = paragraph.bold or heading is not None
    if (section := match_section(text, marked=marked)) and (len(plain) <= 120 or section[1]):
        return Line(text, "section", heading, section)
    if _BACK_MATTER.match(plain.rstrip(":")):
        return Line(text, "heading", heading if heading is not None else 1)
    if short and (fields := match_fields(strip_markup(paragraph.text.strip()))):
        return Line(text, "field", heading, fields)
    if short and _VOICE_LABEL.match(plain.rstrip(":")):
        return Line(text, "voice_label", heading)
    if _is_quote(clean_item(text)):
        return Line(text, "quote", heading)
    if heading is not None:
        return Line(text, "heading", heading)
    return Line(text, "text", heading)


def _looks_like_sentence(title: str) -> bool:
    """A priority title is a short phrase; "Priority 2 children will be seen first." is a sentence."""
    return bool(title) and title[0].islower()


def _is_quote(text: str) -> bool:
    return len(text) >= 3 and text[0] in _QUOTE_OPEN and any(c in text[1:] for c in _QUOTE_CLOSE)


def _unquote(text: str) -> str:
    text = clean_item(text)
    if len(text) >= 2 and text[0] in _QUOTE_OPEN and text[-1] in _QUOTE_CLOSE:
        return text[1:-1].strip()
    return text


def parse_flow(doc: Document) -> ParsedPlan:
    lines = classify(paragraphs_of(doc))
    plan = ParsedPlan(format=doc.format)
    first_action = _first_action(lines)
    if first_action is None:
        raise PlanFormatError(
            "no actions found: expected action references such as '1a' with the questions "
            "'What will we do?', 'How will we achieve this?', 'What impact will this have?' and "
            "'How will we know we have achieved?'"
        )
    body_start = first_action
    for index in range(first_action - 1, -1, -1):
        if lines[index].kind == "priority":
            body_start = index
            break
        if lines[index].kind in {"ref", "section"}:
            break
    front = lines[:body_start]
    plan.front_matter = "\n\n".join(line.text for line in front)
    plan.title = doc.title or _title(front)
    titles, voices = _front_matter_priorities(front)
    _Body(plan, titles, voices).walk(lines[body_start:])
    repair_refs(plan)
    _check_sections(plan)
    return plan


def _first_action(lines: list[Line]) -> int | None:
    """Where the first action starts: its reference, or the first of its question labels when that
    reference is missing or damaged (a label on its own line, followed soon by two other labels)."""
    first_ref = next((i for i, line in enumerate(lines) if line.kind == "ref"), None)
    limit = first_ref if first_ref is not None else len(lines)
    for index in range(limit):
        line = lines[index]
        if line.kind != "section" or line.value[1]:
            continue
        later = {other.value[0] for other in lines[index + 1 : index + 40] if other.kind == "section"}
        if len(later - {line.value[0]}) >= 2:
            return index
    return first_ref


_TITLE_WORDS = re.compile(r"\b(?:plan|strategy|statement\s+of\s+action|wsoa)\b", re.I)


def _title(lines: list[Line]) -> str | None:
    """The plan's title: the first top-level heading; else the first short line naming a plan or
    strategy; else the first short line."""
    candidates = [
        clean_item(line.text)
        for line in lines
        if line.kind != "furniture" and 0 < len(clean_item(line.text)) <= 250
    ]
    headed = [
        clean_item(line.text)
        for line in lines
        if line.kind != "furniture"
        and line.heading is not None
        and line.heading <= 1
        and clean_item(line.text)
    ]
    if headed:
        return headed[0][:250]
    named = [text for text in candidates[:15] if _TITLE_WORDS.search(text) and not text.endswith(".")]
    return named[0] if named else (candidates[0] if candidates else None)


def plan_period(title: str | None) -> tuple[int | None, int | None]:
    """The years a plan covers, from a title: "… Plan 2024-27", "2025 to 2028", "2024/25 to 2026/27"."""
    years: list[int] = []
    for match in _YEAR_RANGE.finditer(title or ""):
        start = int(match.group(1))
        years.append(start)
        if match.group(2):
            end = match.group(2)
            end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
            if start <= end_year <= start + 20:
                years.append(end_year)
    if not years:
        return None, None
    first, last = min(years), max(years)
    return first, (last if last != first else None)


def _front_matter_priorities(front: list[Line]) -> tuple[dict[int, str], dict[int, list[str]]]:
    """Priority titles named in the front matter, and quotations listed under a priority heading."""
    titles: dict[int, str] = {}
    voices: dict[int, list[str]] = {}
    current: int | None = None
    for line in front:
        if line.kind == "priority":
            number, title = line.value
            if title:
                titles.setdefault(number, clean_item(title))
            current = number
        elif line.kind == "quote" and current is not None:
            quote = _unquote(line.text)
            if quote not in voices.setdefault(current, []):
                voices[current].append(quote)
        else:
            current = None
    return titles, voices


class _Body:
    """The state of the walk through the plan body."""

    def __init__(self, plan: ParsedPlan, titles: dict[int, str], voices: dict[int, list[str]]):
        self.plan = plan
        self.titles = titles
        self.voices = voices
        self.priority: ParsedPriority | None = None
        self.action: ParsedAction | None = None
        self.section: str | None = None
        self.reopened: set[str] = set()
        self.seen_sections: list[str] = []
        self.pending_title: str | None = None
        self.in_voice = False
        self.furniture: list[str] = []

    # -- priorities and actions

    def priority_for(self, number: int, title: str = "") -> ParsedPriority:
        for priority in self.plan.priorities:
            if priority.number == number:
                if title and not priority.title.strip() or priority.title == f"Priority {number}" and title:
                    priority.title = title
                return priority
        priority = ParsedPriority(
            number=number, title=title or self.titles.get(number) or f"Priority {number}"
        )
        priority.voice = list(self.voices.get(number, []))
        self.plan.priorities.append(priority)
        return priority

    def start_action(self, ref: str, missing_ref: bool = False) -> None:
        self.finish_action()
        if ref.startswith("("):  # "(b)": lettered within its priority
            ref = f"{self.priority.number if self.priority else 1}{ref.strip('()')}"
        number_match = re.match(r"\d+", ref)
        number = int(number_match.group()) if number_match else None
        if self.priority is None or (
            number is not None
            and not missing_ref
            and number != self.priority.number
            and re.search(r"[A-Za-z]", ref)
        ):
            if number is not None and (self.priority is None or number != self.priority.number):
                if self.priority is not None or number not in self.titles:
                    self.plan.warn(
                        ref,
                        f"action {ref} is not under a 'Priority {number}' heading; filed under priority {number}",
                    )
                self.priority = self.priority_for(number)
            elif self.priority is None:
                self.plan.warn(ref, "actions before the first priority heading; filed under priority 1")
                self.priority = self.priority_for(1)
        self._follow_ref_prefix(ref)
        self.action = ParsedAction(ref=ref)
        self.priority.actions.append(self.action)
        self.section = None
        self.reopened = set()
        self.seen_sections = []
        self.in_voice = False

    def _follow_ref_prefix(self, ref: str) -> None:
        """References lettered by priority (A1, A2 … B1 …): a new letter without a priority heading
        starts the next priority, with a warning."""
        match = re.match(r"^([A-Za-z])\d+$", ref)
        if not match or self.priority is None or not self.priority.actions:
            return
        previous = re.match(r"^([A-Za-z])\d+$", self.priority.actions[-1].ref)
        if not previous or previous.group(1).lower() == match.group(1).lower():
            return
        if any(a.ref[:1].lower() == match.group(1).lower() for p in self.plan.priorities for a in p.actions):
            return
        number = max(p.number for p in self.plan.priorities) + 1
        self.plan.warn(
            ref,
            f"{ref} starts a new letter with no priority heading before it; filed under priority {number}",
        )
        self.priority = self.priority_for(number)

    def finish_action(self) -> None:
        if self.action is not None and self.pending_title:
            if self.pending_title not in self.action.what:
                self.action.what.insert(0, self.pending_title)
        self.pending_title = None

    def next_ref(self) -> str:
        """A reference without its letter; :func:`repair_refs` gives it the next letter in sequence."""
        return str(self.priority.number if self.priority else 1)

    # -- items

    def add_item(self, text: str) -> None:
        item = clean_item(text)
        if not item or self.action is None:
            return
        section = self.section
        if section is None:
            section = "what"
            self.plan.warn(
                self.action.ref, f"text before the first question label read as '{SECTION_LABELS['what']}'"
            )
            self.section = section
        items = getattr(self.action, section)
        if section in self.reopened and item in items:
            return
        items.append(item)

    def unassigned(self, line: Line) -> None:
        text = clean_item(line.text)
        if text:
            self.plan.unassigned.append(text)

    # -- the walk

    def walk(self, lines: list[Line]) -> None:
        for line in lines:
            getattr(self, f"on_{line.kind}")(line)
        self.finish_action()
        if self.furniture:
            shown = "; ".join(f"'{text}'" for text in self.furniture[:5])
            more = f" and {len(self.furniture) - 5} more" if len(self.furniture) > 5 else ""
            self.plan.warn(None, f"page numbers and running headers left out of the plan: {shown}{more}")

    def on_priority(self, line: Line) -> None:
        self.finish_action()
        number, title = line.value
        self.priority = self.priority_for(number, clean_item(title) if title else "")
        self.action = None
        self.section = None
        self.in_voice = True

    def on_ref(self, line: Line) -> None:
        ref, rest = line.value
        self.start_action(ref)
        if rest:
            if section := match_section(rest):
                self.on_section(Line(rest, "section", None, section))
            else:
                self.pending_title = clean_item(rest)

    def on_section(self, line: Line) -> None:
        section, rest = line.value
        if self.action is None or (
            section == "what" and any(getattr(self.action, s) for s in SECTIONS if s != "what")
        ):
            # A new action whose reference line is missing.
            self.start_action(self.next_ref(), missing_ref=True)
        if section in self.seen_sections:
            if section not in self.reopened:
                self.plan.warn(
                    self.action.ref,
                    f"'{SECTION_LABELS[section]}' appears more than once in {self.action.ref}; "
                    "repeated items are kept once",
                )
            self.reopened.add(section)
        else:
            self.seen_sections.append(section)
        self.section = section
        self.in_voice = False
        if rest:
            self.add_item(rest)

    def on_field(self, line: Line) -> None:
        if self.action is None:
            return self.unassigned(line)
        for name, value in line.value:
            self.set_field(name, clean_item(value))

    def set_field(self, name: str, value: str) -> None:
        if name == "lead":
            self.action.lead = value
        elif name == "due":
            self.action.due = parse_due(value)
            if self.action.due is None:
                self.plan.warn(self.action.ref, f"target date '{value}' is not a date; kept as written here")
        else:
            mapped = map_status(value)
            self.action.status = mapped or value
            if mapped is None:
                self.plan.warn(
                    self.action.ref, f"status '{value}' does not map to a delivery status; kept as written"
                )

    def on_furniture(self, line: Line) -> None:
        """Page numbers and running headers are left out of the plan; the warning lists them once."""
        if line.text not in self.furniture:
            self.furniture.append(line.text)

    def on_voice_label(self, line: Line) -> None:
        """Quotations under such a label are the priority's voice, even after its last action."""
        if self.priority is None:
            return self.on_text(line)
        self.finish_action()
        self.action = None
        self.section = None
        self.in_voice = True

    def on_quote(self, line: Line) -> None:
        if self.action is None and self.priority is not None and self.in_voice:
            quote = _unquote(line.text)
            if quote not in self.priority.voice:
                self.priority.voice.append(quote)
        else:
            self.on_text(line)

    def on_heading(self, line: Line) -> None:
        # A heading that is not a priority, a reference or a question ends the action before it.
        if self.action is not None and self.section is None and not self.pending_title:
            self.pending_title = clean_item(line.text)
            return
        self.finish_action()
        self.action = None
        self.section = None
        self.in_voice = False
        self.unassigned(line)

    def on_text(self, line: Line) -> None:
        if self.action is None:
            self.unassigned(line)
        else:
            self.add_item(line.text)


def _check_sections(plan: ParsedPlan) -> None:
    for action in plan.actions:
        for section in SECTIONS:
            if not getattr(action, section):
                plan.warn(action.ref, f"{action.ref} has no '{SECTION_LABELS[section]}' section")
