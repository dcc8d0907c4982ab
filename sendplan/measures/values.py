"""Cell values: numbers, and the symbols statistics use for a missing value (kept as missing, never zero)."""

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


def parse_expr(column: str, *, percent_sign: bool = True) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """Polars expressions: (numeric value, missing reason, is bad) for a text column.

    Numbers may have thousands separators (``1,234``) and, with ``percent_sign``, a trailing ``%``.
    """
    text = pl.col(column).cast(pl.String).fill_null("").str.strip_chars()
    lowered = text.str.to_lowercase()
    bare = text.str.strip_suffix("%").str.strip_chars() if percent_sign else text
    number = pl.when(bare.str.contains(_NUMBER.pattern) & (bare != "")).then(
        bare.str.replace_all(",", "").cast(pl.Float64, strict=False)
    )
    number = pl.when(number.is_finite()).then(number)  # "1e999" is no figure
    reason = lowered.replace_strict(SYMBOLS, default=None, return_dtype=pl.String)
    bad = number.is_null() & reason.is_null()
    return number, reason, bad
