"""Readers for Word, Excel, CSV and PDF files, and content-based format detection.

Each reader turns the bytes of one file into a :class:`~.document.Document` (paragraphs and tables in
reading order) and raises :class:`~.document.PlanFormatError` with a one-sentence message when the file
cannot be read. ``detect_format`` looks at the content first; the file name's extension only breaks ties.

* ``read_docx``: body paragraphs and tables in order; Word heading styles give ``heading`` (Title is 0),
  list styles or numbering give ``bullet``, an all-bold paragraph gives ``bold``. A numbered paragraph
  (Word's automatic numbering, counted again under each heading) followed by a question label is an
  action: the number Word shows is given as a paragraph of its own before it (and, when the label is
  not "What will we do?", the label "What will we do?" so that the paragraph is that section). A title typed as a
  plain paragraph (one of the first few, before any heading or table, all bold or in larger type, short,
  not a priority heading or question label) is marked as heading 0 and becomes the document's title. Table cells keep their
  paragraphs on separate lines (list items prefixed with "• "); a merged cell's text appears once, in its
  first grid position, so columns stay aligned.
* ``read_xlsx``: one table per non-empty sheet (dates as ISO, whole numbers without ".0", numbers with
  a fixed-decimals format such as '0.00' with the digits the cell shows).
* ``read_csv``: one table; UTF-8 (with or without BOM) or Windows-1252; comma, semicolon or tab.
  Detection accepts a few title lines above the header and one-cell rows ("Priority 1: …") inside.
* ``read_pdf``: text-based PDF; lines rebuilt into paragraphs, larger type as headings, bullets marked;
  ruled tables become tables (unruled headings directly above a ruled table are its header row).
  Footnote marks set small and raised after a word ("…70%.³") are dropped; the footnotes are kept. A page set in columns (a clear vertical gutter) is read column by column,
  left first, with lines spanning both columns (a title) in their place; every character of the page
  lands in exactly one region, so no text is lost even when the layout is misjudged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from pathlib import PurePath

from .document import Document, Paragraph, PlanFormatError, Table

__all__ = ["detect_format", "read_csv", "read_docx", "read_pdf", "read_xlsx"]

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Round bullets, including the private-use glyphs Word's Symbol and Wingdings bullets extract as.
_ROUND = "•▪●◦‣■□◆◇➢➤►▶✓✔·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0e0\uf06e\uf0a8"
_PDF_BULLET = re.compile(rf"^\s*([{_ROUND}]|[-–*](?=\s))\s*")
_ROUND_BULLET = re.compile(rf"^\s*[{_ROUND}]\s*")


def _bullet_pattern(lines: list[str]) -> re.Pattern:
    """Where round bullets (•) are used, a dash at the start of a line is a dash, not a bullet."""
    return _ROUND_BULLET if any(_ROUND_BULLET.match(line) for line in lines) else _PDF_BULLET


_MD_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)
_MD_TABLE = re.compile(r"^\s*\|.*\|\s*\n\s*\|?\s*:?-{3,}", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"\*\*\S.*?\*\*|__\S.*?__")


def _name(filename: str | None) -> str:
    return PurePath(filename).name if filename else "The file"


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


# --------------------------------------------------------------------------------------------------
# Format detection


def detect_format(data: bytes, filename: str = "") -> str:
    """The format of ``data``: "pdf", "docx", "xlsx", "csv", "markdown" or "text".

    Decided by content; the extension of ``filename`` only breaks ties (Markdown emphasis in a ``.txt``,
    a two-column ``.csv``). Raises PlanFormatError for empty, legacy Office, other archive or binary files.
    """
    name = _name(filename)
    ext = PurePath(filename).suffix.lower().lstrip(".") if filename else ""
    kinds = {"docx": "Word document", "xlsx": "Excel workbook", "pdf": "PDF"}
    not_kind = f"{name} is not a readable {kinds[ext]}" if ext in kinds else None
    if not data or not data.strip():
        raise PlanFormatError(f"{name} is empty.")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return _detect_zip(data, name, not_kind)
    if data[:8] == OLE_MAGIC or (data[:4] == OLE_MAGIC[:4] and ext in ("doc", "xls")):
        raise PlanFormatError(_ole_message(data, name, ext))
    if data.lstrip()[:5] == b"{\\rtf":
        raise PlanFormatError(f"{name} is a Rich Text (RTF) file; open it in Word and save it as .docx.")
    text = _decode_text(data)
    if text is None and ext in ("doc", "xls", "dot", "xlt"):
        raise PlanFormatError(_ole_message(data, name, ext))  # named as an old Office file: say what to do
    if text is None:
        reason = "it is binary data, not a document this importer reads"
        if not_kind:
            raise PlanFormatError(f"{not_kind}: {reason}.")
        raise PlanFormatError(
            f"{name} is not a plan document: {reason} (expected .docx, .xlsx, .csv, .pdf, .md or .txt)."
        )
    if _looks_delimited(text, min_columns=2 if ext in ("csv", "tsv") else 3):
        return "csv"
    if ext in ("csv", "tsv") and len(_sniff_delimiter(text)[1]) >= 2:
        return "csv"  # ragged rows: still a table; rows longer than the header are reported when read
    if _MD_HEADING.search(text) or _MD_TABLE.search(text) or ext in ("md", "markdown"):
        return "markdown"
    if _MD_EMPHASIS.search(text) and ext != "txt":
        return "markdown"
    return "text"


def _detect_zip(data: bytes, name: str, not_kind: str | None) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        prefix = not_kind or f"{name} is not a readable Word or Excel document"
        raise PlanFormatError(f"{prefix}: the file is damaged ({_short(exc)}).") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "opendocument" in mimetype:
        raise PlanFormatError(
            f"{name} is an OpenDocument file; save it as .docx or .xlsx (File > Save as) and import that."
        )
    prefix = not_kind or f"{name} is not a plan document"
    raise PlanFormatError(f"{prefix}: it is a ZIP archive without a Word or Excel document inside.")


def _ole_message(data: bytes, name: str, ext: str) -> str:
    head = data[:200_000]
    if "EncryptedPackage".encode("utf-16-le") in head:
        return f"{name} is password-protected; remove the password, save it again and import that."
    if "WordDocument".encode("utf-16-le") in head or ext in ("doc", "dot"):
        return f"{name} is an old-format Word document (.doc); open it in Word and save it as .docx, then import that."
    if "Workbook".encode("utf-16-le") in head or ext in ("xls", "xlt"):
        return f"{name} is an old-format Excel workbook (.xls); open it in Excel and save it as .xlsx, then import that."
    return f"{name} is an old-format Office file; save it as .docx or .xlsx and import that."


def _decode_text(data: bytes) -> str | None:
    """The text of ``data`` (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252), or None
    for binary data."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # "Unicode text" as Excel and Notepad save it
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls > max(2, len(text) // 200):
            return None
        return text
    return None


def _sniff_delimiter(text: str) -> tuple[str, list[list[str]], float]:
    """The delimiter (",", ";" or tab) giving the most consistent table, its rows and the consistency."""
    best: tuple[str, list[list[str]], float] = (",", [], 0.0)
    best_key = (-1.0, 0)
    sample = text[:200_000]
    for delimiter in (",", ";", "\t"):
        try:
            rows = [
                row
                for row in csv.reader(io.StringIO(sample), delimiter=delimiter)
                if any(c.strip() for c in row)
            ]
        except csv.Error:
            continue
        if not rows:
            continue
        widths = Counter(len(row) for row in rows)
        width, count = widths.most_common(1)[0]
        consistency = count / len(rows)
        key = (consistency if width > 1 else 0.0, width)
        if key > best_key:
            best_key, best = key, (delimiter, rows, consistency)
    return best


_TITLE_LINES = 5  # title lines a delimited table may have above its header


def _looks_delimited(text: str, *, min_columns: int) -> bool:
    """True when the text is a table: its rows mostly share one width of at least ``min_columns``.
    A few title lines above the table, and rows of one cell inside it (a "Priority 1: …" row spanning
    the table, no more than half as many as the full rows), do not count against it."""
    delimiter, rows, consistency = _sniff_delimiter(text)
    if len(rows) < 2:
        return False
    widths = Counter(len(row) for row in rows)
    width = widths.most_common(1)[0][0]
    if width >= min_columns and consistency >= 0.8:
        return True
    return any(_delimited_below(rows[start:], min_columns) for start in range(_TITLE_LINES + 1))


def _delimited_below(rows: list[list[str]], min_columns: int) -> bool:
    wide = [len(row) for row in rows if len(row) > 1]
    if len(wide) < 2 or len(rows[0]) < min_columns:
        return False
    width, count = Counter(wide).most_common(1)[0]
    single = len(rows) - len(wide)
    return (
        width >= min_columns
        and len(rows[0]) == width  # the header
        and count >= 2
        and count / len(wide) >= 0.8
        and single <= count // 2
    )


# --------------------------------------------------------------------------------------------------
# Word


def read_docx(data: bytes, filename: str = "") -> Document:
    """Paragraphs and tables of a Word ``.docx`` body, in reading order."""
    import docx
    from docx.oxml.ns import qn

    name = _name(filename)
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged packages
        raise PlanFormatError(f"{name} is not a readable Word document: {_short(exc)}.") from exc
    reader = _DocxReader(word, qn)
    try:
        blocks = list(reader.blocks(word.element.body))
    except Exception as exc:
        raise PlanFormatError(f"{name} is not a readable Word document: {_short(exc)}.") from exc
    reader.mark_title(blocks)
    blocks = reader.number_actions(blocks)
    title = (word.core_properties.title or "").strip() or None
    if title is None:
        title = next((b.text for b in blocks if isinstance(b, Paragraph) and b.heading == 0 and b.text), None)
    return Document(format="docx", blocks=blocks, title=title)


# A title set as a plain paragraph is short, is not a sentence, and is not a part of the plan itself.
_TITLE_MAX = 150
_TITLE_SEARCH = 3  # among the first few paragraphs


def _could_be_title(text: str) -> bool:
    from .normalise import match_priority_heading, match_section

    text = text.strip()
    if not text or len(text) > _TITLE_MAX or text.endswith((".", ":", ";", ",")):
        return False
    return not match_priority_heading(text) and not match_section(text)


class _DocxReader:
    def __init__(self, word, qn):
        self.word = word
        self.qn = qn
        self.styles = {}
        for style in word.styles.element.findall(qn("w:style")):
            self.styles[style.get(qn("w:styleId"))] = style
        self.sizes: dict[int, float] = {}  # id(Paragraph) -> its largest font size (half-points)
        self.numbers: dict[int, str] = {}  # id(Paragraph) -> the number Word shows before it ("2.")
        self.counters: dict[str, list[int]] = {}  # numId -> the count at each list level
        self.levels = self._numbering_levels(word, qn)
        self.body_size = self._style_size(self._default_paragraph_style()) or self._default_size() or 22.0

    # ---- a title written as a bold or large plain paragraph
    def mark_title(self, blocks: list) -> None:
        """Before any heading or table, the first of the first few paragraphs that is all bold or in
        larger type than the body, short and not part of the plan, is the title (heading level 0)."""
        seen = 0
        for block in blocks:
            if not isinstance(block, Paragraph) or block.heading is not None:
                return
            if not block.text.strip():
                continue
            seen += 1
            large = self.sizes.get(id(block), 0.0) >= self.body_size * 1.2
            if (block.bold or large) and not block.bullet and _could_be_title(block.text):
                block.heading = 0
                return
            if seen >= _TITLE_SEARCH:
                return

    def _size_of(self, rpr) -> float | None:
        node = rpr.find(self.qn("w:sz")) if rpr is not None else None
        try:
            return float(node.get(self.qn("w:val"))) if node is not None else None
        except (TypeError, ValueError):
            return None

    def _style_size(self, style_id: str | None) -> float | None:
        for element in self._style_chain(style_id):
            size = self._size_of(element.find(self.qn("w:rPr")))
            if size is not None:
                return size
        return None

    def _default_size(self) -> float | None:
        defaults = self.word.styles.element.find(self.qn("w:docDefaults"))
        rpr = defaults.find(f"{self.qn('w:rPrDefault')}/{self.qn('w:rPr')}") if defaults is not None else None
        return self._size_of(rpr)

    def _paragraph_size(self, p, style_id: str | None) -> float:
        base = self._style_size(style_id) or self.body_size
        sizes = []
        for run in p.iter(self.qn("w:r")):
            if not "".join(t.text or "" for t in run.iter(self.qn("w:t"))).strip():
                continue
            rpr = run.find(self.qn("w:rPr"))
            size = self._size_of(rpr)
            if size is None and rpr is not None and (rstyle := rpr.find(self.qn("w:rStyle"))) is not None:
                size = self._style_size(rstyle.get(self.qn("w:val")))
            sizes.append(size or base)
        return min(sizes) if sizes else base

    # ---- styles (walking basedOn chains)
    def _style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            element = self.styles[style_id]
            yield element
            based = element.find(self.qn("w:basedOn"))
            style_id = based.get(self.qn("w:val")) if based is not None else None

    def _style_name(self, element) -> str:
        node = element.find(self.qn("w:name"))
        return (node.get(self.qn("w:val")) if node is not None else "") or ""

    def _heading_level(self, p, style_id: str | None) -> int | None:
        for element in self._style_chain(style_id):
            name = self._style_name(element).lower()
            if name == "title":
                return 0
            match = re.fullmatch(r"heading\s*(\d)", name)
            if match:
                return int(match.group(1))
        ppr = p.find(self.qn("w:pPr"))
        outline = ppr.find(self.qn("w:outlineLvl")) if ppr is not None else None
        if outline is not None:
            level = int(outline.get(self.qn("w:val"), "9"))
            if level < 9:
                return level + 1
        for element in self._style_chain(style_id):
            ppr_s = element.find(self.qn("w:pPr"))
            outline = ppr_s.find(self.qn("w:outlineLvl")) if ppr_s is not None else None
            if outline is not None and int(outline.get(self.qn("w:val"), "9")) < 9:
                return int(outline.get(self.qn("w:val"))) + 1
        return None

    def _is_bullet(self, p, style_id: str | None) -> bool:
        ppr = p.find(self.qn("w:pPr"))
        if ppr is not None:
            numpr = ppr.find(self.qn("w:numPr"))
            if numpr is not None:
                num_id = numpr.find(self.qn("w:numId"))
                return num_id is None or num_id.get(self.qn("w:val")) != "0"
        for element in self._style_chain(style_id):
            if "list" in self._style_name(element).lower():
                return True
            ppr_s = element.find(self.qn("w:pPr"))
            if ppr_s is not None and ppr_s.find(self.qn("w:numPr")) is not None:
                return True
        return False

    # ---- automatic numbering ("List Number"): the number Word shows is not in the text
    @staticmethod
    def _numbering_levels(word, qn) -> dict[tuple[str, int], tuple[str, str, int]]:
        """(numId, level) -> (number format, level text such as "%1.", start) from the numbering part."""
        try:
            numbering = word.part.numbering_part.element
        except Exception:  # no numbering part
            return {}
        abstract = {}
        for node in numbering.findall(qn("w:abstractNum")):
            for lvl in node.findall(qn("w:lvl")):

                def val(tag, default, lvl=lvl):
                    child = lvl.find(qn(tag))
                    return child.get(qn("w:val"), default) if child is not None else default

                start = val("w:start", "1")
                abstract[(node.get(qn("w:abstractNumId")), int(lvl.get(qn("w:ilvl"), "0")))] = (
                    val("w:numFmt", "decimal"),
                    val("w:lvlText", ""),
                    int(start) if start.isdigit() else 1,
                )
        levels = {}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for (abstract_id, level), value in abstract.items():
                if abstract_id == ref.get(qn("w:val")):
                    levels[(num.get(qn("w:numId")), level)] = value
        return levels

    def _num_pr(self, p, style_id: str | None) -> tuple[str, int] | None:
        """(numId, level) of a paragraph in a Word list, from the paragraph or its style."""
        ppr = p.find(self.qn("w:pPr"))
        candidates = [ppr] if ppr is not None else []
        candidates += [element.find(self.qn("w:pPr")) for element in self._style_chain(style_id)]
        num_id, level = None, None
        for node in candidates:
            numpr = node.find(self.qn("w:numPr")) if node is not None else None
            if numpr is None:
                continue
            id_node, level_node = numpr.find(self.qn("w:numId")), numpr.find(self.qn("w:ilvl"))
            if num_id is None and id_node is not None:
                num_id = id_node.get(self.qn("w:val"))
            if level is None and level_node is not None:
                level = int(level_node.get(self.qn("w:val"), "0"))
        if num_id is None or num_id == "0":
            return None
        return num_id, level or 0

    def _shown_number(self, p, style_id: str | None) -> str | None:
        """The number Word shows before a numbered list paragraph ("3.", "2.1", "b)"); None for bullets."""
        found = self._num_pr(p, style_id)
        if found is None or found not in self.levels:
            return None
        num_id, level = found
        fmt, text, _start = self.levels[found]
        counts = self.counters.setdefault(num_id, [0] * 9)
        level = min(level, 8)
        if counts[level] == 0:
            counts[level] = self.levels[found][2] - 1
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        if fmt in ("bullet", "none", "") or not text:
            return None

        def shown(match) -> str:
            index = int(match.group(1)) - 1
            value = counts[index] or self.levels.get((num_id, index), ("", "", 1))[2]
            style = self.levels.get((num_id, index), (fmt,))[0]
            if style in ("lowerLetter", "upperLetter"):
                letter = chr(ord("a") + (value - 1) % 26)
                return letter.upper() if style == "upperLetter" else letter
            return str(value)

        return re.sub(r"%([1-9])", shown, text).strip() or None

    def number_actions(self, blocks: list) -> list:
        """A numbered paragraph followed by a question label is an action whose reference Word shows
        but the text lacks: its number is given as a paragraph of its own before it. When the label
        that follows is not "What will we do?", the numbered paragraph is the action's statement of
        what will be done, and is labelled so."""
        from .normalise import match_section, split_ref
        from .structure import SECTION_LABELS

        paragraphs = [b for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
        written_refs = [ref for b in paragraphs if (ref := split_ref(b.text)) is not None and not ref[1]]
        if len(written_refs) >= 2:
            return blocks  # the document writes its references: numbered lists are items, not actions
        result = []
        for index, block in enumerate(blocks):
            number = self.numbers.get(id(block)) if isinstance(block, Paragraph) else None
            previous = next(
                (b for b in reversed(blocks[:index]) if not isinstance(b, Paragraph) or b.text.strip()), None
            )
            if (
                number
                and isinstance(previous, Paragraph)
                and (id(previous) in self.numbers or match_section(previous.text, marked=previous.bold))
            ):
                number = None  # an item of a numbered list under a question label
            following = next(
                (b for b in blocks[index + 1 :] if not isinstance(b, Paragraph) or b.text.strip()), None
            )
            label = (
                match_section(following.text, marked=following.bold or following.heading is not None)
                if number and isinstance(following, Paragraph)
                else None
            )
            if label:
                result.append(Paragraph(number.rstrip(".):")))
                if label[0] != "what":
                    result.append(Paragraph(SECTION_LABELS["what"], bold=True))
                block = Paragraph(block.text, heading=block.heading, bold=block.bold)
            result.append(block)
        return result

    def _bold_value(self, rpr) -> bool | None:
        if rpr is None:
            return None
        b = rpr.find(self.qn("w:b"))
        if b is None:
            return None
        return b.get(self.qn("w:val"), "true").lower() not in ("0", "false", "off")

    def _style_bold(self, style_id: str | None) -> bool | None:
        for element in self._style_chain(style_id):
            value = self._bold_value(element.find(self.qn("w:rPr")))
            if value is not None:
                return value
        return None

    def _is_bold(self, p, style_id: str | None) -> bool:
        para_bold = self._style_bold(style_id)
        runs = [r for r in p.iter(self.qn("w:r"))]
        seen_text = False
        for run in runs:
            text = "".join(t.text or "" for t in run.iter(self.qn("w:t")))
            if not text.strip():
                continue
            seen_text = True
            rpr = run.find(self.qn("w:rPr"))
            value = self._bold_value(rpr)
            if value is None and rpr is not None:
                rstyle = rpr.find(self.qn("w:rStyle"))
                if rstyle is not None:
                    value = self._style_bold(rstyle.get(self.qn("w:val")))
            if value is None:
                value = para_bold
            if not value:
                return False
        return seen_text

    # ---- text
    def _paragraph_text(self, p, boxes: list | None = None) -> str:
        """The paragraph's text; text boxes inside it are collected in ``boxes`` rather than mixed in."""
        qn = self.qn
        parts: list[str] = []

        def walk(node) -> None:
            for child in node.iterchildren():
                tag = child.tag
                if tag == qn("w:t"):
                    parts.append(child.text or "")
                elif tag in (qn("w:br"), qn("w:cr")):
                    if child.get(qn("w:type")) in (None, "textWrapping"):
                        parts.append("\n")
                elif tag == qn("w:tab"):
                    parts.append("\t")
                elif tag == qn("w:noBreakHyphen"):
                    parts.append("-")
                elif tag == qn("w:sym"):
                    parts.append(" ")
                elif tag == qn("w:txbxContent"):
                    if boxes is not None:
                        boxes.append(child)
                elif tag in (_MC_FALLBACK, qn("w:pPr"), qn("w:rPr"), qn("w:del")):
                    continue  # a duplicate rendering, formatting, or deleted text
                else:
                    walk(child)

        walk(p)
        return "".join(parts).replace("\xa0", " ")

    def _style_id(self, p) -> str | None:
        ppr = p.find(self.qn("w:pPr"))
        pstyle = ppr.find(self.qn("w:pStyle")) if ppr is not None else None
        return pstyle.get(self.qn("w:val")) if pstyle is not None else None

    def paragraph(self, p) -> list[Paragraph]:
        boxes: list = []
        text = self._paragraph_text(p, boxes)
        inside = [block for box in boxes for block in self.blocks(box) if isinstance(block, Paragraph)]
        if not text.strip():
            return inside
        style_id = self._style_id(p) or self._default_paragraph_style()
        heading = self._heading_level(p, style_id)
        bullet = heading is None and self._is_bullet(p, style_id)
        bold = self._is_bold(p, style_id)
        if heading is not None:
            self.counters.clear()  # numbering shown as references starts again under each heading
            return [Paragraph(re.sub(r"\s+", " ", text).strip(), heading=heading, bold=bold), *inside]
        number = self._shown_number(p, style_id) if bullet else None
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        result = [Paragraph(line, bullet=bullet, bold=bold) for line in lines]
        if len(result) == 1:
            self.sizes[id(result[0])] = self._paragraph_size(p, style_id)
        if number and result:
            self.numbers[id(result[0])] = number
        return result + inside

    def _default_paragraph_style(self) -> str | None:
        for style_id, element in self.styles.items():
            if element.get(self.qn("w:type")) == "paragraph" and element.get(self.qn("w:default")) in (
                "1",
                "true",
            ):
                return style_id
        return None

    # ---- body walk
    def blocks(self, container):
        qn = self.qn
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                yield from self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                rows = self.table_rows(child)
                if any(any(cell.strip() for cell in row) for row in rows):
                    yield Table(rows)
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self.blocks(content)

    def _cell_text(self, tc) -> str:
        lines: list[str] = []
        for block in self.blocks(tc):
            if isinstance(block, Paragraph):
                lines.append(("• " if block.bullet else "") + block.text)
            else:  # nested table: its cells line by line
                for row in block.rows:
                    lines.extend(cell for cell in row if cell.strip())
        return "\n".join(lines)

    def _row_cells(self, tr):
        qn = self.qn
        for child in tr.iterchildren():
            if child.tag == qn("w:tc"):
                yield child
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self._row_cells(content)

    def _rows(self, tbl):
        qn = self.qn
        for child in tbl.iterchildren():
            if child.tag == qn("w:tr"):
                yield child
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self._rows(content)

    def table_rows(self, tbl) -> list[list[str]]:
        """Cell texts on the table's layout grid; a merged cell's text only in its first grid cell."""
        qn = self.qn
        rows: list[list[str]] = []
        for tr in self._rows(tbl):
            row: list[str] = []
            trpr = tr.find(qn("w:trPr"))
            before = trpr.find(qn("w:gridBefore")) if trpr is not None else None
            if before is not None:
                row.extend([""] * int(before.get(qn("w:val"), "0")))
            for tc in self._row_cells(tr):
                tcpr = tc.find(qn("w:tcPr"))
                span = 1
                continued = False
                if tcpr is not None:
                    grid_span = tcpr.find(qn("w:gridSpan"))
                    if grid_span is not None:
                        span = max(1, int(grid_span.get(qn("w:val"), "1")))
                    vmerge = tcpr.find(qn("w:vMerge"))
                    continued = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
                    hmerge = tcpr.find(qn("w:hMerge"))  # legacy horizontal merge
                    if hmerge is not None and hmerge.get(qn("w:val"), "continue") == "continue":
                        continued = True
                row.append("" if continued else self._cell_text(tc))
                row.extend([""] * (span - 1))
            rows.append(row)
        width = max((len(row) for row in rows), default=0)
        return [row + [""] * (width - len(row)) for row in rows]


# --------------------------------------------------------------------------------------------------
# Excel


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        fmt = getattr(cell, "number_format", "") or ""
        if "%" in fmt:
            return f"{value * 100:.10g}%"
        if places := re.fullmatch(r"(#,##)?0\.(0+)", fmt.split(";")[0]):
            # the digits the cell shows: a reference 1.10 formatted '0.00' is stored as 1.1
            comma = "," if places.group(1) else ""
            return f"{value:{comma}.{len(places.group(2))}f}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:.12g}" if isinstance(value, float) else str(value)
    text = str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\xa0", " ").strip()


def _trim(rows: list[list[str]]) -> list[list[str]]:
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    width = 0
    for row in rows:
        for index in range(len(row) - 1, -1, -1):
            if row[index].strip():
                width = max(width, index + 1)
                break
    return [(row + [""] * width)[:width] for row in rows]


def read_xlsx(data: bytes, filename: str = "") -> Document:
    """One table per non-empty worksheet, named after the sheet."""
    import openpyxl

    name = _name(filename)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged packages
        raise PlanFormatError(f"{name} is not a readable Excel workbook: {_short(exc)}.") from exc
    blocks: list[Paragraph | Table] = []
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue  # hidden sheets hold drop-down lists and workings, not the plan
            rows = _trim([[_cell_text(cell) for cell in row] for row in sheet.iter_rows()])
            if rows:
                blocks.append(Table(rows, name=sheet.title))
    except Exception as exc:
        raise PlanFormatError(f"{name} is not a readable Excel workbook: {_short(exc)}.") from exc
    title = (book.properties.title or "").strip() or None if book.properties else None
    return Document(format="xlsx", blocks=blocks, title=title)


# --------------------------------------------------------------------------------------------------
# CSV


def read_csv(data: bytes, filename: str = "") -> Document:
    """One table from comma-, semicolon- or tab-separated text."""
    name = _name(filename)
    text = None
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise PlanFormatError(f"{name} is not a readable CSV file: it is not UTF-8 or Windows-1252 text.")
    if not text.strip():
        raise PlanFormatError(f"{name} is empty.")
    delimiter, _, _ = _sniff_delimiter(text)
    try:
        rows = [
            [cell.replace("\r\n", "\n").replace("\r", "\n").strip() for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise PlanFormatError(f"{name} is not a readable CSV file: {_short(exc)}.") from exc
    rows = [row for row in rows if any(cell for cell in row)]
    width = max((len(row) for row in rows), default=0)
    rows = _trim([row + [""] * (width - len(row)) for row in rows])
    if not rows:
        raise PlanFormatError(f"{name} is empty.")
    return Document(format="csv", blocks=[Table(rows, name=PurePath(filename).stem if filename else None)])


# --------------------------------------------------------------------------------------------------
# PDF

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";", "”", '"', "’")
_JUNK_TITLE = re.compile(r"\.(docx?|pdf)$|^untitled$|^microsoft word", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$", re.IGNORECASE)


def read_pdf(data: bytes, filename: str = "") -> Document:
    """Paragraphs (rebuilt from lines) and ruled tables of a text-based PDF, page by page."""
    import pdfplumber

    name = _name(filename)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types (PDFSyntaxError, PSEOF, encryption errors)
        message = _short(exc)
        if "password" in message.lower() or "encrypt" in message.lower():
            raise PlanFormatError(
                f"{name} is password-protected; remove the password and import it again."
            ) from exc
        raise PlanFormatError(f"{name} is not a readable PDF: {message}.") from exc
    try:
        with pdf:
            pages = [_read_pdf_page(page) for page in pdf.pages]
            metadata_title = str((pdf.metadata or {}).get("Title") or "").strip()
    except PlanFormatError:
        raise
    except Exception as exc:
        raise PlanFormatError(f"{name} is not a readable PDF: {_short(exc)}.") from exc
    if not any(lines or tables for lines, tables in pages):
        raise PlanFormatError(
            f"{name} has no text layer (a scanned image?); export it from the original document as a "
            "text-based PDF, or import the Word or Excel original."
        )
    _drop_running_lines(pages)
    lines = [line for page_lines, _ in pages for line in page_lines]
    blocks = _pdf_blocks(pages, _body_size(lines))
    title = metadata_title if metadata_title and not _JUNK_TITLE.search(metadata_title) else None
    if title is None:
        title = next((b.text for b in blocks if isinstance(b, Paragraph) and b.heading in (0, 1)), None)
    return Document(format="pdf", blocks=blocks, title=title)


def _read_pdf_page(page) -> tuple[list[dict], list[tuple[tuple, Table]]]:
    """The page's lines and ruled tables. Lines come in reading order: text set in columns is read
    column by column (see ``_regions``); every line carries ``order`` and ``region`` for that."""
    found_tables = []
    page = _without_note_marks(page)
    text_page = page
    for found in page.find_tables(_table_settings(page)):
        rows = [[(cell or "").replace("\xa0", " ") for cell in row] for row in found.extract()]
        bbox = found.bbox
        if above := _header_above(page, found):
            header, top = above
            rows = [header, *rows]
            bbox = (bbox[0], top, bbox[2], bbox[3])
        rows = _trim(rows)
        if len(rows) < 2 or max(len(row) for row in rows) < 2:
            continue  # a single box or rule, not a grid: leave its text in the paragraph stream
        found_tables.append((bbox, Table(rows)))
        text_page = text_page.outside_bbox(bbox)
    regions = _regions(text_page)
    lines = []
    for number, (test, _bounds) in enumerate(regions):
        region_page = text_page.filter(test) if len(regions) > 1 else text_page
        for line in region_page.extract_text_lines(return_chars=True, strip=True):
            chars = [c for c in line["chars"] if c["text"].strip()]
            if not chars or not line["text"].strip():
                continue
            sizes = Counter(round(c["size"], 1) for c in chars)
            bold = sum(1 for c in chars if _BOLD_FONT.search(c.get("fontname", ""))) / len(chars)
            lines.append(
                {
                    "text": line["text"].replace("\xa0", " ").strip(),
                    "x0": line["x0"],
                    "x1": line["x1"],
                    "top": line["top"],
                    "bottom": line["bottom"],
                    "size": sizes.most_common(1)[0][0],
                    "bold": bold > 0.8,
                    "page_height": float(page.height),
                    "page_width": float(page.width),
                    "region": number,
                    "order": (number, line["top"]),
                }
            )
    tables = []
    for bbox, table in found_tables:
        middle = ((bbox[0] + bbox[2]) / 2, bbox[1])
        number = next(
            (n for n, (_, bounds) in enumerate(regions) if _inside(middle, bounds)), len(regions) - 1
        )
        tables.append(((number, bbox[1]), table))
    return lines, tables


def _header_above(page, found) -> tuple[list[str], float] | None:
    """A header row set without rules directly above a ruled table (each cell boxed but the headings
    not): the words just above the table, each within one of its columns, when they name plan
    columns. Returns the header cells and the top of the header."""
    from .tabular import _acceptable, _header_kinds

    if not found.rows:
        return None
    columns = [cell for cell in found.rows[0].cells if cell is not None]
    if len(columns) < 2:
        return None
    x0, top, x1, _bottom = found.bbox
    words = [
        w
        for w in page.extract_words()
        if w["bottom"] <= top + 1 and w["x0"] >= x0 - 2 and w["x1"] <= x1 + 2 and w["bottom"] >= top - 120
    ]
    words.sort(key=lambda w: -w["bottom"])
    band: list[dict] = []
    band_top = top
    for word in words:
        height = word["bottom"] - word["top"]
        if word["bottom"] < band_top - max(2.0, height * 0.6):
            break  # a gap: the text above is not part of the header
        band.append(word)
        band_top = min(band_top, word["top"])
    if not band or len(band) > 60:
        return None
    cells: list[list[dict]] = [[] for _ in columns]
    for word in band:
        middle = (word["x0"] + word["x1"]) / 2
        index = next((i for i, c in enumerate(columns) if c[0] - 1 <= middle <= c[2] + 1), None)
        if index is None:
            return None
        cells[index].append(word)
    header = [
        " ".join(w["text"] for w in sorted(cell, key=lambda w: (round(w["top"]), w["x0"]))) for cell in cells
    ]
    if len(columns) != len(found.rows[0].cells) or not _acceptable(_header_kinds(header)):
        return None
    return header, band_top


def _without_note_marks(page):
    """The page without footnote marks set as superscripts after a word or full stop ("…70%.³"):
    characters in much smaller type than the character before them on the same line, raised above its
    baseline. The footnote itself, at the foot of the page, begins a line and is kept."""
    chars = page.chars
    marks: set[int] = set()
    for index in range(1, len(chars)):
        char, before = chars[index], chars[index - 1]
        if not char["text"].strip() or not before["text"].strip():
            continue
        adjacent = -1.0 <= char["x0"] - before["x1"] <= 1.5
        if index - 1 in marks and adjacent and abs(char["size"] - before["size"]) < 0.5:
            marks.add(index)  # the second digit of a mark such as ¹²
            continue
        small = char["size"] <= before["size"] * 0.8
        raised = char["bottom"] < before["bottom"] - before["size"] * 0.2 and char["top"] >= before["top"] - 2
        if small and raised and adjacent:
            marks.add(index)
    if not marks:
        return page
    dropped = {id(chars[index]) for index in marks}
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in dropped)


# A vertical gap at least this wide (points) with no text across it may separate columns; spaces
# between the words of one line are narrower.
_GUTTER = 9.0


def _inside(point: tuple[float, float], bounds: tuple[float, float, float, float]) -> bool:
    x, y = point
    return bounds[0] <= x < bounds[2] and bounds[1] <= y < bounds[3]


def _regions(page) -> list[tuple]:
    """The page cut into regions read one after another: ``[(test, (x0, top, x1, bottom))]`` where
    ``test`` keeps a page object whose centre lies in the region.

    Text set in columns (a clear vertical gutter in the middle of the page that most lines keep to
    either side of, the left column's lines running up to it and the right column's starting at one
    edge) is read column by column, left first; a line crossing the gutter (a title over both columns)
    ends a band of columns. Every character falls in exactly one region, so no text is lost; a page
    without such a gutter is one region, read top to bottom."""
    whole = [(lambda obj: True, (-1e9, -1e9, 1e9, 1e9))]
    try:
        words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
    except Exception:  # an odd page: read it as one region rather than fail
        return whole
    rows = _word_rows(words)
    gutter = _find_gutter(rows)
    if gutter is None:
        return whole
    start, end = gutter
    middle = (start + end) / 2
    # bands of rows: ("span", rows) for rows crossing the gutter, ("cols", rows) otherwise
    bands: list[tuple[str, list[dict]]] = []
    for row in rows:
        kind = "span" if any(a < end and b > start for a, b in row["spans"]) else "cols"
        if bands and bands[-1][0] == kind:
            bands[-1][1].append(row)
        else:
            bands.append((kind, [row]))
    # horizontal cuts half-way between bands, so every character lands in one band
    cuts = [-1e9]
    for (_, above), (_, below) in zip(bands, bands[1:], strict=False):
        cuts.append((max(r["bottom"] for r in above) + min(r["top"] for r in below)) / 2)
    cuts.append(1e9)
    regions = []
    for index, (kind, _) in enumerate(bands):
        top, bottom = cuts[index], cuts[index + 1]
        parts = [(-1e9, 1e9)] if kind == "span" else [(-1e9, middle), (middle, 1e9)]
        for x0, x1 in parts:
            bounds = (x0, top, x1, bottom)
            regions.append((_region_test(bounds), bounds))
    return regions


def _region_test(bounds: tuple[float, float, float, float]):
    def test(obj) -> bool:
        if obj.get("object_type") != "char":
            return True  # rules and boxes: kept for every region, they hold no text
        centre = ((obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2)
        return _inside(centre, bounds)

    return test


def _word_rows(words: list[dict]) -> list[dict]:
    """Words grouped into rows of (nearly) the same height; each row's ``spans`` are its runs of text
    with the gaps between words closed."""
    rows: list[dict] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(word["top"] - rows[-1]["top"]) <= 2:
            row = rows[-1]
            row["words"].append(word)
            row["bottom"] = max(row["bottom"], word["bottom"])
        else:
            rows.append({"top": word["top"], "bottom": word["bottom"], "words": [word]})
    for row in rows:
        spans: list[list[float]] = []
        for word in sorted(row["words"], key=lambda w: w["x0"]):
            if spans and word["x0"] - spans[-1][1] < _GUTTER:
                spans[-1][1] = max(spans[-1][1], word["x1"])
            else:
                spans.append([word["x0"], word["x1"]])
        row["spans"] = [(a, b) for a, b in spans]
    return rows


def _find_gutter(rows: list[dict]) -> tuple[float, float] | None:
    """(start, end) of the gap between two columns of text, or None when the page is not so set."""
    if len(rows) < 8:
        return None
    left = min(a for row in rows for a, _ in row["spans"])
    right = max(b for row in rows for _, b in row["spans"])
    width = right - left
    if width < 100:
        return None
    size = int(width) + 2
    cover = [0] * (size + 1)
    for row in rows:
        for a, b in row["spans"]:
            cover[max(0, int(a - left))] += 1
            cover[min(size, int(b - left) + 1)] -= 1
    running = 0
    for index in range(size + 1):
        running += cover[index]
        cover[index] = running
    low, high = int(width * 0.25), int(width * 0.75)
    least = min(cover[low:high])
    if least > len(rows) * 0.2:
        return None  # many lines run across the middle: one column
    best: tuple[int, int] | None = None
    index = low
    while index < high:
        if cover[index] == least:
            run_start = index
            while run_start > 0 and cover[run_start - 1] == least:
                run_start -= 1
            run_end = index
            while run_end < size and cover[run_end + 1] == least:
                run_end += 1
            if best is None or run_end - run_start > best[1] - best[0]:
                best = (run_start, run_end)
            index = run_end + 1
        else:
            index += 1
    if best is None or best[1] - best[0] < _GUTTER:
        return None
    start, end = left + best[0], left + best[1]
    left_rows = [row for row in rows if all(b <= start + 1 for _, b in row["spans"])]
    right_rows = [row for row in rows if all(a >= end - 1 for a, _ in row["spans"])]
    both = [
        row
        for row in rows
        if any(b <= start + 1 for _, b in row["spans"]) and any(a >= end - 1 for a, _ in row["spans"])
    ]
    side = len(rows) - sum(1 for row in rows if any(a < end and b > start for a, b in row["spans"]))
    enough = max(3, side * 0.2)
    if len(left_rows) + len(both) < enough or len(right_rows) + len(both) < enough:
        return None
    # columns of comparable width (not a narrow label column beside its values)
    left_width, right_width = start - left, right - end
    if min(left_width, right_width) < max(left_width, right_width) * 0.4:
        return None
    # the left column's lines run up to the gutter (text flowing in a column, not short labels) ...
    ends = [max(b for _, b in row["spans"] if b <= start + 1) for row in left_rows + both]
    if sum(1 for b in ends if b >= start - left_width * 0.3) < len(ends) * 0.3:
        return None
    # ... and the right column's lines start at one edge
    starts = [min(a for a, _ in row["spans"] if a >= end - 1) for row in right_rows + both]
    edge = min(starts)
    if sum(1 for a in starts if a <= edge + 3) < len(starts) * 0.5:
        return None
    return start, end


def _table_settings(page) -> dict:
    """Close table cells cut by a page break: rules running past the last horizontal rule get one."""
    vertical = [edge for edge in page.edges if edge["orientation"] == "v"]
    horizontal = [edge for edge in page.edges if edge["orientation"] == "h"]
    if not vertical or not horizontal:
        return {}
    extra = []
    bottom, lowest = max(edge["bottom"] for edge in vertical), max(edge["top"] for edge in horizontal)
    if bottom > lowest + 2:
        extra.append(bottom)
    top, highest = min(edge["top"] for edge in vertical), min(edge["top"] for edge in horizontal)
    if top < highest - 2:
        extra.append(top)
    return {"explicit_horizontal_lines": extra} if extra else {}


def _reflow_cell(text: str) -> str:
    """Rejoin the wrapped lines of a PDF table cell. In a cell with bullets only a bullet starts an item;
    otherwise a line starts an item after a line ending a sentence."""
    lines = [line.strip() for line in text.replace("\xa0", " ").split("\n") if line.strip()]
    lines = [_ROUND_BULLET.sub("• ", line, count=1) for line in lines]
    bullet = _bullet_pattern(lines)
    bulleted = any(bullet.match(line) for line in lines)
    items: list[str] = []
    for line in lines:
        starts = bool(bullet.match(line)) if bulleted else items[-1].endswith(_TERMINAL) if items else True
        if items and not starts:
            items[-1] = _join(items[-1], line)
        else:
            items.append(line)
    return "\n".join(items)


def _join(left: str, right: str) -> str:
    if left.endswith("\xad"):
        return left[:-1] + right
    if re.search(r"\w[-/]$", left):
        return left + right
    return f"{left} {right}"


def _drop_running_lines(pages: list[tuple[list[dict], list]]) -> None:
    """Remove page numbers and running headers/footers repeated in the page margins."""
    if not pages:
        return

    def in_margin(line: dict) -> bool:
        height = line["page_height"]
        return line["top"] < height * 0.08 or line["bottom"] > height * 0.92

    def key(line: dict) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line["text"].lower()), round(line["top"] / 3)

    counts = Counter(
        key(line) for lines, _ in pages for line in {key(x): x for x in lines if in_margin(x)}.values()
    )
    pages_count = len(pages)
    # repeated at the same height on every page of a short document, or on half the pages of a long one
    needed = pages_count if pages_count < 6 else max(3, pages_count // 2)
    repeated = {k for k, n in counts.items() if pages_count >= 2 and n >= needed}
    for lines, _ in pages:
        lines[:] = [
            line
            for line in lines
            if not (in_margin(line) and (key(line) in repeated or _PAGE_NUMBER.match(line["text"])))
        ]


def _body_size(lines: list[dict]) -> float:
    weights: Counter = Counter()
    for line in lines:
        weights[line["size"]] += len(line["text"])
    return weights.most_common(1)[0][0] if weights else 10.0


def _pdf_blocks(pages, body: float) -> list[Paragraph | Table]:
    """Paragraphs and tables of all pages in reading order; a paragraph or table cut by a page break is
    joined again."""
    heading_sizes = sorted(
        {line["size"] for lines, _ in pages for line in lines if line["size"] > body * 1.12}, reverse=True
    )
    level_of = {size: index + 1 for index, size in enumerate(heading_sizes[:6])}
    stream: list[dict | Table] = []
    for page_number, (lines, tables) in enumerate(pages):
        items: list[tuple[tuple, dict | Table]] = [(order, table) for order, table in tables]
        items += [(line["order"], dict(line, page=page_number)) for line in lines]
        items.sort(key=lambda item: item[0])
        stream.extend(item for _, item in items)
    blocks: list[Paragraph | Table] = []
    run: list[dict] = []
    for item in stream:
        if isinstance(item, Table):
            blocks.extend(_pdf_paragraphs(run, body, level_of))
            run = []
            previous = blocks[-1] if blocks else None
            if isinstance(previous, Table) and _continues(previous, item):
                _append_table(previous, item)
            else:
                blocks.append(item)
        else:
            run.append(item)
    blocks.extend(_pdf_paragraphs(run, body, level_of))
    for block in blocks:
        if isinstance(block, Table):
            block.rows = [[_reflow_cell(cell) for cell in row] for row in block.rows]
    return blocks


def _continues(previous: Table, table: Table) -> bool:
    width = len(previous.rows[0]) if previous.rows else 0
    return width > 1 and all(len(row) == width for row in table.rows)


def _append_table(previous: Table, table: Table) -> None:
    """Add the rows of a table continued on the next page: skip its repeated header row, and join a row
    cut by the page break (first cell empty) to the last row."""
    rows = list(table.rows)
    if rows and previous.rows and rows[0] == previous.rows[0]:
        rows = rows[1:]
    if rows and not rows[0][0].strip() and previous.rows:
        last = previous.rows[-1]
        for index, cell in enumerate(rows[0]):
            if cell.strip():
                last[index] = f"{last[index]}\n{cell}" if last[index].strip() else cell
        rows = rows[1:]
    previous.rows.extend(rows)


def _pdf_paragraphs(lines: list[dict], body: float, level_of: dict) -> list[Paragraph]:
    if not lines:
        return []
    gaps = sorted(
        b["top"] - a["bottom"]
        for a, b in zip(lines, lines[1:], strict=False)
        if b.get("page") == a.get("page") and b["top"] > a["top"] and a["size"] == b["size"] == body
    )
    # The spacing between lines of one paragraph: the smaller gaps, and never more than leading allows.
    typical = min(gaps[len(gaps) // 10], body * 0.6) if gaps else body * 0.3
    # the left and right edges of the text, per column where the page is set in columns
    edges: dict[tuple, tuple[float, float]] = {}
    for line in lines:
        key = (line.get("page"), line.get("region"))
        low, high = edges.get(key, (line["x0"], line["x1"]))
        edges[key] = (min(low, line["x0"]), max(high, line["x1"]))
    result: list[Paragraph] = []
    current: list[dict] = []
    marks = _bullet_pattern([line["text"] for line in lines])

    def flush() -> None:
        if not current:
            return
        text = current[0]["text"]
        for line in current[1:]:
            text = _join(text, line["text"])
        first = current[0]
        heading = level_of.get(first["size"])
        bullet = False
        match = marks.match(text)
        if heading is None and match:
            bullet = True
            text = text[match.end() :]
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            bold = all(line["bold"] for line in current)
            result.append(Paragraph(text, heading=heading, bullet=bullet, bold=bold))
        current.clear()

    for line in lines:
        if current:
            prev = current[-1]
            left, right = edges[(prev.get("page"), prev.get("region"))]
            width = max(right - left, 1.0)
            short = prev["x1"] < right - width * 0.15
            if (line.get("page"), line.get("region")) != (prev.get("page"), prev.get("region")):
                # across a page or column break only a line that evidently continues the sentence is joined
                new_paragraph = short or prev["text"].endswith(_TERMINAL) or not line["text"][:1].islower()
            else:
                gap = line["top"] - prev["bottom"]
                new_paragraph = (
                    gap > typical + max(2.0, body * 0.3)
                    or line["top"] < prev["top"]
                    or (short and prev["text"].endswith(_TERMINAL))
                    or (
                        prev["x1"] < left + width * 0.6
                        and re.match(r"[A-Z0-9“\"‘']", line["text"]) is not None
                    )
                )
            new_paragraph = (
                new_paragraph
                or line["size"] != prev["size"]
                or line["bold"] != prev["bold"]
                or bool(marks.match(line["text"]))
            )
            if new_paragraph:
                flush()
        current.append(line)
    flush()
    return result
