"""A simple table for local measures (CSV or XLSX): ``indicator, area, period, value`` and optional
``unit`` and ``note``. ``area`` is a 9-character code, a 3-digit LA number or a name; ``period`` any label
``sendplan.measures.periods`` reads (2024, 2023/24, 2024-25, March 2025, 2025-03, 2025 Q1).
"""

from pathlib import Path

import polars as pl
from django.utils.text import slugify

from sendplan.geography.services import AreaIndex

from .. import periods
from ..models import Frequency, PeriodType, Unit
from .common import (
    Columns,
    Extract,
    ImportError_,
    IndicatorData,
    check_values,
    dedupe,
    listing,
    read_excel_table,
    read_text_table,
    resolve_areas,
    resolve_periods,
    to_series,
)

REQUIRED = ["indicator", "area", "period", "value"]
UNITS = {u.value: u.value for u in Unit} | {u.label.lower(): u.value for u in Unit} | {"%": Unit.PERCENT}


def looks_like(path: Path, header: list[str]) -> bool:
    cols = Columns(header)
    return all(c in cols for c in REQUIRED)


def read(path: Path) -> pl.DataFrame:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return read_excel_table(path, set(REQUIRED))
    return read_text_table(path)


def extract(
    path: Path, *, indicators: list[str], index: AreaIndex, df: pl.DataFrame | None = None
) -> Extract:
    df = read(path) if df is None else df
    cols = Columns(df.columns)
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise ImportError_(
            f"{path.name} is not a simple table: missing column(s) {', '.join(missing)} "
            "(expected indicator, area, period, value [, unit, note])"
        )
    ind, area, period, value = (cols.find(c) for c in REQUIRED)
    unit_col, note_col = cols.find("unit"), cols.find("note")
    result = Extract(format="table", rows_read=df.height)
    df = df.with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))
    df = df.with_columns(pl.col(ind).fill_null("").str.strip_chars())
    blank = df.filter(pl.col(ind) == "")
    if blank.height:
        result.skipped["row without an indicator"] += blank.height
        df = df.filter(pl.col(ind) != "")
    names = df[ind].unique(maintain_order=True).to_list()
    if indicators:
        wanted = {slugify(i) for i in indicators}
        unknown = [i for i in indicators if slugify(i) not in {slugify(n) for n in names}]
        if unknown:
            raise ImportError_(
                f"indicator(s) {listing(unknown)} not in {path.name}; it has: {listing(names)}"
            )
        names = [n for n in names if slugify(n) in wanted]
    df = df.with_columns(pl.col(area).fill_null("").str.strip_chars())
    df = resolve_areas(df, area, index)
    unknown_areas = df.filter(pl.col("area_id").is_null() & pl.col(ind).is_in(names))
    if unknown_areas.height:
        examples = [f"row {r} {a!r}" for r, a in unknown_areas.select("_row", area).head(3).iter_rows()]
        raise ImportError_(
            f"unknown area(s): {', '.join(examples)} (give a 9-character code, LA number or name)"
        )
    df = resolve_periods(df.with_columns(pl.col(period).cast(pl.String)), periods.parse, period)
    selected = 0
    for name in names:
        part = df.filter(pl.col(ind) == name)
        selected += part.height
        part = check_values(part, value, percent_sign=True)
        part = dedupe(part, result, name, [])
        if note_col:
            notes = pl.col(note_col).fill_null("").str.strip_chars()
            part = part.with_columns(
                note=pl.when(notes != "").then(notes).otherwise(pl.col("period_note")).str.slice(0, 100)
            )
        kinds = set(part["period_type"].drop_nulls().to_list())
        frequency = {PeriodType.MONTH: Frequency.MONTHLY, PeriodType.QUARTER: Frequency.QUARTERLY}.get(
            kinds.pop() if len(kinds) == 1 else None, Frequency.ANNUAL
        )
        defaults = {
            "name": name,
            "frequency": frequency,
            "source": f"Local data: {path.name}",
            "source_code": name,
            "slug": slugify(name.replace("_", "-")),
        }
        if unit_col:
            given = {str(u).strip().lower() for u in part[unit_col].drop_nulls().to_list() if str(u).strip()}
            if len(given) > 1:
                raise ImportError_(f"indicator {name!r} has more than one unit: {', '.join(sorted(given))}")
            if given:
                unit = given.pop()
                if unit not in UNITS:
                    raise ImportError_(
                        f"indicator {name!r}: unknown unit {unit!r} (use {', '.join(Unit.values)})"
                    )
                defaults["unit"] = UNITS[unit]
        result.indicators.append(IndicatorData(key=name, series=to_series(part), defaults=defaults))
    result.not_selected = result.rows_read - selected - blank.height
    return result
