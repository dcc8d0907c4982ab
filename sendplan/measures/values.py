"""Cell values: numbers, and the symbols statistics use for a missing value (kept as missing, never zero)."""

import math
import re

import polars as pl

from .models import MissingReason

# EES symbols (x z c low u, legacy ~ and :) and LAIT's "-"; a blank cell is missing too.
SYMBOLS: dict[str, str] = {
    "x": MissingReason.NOT_AVAILABLE,
    ":": MissingReason.NOT_AVAILABLE,
    "-": MissingReason.NOT_AVAILABLE,
    "z": MissingReason.NOT_APPLICABLE,
    "c": MissingReason.CONFIDENTIAL,
    "low": MissingReason.LOW,
    "~": MissingReason.LOW,
    "u": MissingReason.LOW_RELIABILITY,
    "": MissingReason.BLANK,
}

_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d*)(\.\d+)?([eE][-+]?\d+)?$")


def clean(value: float | None, decimals: int | None = None) -> float | None:
    """Remove float noise (65.099999999999994 → 65.1), then round to ``decimals`` when known."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    value = float(f"{value:.12g}")
    return round(value, decimals) if decimals is not None else value


def parse_expr(column: str, *, percent_sign: bool = False) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """Polars expressions: (numeric value, missing reason, is bad) for a text column."""
    text = pl.col(column).cast(pl.String).fill_null("").str.strip_chars()
    lowered = text.str.to_lowercase()
    numeric_text = text.str.replace_all(",", "")
    if percent_sign:
        numeric_text = numeric_text.str.strip_suffix("%").str.strip_chars()
    number = pl.when(text.str.contains(_NUMBER.pattern) | pl.lit(percent_sign)).then(
        numeric_text.cast(pl.Float64, strict=False)
    )
    reason = lowered.replace_strict(SYMBOLS, default=None, return_dtype=pl.String)
    bad = number.is_null() & reason.is_null()
    return number, reason, bad
