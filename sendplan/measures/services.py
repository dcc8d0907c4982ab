"""Writes of measures: importing observations, setting baselines/targets, linking indicators to actions.

Every write is keyword-only and atomic; bad input raises ``MeasuresError`` (or the importers'
``ImportError_``) with a message naming the problem, and nothing is written.
"""

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import connection, transaction
from django.utils.text import slugify

from sendplan.core.models import Partnership
from sendplan.geography import datafiles
from sendplan.geography.models import Area
from sendplan.geography.services import AreaIndex
from sendplan.plans.models import Action, ActionItem

from . import periods
from .importers import ees, lait, table
from .importers.common import (
    Extract,
    ImportError_,
    IndicatorData,
    data_file_errors,
    read_text_table,
    sniff_separator,
)
from .models import Indicator, IndicatorLink, MissingReason, Observation, Polarity, Target, TargetKind, Unit

FORMATS = ("ees", "lait", "table")


class MeasuresError(ImportError_):
    pass


@dataclass
class IndicatorReport:
    slug: str
    created: bool
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: Counter = field(default_factory=Counter)

    @property
    def loaded(self) -> int:
        return self.new + self.changed + self.unchanged


@dataclass
class ImportReport:
    path: str
    format: str
    rows_read: int
    not_selected: int
    skipped: Counter
    choices: list[str]
    indicators: list[IndicatorReport]

    def lines(self) -> list[str]:
        out = [f"{self.path} ({self.format}): {self.rows_read:,} rows read"]
        if self.choices:
            out.append(f"  selected: {'; '.join(self.choices)}")
        out.append(
            f"  not selected (other indicators, breakdowns or filter values): {self.not_selected:,} rows"
        )
        out.append(f"  skipped: {sum(self.skipped.values()):,} rows")
        for reason, n in sorted(self.skipped.items()):
            out.append(f"    {n:,} — {reason}")
        for ind in self.indicators:
            out.append(
                f"  {ind.slug}{' (new indicator)' if ind.created else ''}: {ind.loaded:,} values loaded "
                f"({ind.new:,} new, {ind.changed:,} changed, {ind.unchanged:,} unchanged), "
                f"{sum(ind.missing.values()):,} of them missing"
            )
            for reason, n in sorted(ind.missing.items()):
                out.append(f"    {n:,} missing — {MissingReason(reason).label}")
        return out


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return "lait"
    if suffix in {".xlsx", ".xlsm"}:
        return "table"
    if suffix not in {".csv", ".txt", ".tsv"}:
        raise MeasuresError(f"{path.name}: expected a .csv, .xlsx or .parquet file")
    with data_file_errors():
        _, line = datafiles.header_line(path)
    header = [h.strip() for h in next(csv.reader(io.StringIO(line), delimiter=sniff_separator(line)), [])]
    for name, module in (("ees", ees), ("lait", lait), ("table", table)):
        if module.looks_like(path, header):
            return name
    table_like = len(header) > 1
    raise MeasuresError(
        (
            f"{path.name}: cannot tell the format from its columns ({_shown(header)})"
            if table_like
            else f"{path.name} is not a table: its first line has no column separators ({_shown(header)})"
        )
        + "; expected EES standard columns (time_period, time_identifier, geographic_level), a LAIT long "
        "table (Short Desc, Years, Values, LA Number) or a simple table (indicator, area, period, value)"
        + ("; or give --format" if table_like else "")
    )


def _shown(header: list[str]) -> str:
    names = ["".join(c if c.isprintable() else "?" for c in h)[:40] for h in header[:8]]
    return ", ".join(names) + (", …" if len(header) > 8 else "")


def _extract(
    path: Path, fmt: str, indicators: list[str], filters: list[str], dictionary: Path | None
) -> Extract:
    if fmt not in FORMATS:
        raise MeasuresError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "ees" and path.suffix.lower() not in {".csv", ".txt", ".tsv"}:
        raise MeasuresError(f"{path.name}: EES files are CSV")
    # Read the file first: an unreadable file is reported as such, before any complaint about options.
    df = {"ees": read_text_table, "lait": lait.read, "table": table.read}[fmt](path)
    if filters and fmt != "ees":
        raise MeasuresError(f"--filter applies to EES files only; {path.name} is read as a {fmt} table")
    index = AreaIndex.load()
    if fmt == "ees":
        return ees.extract(path, indicators=indicators, filters=filters, index=index, df=df)
    if fmt == "lait":
        return lait.extract(path, indicators=indicators, index=index, dictionary=dictionary, df=df)
    return table.extract(path, indicators=indicators, index=index, df=df)


@transaction.atomic
def import_data(
    *,
    path: Path,
    format: str | None = None,
    indicators: list[str] | None = None,
    filters: list[str] | None = None,
    slug: str = "",
    name: str = "",
    unit: str = "",
    polarity: str = "",
    partnership: Partnership | None = None,
    dictionary: Path | None = None,
) -> ImportReport:
    """Import one file, all or nothing. Re-importing the same file changes nothing."""
    path = Path(path)
    if not path.is_file():
        raise MeasuresError(f"{path} does not exist")
    if unit and unit not in Unit.values:
        raise MeasuresError(f"--unit {unit!r}: use one of {', '.join(Unit.values)}")
    if polarity and polarity not in Polarity.values:
        raise MeasuresError(f"--polarity {polarity!r}: use one of {', '.join(Polarity.values)}")
    fmt = format or detect_format(path)
    extract = _extract(path, fmt, list(indicators or []), list(filters or []), dictionary)
    if not extract.indicators:
        raise MeasuresError(f"{path.name}: no indicator data found")
    if (slug or name) and len(extract.indicators) > 1 and fmt == "table":
        raise MeasuresError(
            "--slug and --name name one indicator; this file has several (choose with --indicator)"
        )
    reports = []
    for data in extract.indicators:
        own_slug = (
            slug if len(extract.indicators) == 1 else (f"{slug}-{data.defaults['slug']}" if slug else "")
        )
        overrides = {k: v for k, v in (("name", name), ("unit", unit), ("polarity", polarity)) if v}
        if len(extract.indicators) > 1:
            overrides.pop("name", None)
        indicator, created = _indicator(data, own_slug or data.defaults["slug"], overrides, partnership)
        report = IndicatorReport(slug=indicator.slug, created=created)
        _save_observations(indicator, data.series, report, source=path.name)
        reports.append(report)
    return ImportReport(
        path=path.name,
        format=fmt,
        rows_read=extract.rows_read,
        not_selected=extract.not_selected,
        skipped=extract.skipped,
        choices=extract.choices,
        indicators=reports,
    )


def _indicator(data: IndicatorData, slug: str, overrides: dict, partnership: Partnership | None):
    slug = slugify(slug)[:100]
    if not slug:
        raise MeasuresError(f"cannot make a slug for indicator {data.key!r}; give --slug")
    fields = {k: v for k, v in data.defaults.items() if k != "slug" and v not in (None, "")}
    fields |= overrides
    # Names and definitions as published carry doubled spaces, tabs and stray line ends ("All new  EHC").
    if "name" in fields:
        fields["name"] = clean_text(fields["name"])
    if "definition" in fields:
        fields["definition"] = clean_paragraphs(fields["definition"])
    existing = Indicator.objects.filter(slug=slug).first()
    if existing is None:
        indicator = Indicator(slug=slug, partnership=partnership, **fields)
        indicator.full_clean()
        indicator.save()
        return indicator, True
    if existing.partnership_id != (partnership.pk if partnership else None):
        owner = existing.partnership or "published data"
        raise MeasuresError(
            f"indicator {slug!r} already exists and belongs to {owner}; choose another --slug"
        )
    if existing.source_code and existing.source_code != data.key and not overrides:
        raise MeasuresError(
            f"indicator {slug!r} already holds {existing.source_code!r}, not {data.key!r}; choose another --slug"
        )
    # Fill what the source knows; keep what a person set (name/unit/polarity given again override).
    changed = False
    for key, value in fields.items():
        current = getattr(existing, key)
        if (
            key in overrides
            or current in ("", None)
            or (key in {"definition", "decimals"} and current != value)
        ):
            if current != value:
                setattr(existing, key, value)
                changed = True
    if changed:
        existing.full_clean()
        existing.save()
    return existing, False


def clean_text(text: str) -> str:
    """One line, runs of white space (spaces, tabs, non-breaking spaces, line ends) as one space."""
    return " ".join(str(text).split())


def clean_paragraphs(text: str) -> str:
    """Each line's white space collapsed; paragraphs (a blank line between them) kept, nothing more."""
    paragraphs = re.split(r"\n\s*\n", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    cleaned = ("\n".join(clean_text(line) for line in p.split("\n") if line.strip()) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


_KEY = ("area_id", "period_type", "period_start", "period_end")
_FIELDS = ("period_label", "value", "missing_reason", "missing_symbol", "note")


def _save_observations(
    indicator: Indicator, series: pl.DataFrame, report: IndicatorReport, *, source: str
) -> None:
    """Upsert one indicator's values: new rows in bulk, changed rows updated, identical rows left alone."""
    existing = _existing_observations(indicator)
    new: list[tuple] = []
    changed: list[Observation] = []
    for row in series.iter_rows(named=True):
        key = (
            row["area_id"],
            row["period_type"],
            row["period_start"].isoformat(),
            row["period_end"].isoformat(),
        )
        value = row["value"]
        reason = "" if value is not None else (row["missing_reason"] or MissingReason.BLANK)
        values = (
            row["period_label"],
            value,
            reason,
            (row["missing_symbol"] or "")[:10] if value is None else "",
            (row["note"] or "")[:100],
        )
        if reason:
            report.missing[reason] += 1
        old = existing.get(key)
        if old is None:
            new.append((indicator.pk, *key, *values, source))
        elif old[5:] != values:
            changed.append(Observation(id=old[0], **dict(zip(_FIELDS, values, strict=True)), source=source))
        else:
            report.unchanged += 1
    _insert_observations(new)
    if changed:
        Observation.objects.bulk_update(changed, [*_FIELDS, "source"], batch_size=1000)
    report.new, report.changed = len(new), len(changed)


def _insert_observations(rows: list[tuple]) -> None:
    """Plain parametrised INSERTs (portable SQL): the ORM's per-object work would dominate large imports."""
    if not rows:
        return
    meta = Observation._meta
    names = ["indicator", *_KEY, *_FIELDS, "source"]
    columns = [meta.get_field(n.removesuffix("_id")).column for n in names]
    sql = (
        f"INSERT INTO {connection.ops.quote_name(meta.db_table)} "
        f"({', '.join(connection.ops.quote_name(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _existing_observations(indicator: Indicator) -> dict[tuple, tuple]:
    """{(area id, period type, start ISO, end ISO): (id, …key, …fields)} read without model instances."""
    meta = Observation._meta
    columns = ["id"] + [meta.get_field(n.removesuffix("_id")).column for n in (*_KEY, *_FIELDS)]
    sql = (
        f"SELECT {', '.join(connection.ops.quote_name(c) for c in columns)} "
        f"FROM {connection.ops.quote_name(meta.db_table)} WHERE {connection.ops.quote_name('indicator_id')} = %s"
    )
    out = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [indicator.pk])
        for row in cursor.fetchall():
            start, end = (d if isinstance(d, str) else d.isoformat() for d in row[3:5])
            full = (row[0], row[1], row[2], start, end, *row[5:])
            out[full[1:5]] = full
    return out


@transaction.atomic
def set_target(
    *,
    partnership: Partnership,
    indicator: Indicator,
    area: Area,
    kind: str,
    period: str,
    value: float,
    note: str = "",
) -> Target:
    """Create or update a baseline, target or plan forecast."""
    if kind not in TargetKind.values:
        raise MeasuresError(f"kind {kind!r}: use one of {', '.join(TargetKind.values)}")
    if indicator.partnership_id not in (None, partnership.pk):
        raise MeasuresError(f"indicator {indicator.slug!r} belongs to another partnership")
    try:
        p = periods.parse(period)
    except periods.PeriodError as exc:
        raise MeasuresError(str(exc)) from exc
    target, _ = Target.objects.update_or_create(
        partnership=partnership,
        indicator=indicator,
        area=area,
        kind=kind,
        period_type=p.type,
        period_start=p.start,
        period_end=p.end,
        defaults={"period_label": p.label, "value": float(value), "note": note},
    )
    return target


@transaction.atomic
def set_indicator(
    *, indicator: Indicator, polarity: str = "", unit: str = "", name: str = "", decimals: int | None = None
) -> list[str]:
    """Change what a person decides about an indicator (direction, unit, name, decimals) without
    re-importing; later imports keep these. Returns the fields changed."""
    if polarity and polarity not in Polarity.values:
        raise MeasuresError(f"--polarity {polarity!r}: use one of {', '.join(Polarity.values)}")
    if unit and unit not in Unit.values:
        raise MeasuresError(f"--unit {unit!r}: use one of {', '.join(Unit.values)}")
    if decimals is not None and not 0 <= decimals <= 6:
        raise MeasuresError("--decimals: use a whole number from 0 to 6")
    wanted = {"polarity": polarity, "unit": unit, "name": clean_text(name) if name else ""}
    if decimals is not None:
        wanted["decimals"] = decimals
    changed = [k for k, v in wanted.items() if v != "" and getattr(indicator, k) != v]
    for key in changed:
        setattr(indicator, key, wanted[key])
    if changed:
        indicator.full_clean()
        indicator.save(update_fields=changed)
    return changed


@transaction.atomic
def link_indicator(*, indicator: Indicator, action: Action, item: ActionItem | None = None) -> IndicatorLink:
    """Say that ``indicator`` evidences ``action`` (optionally one of its success measures)."""
    if item is not None and (item.action_id != action.pk or item.section != ActionItem.Section.MEASURES):
        raise MeasuresError(
            'the item must be one of the action\'s "How will we know we have achieved?" items'
        )
    link, _ = IndicatorLink.objects.get_or_create(indicator=indicator, action=action, item=item)
    return link


def parse_number(text: str) -> float:
    cleaned = re.sub(r"[,\s%]", "", str(text))
    try:
        number = float(cleaned)
    except ValueError as exc:
        raise MeasuresError(f"{text!r} is not a number") from exc
    if not math.isfinite(number):
        raise MeasuresError(f"{text!r} is not a number")
    return number
