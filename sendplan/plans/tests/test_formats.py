"""The same plan written into every format the importer reads parses to the same structure; files that
cannot be read fail with one clear sentence.

The round trip runs on a small plan built here (so it runs on any clone) and on the real seed plan.
"""

import io
import re
import zipfile

import pytest

from sendplan.plans.parsing import PlanFormatError, parse_bytes, parse_file
from sendplan.plans.parsing.readers_office import detect_format, read_pdf
from sendplan.plans.parsing.structure import ParsedAction, ParsedPlan, ParsedPriority
from sendplan.plans.tests import writers

FORMATS = {
    "plan.md": "markdown",
    "plan.docx": "docx",
    "plan-table.docx": "docx",
    "plan.xlsx": "xlsx",
    "plan.csv": "csv",
    "plan.pdf": "pdf",
    "plan-table.pdf": "pdf",
}
NO_VOICE = {"plan-table.pdf"}  # a single ruled table has nowhere for the voice of children
PDF = {"plan.pdf", "plan-table.pdf"}


def small_plan() -> ParsedPlan:
    """A fictional plan with the punctuation, symbols and shapes real plans have."""

    def act(ref, what, how, impact, measures):
        return ParsedAction(ref=ref, what=what, how=how, impact=impact, measures=measures)

    return ParsedPlan(
        format="text",
        title="Northbridge SEND and AP Improvement Plan 2025-2028",
        priorities=[
            ParsedPriority(
                1,
                "Listening to children, young people & families",
                voice=["ask me what I think, not my mum", "I want to choose my own clubs"],
                actions=[
                    act(
                        "1a",
                        ["We will set up a young people’s SEND panel that meets every half term."],
                        ["Recruit 12 panel members aged 11–25.", "Agree terms of reference with the panel."],
                        ["Decisions about services will reflect what young people tell us."],
                        [
                            "The panel meets at least 5 times a year.",
                            "80% of members say they were listened to.",
                        ],
                    ),
                    act(
                        "1b",
                        ["Families will get one clear route for complaints and compliments."],
                        [
                            "Publish the route on the Local Offer: a single form, a phone line and a named officer."
                        ],
                        ["Fewer families will need to chase replies."],
                        ["Complaints answered within 20 working days rise from 61% to 90%."],
                    ),
                ],
            ),
            ParsedPriority(
                2,
                "The right help early",
                voice=["help me before it gets bad"],
                actions=[
                    act(
                        "2a",
                        ["Every early years setting will have a trained SENDCO."],
                        ["Fund the Level 3 SENDCO award (£450 per place)."],
                        [
                            "Needs will be identified before school entry.",
                            "Fewer late EHC needs assessments.",
                        ],
                        ["95% of settings have a trained SENDCO by March 2026."],
                    ),
                    act(
                        "2b",
                        ["Speech and language support will start within 6 weeks of a request."],
                        [
                            "Recruit two therapists.",
                            "Train 40 teaching assistants in the Talk Boost programme.",
                        ],
                        ["Children will communicate their needs sooner."],
                        ["Median wait falls below 6 weeks.", "Parents rate the service 4/5 or better."],
                    ),
                    act(
                        "2c",
                        ["Schools will share one graduated approach toolkit."],
                        ["Co-produce the toolkit with the parent carer forum."],
                        ["Support at SEN support level will be consistent between schools."],
                        ["Requests for EHC needs assessment fall year-on-year."],
                    ),
                ],
            ),
            ParsedPriority(
                3,
                "Ready for adult life",
                voice=["I want a real job", "teach me to get the bus on my own"],
                actions=[
                    act(
                        "3a",
                        [
                            "Young people with EHC plans will have a preparing-for-adulthood review from Year 9."
                        ],
                        ["Add preparing-for-adulthood outcomes to the annual review form."],
                        ["Plans will look ahead to work, housing, health and friendships."],
                        ["All Year 9+ reviews include adulthood outcomes (audit of 30 plans each term)."],
                    ),
                    act(
                        "3b",
                        ["We will double the number of supported internships."],
                        ["Sign up 10 employers to the Employer Champions Group."],
                        ["More young people will move into paid work."],
                        [
                            "Supported internships rise from 12 to 24.",
                            "NEET rate for young people with SEND falls.",
                        ],
                    ),
                ],
            ),
        ],
    )


def loose(value):
    """White space next to "/" and "-" is not recoverable from a PDF's wrapped lines; ignore it there."""
    if isinstance(value, str):
        return re.sub(r"\s*([/-])\s*", r"\1", value)
    if isinstance(value, list):
        return [loose(v) for v in value]
    if isinstance(value, dict):
        return {k: loose(v) for k, v in value.items()}
    return value


def round_trip(source: ParsedPlan, filename: str):
    plan = writers.with_delivery(source)
    data = writers.WRITERS[filename](plan)
    parsed = parse_bytes(data, filename)
    voice = filename not in NO_VOICE
    expected = writers.shape(plan, voice=voice)
    got = writers.shape(parsed, voice=voice)
    if filename in PDF:
        expected, got = loose(expected), loose(got)
    return parsed, expected, got


@pytest.mark.parametrize("filename", FORMATS)
def test_small_plan_round_trip(filename):
    parsed, expected, got = round_trip(small_plan(), filename)
    assert parsed.format == FORMATS[filename]
    assert got == expected
    assert parsed.title == small_plan().title
    assert parsed.unassigned == []
    assert parsed.warnings == []


@pytest.mark.shared
@pytest.mark.parametrize("filename", FORMATS)
def test_seed_round_trip(seed_plan, filename):
    source = parse_file(seed_plan)
    parsed, expected, got = round_trip(source, filename)
    assert parsed.format == FORMATS[filename]
    assert len(parsed.actions) == 62
    assert got == expected
    assert parsed.unassigned == []
    # the seed's one missing section is reported again; nothing else is
    assert [(w.ref, w.message) for w in parsed.warnings] == [
        ("1b", "1b has no 'How will we know we have achieved?' section")
    ]


@pytest.mark.parametrize("filename", [name for name in FORMATS if name != "plan.md"])
def test_format_detected_by_content_not_name(filename):
    data = writers.WRITERS[filename](writers.with_delivery(small_plan()))
    assert detect_format(data, "upload.txt") == FORMATS[filename]
    parsed = parse_bytes(data, "upload.dat")
    assert parsed.format == FORMATS[filename]
    assert [a.ref for a in parsed.actions] == ["1a", "1b", "2a", "2b", "2c", "3a", "3b"]


# ------------------------------------------------------------------------------------ bad files


def _legacy(stream: str, ext: str) -> tuple[bytes, str]:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + stream.encode("utf-16-le") + b"\x00" * 500
    return data, f"old plan.{ext}"


def _pdf_without_text() -> bytes:
    import weasyprint

    html = "<html><body><div style='width:5cm;height:5cm;background:#1d70b8'></div></body></html>"
    return weasyprint.HTML(string=html).write_pdf()


def _zip(names: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in names.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _xlsx(rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "empty": (b"", "plan.docx", r"^plan\.docx is empty"),
    "blank": (b"  \n\n ", "plan.txt", r"^plan\.txt is empty"),
    "random bytes named .docx": (
        bytes(range(256)) * 8,
        "plan.docx",
        r"^plan\.docx is not a readable Word document: ",
    ),
    "random bytes named .xlsx": (
        b"\x89\x00\xff\x10" * 300,
        "tracker.xlsx",
        r"^tracker\.xlsx is not a readable Excel workbook: ",
    ),
    "damaged docx": (
        _zip({"word/document.xml": "<w:document"})[:-30],
        "plan.docx",
        r"^plan\.docx is not a readable Word document: ",
    ),
    "zip without a document": (
        _zip({"notes.txt": "hello"}),
        "plan.docx",
        r"^plan\.docx is not a readable Word document: it is a ZIP archive",
    ),
    "OpenDocument": (
        _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
        "plan.odt",
        r"OpenDocument file; save it as \.docx",
    ),
    "legacy .doc": (
        *_legacy("WordDocument", "doc"),
        r"^old plan\.doc is an old-format Word document \(\.doc\); open it in Word and save it as \.docx",
    ),
    "legacy .doc, damaged header": (
        b"\xd0\xcf\x11\xe0" + bytes(range(256)) * 4,
        "minutes.doc",
        r"^minutes\.doc is an old-format Word document \(\.doc\); open it in Word and save it as \.docx",
    ),
    "binary named .doc": (
        bytes(range(256)) * 4,
        "minutes.doc",
        r"^minutes\.doc is an old-format Word document \(\.doc\); open it in Word and save it as \.docx",
    ),
    "legacy .xls": (
        *_legacy("Workbook", "xls"),
        r"^old plan\.xls is an old-format Excel workbook \(\.xls\); open it in Excel and save it as \.xlsx",
    ),
    "RTF": (rb"{\rtf1\ansi Plan}", "plan.rtf", r"Rich Text .*\.docx"),
    "spreadsheet with no plan headings": (
        _xlsx([["Name", "Team", "Phone"], ["A. Person", "SEND", "0123"], ["B. Person", "EHC", "0456"]]),
        "staff.xlsx",
        r"no column headings that look like a plan \(expected e\.g\. Ref, What will we do\?",
    ),
    "csv with no plan headings": (
        b"Date,Visitors,Pages\n2025-01-01,10,20\n2025-01-02,11,25\n",
        "analytics.csv",
        r"no column headings that look like a plan",
    ),
}


@pytest.mark.parametrize("data,filename,message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_unreadable_files_fail_with_one_clear_sentence(data, filename, message):
    with pytest.raises(PlanFormatError) as raised:
        parse_bytes(data, filename)
    text = str(raised.value)
    assert re.search(message, text), text
    assert "\n" not in text and "Traceback" not in text


def test_pdf_without_text_layer():
    data = _pdf_without_text()
    with pytest.raises(PlanFormatError, match=r"has no text layer \(a scanned image\?\)"):
        parse_bytes(data, "scan.pdf")
    with pytest.raises(PlanFormatError, match=r"^scan\.pdf has no text layer"):
        read_pdf(data, "scan.pdf")
