"""Readers for plain text and Markdown, and the dispatch from a file's content to its reader."""

import re

from .document import Document, Paragraph, PlanFormatError, Table
from .normalise import (
    has_bullet,
    match_fields,
    match_priority_heading,
    match_section,
    split_ref,
    strip_markup,
)

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*([-=*_~])(\s*\1){2,}\s*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$")
_TERMINAL = tuple('.?!:;”"’)')


def decode_text(data: bytes, filename: str) -> str:
    """Text from bytes: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if b"\x00" in data[:4096]:
        for encoding in ("utf-16", "utf-32"):
            try:
                text = data.decode(encoding)
                if "\x00" not in text:
                    return text
            except UnicodeDecodeError:
                continue
        raise PlanFormatError(f"{filename} is not a text document (it contains binary data)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\r\n\t\f")
        if controls > max(3, len(text[:20000]) // 200):
            break
        return text
    raise PlanFormatError(f"{filename} is not a text document (it contains binary data)")


def read_text(data: bytes, filename: str, fmt: str = "text") -> Document:
    """Plain text or Markdown: paragraphs are separated by blank lines; hard-wrapped lines are joined."""
    text = decode_text(data, filename).replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(format=fmt)
    lines = text.split("\n")
    index = 0
    group: list[str] = []

    def flush() -> None:
        doc.blocks.extend(_paragraphs_of_group(group))
        group.clear()

    while index < len(lines):
        line = lines[index].rstrip()
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _PIPE_ROW.match(line) and _PIPE_SEPARATOR.match(following):
            flush()
            rows = [_pipe_cells(line)]
            index += 2
            while index < len(lines) and _PIPE_ROW.match(lines[index]):
                rows.append(_pipe_cells(lines[index]))
                index += 1
            doc.blocks.append(Table(rows))
            continue
        if (
            line.strip()
            and re.fullmatch(r"\s*(=+|-+)\s*", following)
            and not _RULE.match(line)
            and group == []
        ):
            # A Setext heading: text underlined with === or ---.
            doc.blocks.append(Paragraph(line.strip(), heading=1 if following.strip()[0] == "=" else 2))
            index += 2
            continue
        if not line.strip() or _RULE.match(line):
            flush()
        elif heading := _MD_HEADING.match(line):
            flush()
            doc.blocks.append(Paragraph(heading.group(2), heading=len(heading.group(1))))
        else:
            group.append(line)
        index += 1
    flush()
    if not any(isinstance(b, Table) or b.text.strip() for b in doc.blocks):
        raise PlanFormatError(f"{filename} is empty")
    return doc


def _pipe_cells(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [
        cell.strip().replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n") for cell in cells
    ]


def _starts_new_paragraph(line: str) -> bool:
    if line.strip()[:1].islower():
        return has_bullet(line)  # a line starting in lower case continues a sentence
    return bool(
        has_bullet(line)
        or match_section(line)
        or split_ref(line)
        and len(line.strip()) <= 12
        or match_priority_heading(line)
        or match_fields(strip_markup(line.strip()))
        or line.lstrip()[:1] in '“"‘«'
    )


def _paragraphs_of_group(group: list[str]) -> list[Paragraph]:
    """Lines between blank lines: one paragraph per bullet or label; hard-wrapped lines joined.

    Hard-wrapped text has lines of about the same, modest width; a line continues the one before when
    that one ends without closing punctuation and was well over half the width, or when the new line
    starts in lower case. A line ending a sentence ends its paragraph (one item per line is commoner
    in plans than a sentence ending exactly at a wrap). Text written one paragraph per line has long
    lines and is never joined. Markdown quotation marks (``> ``) start a paragraph of their own.
    """
    paragraphs: list[Paragraph] = []
    width = max((len(line.strip()) for line in group), default=0)
    wrapping = 40 <= width <= 100
    last_line = ""
    for line in group:
        quoted = line.lstrip().startswith(">")
        if quoted:
            line = re.sub(r"^\s*>\s?", "", line)
        stripped = line.strip()
        if (
            wrapping
            and paragraphs
            and not quoted
            and (not _starts_new_paragraph(line) or _dash_continues(line, paragraphs[-1], last_line, width))
        ):
            previous = paragraphs[-1].text
            open_end = not previous.rstrip().endswith(_TERMINAL)
            label_alone = (section := match_section(previous)) is not None and not section[1]
            if (
                open_end
                and (len(last_line) >= width * 0.6 or stripped[:1].islower())
                and not (label_alone or match_priority_heading(previous))
            ):
                hyphenated = previous.endswith("-") and stripped[:1].islower()
                paragraphs[-1].text = previous[:-1] + stripped if hyphenated else previous + " " + stripped
                last_line = stripped
                continue
        paragraphs.append(Paragraph(stripped, bullet=has_bullet(line)))
        last_line = stripped
    return paragraphs


def _dash_continues(line: str, previous: Paragraph, last_line: str, width: int) -> bool:
    """A wrapped line can begin with a dash that belongs to the sentence ("0 - 19"), not a bullet mark:
    so read it when the line before, not itself a list item, nearly filled the width and ran on."""
    return (
        re.match(r"^\s*[-–—]\s", line) is not None
        and not previous.bullet
        and len(last_line) >= width * 0.8
        and not previous.text.rstrip().endswith(_TERMINAL)
    )


def detect_format(data: bytes, filename: str) -> str:
    """The format of a plan file, decided by its content (the name's extension only breaks ties)."""
    from .readers_office import detect_format as detect_by_content

    return detect_by_content(data, filename)


def read_document(data: bytes, filename: str) -> Document:
    fmt = detect_format(data, filename)
    if fmt in {"text", "markdown"}:
        return read_text(data, filename, fmt)
    from . import readers_office

    reader = {
        "docx": readers_office.read_docx,
        "xlsx": readers_office.read_xlsx,
        "csv": readers_office.read_csv,
        "pdf": readers_office.read_pdf,
    }[fmt]
    return reader(data, filename)
