"""The Word, Excel, CSV and PDF readers and format detection, on small files written here."""

import datetime as dt
import io

import pytest

from sendplan.plans.parsing.document import Paragraph, PlanFormatError, Table
from sendplan.plans.parsing.readers_office import detect_format, read_csv, read_docx, read_pdf, read_xlsx


def docx_bytes(build) -> bytes:
    import docx

    word = docx.Document()
    build(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(build) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf_bytes(body: str, css: str = "") -> bytes:
    import weasyprint

    style = "body{font-family:'DejaVu Sans';font-size:10pt} h1{font-size:20pt} h2{font-size:15pt}" + css
    return weasyprint.HTML(
        string=f"<html><head><style>{style}</style></head><body>{body}</body></html>"
    ).write_pdf()


# ------------------------------------------------------------------------------------------ detection


@pytest.mark.parametrize(
    "data,filename,expected",
    [
        (b"# Plan\n\n## Priority 1: Voice\n", "plan.txt", "markdown"),
        (b"Plan\n\nPriority 1: **Voice**\n", "plan.md", "markdown"),
        (b"Plan\n\nPriority 1: **Voice**\n", "plan.txt", "text"),  # the extension breaks the tie
        (b"Plan\n\n1a\n\nWhat will we do?\n\nWe will, as agreed, listen.\n", "plan", "text"),
        (b"Ref,What,How,Impact\n1a,Do,Step,Better\n1b,Do,Step,Better\n", "upload.txt", "csv"),
        (b"Ref;What;How\n1a;Do;Step\n1b;Do;Step\n", "x", "csv"),
        (b"Ref\tWhat\tHow\n1a\tDo\tStep\n", "x", "csv"),
        (b"Ref,What\n1a,Do\n1b,Do\n", "tracker.csv", "csv"),  # two columns: only with the .csv name
        (b"Ref,What\n1a,Do\n1b,Do\n", "notes.txt", "text"),
        ("Priorité 1 – voix\n".encode("cp1252"), "plan.txt", "text"),
        (b"%PDF-1.7\n...", "plan.docx", "pdf"),
        (b"Plan\n\n| Ref | What |\n| --- | --- |\n| 1a | Do |\n", "plan.txt", "markdown"),
        (b"Plan\n\nPriority 1: Voice\n", "plan.md", "markdown"),
        ("Ref\tWhat\tHow\r\n1a\tDo\tStep\r\n".encode("utf-16"), "export.txt", "csv"),
        ("Plan\r\n\r\n1a\r\n".encode("utf-16"), "plan.txt", "text"),
    ],
)
def test_detect_format_by_content(data, filename, expected):
    assert detect_format(data, filename) == expected


def test_detect_office_formats_whatever_the_name():
    word = docx_bytes(lambda w: w.add_paragraph("Plan"))
    book = xlsx_bytes(lambda b: b.active.append(["Ref"]))
    assert detect_format(word, "plan.xlsx") == "docx"
    assert detect_format(book, "plan.pdf") == "xlsx"


@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"", "a.csv", r"^a\.csv is empty\.$"),
        (bytes(range(256)), "plan.pdf", r"^plan\.pdf is not a readable PDF: it is binary data"),
        (bytes(range(256)), "plan.bin", r"^plan\.bin is not a plan document: it is binary data"),
    ],
)
def test_detect_format_refuses(data, filename, message):
    with pytest.raises(PlanFormatError, match=message):
        detect_format(data, filename)


# ----------------------------------------------------------------------------------------------- Word


def test_docx_paragraph_kinds_in_order():
    def build(word):
        word.core_properties.title = "Westshire SEND Plan"
        word.add_paragraph("Westshire SEND Plan", style="Title")
        word.add_heading("Priority 1: Voice", level=1)
        word.add_heading("1a", level=2)
        word.add_paragraph().add_run("What will we do?").bold = True
        mixed = word.add_paragraph()
        mixed.add_run("Partly ").bold = True
        mixed.add_run("bold")
        word.add_paragraph("Listen more.", style="List Bullet")
        word.add_paragraph("Count replies.", style="List Number")
        word.add_table(rows=1, cols=2).rows[0].cells[0].text = "in a table"
        word.add_paragraph("First line\nsecond line")  # a soft line break

    doc = read_docx(docx_bytes(build), "plan.docx")
    assert doc.format == "docx" and doc.title == "Westshire SEND Plan"
    assert doc.blocks == [
        Paragraph("Westshire SEND Plan", heading=0),
        Paragraph("Priority 1: Voice", heading=1, bold=True),  # the default heading styles are bold
        Paragraph("1a", heading=2, bold=True),
        Paragraph("What will we do?", bold=True),
        Paragraph("Partly bold"),
        Paragraph("Listen more.", bullet=True),
        Paragraph("Count replies.", bullet=True),
        Table([["in a table", ""]]),
        Paragraph("First line"),
        Paragraph("second line"),
    ]


def test_docx_table_cells_keep_their_lines_and_bullets():
    def build(word):
        table = word.add_table(rows=2, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "Priority 2: Included"
        cell = table.cell(1, 1)
        cell.text = "First"
        cell.add_paragraph("Second", style="List Bullet")

    rows = read_docx(docx_bytes(build)).blocks[0].rows
    assert rows == [["Priority 2: Included", "", ""], ["", "First\n• Second", ""]]


def test_docx_that_is_not_word():
    with pytest.raises(PlanFormatError, match=r"^plan\.docx is not a readable Word document: "):
        read_docx(b"PK\x03\x04 not really", "plan.docx")


# ---------------------------------------------------------------------------------------------- Excel


def test_xlsx_cells_as_text():
    def build(book):
        sheet = book.active
        sheet.title = "Tracker"
        sheet.append(["Ref", "Due", "Share", "Count", "Ratio", None, None])
        sheet.append(["1a", dt.datetime(2025, 3, 31), 0.35, 3.0, 0.1 + 0.2, None, None])
        sheet["C2"].number_format = "0%"
        sheet.append([None, dt.date(2026, 1, 2), None, 12, 2.5])
        sheet.append([])
        sheet.append([None, None])
        book.create_sheet("Empty")

    doc = read_xlsx(xlsx_bytes(build))
    assert doc.blocks == [
        Table(
            [
                ["Ref", "Due", "Share", "Count", "Ratio"],
                ["1a", "2025-03-31", "35%", "3", "0.3"],
                ["", "2026-01-02", "", "12", "2.5"],
            ],
            name="Tracker",
        )
    ]


def test_xlsx_that_is_not_excel():
    with pytest.raises(PlanFormatError, match=r"^t\.xlsx is not a readable Excel workbook: "):
        read_xlsx(b"garbage", "t.xlsx")


# ------------------------------------------------------------------------------------------------ CSV


@pytest.mark.parametrize(
    "data",
    [
        'Ref,What will we do?\r\n1a,"Pay £5, then\nmore"\r\n'.encode("utf-8-sig"),
        'Ref;What will we do?\n1a;"Pay £5, then\nmore"\n'.encode("cp1252"),
        'Ref\tWhat will we do?\n1a\t"Pay £5, then\nmore"\n'.encode(),
        'Ref\tWhat will we do?\r\n1a\t"Pay £5, then\nmore"\r\n'.encode("utf-16"),
    ],
    ids=["utf-8 with BOM, commas", "Windows-1252, semicolons", "tabs", "UTF-16 tabs (Excel Unicode text)"],
)
def test_csv_encodings_and_delimiters(data):
    assert read_csv(data).blocks[0].rows == [["Ref", "What will we do?"], ["1a", "Pay £5, then\nmore"]]


# ------------------------------------------------------------------------------------------------ PDF


def test_pdf_paragraphs_headings_and_bullets():
    long = "This sentence is long enough to wrap across several lines of the page so that the reader " * 3
    body = (
        "<h1>Southport SEND Plan</h1><h2>Priority 1: Voice</h2><p><b>What will we do?</b></p>"
        f"<p>{long}ends here.</p><p>Short one.</p><ul><li>First bullet</li><li>Second bullet</li></ul>"
        "<p style='width:6cm'>A co-production charter for the year-on-year review.</p>"
    )
    doc = read_pdf(pdf_bytes(body), "p.pdf")
    assert doc.blocks == [
        Paragraph("Southport SEND Plan", heading=1, bold=True),
        Paragraph("Priority 1: Voice", heading=2, bold=True),
        Paragraph("What will we do?", bold=True),
        Paragraph(f"{long}ends here.".replace("  ", " ").strip()),
        Paragraph("Short one."),
        Paragraph("First bullet", bullet=True),
        Paragraph("Second bullet", bullet=True),
        Paragraph("A co-production charter for the year-on-year review."),
    ]
    assert doc.title == "Southport SEND Plan"


def test_pdf_ruled_table_and_running_footer():
    rows = "".join(f"<tr><td>{n}a</td><td>Do thing {n}.</td></tr>" for n in range(1, 60))
    body = (
        "<p>Intro.</p><table style='border-collapse:collapse'><tr><th>Ref</th><th>What will we do?</th></tr>"
        f"{rows}</table>"
    )
    css = "td,th{border:1px solid black} @page{@bottom-center{content:'Plan v2 page ' counter(page)}}"
    doc = read_pdf(pdf_bytes(body, css))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1  # continued over pages, joined again
    assert tables[0].rows[0] == ["Ref", "What will we do?"]
    assert [r[0] for r in tables[0].rows[1:]] == [f"{n}a" for n in range(1, 60)]
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == ["Intro."]  # the table's text is not repeated and the footer is dropped


def test_pdf_that_is_not_pdf():
    with pytest.raises(PlanFormatError, match=r"^x\.pdf is not a readable PDF: "):
        read_pdf(b"%PDF-1.4 broken", "x.pdf")


def test_docx_text_box_read_once_after_its_paragraph():
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = "<w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent>"
    xml = (
        f'<w:p xmlns:w="{w}" xmlns:mc="{mc}"><w:r><w:t>Before</w:t></w:r><w:r><mc:AlternateContent>'
        f"<mc:Choice Requires='wps'><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )

    def build(word):
        word.element.body.insert(0, parse_xml(xml))

    doc = read_docx(docx_bytes(build))
    assert [b.text for b in doc.blocks] == ["Before", "In the box"]


def _pdf_words(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [word["text"] for page in pdf.pages for word in page.extract_words()]


def _two_column_plan() -> str:
    parts = ["<h1>Eastwick Local Area Plan</h1><div style='column-count:2;column-gap:1cm'>"]
    for number, theme in ((1, "Listening to families"), (2, "Getting help sooner")):
        parts.append(f"<h2>Priority {number}: {theme}</h2>")
        for letter in "abc":
            parts.append(f"<h3>{number}{letter}</h3><p><b>What will we do?</b></p>")
            parts.append(
                f"<p>We will carry out step {number}{letter} of the work agreed with the forum this year.</p>"
            )
            parts.append(
                f"<p><b>How will we know we have achieved?</b></p><p>Measure {number}{letter} rises.</p>"
            )
    return "".join(parts) + "</div>"


def test_pdf_two_columns_read_column_by_column():
    data = pdf_bytes(_two_column_plan())
    doc = read_pdf(data, "columns.pdf")
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts[0] == "Eastwick Local Area Plan"  # the title over both columns comes first
    expected = []
    for number, theme in ((1, "Listening to families"), (2, "Getting help sooner")):
        expected.append(f"Priority {number}: {theme}")
        for letter in "abc":
            expected += [
                f"{number}{letter}",
                "What will we do?",
                f"We will carry out step {number}{letter} of the work agreed with the forum this year.",
                "How will we know we have achieved?",
                f"Measure {number}{letter} rises.",
            ]
    assert texts[1:] == expected
    # every word of the page comes through
    assert sorted(" ".join(texts).split()) == sorted(_pdf_words(data))


def test_pdf_two_column_plan_parses_whole():
    from sendplan.plans.parsing import parse_bytes

    plan = parse_bytes(pdf_bytes(_two_column_plan()), "columns.pdf")
    assert [(p.number, p.title) for p in plan.priorities] == [
        (1, "Listening to families"),
        (2, "Getting help sooner"),
    ]
    assert [a.ref for a in plan.actions] == ["1a", "1b", "1c", "2a", "2b", "2c"]
    assert all(len(a.what) == 1 and len(a.measures) == 1 for a in plan.actions)
    assert plan.unassigned == []


def test_pdf_label_column_beside_values_is_not_read_as_two_columns():
    rows = "".join(
        f"<div style='display:flex'><div style='width:3cm'>Field {n}</div><div>Value number {n} of the list "
        "written out at some length.</div></div>"
        for n in range(1, 15)
    )
    doc = read_pdf(pdf_bytes(rows), "form.pdf")
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    joined = " ".join(texts)
    # read row by row: each label comes just before its value
    for n in range(1, 14):
        assert (
            joined.index(f"Field {n} ") < joined.index(f"Value number {n} ") < joined.index(f"Field {n + 1} ")
        )


def test_xlsx_numbers_keep_the_decimals_their_format_shows():
    def build(book):
        sheet = book.active
        sheet.append(["Ref", "Budget", "Plain"])
        sheet.append([1.1, 1234.5, 1.1])
        sheet["A2"].number_format = "0.00"
        sheet["B2"].number_format = "#,##0.00"

    assert read_xlsx(xlsx_bytes(build)).blocks[0].rows[1] == ["1.10", "1,234.50", "1.1"]


def _titled_docx(first, *, size=None, bold=True, before=()):
    from docx.shared import Pt

    def build(word):
        for text in before:
            word.add_paragraph(text)
        run = word.add_paragraph().add_run(first)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        word.add_heading("Priority 1 – Early help", 1)
        word.add_paragraph("Some text.")

    return read_docx(docx_bytes(build))


@pytest.mark.parametrize(
    "options",
    [{"bold": True}, {"bold": False, "size": 20}, {"bold": True, "before": ["Draft"]}],
    ids=["bold", "large", "after a short line"],
)
def test_docx_title_typed_as_a_plain_bold_or_large_paragraph(options):
    doc = _titled_docx("Oakmere Improvement Plan", **options)
    assert doc.title == "Oakmere Improvement Plan"
    title = next(b for b in doc.blocks if b.text == "Oakmere Improvement Plan")
    assert title.heading == 0
    assert [b.heading for b in doc.blocks if b.text.startswith("Priority")] == [1]


@pytest.mark.parametrize(
    "first,options",
    [
        ("Oakmere Improvement Plan", {"bold": False}),  # plain body text
        ("Priority 1: Early help", {"bold": True}),  # part of the plan, not its title
        ("What will we do?", {"bold": True}),
        ("This paragraph is in bold but it is a sentence of the introduction.", {"bold": True}),
        ("Oakmere Improvement Plan", {"bold": True, "before": ["One.", "Two.", "Three."]}),  # too far in
    ],
)
def test_docx_paragraphs_that_are_not_a_title(first, options):
    doc = _titled_docx(first, **options)
    assert doc.title is None
    assert all(b.heading != 0 for b in doc.blocks if isinstance(b, Paragraph))
