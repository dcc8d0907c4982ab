"""DfE Local Authority Interactive Tool (LAIT) long table, parquet or CSV.

Columns: ``Short Desc`` (indicator short code), ``Data item`` (its label, on the first row of each block
only), ``Years``, ``LA and Regions``, ``Values`` (text: ``-`` for missing, float noise), ``LA Number``
(3-digit council number; 970 England, 980–990 regions). One indicator is filtered out with polars before
anything else. ``lait_data_dictionary.csv`` beside the file (or ``--dictionary``) gives the definition,
polarity, unit and decimal places.
"""

import difflib
from pathlib import Path

import polars as pl

from sendplan.geography import datafiles
from sendplan.geography.services import AreaIndex

from .. import periods, values
from ..models import Frequency, Polarity, Unit
from .common import (
    Columns,
    Extract,
    ImportError_,
    IndicatorData,
    check_values,
    data_file_errors,
    listing,
    read_text_table,
    resolve_areas,
    resolve_periods,
    to_series,
)

REQUIRED = ["short desc", "years", "values", "la number"]
DICTIONARY_NAME = "lait_data_dictionary.csv"


def looks_like(path: Path, header: list[str]) -> bool:
    cols = Columns(header)
    return all(c in cols for c in REQUIRED)


def read(path: Path) -> pl.DataFrame:
    if path.suffix.lower() == ".parquet":
        with data_file_errors():
            datafiles.check_file(path)
        try:
            df = pl.read_parquet(path)
        except Exception as exc:  # noqa: BLE001 - any unreadable parquet is the same user error
            detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
            raise ImportError_(f"{path.name} is not a readable parquet file ({detail})") from exc
        return df.with_columns(pl.all().cast(pl.String))
    return read_text_table(path)


def read_dictionary(path: Path | None) -> dict[str, dict]:
    if path is None or not path.is_file():
        return {}
    df = read_text_table(path)
    cols = Columns(df.columns)
    short = cols.find("Measure_short")
    if short is None:
        raise ImportError_(f"{path.name} is not a LAIT data dictionary (no Measure_short column)")
    return {str(r[short]).strip(): r for r in df.iter_rows(named=True) if r[short]}


def _text(entry: dict, name: str) -> str:
    cols = Columns(list(entry))
    found = cols.find(name)
    value = str(entry.get(found) or "").strip() if found else ""
    return "" if value.upper() in {"NA", "N/A", "-"} else value


def _unit(axis: str) -> str:
    text = axis.lower()
    if "%" in text or "percent" in text or "proportion" in text:
        return Unit.PERCENT
    if "rate" in text or "per " in text:
        return Unit.RATE
    if "day" in text:
        return Unit.DAYS
    if "score" in text or "average" in text or "points" in text:
        return Unit.SCORE
    return Unit.COUNT


def defaults_from(entry: dict, code: str) -> dict:
    polarity = {"high": Polarity.HIGHER, "low": Polarity.LOWER}.get(
        _text(entry, "Polarity").lower(), Polarity.NEITHER
    )
    dps = _text(entry, "dps")
    definition = "\n\n".join(p for p in (_text(entry, "Description"), _text(entry, "Methodology")) if p)
    return {
        "name": _text(entry, "Chart_title") or _text(entry, "Measure") or code,
        "definition": definition.replace("\r", ""),
        "polarity": polarity,
        "unit": _unit(_text(entry, "y_axis_name")),
        "decimals": int(dps) if dps.isdigit() else None,
        "data_owner": _text(entry, "Data Owner (DO) /Supplier and Contact Details"),
        "frequency": Frequency.ANNUAL,
        "_year_type": _text(entry, "Year_Type"),
    }


def extract(
    path: Path,
    *,
    indicators: list[str],
    index: AreaIndex,
    dictionary: Path | None = None,
    df: pl.DataFrame | None = None,
) -> Extract:
    df = read(path) if df is None else df
    cols = Columns(df.columns)
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise ImportError_(f"{path.name} is not a LAIT long table: missing column(s) {', '.join(missing)}")
    if not indicators:
        raise ImportError_(
            "choose the LAIT indicator(s) by short code with --indicator, e.g. SEN_EHC_All_20wks"
        )
    short, years, vals, num = (cols.find(c) for c in REQUIRED)
    item = cols.find("data item")
    result = Extract(format="lait", rows_read=df.height)
    df = df.with_row_index("_row", offset=2 if path.suffix.lower() != ".parquet" else 1).with_columns(
        pl.col("_row").cast(pl.Int64)
    )
    # Fill-down labels: the short code (and its label) appear on the first row of a block only.
    df = df.with_columns(pl.col(short).replace("", None).forward_fill().str.strip_chars())
    if item:
        df = df.with_columns(pl.col(item).replace("", None).forward_fill().over(short))
    if dictionary is not None and not dictionary.is_file():
        raise ImportError_(f"--dictionary {dictionary}: no such file")
    dictionary = dictionary or (path.parent / DICTIONARY_NAME)
    entries = read_dictionary(dictionary)
    all_codes = df[short].drop_nulls().unique().to_list()
    folded = {c.lower(): c for c in all_codes}
    selected = 0
    for code in indicators:
        actual = code if code in all_codes else folded.get(code.lower())
        if actual is None:
            near = difflib.get_close_matches(code, all_codes, n=5)
            hint = f"; did you mean {listing(near)}" if near else ""
            raise ImportError_(
                f"indicator {code!r} is not in {path.name} ({len(all_codes)} short codes){hint}"
            )
        part = df.filter(pl.col(short) == actual)
        selected += part.height
        entry = entries.get(actual) or {}
        defaults = defaults_from(entry, actual) if entry else {"name": actual}
        if not entry and item and part[item].drop_nulls().len():
            defaults["name"] = " ".join(part[item].drop_nulls()[0].split())
        year_type = defaults.pop("_year_type", "")
        part = resolve_periods(part, lambda y, yt=year_type: periods.parse(y, yt), years, lenient=True)
        no_period = part.filter(pl.col("period_type").is_null())
        if no_period.height:
            _, reason, _ = values.parse_expr(vals)
            real = no_period.filter(reason.is_null())
            if real.height:
                row, label = real.select("_row", years).row(0)
                raise ImportError_(f"row {row}: unrecognised period {label!r} for {actual}")
            result.skipped[f"{actual}: period not given (e.g. {no_period[years][0]!r}) and no value"] += (
                no_period.height
            )
            part = part.filter(pl.col("period_type").is_not_null())
        # Councils by LA number; England and regions by number too (970, 980–990), else by name.
        place = cols.find("la and regions")
        key = pl.col(num).cast(pl.String).str.strip_chars()
        if place:
            key = pl.when(key.is_null() | (key == "")).then(pl.col(place)).otherwise(key)
        part = resolve_areas(part.with_columns(_place=key), "_place", index)
        unknown = part.filter(pl.col("area_id").is_null())
        for label, n in unknown.group_by("_place").len().iter_rows():
            result.skipped[f"{actual}: LA number {label} is not in sendplan's geography"] += n
        part = part.filter(pl.col("area_id").is_not_null())
        part = check_values(part, vals)
        decimals = defaults.get("decimals")
        # Float noise (65.099999999999994): round to the dictionary's decimal places, else to 10.
        part = part.with_columns(pl.col("value").round(decimals if decimals is not None else 10))
        # Same area and period twice ("2018" and "2018 (Rev)"): the later stage of publication wins.
        part = part.with_columns(
            _priority=pl.col("period_note").replace_strict(
                periods.NOTE_PRIORITY, default=1, return_dtype=pl.Int8
            )
        ).sort(["_priority", "_row"], descending=[True, False])
        key = ["area_id", "period_type", "period_start", "period_end"]
        before = part.height
        part = part.unique(subset=key, keep="first", maintain_order=True)
        if before - part.height:
            result.skipped[
                f"{actual}: superseded by a later (revised or final) figure for the same period"
            ] += before - part.height
        part = part.with_columns(note=pl.col("period_note")).sort("_row")
        defaults |= {
            "source": f"DfE Local Authority Interactive Tool: {path.name}, {actual}",
            "source_code": actual,
            "slug": actual.lower().replace("_", "-"),
        }
        result.indicators.append(IndicatorData(key=actual, series=to_series(part), defaults=defaults))
    result.not_selected = result.rows_read - selected
    result.choices = [f"indicator {i.key}" for i in result.indicators]
    if entries:
        result.choices.append(f"definitions from {dictionary.name}")
    return result
