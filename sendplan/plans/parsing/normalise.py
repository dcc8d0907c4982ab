"""Recognising the parts of a plan in text that was written by people: labels, references, statuses, dates.

Every function here handles a *kind* of variation (wording, case, markup, punctuation), never a
particular document.
"""

import calendar
import datetime as dt
import re
import string

from .structure import ParsedPlan

# ---------------------------------------------------------------------------------------------- text

_BULLET = re.compile(
    r"^\s*(?:[-*+•●▪◦‣⁃–—·o§\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0d2\uf06e\uf0a8]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+",
    re.I,
)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_LEFTOVER_MARKS = re.compile(r"(?<!\w)(\*\*|__)|(\*\*|__)(?!\w)")


def strip_markup(text: str) -> str:
    """Remove Markdown emphasis and heading marks, keeping the words."""
    if text.lstrip()[:1] in ("#", ">"):
        text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text)
        text = re.sub(r"^\s*>\s?", "", text)
    if "*" not in text and "_" not in text and "`" not in text:
        return text
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(r"\2", text)
    return _LEFTOVER_MARKS.sub("", text)


def collapse(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def clean_item(text: str) -> str:
    """An item as stored: bullet marks, numbering and emphasis removed, white space collapsed."""
    text = collapse(strip_markup(collapse(text)))
    text = _BULLET.sub("", text, count=1) if _BULLET.match(text) else text
    return collapse(strip_markup(text))


def has_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def _key(text: str) -> str:
    """Lower case letters, digits and single spaces: what label matching compares."""
    text = strip_markup(text).lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return " ".join(text.split())


# ------------------------------------------------------------------------------------ labelled fields

_FIELD = re.compile(
    r"^(?P<label>lead(?:\s+(?:officer|organisation|partner|agency|person))?s?|owner|responsible(?:\s+officer)?"
    r"|senior\s+(?:sponsor|responsible\s+officer)|target\s+date|due(?:\s+date)?|deadline|timescales?|by\s+when"
    r"|completion\s+date|rag(?:\s+(?:status|rating))?|status|progress|delivery\s+status)\s*[:\-–—]\s*(?P<value>.+)$",
    re.I,
)


def match_fields(plain: str) -> list[tuple[str, str]]:
    """``[(field, value)]`` for "Lead: X", or several on one line: "Lead: X | Target date: Y; RAG: Z"."""
    parts = [part for part in re.split(r"\s+[|;]\s+|\s*\|\s*|\s{3,}|\t+", plain) if part.strip()]
    matches = [_FIELD.match(part) for part in parts]
    if len(parts) > 1 and all(matches):
        return [(_field_name(m.group("label")), m.group("value").strip()) for m in matches]
    whole = _FIELD.match(plain)
    return [(_field_name(whole.group("label")), whole.group("value").strip())] if whole else []


def _field_name(label: str) -> str:
    label = label.lower()
    if label.startswith(("lead", "owner", "responsible", "senior")):
        return "lead"
    if label.startswith(("rag", "status", "progress", "delivery")):
        return "status"
    return "due"


# ------------------------------------------------------------------------------------------ sections

# Each pattern matches a whole label (on its key: lower case, punctuation removed).
_SECTION_PATTERNS: dict[str, list[str]] = {
    "what": [
        r"what (?:will|do|shall|are) we (?:going to )?(?:do|want to do|want to achieve|aim to do)",
        r"what we (?:will|are going to|want to) do",
        r"what (?:will|are) (?:we|you) doing",
        r"what",
        r"(?:our )?(?:objective|aim|ambition|commitment|action)s?",
        r"what needs to (?:happen|change)",
    ],
    "how": [
        r"how (?:will|do|shall|are) we (?:going to )?(?:achieve|do|deliver|make|get) (?:this|it|that)(?: happen)?",
        r"how we will (?:achieve|deliver|do|make) (?:this|it)(?: happen)?",
        r"how",
        r"(?:key )?(?:milestones?|tasks?|activities|actions to achieve this|steps|deliverables)",
        r"(?:key )?actions?(?: and| &)? (?:key )?milestones?",
        r"key actions?(?: and (?:tasks|activities))?",
        r"actions? to (?:achieve|deliver) (?:this|it|the objective)",
        r"how will this be (?:achieved|delivered|done)",
    ],
    "impact": [
        r"what (?:impact|difference) will (?:this|it|that) (?:have|make)",
        r"what (?:is|will be) the (?:intended |expected )?(?:impact|difference)",
        r"what difference will (?:this|it) make(?: to children and young people| to families)?",
        r"(?:intended |expected |desired |anticipated )?(?:impact|outcomes?|difference)",
        r"what will be different",
        r"(?:intended |expected )?(?:outcomes?|impact|difference) (?:for|on) (?:children|cyp|young people|families|"
        r"children and young people|children young people and families)(?: and (?:young people|families))?",
    ],
    "measures": [
        r"how (?:will|do|shall) we know(?: (?:if|that|when))?(?: (?:we have|we've|we|it has|this has|it's|it is|we are))?"
        r"(?: (?:achieved|succeeded|worked|been successful|made a difference|done it))?(?: (?:it|this|our aims?))?",
        r"how we will know(?: (?:we have|we've|it has) (?:achieved|worked|succeeded)(?: it| this)?)?",
        r"how (?:will|do|shall) we (?:measure|monitor|evidence|track|evaluate) (?:the )?(?:impact|success|progress|this|it)",
        r"how we will (?:measure|monitor|evidence|evaluate) (?:the )?(?:impact|success|progress)",
        r"(?:monitoring|evaluation|monitoring and evaluation)",
        r"(?:success |impact |performance )?(?:measures?|criteria|indicators?)(?: of (?:success|impact))?",
        r"measures? of (?:success|impact)",
        r"success(?: looks like)?",
        r"what (?:will )?success (?:will )?look like",
        r"(?:evidence|kpis?|key performance indicators)(?: of (?:success|impact))?",
    ],
}
_SECTION_RES = {
    key: [re.compile(rf"^(?:{p})$") for p in patterns] for key, patterns in _SECTION_PATTERNS.items()
}
_LABEL_END = re.compile(r"^(.{1,90}?)\s*(?:\?|:|\s[-–—]\s)\s*(.*)$", re.S)


def section_of_label(label: str) -> str | None:
    """The section a label names ("What will we do?" → "what"), or None."""
    key = _key(label)
    if not key:
        return None
    for section, patterns in _SECTION_RES.items():
        if any(p.match(key) for p in patterns):
            return section
    return None


def match_section(text: str, *, marked: bool = False) -> tuple[str, str] | None:
    """("what"|"how"|"impact"|"measures", the rest of the text) if ``text`` begins with a section label.

    A one-word label ("Impact", "Milestones") counts only when it ends with "?" or ":" or the source
    marks it as a label (``marked``: bold, a heading, or wrapped in ``**``); a label never ends with a
    full stop, so a sentence such as "Impact of the new service was good." is not one.
    """
    plain = collapse(strip_markup(collapse(text)))
    if not plain:
        return None
    marked = marked or bool(re.match(r"^\s*(\*\*|__).+(\*\*|__)[\s?:]*$", text))
    punctuated = plain.rstrip()[-1:] in "?:"
    whole = section_of_label(plain)
    if whole and not plain.endswith(".") and (len(_key(plain).split()) > 1 or punctuated or marked):
        return whole, ""
    match = _LABEL_END.match(plain)
    if match:
        label = match.group(1)
        section = section_of_label(label)
        separator = plain[len(label) :].lstrip()[:1]
        if section and (len(_key(label).split()) > 1 or separator in "?:"):
            return section, match.group(2).strip()
    return None


# ------------------------------------------------------------------------------------------- columns

_COLUMN_PATTERNS: dict[str, str] = {
    "ref": r"(?:action )?(?:ref(?:erence)?|no|number|id|#|action (?:no|number|id))",
    "priority": r"(?:priority|priority area|priority title|theme|workstream|strand|outcome area|area)(?: (?:no|number|title|name))?",
    "lead": r"(?:lead|leads|lead officer|lead officers|owner|owners|action owner|responsible(?: officer| person| lead)?|lead (?:person|partner|organisation|agency)|accountable(?: officer)?|who)",
    "due": r"(?:target date|due|due date|deadline|timescales?|timeframe|by when|when|completion date|target|date due|target completion(?: date)?|end date|date)",
    "status": r"(?:rag|rag rating|rag status|status|progress|delivery status|current status|progress rating|rating)",
    "voice": r"(?:voice|voice of (?:the )?(?:child|children|children and young people|young people|cyp)|what children and young people (?:said|told us|say)|you said|quotes?)",
}
_COLUMN_RES = {key: re.compile(rf"^(?:{p})$") for key, p in _COLUMN_PATTERNS.items()}


def match_column(header: str) -> str | None:
    """The field a table header names: ref, priority, what, how, impact, measures, lead, due, status, voice."""
    key = _key(header)
    if not key:
        return None
    for column, pattern in _COLUMN_RES.items():
        if pattern.match(key):
            return column
    section = section_of_label(key)
    if section:
        return section
    # Longer headers: "Lead officer (organisation)", "Target date for completion", "RAG status (Sept)".
    first = key.split(" (")[0]
    for column, pattern in _COLUMN_RES.items():
        if any(pattern.match(" ".join(key.split()[:n])) for n in (1, 2, 3)) and column != "priority":
            return column
    return section_of_label(first)


# ---------------------------------------------------------------------------------------- priorities

_NUMBER_WORDS = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
_PRIORITY = re.compile(
    r"^(?:strategic\s+|key\s+)?(?:priority|priority\s+area|theme|outcome|workstream|objective|strand|goal"
    r"|area\s+for\s+(?:improvement|development)|improvement\s+area|area\s+of\s+(?:weakness|concern)"
    r"|key\s+area|focus\s+area|ambition|aim|pledge|commitment|promise)\s*"
    r"(?:no\.?\s*)?(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\b\s*[:.\-–—)]?\s*(.*)$",
    re.I,
)


def match_priority_heading(text: str) -> tuple[int, str] | None:
    """(number, title) for "Priority 1: Title", "PRIORITY ONE – Title", "Theme 2. Title"."""
    plain = clean_item(text)
    match = _PRIORITY.match(plain)
    if not match:
        return None
    raw = match.group(1).lower()
    number = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    title = match.group(2).strip(" :-–—")
    if len(title) > 200:
        return None
    return number, title


# -------------------------------------------------------------------------------------------- status

_STATUS_WORDS: list[tuple[str, str]] = [
    (r"not (?:yet )?started|not begun|yet to start|grey|gray|white", "not_started"),
    (r"complete|completed|done|achieved|closed|finished|delivered|blue|b|embedded", "complete"),
    (r"off track|red|r|delayed|behind|overdue|significantly off track|stalled|not on track", "off_track"),
    (
        r"at risk|amber|a|some risk|slightly off track|partially on track|amber red|amber green|ag|ar",
        "at_risk",
    ),
    (r"on track|green|g|on target|on schedule|good progress", "on_track"),
]
_STATUS_RES = [(re.compile(rf"^(?:{p})$"), value) for p, value in _STATUS_WORDS]


def map_status(raw: str | None) -> str | None:
    """not_started, on_track, at_risk, off_track or complete where the wording maps clearly, else None."""
    key = _key(raw or "")
    if not key:
        return None
    key = re.sub(r"^(?:rag|status|rag status|rating)\s+", "", key)
    key = re.sub(r"\s+(?:rag|status|rating)$", "", key)
    for pattern, value in _STATUS_RES:
        if pattern.match(key):
            return value
    return None


# --------------------------------------------------------------------------------------------- dates

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# Plans in education name school terms: the month each term (or season) has ended by.
_TERM_END = {"spring": 4, "summer": 7, "autumn": 12, "winter": 2}


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def parse_due(raw) -> str | None:
    """An ISO date for a target date as people write it, or None when it is not a date.

    Day-first numeric dates (UK), ISO dates, "31 March 2025", "March 2025" / "Mar-25" (the month's
    last day), "Q3 2025" (the quarter's last day), school terms "Spring 2025" / "Summer term 2025" /
    "Autumn 2025" (30 April, 31 July, 31 December), "2025" alone (31 December),
    Excel serial numbers and datetime objects.
    """
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = collapse(str(raw)).strip().lower().rstrip(".")
    if not text:
        return None
    text = re.sub(r"^(?:(?:by|the|end of|end|before|due|target|w/c|wc)\s+)+", "", text)
    text = re.sub(r"^(spring|summer|autumn|winter)\s+term\b", r"\1", text)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+)?", text):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text):
            return dt.date(_year(m[3]), int(m[2]), int(m[1])).isoformat()
        if m := re.fullmatch(r"(\d{1,2})[ \-/]([a-z]+)[ \-/,]+(\d{2}|\d{4})", text):
            if m[2] in _MONTHS:
                return dt.date(_year(m[3]), _MONTHS[m[2]], int(m[1])).isoformat()
        if m := re.fullmatch(r"([a-z]+)[ \-/,']+(\d{2}|\d{4})", text):
            if m[1] in _MONTHS:
                return _last_day(_year(m[2]), _MONTHS[m[1]]).isoformat()
            if m[1] in _TERM_END:
                year = _year(m[2])
                return _last_day(year + (1 if m[1] == "winter" else 0), _TERM_END[m[1]]).isoformat()
        if m := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
            return _last_day(int(m[2]), int(m[1])).isoformat()
        if m := re.fullmatch(r"q([1-4])[ \-/]*(\d{4})(?:[/\-](\d{2,4}))?", text):
            # Q1 2025 = Jan–Mar; with a financial year (Q1 2025/26) Q1 = Apr–Jun.
            quarter, year = int(m[1]), int(m[2])
            if m[3]:
                month = (quarter * 3 + 3 - 1) % 12 + 1
                year = year + (1 if quarter == 4 else 0)
            else:
                month = quarter * 3
            return _last_day(year, month).isoformat()
        if m := re.fullmatch(r"(\d{4})", text):
            return dt.date(int(m[1]), 12, 31).isoformat()
        if m := re.fullmatch(r"(\d{5})(?:\.0+)?", text):  # an Excel serial date
            serial = int(m[1])
            if 20000 < serial < 80000:
                return (dt.date(1899, 12, 30) + dt.timedelta(days=serial)).isoformat()
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------------------------------- references

# A reference: digits, then at most two letters, or a dotted number (1.2). Letters may be damaged.
REF = re.compile(
    r"^(?:action\s*)?(?P<prefix>[A-Za-z]{1,2}(?=\d))?(\d{1,2})(?:([A-Za-z]{1,2})|\s([A-Za-z])|\.(\d{1,2}[a-z]?))?(?![\w.])",
    re.I,
)
# "(a)", "Action (b)", "Action b)": an action lettered within its priority.
LETTER_REF = re.compile(r"^(?:action\s*)?\(?([a-z]{1,2})\)(?![\w.])", re.I)


def split_ref(text: str) -> tuple[str, str] | None:
    """(reference, the rest) when ``text`` begins with an action reference ("4b**What…", "1a", "Action 2c:")."""
    plain = collapse(text)
    plain = re.sub(r"^(?:\*\*|__)(.+?)(?:\*\*|__)", r"\1", plain)  # **1a** …
    match = REF.match(plain)
    if not match:
        letter = LETTER_REF.match(plain)
        if not letter:
            return None
        return f"({letter.group(1).lower()})", plain[letter.end() :].lstrip(" :.)-–—\t")
    prefix = match.group("prefix") or ""
    if prefix and prefix.lower() in {"q", "y", "ks"}:  # Q3 2025, Y6, KS2: not references
        return None
    letters = match.group(3) or match.group(4) or ""
    ref = prefix + match.group(2) + letters + (f".{match.group(5)}" if match.group(5) else "")
    rest = plain[match.end() :].lstrip(" :.)-–—\t")
    return ref, rest


def _ref_parts(ref: str) -> tuple[int, str]:
    m = re.match(r"^(\d+)(\.\d+|[A-Za-z]*)", ref)
    return (int(m.group(1)), m.group(2)) if m else (0, ref)


def _successor(letters: str) -> str:
    """a → b, z → aa; '' → 'a'; '.3' → '.4'."""
    if letters.startswith("."):
        return f".{int(letters[1:]) + 1}"
    if not letters:
        return "a"
    alphabet = string.ascii_lowercase if letters[-1].islower() else string.ascii_uppercase
    last = letters[-1]
    if last in "zZ":
        return _successor(letters[:-1]) + alphabet[0] if letters[:-1] else alphabet[0] * 2
    return letters[:-1] + alphabet[alphabet.index(last) + 1]


_SIMPLE_REF = re.compile(r"^\d+[A-Za-z]{0,2}$")


def _unique(ref: str, seen: set[str]) -> str:
    candidate, n = ref, 2
    while candidate in seen:
        candidate = f"{ref}-{n}"
        n += 1
    return candidate


def repair_refs(plan: ParsedPlan) -> None:
    """Repair damaged action references in place, with a warning for each repair.

    Kinds of damage handled, for references of the usual form (a number and a letter: ``2k``): a
    reference that lost its letter (a bare ``2`` between ``2k`` and ``2m``), a letter in the wrong case
    or an ``I`` standing for ``l`` (``3I`` among lower-case references), and a reference repeated (read
    as the next free one in sequence). Plain numbers that start again in each priority are read as
    ``1.1``, ``2.1``. References of other forms (``A1``, ``P1.2``, ``1.3``) are kept as written, a
    repeated one made unique.
    """
    actions = plan.actions
    if not actions:
        return
    simple = [a.ref for a in actions if _SIMPLE_REF.match(a.ref)]
    numbers_only = [r for r in simple if r.isdigit()]
    if numbers_only and len(numbers_only) == len(simple) and len(set(numbers_only)) < len(numbers_only):
        for priority in plan.priorities:
            for action in priority.actions:
                if action.ref.isdigit():
                    action.ref = f"{priority.number}.{action.ref}"
        plan.warn(None, "action numbers start again in each priority; read as 1.1, 1.2, … 2.1, …")
        simple = []
    lettered = [r for r in simple if not r.isdigit()]
    lower = sum(1 for r in lettered if r[-1].islower())
    style_lower = lower >= len(lettered) - lower
    letters_used = len(lettered) >= max(1, len(simple) // 2)
    seen: set[str] = set()
    previous: str | None = None
    for index, action in enumerate(actions):
        raw = action.ref
        if not _SIMPLE_REF.match(raw):
            action.ref = _unique(raw, seen)
            following = actions[index + 1].ref if index + 1 < len(actions) else ""
            stem, prev_stem = re.match(r"^(.*?)(\d+)$", raw), re.match(r"^(.*?)(\d+)$", previous or "")
            if action.ref != raw and raw == previous and stem and prev_stem:
                # B1, B2, B2, C1: the repeated B2 is read as the B3 the sequence expects.
                successor = f"{stem.group(1)}{int(prev_stem.group(2)) + 1}"
                if successor not in seen and successor != following:
                    action.ref = successor
            if action.ref != raw:
                plan.warn(
                    action.ref,
                    f"reference '{raw}' is used more than once; this one is read as '{action.ref}'",
                )
            seen.add(action.ref)
            previous = action.ref
            continue
        number, letters = _ref_parts(raw)
        prev_number, prev_letters = _ref_parts(previous) if previous else (None, None)
        expected = None
        if letters_used:
            expected = str(number) + (
                _successor(prev_letters) if prev_number == number else ("a" if style_lower else "A")
            )
        candidates: list[str] = []
        if letters and not letters.startswith("."):
            fixed = letters.lower() if style_lower else letters.upper()
            candidates.append(str(number) + fixed)
            ambiguous = {"i": "l", "l": "i", "I": "L", "L": "I"}
            if fixed[-1] in ambiguous:
                candidates.append(str(number) + fixed[:-1] + ambiguous[fixed[-1]])
        elif letters:
            candidates.append(raw)
        following = actions[index + 1].ref if index + 1 < len(actions) else None
        ref = None
        if expected and expected in candidates:
            ref = expected
        elif candidates and candidates[0] not in seen:
            ref = candidates[0]
        elif (
            expected
            and expected not in seen
            and (not letters or (following or "").lower() != expected.lower())
        ):
            ref = expected
        if ref is None:
            ref = _unique(candidates[0] if candidates else raw, seen)
        if not letters and letters_used:
            note = f" (between {previous} and {following})" if previous and following else ""
            plan.warn(ref, f"reference '{raw}' has no letter{note}; read as '{ref}'")
        elif ref != raw and ref.lower() == raw.lower():
            pass  # a change of case alone is not damage worth a warning
        elif ref != raw:
            if candidates and candidates[0] in seen:
                reason = f"'{candidates[0]}' is already used and '{ref}' comes next in sequence"
            else:
                reason = f"'{ref}' comes next in sequence"
            plan.warn(ref, f"reference '{raw}' read as '{ref}': {reason}")
        action.ref = ref
        seen.add(ref)
        previous = ref
