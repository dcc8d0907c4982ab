"""What the importers share: reading text tables robustly, matching column names, the Extract result."""

import io
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from sendplan.geography import datafiles
from sendplan.geography.services import AreaIndex

from .. import periods, values


class ImportError_(ValueError):  # noqa: N801 - not the builtin ImportError
    """Unusable input: the message names the problem; nothing is loaded."""


SERIES_SCHEMA = {
    "area_id": pl.Int64,
    "period_type": pl.String,
    "period_start": pl.Date,
    "period_end": pl.Date,
    "period_label": pl.String,
    "value": pl.Float64,
    "missing_reason": pl.String,
    "missing_symbol": pl.String,
    "note": pl.String,
}


@dataclass
class IndicatorData:
    key: str  # column name or short code as in the file
    series: pl.DataFrame  # SERIES_SCHEMA columns, one row per area and period
    defaults: dict = field(default_factory=dict)  # name, definition, unit, polarity, decimals, source, …


@dataclass
class Extract:
    format: str
    rows_read: int = 0
    not_selected: int = 0
    skipped: Counter = field(default_factory=Counter)
    choices: list[str] = field(default_factory=list)
    indicators: list[IndicatorData] = field(default_factory=list)


def read_text_table(path: Path) -> pl.DataFrame:
    """A CSV as all-text columns: byte-order mark removed, names stripped, repeated names made unique.

    Every row must have as many fields as the header (``datafiles.check_width``): a file cut short in the
    middle of a row is refused with the line, never loaded with a cut-off or missing last value.
    """
    with data_file_errors():
        text = datafiles.read_text(path)
        first_line, header_text = datafiles.header_line(path, text)
        separator = datafiles.sniff_separator(header_text)
        lines = text.split("\n", first_line - 1)
        body = lines[-1] if first_line > 1 else text
        rows = datafiles.records(body, separator, path.name, first_line=first_line)
        _, first = next(rows)
        for line, fields in rows:
            datafiles.check_width(path.name, line, fields, len(first))
    names: list[str] = []
    seen: Counter = Counter()
    for i, name in enumerate(first):
        clean = " ".join(name.replace("\ufeff", "").split()) or f"column_{i + 1}"
        seen[clean.lower()] += 1
        names.append(clean if seen[clean.lower()] == 1 else f"{clean}_{seen[clean.lower()]}")
    try:
        df = pl.read_csv(
            io.BytesIO(body.encode("utf-8")),
            has_header=False,
            skip_rows=1,
            new_columns=names,
            infer_schema=False,
            truncate_ragged_lines=True,  # only lines of empty cells can be ragged here (checked above)
            separator=separator,
        )
    except pl.exceptions.NoDataError as exc:
        raise ImportError_(f"{path.name} has a header row but no data rows") from exc
    except pl.exceptions.PolarsError as exc:
        raise ImportError_(f"{path.name} is not a readable CSV file ({str(exc).splitlines()[0]})") from exc
    # Blank lines (or lines of empty cells) are not rows.
    return df.filter(~pl.all_horizontal(pl.all().fill_null("").str.strip_chars() == ""))


@contextmanager
def data_file_errors():
    """Report ``datafiles.DataFileError`` as the importers' ``ImportError_``."""
    try:
        yield
    except datafiles.DataFileError as exc:
        raise ImportError_(str(exc)) from exc


sniff_separator = datafiles.sniff_separator


def read_excel_table(path: Path, required: set[str]) -> pl.DataFrame:
    """The first sheet (or the first with a header row holding ``required`` names) as text columns."""
    import openpyxl

    with data_file_errors():
        datafiles.check_file(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheets = [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same user error
        raise ImportError_(f"{path.name} is not a readable Excel workbook ({_first_line(exc)})") from exc
    for rows in sheets:
        for i, row in enumerate(rows[:20]):
            header = [" ".join(str(c or "").split()) for c in row]
            if required <= {h.lower() for h in header}:
                width = len(header)
                body = [[_cell(c) for c in (r + [None] * width)[:width]] for r in rows[i + 1 :]]
                body = [r for r in body if any(v for v in r)]
                names = [h or f"column_{j + 1}" for j, h in enumerate(header)]
                return pl.DataFrame(body, schema={n: pl.String for n in names}, orient="row")
    raise ImportError_(f"{path.name}: no sheet has a header row with columns {', '.join(sorted(required))}")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Columns:
    """Find a column by name: exact, else ignoring case and spaces; an ambiguous match is an error."""

    def __init__(self, names: list[str]):
        self.names = names
        self.folded: dict[str, list[str]] = {}
        for name in names:
            self.folded.setdefault(fold(name), []).append(name)

    def find(self, name: str) -> str | None:
        if name in self.names:
            return name
        found = self.folded.get(fold(name), [])
        if len(found) > 1:
            raise ImportError_(f"column {name!r} is ambiguous: {', '.join(found)}")
        return found[0] if found else None

    def __contains__(self, name: str) -> bool:
        return self.find(name) is not None


def fold(text: str) -> str:
    return re.sub(r"[\s_]+", "_", str(text).strip().lower())


def listing(items, limit: int = 15) -> str:
    items = [str(i) for i in items]
    shown = ", ".join(items[:limit])
    return shown + (f" … and {len(items) - limit} more" if len(items) > limit else "")


def resolve_periods(df: pl.DataFrame, parse, *cols: str, lenient: bool = False) -> pl.DataFrame:
    """Join parsed periods onto ``df`` by the distinct values of ``cols`` (one parse per distinct value).

    An unreadable period is an error, or with ``lenient`` leaves the period columns null.
    """
    distinct = df.select(cols).unique()
    parsed = []
    for row in distinct.iter_rows():
        try:
            p = parse(*row)
        except periods.PeriodError as exc:
            if lenient:
                parsed.append((*row, None, None, None, None, None))
                continue
            first = df.filter(
                pl.all_horizontal([pl.col(c).eq_missing(v) for c, v in zip(cols, row, strict=True)])
            )
            line = first["_row"][0] if "_row" in first.columns and first.height else "?"
            raise ImportError_(f"row {line}: {exc}") from exc
        parsed.append((*row, p.type, p.start, p.end, p.label, p.note))
    schema = {c: pl.String for c in cols} | {
        "period_type": pl.String,
        "period_start": pl.Date,
        "period_end": pl.Date,
        "period_label": pl.String,
        "period_note": pl.String,
    }
    table = pl.DataFrame(parsed, schema=schema, orient="row")
    return df.join(table, on=list(cols), how="left", nulls_equal=True)


def resolve_areas(df: pl.DataFrame, column: str, index: AreaIndex) -> pl.DataFrame:
    distinct = df.select(pl.col(column)).unique().to_series().to_list()
    table = pl.DataFrame(
        {column: distinct, "area_id": [index.resolve(c) for c in distinct]},
        schema={column: pl.String, "area_id": pl.Int64},
    )
    return df.join(table, on=column, how="left", nulls_equal=True)


def check_values(df: pl.DataFrame, column: str, *, percent_sign: bool = True) -> pl.DataFrame:
    """Add value / missing_reason / missing_symbol from ``column``; a value neither number nor symbol is an error."""
    number, reason, bad = values.parse_expr(column, percent_sign=percent_sign)
    out = df.with_columns(_raw=pl.col(column)).with_columns(
        value=number,
        missing_reason=reason,
        missing_symbol=pl.when(reason.is_not_null()).then(pl.col(column).fill_null("").str.strip_chars()),
        _bad=bad,
    )
    wrong = out.filter(pl.col("_bad"))
    if wrong.height:
        examples = [f"row {r} {v!r}" for r, v in wrong.select("_row", "_raw").head(3).iter_rows()]
        raise ImportError_(
            f"column {column!r} has {wrong.height} value(s) that are neither a number nor a known symbol "
            f"(x, z, c, low, u, ~, :, -): {', '.join(examples)}"
        )
    return out.drop("_bad", "_raw")


def dedupe(df: pl.DataFrame, extract: Extract, label: str, differing_hint: list[str]) -> pl.DataFrame:
    """One row per area and period: exact repeats are skipped with a reason; conflicting repeats refused."""
    key = ["area_id", "period_type", "period_start", "period_end"]
    counts = df.group_by(key).agg(
        pl.len().alias("_n"),
        pl.struct("value", "missing_reason").n_unique().alias("_distinct"),
    )
    conflicts = counts.filter(pl.col("_distinct") > 1)
    if conflicts.height:
        sample = df.join(conflicts.head(1).select(key), on=key, how="semi")
        varying = [c for c in differing_hint if c in sample.columns and sample[c].n_unique() > 1]
        lines = listing(sample["_row"].to_list(), 5)
        hint = (
            f"; these columns differ between them: {', '.join(varying)} — choose with --filter"
            if varying
            else ""
        )
        raise ImportError_(
            f"{label}: {conflicts.height} area/period combination(s) have more than one different value "
            f"(e.g. rows {lines}){hint}"
        )
    repeats = int(counts.filter(pl.col("_n") > 1).select((pl.col("_n") - 1).sum()).item() or 0)
    if repeats:
        extract.skipped[f"{label}: repeated row (same area, period and value)"] += repeats
        df = df.unique(subset=key, keep="first", maintain_order=True)
    return df


def to_series(df: pl.DataFrame) -> pl.DataFrame:
    if "note" not in df.columns:
        df = df.with_columns(note=pl.col("period_note") if "period_note" in df.columns else pl.lit(""))
    return df.select([pl.col(c).cast(t) for c, t in SERIES_SCHEMA.items()]).with_columns(
        pl.col("note").fill_null(""), pl.col("missing_symbol").fill_null("")
    )
