"""What every reader produces: the source as an ordered list of paragraphs and tables.

Readers (one per format, in ``readers.py``) turn a file into a :class:`Document`; the parsers
(``flow.py`` for paragraphs, ``tabular.py`` for tables) turn a Document into a :class:`ParsedPlan`.
"""

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """One paragraph or line of running text.

    ``heading`` is the heading level when the source marks it (Markdown ``#``, a Word heading style),
    ``bullet`` is true for list items, ``bold`` when the whole paragraph is bold (a label in Word).
    ``text`` is the paragraph as written (bullet marks removed by the reader only when the format
    encodes them outside the text, e.g. Word list styles).
    """

    text: str
    heading: int | None = None
    bullet: bool = False
    bold: bool = False


@dataclass
class Table:
    """A grid of cell texts, the header row (if any) among them. Line breaks inside cells are kept."""

    rows: list[list[str]]
    name: str | None = None  # sheet name for spreadsheets


@dataclass
class Document:
    format: str  # "text" | "markdown" | "docx" | "xlsx" | "csv" | "pdf"
    blocks: list[Paragraph | Table] = field(default_factory=list)
    title: str | None = None  # a title the format declares (Word core properties, PDF metadata)


class PlanFormatError(ValueError):
    """The file cannot be read as a plan. The message names the problem in one plain sentence."""
