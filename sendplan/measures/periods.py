"""Periods as published: ``2024`` (calendar), ``202324`` / ``2023/24`` (academic), ``2023-24`` (financial
or academic), ``2014-16`` (several years), ``2021/22-23/24``, ``2025-01`` (month), ``2025 Q1`` — with
qualifiers such as ``(Rev)``, ``(prov)``, ``(Final)`` or ``(OT)`` kept as a note.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .models import PeriodType


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    type: str
    start: date
    end: date
    label: str
    note: str = ""

    @property
    def key(self) -> tuple[str, date, date]:
        return (self.type, self.start, self.end)


MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
NOTES = {"rev": "revised", "revised": "revised", "prov": "provisional", "provisional": "provisional"}
NOTES |= {"final": "final", "ot": "OT", "p": "provisional", "r": "revised"}
# When one source gives the same period twice, the later stage of publication wins.
NOTE_PRIORITY = {"final": 3, "revised": 2, "": 1, "OT": 1, "provisional": 0}


def _end_of_years(start: date, years: int) -> date:
    return date(start.year + years, start.month, 1) - timedelta(days=1)


def _full_year(start: int, short: str) -> int:
    value = int(short)
    if len(short) == 4:
        return value
    century = start - start % 100
    full = century + value
    return full if full >= start else full + 100


def calendar(year: int, note: str = "") -> Period:
    return Period(PeriodType.CALENDAR, date(year, 1, 1), date(year, 12, 31), str(year), note)


def academic(year: int, note: str = "") -> Period:
    start = date(year, 9, 1)
    return Period(PeriodType.ACADEMIC, start, _end_of_years(start, 1), f"{year}/{(year + 1) % 100:02d}", note)


def financial(year: int, note: str = "") -> Period:
    start = date(year, 4, 1)
    return Period(
        PeriodType.FINANCIAL, start, _end_of_years(start, 1), f"{year}-{(year + 1) % 100:02d}", note
    )


def month(year: int, number: int, note: str = "") -> Period:
    start = date(year, number, 1)
    end = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
    return Period(PeriodType.MONTH, start, end, start.strftime("%B %Y"), note)


def quarter(year: int, number: int, note: str = "") -> Period:
    start = date(year, 3 * (number - 1) + 1, 1)
    nxt = date(year + (1 if number == 4 else 0), 1 if number == 4 else 3 * number + 1, 1)
    return Period(PeriodType.QUARTER, start, nxt - timedelta(days=1), f"{year} Q{number}", note)


def parse(text, year_type: str = "") -> Period:
    """A period from a label. ``year_type`` (e.g. ``Financial Year``) says how to read ``2023-24``."""
    raw = " ".join(str(text if text is not None else "").split())
    note = ""
    match = re.search(r"\s*\(([^)]*)\)\s*$", raw)
    if match:
        note = NOTES.get(match.group(1).strip().lower(), match.group(1).strip())
        raw = raw[: match.start()].strip()
    kind = (year_type or "").lower()
    s = raw.lower()
    if re.fullmatch(r"(19|20)\d\d(\.0+)?", s):
        # A single year stays the year as published, whatever the indicator's year type: "2016" for an
        # academic-year measure may mean 2015/16 (the summer exams) or 2016/17, so no guess is made.
        return calendar(int(float(s)), note)
    if m := re.fullmatch(r"((?:19|20)\d\d)((?:\d\d){1})", s):
        start = int(m.group(1))
        if _full_year(start, m.group(2)) == start + 1:
            return financial(start, note) if "financial" in kind else academic(start, note)
    if m := re.fullmatch(r"((?:19|20)\d\d)\s*([/-])\s*(\d\d|\d{4})", s):
        start, sep, end = int(m.group(1)), m.group(2), _full_year(int(m.group(1)), m.group(3))
        if end == start + 1:
            if sep == "-" and ("financial" in kind or "tax" in kind):
                return financial(start, note)
            return academic(start, note)
        if start + 1 < end <= start + 10:
            return Period(PeriodType.MULTI_YEAR, date(start, 1, 1), date(end, 12, 31), raw, note)
    if m := re.fullmatch(r"((?:19|20)\d\d)/(\d\d)\s*-\s*(\d\d)/(\d\d)", s):
        start = int(m.group(1))
        end = _full_year(start, m.group(4))
        return Period(PeriodType.MULTI_YEAR, date(start, 9, 1), date(end, 8, 31), raw, note)
    if m := re.fullmatch(r"((?:19|20)\d\d)-(\d\d?)(?:-\d\d?)?", s):
        if 1 <= int(m.group(2)) <= 12:
            return month(int(m.group(1)), int(m.group(2)), note)
    if m := re.fullmatch(r"([a-z]+)\.?\s+((?:19|20)\d\d)", s):
        if m.group(1) in MONTHS:
            return month(int(m.group(2)), MONTHS[m.group(1)], note)
    if m := re.fullmatch(r"(?:q([1-4])\s*((?:19|20)\d\d)|((?:19|20)\d\d)\s*q([1-4]))", s):
        year = int(m.group(2) or m.group(3))
        return quarter(year, int(m.group(1) or m.group(4)), note)
    raise PeriodError(f"unrecognised period {str(text)!r}")


def from_ees(time_period, time_identifier) -> Period:
    """A period from EES's ``time_period`` and ``time_identifier`` columns."""
    tp = str(time_period or "").strip()
    ti = " ".join(str(time_identifier or "").lower().split())
    if ti in {"calendar year", "reporting year", "calendar year q1-4"}:
        if re.fullmatch(r"\d{4}", tp):
            return calendar(int(tp))
    elif ti in {"academic year", "financial year", "tax year", "spending year"}:
        if re.fullmatch(r"\d{6}", tp):
            return academic(int(tp[:4])) if ti == "academic year" else financial(int(tp[:4]))
        if re.fullmatch(r"\d{4}", tp):
            return academic(int(tp)) if ti == "academic year" else financial(int(tp))
    elif ti in MONTHS and re.fullmatch(r"\d{4}", tp):
        return month(int(tp), MONTHS[ti])
    elif re.fullmatch(r"(calendar year )?q[1-4]", ti) and re.fullmatch(r"\d{4}", tp):
        return quarter(int(tp), int(ti[-1]))
    else:
        raise PeriodError(f"unsupported time_identifier {time_identifier!r}")
    try:  # e.g. "2023/24" or "2023-24" written out
        return parse(tp, ti)
    except PeriodError:
        raise PeriodError(
            f"time_period {time_period!r} does not fit time_identifier {time_identifier!r}"
        ) from None
