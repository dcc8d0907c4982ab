"""DfE *Explore education statistics* tidy CSV files.

Standard columns (any order, any case): ``time_period``, ``time_identifier``, ``geographic_level`` and the
codes for each level. The user chooses indicator columns and filter values; filters left unchosen are
set to their "Total"/"All …" value when there is exactly one, otherwise the import is refused with the
choices listed. Rows at other geographic levels, or for codes sendplan does not know, are skipped with
a reason.
"""

import re
from pathlib import Path

import polars as pl
from django.utils.text import slugify

from sendplan.geography.services import AreaIndex

from .. import periods, values
from ..models import Unit
from .common import (
    Columns,
    Extract,
    ImportError_,
    IndicatorData,
    check_values,
    dedupe,
    listing,
    resolve_areas,
    resolve_periods,
    to_series,
)

REQUIRED = ["time_period", "time_identifier", "geographic_level"]
LEVELS = {
    "national": ("country_code", "country_name"),
    "regional": ("region_code", "region_name"),
    "local authority": ("new_la_code", "old_la_code", "la_name"),
}
# Columns describing time or geography: never indicators, never filters.
_GEOGRAPHY = re.compile(
    r"^(time_period|time_identifier|geographic_level|.*_(code|name|urn|ukprn|laestab|id)|"
    r"(school|provider|trust|institution|lad|pcon|opportunity_area|english_devolved_area)_.*)$",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"^(total|all|all .+|total .+|.+ total)$", re.IGNORECASE)
KNOWN_FILTERS = {"breakdown_topic", "breakdown"}


def looks_like(path: Path, header: list[str]) -> bool:
    cols = Columns(header)
    return all(c in cols for c in REQUIRED)


def _is_text_like(series: pl.Series) -> bool:
    distinct = series.drop_nulls().unique()
    if distinct.len() == 0:
        return False
    frame = distinct.to_frame("v")
    _, _, bad = values.parse_expr("v")
    text = frame.select(bad.sum()).item()
    return text / distinct.len() >= 0.2


def _mirrored(df: pl.DataFrame, column: str, value: str, filter_cols: list[str]) -> bool:
    rows = df.filter(pl.col(column) == value)
    return any(other != column and rows.height and (rows[other] == value).all() for other in filter_cols)


def humanise(column: str) -> str:
    """``pc_plans_issued_within_20_weeks`` → ``Plans issued within 20 weeks (%)``."""
    words = [w for w in re.split(r"[_\s]+", column.strip()) if w]
    percent = [w for w in words if w.lower() in {"pc", "pct", "percent", "percentage"}]
    words = [w for w in words if w not in percent] or words
    text = " ".join(words)
    text = text[:1].upper() + text[1:]
    return f"{text} (%)" if percent else text


def _decimals(df: pl.DataFrame, column: str) -> int:
    """Decimal places as published: the most digits after the point in the column."""
    places = df.select(
        pl.col(column).cast(pl.String).str.strip_chars().str.extract(r"\.(\d+)%?$").str.len_chars().max()
    ).item()
    return min(int(places or 0), 6)


def _is_filter(series: pl.Series) -> bool:
    """A filter column: mostly text (``breakdown``), or a few values one of which is a total (``ncyear``)."""
    if _is_text_like(series):
        return True
    distinct = series.drop_nulls().unique()
    return distinct.len() <= 500 and any(_TOTAL.match(str(v).strip()) for v in distinct.to_list())


def _match_value(column: str, wanted: str, available: list[str]) -> str:
    if wanted in available:
        return wanted
    folded = {" ".join(a.lower().split()): a for a in available}
    found = folded.get(" ".join(wanted.lower().split()))
    if found is None:
        raise ImportError_(
            f"--filter {column}={wanted}: no such value; choose one of: {listing(sorted(available), 25)}"
        )
    return found


def extract(
    path: Path,
    *,
    indicators: list[str],
    filters: list[str],
    index: AreaIndex,
    df: pl.DataFrame | None = None,
) -> Extract:
    from .common import read_text_table

    df = read_text_table(path) if df is None else df
    cols = Columns(df.columns)
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise ImportError_(
            f"{path.name} is not an EES tidy data file: missing standard column(s) {', '.join(missing)}"
        )
    std = {c: cols.find(c) for c in REQUIRED}
    candidates = [c for c in df.columns if not _GEOGRAPHY.match(c)]
    if not indicators:
        raise ImportError_(
            f"choose indicator column(s) with --indicator; this file has: {listing(candidates, 40)}"
        )
    chosen: list[str] = []
    for name in indicators:
        found = cols.find(name)
        if found is None or _GEOGRAPHY.match(found):
            raise ImportError_(
                f"no indicator column {name!r} in {path.name}; columns are: {listing(candidates, 40)}"
            )
        if found not in chosen:
            chosen.append(found)
    result = Extract(format="ees", rows_read=df.height)
    df = df.with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))

    # Filters the user chose.
    given: dict[str, str] = {}
    for item in filters:
        if "=" not in item:
            raise ImportError_(f"--filter {item!r}: write it as column=value")
        name, wanted = (part.strip() for part in item.split("=", 1))
        column = cols.find(name)
        if column is None or column in chosen:
            raise ImportError_(
                f"--filter {item!r}: no filter column {name!r}; columns are: {listing(candidates, 40)}"
            )
        if column in given:
            raise ImportError_(f"--filter: give one value for {column}")
        available = df[column].drop_nulls().unique().to_list()
        given[column] = _match_value(column, wanted, available)
        df = df.filter(pl.col(column) == given[column])
    choice_notes = [f"{c} = {v}" for c, v in given.items()]

    # Geographic levels.
    level = pl.col(std["geographic_level"]).fill_null("").str.strip_chars().str.to_lowercase()
    df = df.with_columns(_level=level)
    unsupported = df.filter(~pl.col("_level").is_in(list(LEVELS)))
    for lvl, n in unsupported.group_by(std["geographic_level"]).len().iter_rows():
        result.skipped[f"geographic level {lvl!r} is not a council, region or England"] += n
    df = df.filter(pl.col("_level").is_in(list(LEVELS)))

    # Filters the user left open: the single Total/All value, or a refusal listing the choices.
    others = [c for c in df.columns if c not in chosen and not c.startswith("_") and not _GEOGRAPHY.match(c)]
    filter_cols = [c for c in others if c.lower() in KNOWN_FILTERS or _is_filter(df[c])]
    for column in filter_cols:
        if column in given:
            continue
        available = df[column].drop_nulls().unique(maintain_order=True).to_list()
        if len(available) <= 1:
            continue
        totals = [v for v in available if _TOTAL.match(str(v).strip())]
        if len(totals) != 1:
            # EES marks a total by repeating it: breakdown_topic "New EHC plans", breakdown "New EHC plans".
            mirrored = [v for v in available if _mirrored(df, column, v, filter_cols)]
            totals = mirrored if len(mirrored) == 1 else totals
        if len(totals) != 1:
            raise ImportError_(
                f"column {column!r} has several values and none is clearly the total; choose one with "
                f'--filter "{column}=VALUE" from: {listing(sorted(map(str, available)), 25)}'
            )
        df = df.filter(pl.col(column) == totals[0])
        choice_notes.append(f"{column} = {totals[0]} (the total, chosen automatically)")
    result.not_selected = result.rows_read - df.height - sum(result.skipped.values())
    result.choices = choice_notes

    # Areas: the code column that fits each row's level.
    code_expr = pl.lit(None, dtype=pl.String)
    for lvl, names in LEVELS.items():
        present = [cols.find(n) for n in names if n in cols]
        if not present:
            continue
        first_usable = pl.coalesce(
            [
                pl.when(pl.col(p).fill_null("").str.strip_chars().is_in(["", "x", "z", ":"]).not_()).then(
                    pl.col(p)
                )
                for p in present
            ]
        )
        code_expr = pl.when(pl.col("_level") == lvl).then(first_usable).otherwise(code_expr)
    df = df.with_columns(_code=code_expr.str.strip_chars())
    df = resolve_areas(df, "_code", index)
    unknown = df.filter(pl.col("area_id").is_null())
    for code, n in unknown.group_by("_code").len().iter_rows():
        result.skipped[
            f"area {code!r} is not in sendplan's geography" if code else "row without an area code"
        ] += n
    df = df.filter(pl.col("area_id").is_not_null())

    df = resolve_periods(df, periods.from_ees, std["time_period"], std["time_identifier"])
    source = path.name
    for column in chosen:
        part = check_values(df, column)
        part = dedupe(part, result, column, filter_cols + others)
        unit = (
            Unit.PERCENT
            if re.search(r"(^|_)(pc|pct|percent|percentage|rate_pc)(_|$)|_pc$|percent", column, re.I)
            else Unit.COUNT
        )
        result.indicators.append(
            IndicatorData(
                key=column,
                series=to_series(part),
                defaults={
                    "name": humanise(column),
                    "unit": unit,
                    "decimals": _decimals(part, column),
                    "source": f"Explore education statistics: {source}, column {column}"
                    + (f" ({'; '.join(choice_notes)})" if choice_notes else ""),
                    "source_code": column,
                    "data_owner": "Department for Education",
                    "slug": slugify(column.replace("_", "-")),
                },
            )
        )
    return result


def indicator_columns(path: Path) -> list[str]:
    """The columns of an EES file that hold numbers or symbols (candidates for --indicator)."""
    from .common import read_text_table

    df = read_text_table(path)
    return [
        c
        for c in df.columns
        if not _GEOGRAPHY.match(c) and c.lower() not in KNOWN_FILTERS and not _is_filter(df[c])
    ]
