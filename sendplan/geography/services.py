"""Writes of reference geography: the shipped area list and DfE's statistical neighbour workbooks."""

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from . import datafiles
from .models import Area, AreaCode, Closeness, Neighbour, NeighbourSet

AREAS_CSV = Path(__file__).with_name("data") / "areas.csv"


class GeographyError(ValueError):
    """Unusable input: the message names the problem; nothing was written."""


def _d(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def load_areas(*, area_model=Area, code_model=AreaCode, path: Path = AREAS_CSV) -> int:
    """Create or update every area and code in ``areas.csv``. Safe to run again; returns codes loaded.

    Takes the model classes so the data migration can pass its historical models.
    """
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_area: dict[str, list[dict]] = {}
    for row in rows:
        by_area.setdefault(row["area"], []).append(row)
    areas = {}
    # Regions before the councils that point at them.
    order = {"country": 0, "region": 1, "council": 2}
    for key in sorted(by_area, key=lambda k: (order[by_area[k][0]["level"]], by_area[k][0]["region"] != "")):
        members = by_area[key]
        latest = next(r for r in members if r["code"] == key)
        starts = [_d(r["valid_from"]) for r in members]
        areas[key], _ = area_model.objects.update_or_create(
            code=key,
            defaults={
                "old_code": latest["old_code"],
                "name": latest["name"],
                "level": latest["level"],
                "region": areas.get(latest["region"]) if latest["region"] else None,
                "valid_from": None if None in starts else min(starts),
                "valid_to": _d(latest["valid_to"]),
            },
        )
        for row in members:
            code_model.objects.update_or_create(
                code=row["code"],
                defaults={
                    "area": areas[key],
                    "name": row["name"],
                    "valid_from": _d(row["valid_from"]),
                    "valid_to": _d(row["valid_to"]),
                },
            )
    return len(rows)


@dataclass
class AreaIndex:
    """Resolve 9-character codes, 3-digit LA numbers and names to area ids without a query per row."""

    by_code: dict[str, int] = field(default_factory=dict)
    by_old: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "AreaIndex":
        index = cls()
        for code, area_id in AreaCode.objects.values_list("code", "area_id"):
            index.by_code[code.upper()] = area_id
        for area_id, code, old, name in Area.objects.values_list("id", "code", "old_code", "name"):
            index.by_code.setdefault(code.upper(), area_id)
            if old:
                index.by_old[old] = area_id
            index.by_name.setdefault(normalise_name(name), area_id)
            # "Kingston upon Hull, City of" is also found as "Kingston upon Hull".
            short = re.sub(r",\s*(city|county) of$", "", name.strip(), flags=re.IGNORECASE)
            if short != name.strip():
                index.by_name.setdefault(normalise_name(short), area_id)
        return index

    def resolve(self, code: str | None) -> int | None:
        """An area id for a 9-character code, a 3-digit number (``861`` or ``861.0``) or a name."""
        if code is None:
            return None
        text = str(code).strip()
        if not text:
            return None
        if re.fullmatch(r"\d+(\.0+)?", text):
            return self.by_old.get(str(int(float(text))))
        return self.by_code.get(text.upper()) or self.by_name.get(normalise_name(text))


def normalise_name(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).split())


def normalise_closeness(label) -> str:
    text = " ".join(str(label or "").lower().replace("_", " ").split())
    mapping = {choice.label.lower(): choice.value for choice in Closeness}
    if text in {"", "-", "n/a", "na", "none"}:
        return ""
    if text not in mapping:
        raise GeographyError(f"unknown closeness label {label!r} (expected one of {', '.join(mapping)})")
    return mapping[text]


# ---- statistical neighbours -------------------------------------------------------------------------

_LA_HEADERS = {"la num", "la number", "old la code", "la code", "old la", "la"}
_SN = re.compile(r"^sn ?_?(\d{1,2})$")
_SNP = re.compile(r"^sn ?_?(\d{1,2})? ?_?p$")


def _norm_header(value) -> str:
    return " ".join(str(value or "").replace("_", " ").split()).lower()


def _read_table(path: Path) -> list[tuple[int, list]]:
    """(line or row number, cells) for each non-blank row of the workbook's sheet with the header, or the CSV."""
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".xlsm", ".csv", ".txt"}:
        raise GeographyError(f"{path.name}: expected an .xlsx workbook or a .csv file")
    try:
        datafiles.check_file(path)
        if suffix in {".csv", ".txt"}:
            return datafiles.read_csv_rows(path)
    except datafiles.DataFileError as exc:
        raise GeographyError(str(exc)) from exc
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheets = [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same user error
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise GeographyError(f"{path.name} is not a readable Excel workbook ({detail})") from exc
    chosen = next(
        (rows for rows in sheets if _find_header([r for _, r in _numbered(rows)]) is not None), None
    )
    if chosen is None:
        chosen = sheets[0] if sheets else []
    return _numbered(chosen)


def _numbered(rows: list[list]) -> list[tuple[int, list]]:
    return [(n, r) for n, r in enumerate(rows, start=1) if not datafiles.is_blank(r)]


def _find_header(rows: list[list]) -> int | None:
    for i, row in enumerate(rows[:20]):
        names = [_norm_header(c) for c in row]
        if any(_SN.match(n.replace(" ", "")) or _SN.match(n) for n in names) and any(
            n in _LA_HEADERS or "la code" in n for n in names
        ):
            return i
    return None


def _year_from(name: str) -> int | None:
    match = re.search(r"(20\d\d)", name)
    return int(match.group(1)) if match else None


@dataclass
class NeighbourImport:
    neighbour_set: NeighbourSet
    councils: int
    links: int
    skipped: list[str]


@transaction.atomic
def import_neighbours(*, path: Path, name: str = "", year: int | None = None) -> NeighbourImport:
    """Load one neighbour workbook (xlsx or CSV copy). Replaces a set of the same name; all-or-nothing."""
    path = Path(path)
    if not path.is_file():
        raise GeographyError(f"{path} does not exist")
    numbered = _read_table(path)
    rows = [r for _, r in numbered]
    header_at = _find_header(rows)
    if header_at is None:
        raise GeographyError(
            f"{path.name}: no header row with an LA number column and SN1…SN10 columns in the first 20 rows"
        )
    header = [_norm_header(c) for c in rows[header_at]]
    if path.suffix.lower() in {".csv", ".txt"}:  # a CSV row with fewer or more fields: cut short or shifted
        for line, row in numbered[header_at + 1 :]:
            try:
                datafiles.check_width(path.name, line, row, len(header))
            except datafiles.DataFileError as exc:
                raise GeographyError(str(exc)) from exc
    la_col = next(i for i, n in enumerate(header) if n in _LA_HEADERS or "la code" in n)
    sn_cols: list[tuple[int, int, int | None]] = []  # rank, column, closeness column
    for i, n in enumerate(header):
        m = _SN.match(n.replace(" ", ""))
        if m:
            nxt = header[i + 1].replace(" ", "") if i + 1 < len(header) else ""
            sn_cols.append((int(m.group(1)), i, i + 1 if _SNP.match(nxt) else None))
    if not sn_cols:
        raise GeographyError(f"{path.name}: no SN1…SN10 columns")
    index = AreaIndex.load()
    links: list[tuple[int, int, int, str]] = []
    skipped: list[str] = []
    councils = 0
    for rownum, row in numbered[header_at + 1 :]:
        la = row[la_col] if la_col < len(row) else None
        if la in (None, "") or not str(la).strip():
            continue
        if not re.fullmatch(r"\d+(\.0+)?", str(la).strip()):
            skipped.append(f"row {rownum}: {la!r} is not an LA number")
            continue
        area_id = index.resolve(str(la))
        if area_id is None:
            skipped.append(f"row {rownum}: LA number {la} is not a known council")
            continue
        councils += 1
        for rank, col, pcol in sn_cols:
            value = row[col] if col < len(row) else None
            if value is None or str(value).strip().lower() in {"", "-", "x", "n/a", "na"}:
                continue
            neighbour_id = index.resolve(str(value))
            if neighbour_id is None:
                raise GeographyError(f"{path.name} row {rownum}: neighbour {value} is not a known LA number")
            try:
                closeness = normalise_closeness(row[pcol]) if pcol is not None and pcol < len(row) else ""
            except GeographyError as exc:
                raise GeographyError(f"{path.name} row {rownum}, column SN{rank} closeness: {exc}") from exc
            links.append((area_id, neighbour_id, rank, closeness))
    if not links:
        raise GeographyError(f"{path.name}: no neighbour rows found")
    set_name = name or path.stem
    set_year = year or _year_from(set_name) or _year_from(path.name)
    if set_year is None:
        raise GeographyError(f"{path.name}: give the publication year with --year")
    nset, _ = NeighbourSet.objects.update_or_create(
        name=set_name, defaults={"year": set_year, "source_filename": path.name}
    )
    existing = {(n.area_id, n.rank): (n.neighbour_id, n.closeness) for n in nset.neighbours.all()}
    wanted = {(a, r): (nb, c) for a, nb, r, c in links}
    if existing != wanted:
        nset.neighbours.all().delete()
        Neighbour.objects.bulk_create(
            Neighbour(neighbour_set=nset, area_id=a, neighbour_id=nb, rank=r, closeness=c)
            for a, nb, r, c in links
        )
    return NeighbourImport(neighbour_set=nset, councils=councils, links=len(links), skipped=skipped)
