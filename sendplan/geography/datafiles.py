"""Reading the statistical files sendplan imports (neighbour groups here; figures in ``sendplan.measures``).

Every check a file must pass before its contents are trusted, each failing with a message that names the
file and the problem (``DataFileError``):

* it exists, is not empty and is not over ``settings.MAX_DATA_FILE_BYTES`` (``MAX_DATA_FILE_MB``);
* a text file is text (not binary), decoded as UTF-8 (with or without byte-order mark), UTF-16 with a
  byte-order mark, else Windows-1252 (cp1252, as Excel writes it) — read, never refused;
* a CSV table has a header row, and every row below it has exactly as many fields as the header: a row
  with fewer or more fields is a file cut short (or a value with an unquoted separator) and is refused
  with its line number — a cut-off last value would otherwise load as a wrong figure. Lines that are
  blank, or hold only empty cells, are not rows. A quoted value left open is refused the same way.
"""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

HEADER_SAMPLE = 1024 * 1024  # bytes read to find the header row


class DataFileError(ValueError):
    """An unusable file: the message names the file and the problem."""


def size_limit() -> int:
    return settings.MAX_DATA_FILE_BYTES


def _mb(size: int) -> str:
    if size >= 1048576:
        return f"{size / 1048576:,.1f} MB"
    return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} bytes"


def check_file(path: Path) -> int:
    """The file's size, after checking it exists, is not empty and is within the size limit."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError(f"{path} does not exist")
    size = path.stat().st_size
    if size == 0:
        raise DataFileError(f"{path.name} is empty (0 bytes)")
    limit = size_limit()
    if size > limit:
        raise DataFileError(
            f"{path.name} is {_mb(size)}, over the {_mb(limit)} limit for data files (setting MAX_DATA_FILE_MB)"
        )
    return size


def looks_binary(sample: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control characters (UTF-16 with a BOM is text)."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and control / len(sample) > 0.05


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without byte-order mark), UTF-16 with a byte-order mark, else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        if len(raw) % 2:
            raw = raw[:-1]
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_text(path: Path) -> str:
    """The whole text of a text file, after the size and binary checks."""
    path = Path(path)
    check_file(path)
    raw = path.read_bytes()
    if looks_binary(raw[:65536]):
        raise DataFileError(f"{path.name} is not a text file (it holds binary data), so not a CSV table")
    return decode_text(raw)


def sniff_separator(header_line: str) -> str:
    """Comma, unless the header clearly uses tabs or semicolons (Excel "Unicode text", European CSV)."""
    counts = {sep: header_line.count(sep) for sep in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def header_line(path: Path, text: str | None = None) -> tuple[int, str]:
    """(line number, text) of the first non-blank line, read from the start of the file.

    A file with only blank lines, or whose first line is longer than ``HEADER_SAMPLE``, is not a table.
    """
    path = Path(path)
    if text is None:
        size = check_file(path)
        with open(path, "rb") as fh:
            raw = fh.read(HEADER_SAMPLE)
        if looks_binary(raw[:65536]):
            raise DataFileError(f"{path.name} is not a text file (it holds binary data), so not a CSV table")
        text = decode_text(raw)
        complete = size <= HEADER_SAMPLE
    else:
        complete = True
    lines = text.split("\n")
    for number, line in enumerate(lines[:-1] if not complete else lines, start=1):
        if line.strip():
            return number, line.rstrip("\r")
    if complete:
        raise DataFileError(f"{path.name} is not a table: it holds only blank lines (no header row)")
    if len(lines) == 1:
        raise DataFileError(
            f"{path.name} is not a table: its first line is longer than {_mb(HEADER_SAMPLE)} (no header row)"
        )
    raise DataFileError(f"{path.name} is not a table: its first {_mb(HEADER_SAMPLE)} are blank lines")


def records(text: str, separator: str, name: str, *, first_line: int = 1) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) for every record of CSV ``text``; malformed quoting is an error naming the line."""
    reader = csv.reader(io.StringIO(text), delimiter=separator, strict=True)
    line = first_line
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            where = first_line + reader.line_num - 1
            problem = (
                "a quoted value is not closed (the file may be cut short)"
                if "unexpected end of data" in str(exc)
                else f"malformed CSV ({exc})"
            )
            raise DataFileError(f"{name} line {where}: {problem}; nothing was loaded") from exc
        yield line, fields
        line = first_line + reader.line_num


def is_blank(fields: list) -> bool:
    return not any(str(f if f is not None else "").strip() for f in fields)


def check_width(name: str, line: int, fields: list, width: int) -> None:
    """A row must have as many fields as the header (a row of only empty cells is not a row)."""
    if len(fields) != width and not is_blank(fields):
        cause = (
            "the file may be cut short, or a row lost values"
            if len(fields) < width
            else "a value may hold an unquoted separator"
        )
        raise DataFileError(
            f"{name} line {line} has {len(fields)} field(s) but the header has {width} ({cause}); "
            "nothing was loaded"
        )


def read_csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    """Every record of a small CSV file as (line number, fields), blank lines left out (no width check)."""
    path = Path(path)
    text = read_text(path)
    _, first = header_line(path, text)
    separator = sniff_separator(first)
    return [(n, r) for n, r in records(text, separator, path.name) if not is_blank(r)]
