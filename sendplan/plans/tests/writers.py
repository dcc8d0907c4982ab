"""Test helpers: write a ParsedPlan into each format the importer reads, as people lay plans out.

* ``to_markdown``: ``## Priority N: …``, ``### 1a``, ``**What will we do?**``, ``- item``;
* ``to_docx_flow``: Word headings, bold question labels, bullet paragraphs;
* ``to_docx_table``: one Word table, one row per action, a merged row per priority, Lead / Target date / RAG;
* ``to_xlsx``: one row per action (items on separate lines of a cell), a Priority column, and a second
  sheet with each priority's number, title and voice;
* ``to_csv``: the same columns with the priority as "Priority N: Title" and a Voice column;
* ``to_pdf`` / ``to_pdf_table``: text-based PDF (WeasyPrint) as headings, bold labels and bullet lists,
  or as a ruled table.

``with_delivery(plan)`` gives every action a lead, a target date and a status; the writers spell the dates
and statuses in the varied ways people do ("31/03/2025", "March 2025", "Green", "Complete", …) and
``shape(plan)`` is what a round trip must preserve.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import html
import io

from sendplan.plans.parsing.structure import SECTION_LABELS, SECTIONS, ParsedPlan

VOICE_HEADING = "What children and young people told us"
DELIVERY_COLUMNS = ("Lead", "Target date", "RAG")
_LEADS = (
    "Head of SEND",
    "Designated Clinical Officer, ICB",
    "Parent carer forum",
    "Principal educational psychologist",
)
_DATES = (
    dt.date(2025, 3, 31),
    dt.date(2025, 7, 31),
    dt.date(2026, 1, 31),
    dt.date(2026, 9, 30),
    dt.date(2027, 2, 28),
)
_STATUS = ("on_track", "at_risk", "off_track", "complete", "not_started")
_STATUS_WORDS = {
    "on_track": ("Green", "On track", "G"),
    "at_risk": ("Amber", "At risk", "A"),
    "off_track": ("Red", "Delayed", "Off track"),
    "complete": ("Blue", "Complete", "Completed"),
    "not_started": ("Not started", "Not yet started", "Not started"),
}


def with_delivery(plan: ParsedPlan) -> ParsedPlan:
    """A copy of ``plan`` where every action has a lead, a target date and a status."""
    plan = copy.deepcopy(plan)
    for index, action in enumerate(plan.actions):
        action.lead = _LEADS[index % len(_LEADS)]
        action.due = _DATES[index % len(_DATES)].isoformat()
        action.status = _STATUS[index % len(_STATUS)]
    return plan


def due_text(iso: str | None, index: int) -> str:
    """A target date as people write it, in turn: 31/03/2025, 31 March 2025, March 2025, 2025-03-31."""
    if not iso:
        return ""
    date = dt.date.fromisoformat(iso)
    forms = (f"{date:%d/%m/%Y}", f"{date.day} {date:%B %Y}", f"{date:%B %Y}", iso)
    return forms[index % len(forms)]


def status_text(status: str | None, index: int) -> str:
    if not status:
        return ""
    words = _STATUS_WORDS.get(status, (status,))
    return words[index % len(words)]


def shape(plan: ParsedPlan, *, voice: bool = True, delivery: bool = True) -> list:
    """What a round trip through another format must keep."""
    return [
        {
            "number": priority.number,
            "title": priority.title,
            **({"voice": list(priority.voice)} if voice else {}),
            "actions": [
                {
                    "ref": action.ref,
                    **{section: list(getattr(action, section)) for section in SECTIONS},
                    **({"lead": action.lead, "due": action.due, "status": action.status} if delivery else {}),
                }
                for action in priority.actions
            ],
        }
        for priority in plan.priorities
    ]


def _title(plan: ParsedPlan) -> str:
    return plan.title or "Improvement plan"


def _fields(action, index: int) -> list[tuple[str, str]]:
    fields = [("Lead", action.lead or ""), ("Target date", due_text(action.due, index))]
    fields.append(("RAG status", status_text(action.status, index)))
    return [(label, value) for label, value in fields if value]


# ------------------------------------------------------------------------------------- running text


def to_markdown(plan: ParsedPlan) -> bytes:
    out = [
        f"# {_title(plan)}",
        "",
        "## Introduction",
        "",
        "This plan sets out what the partnership will do.",
        "",
    ]
    if any(priority.voice for priority in plan.priorities):
        out += [f"## {VOICE_HEADING}", ""]
        for priority in plan.priorities:
            out += [f"### Priority {priority.number}: {priority.title}", ""]
            out += [f"- “{quote}”" for quote in priority.voice] + [""]
    out += ["## Our plan", ""]
    index = 0
    for priority in plan.priorities:
        out += [f"## Priority {priority.number}: {priority.title}", ""]
        for action in priority.actions:
            out += [f"### {action.ref}", ""]
            for section in SECTIONS:
                items = getattr(action, section)
                if items:
                    out += [f"**{SECTION_LABELS[section]}**", ""] + [f"- {item}" for item in items] + [""]
            for label, value in _fields(action, index):
                out += [f"{label}: {value}", ""]
            index += 1
    return "\n".join(out).encode("utf-8")


def to_docx_flow(plan: ParsedPlan) -> bytes:
    import docx

    word = docx.Document()
    word.core_properties.title = _title(plan)
    word.add_paragraph(_title(plan), style="Title")
    word.add_heading("Introduction", level=1)
    word.add_paragraph("This plan sets out what the partnership will do.")
    if any(priority.voice for priority in plan.priorities):
        word.add_heading(VOICE_HEADING, level=1)
        for priority in plan.priorities:
            word.add_heading(f"Priority {priority.number}: {priority.title}", level=2)
            for quote in priority.voice:
                word.add_paragraph(f"“{quote}”", style="List Bullet")
    word.add_heading("Our plan", level=1)
    index = 0
    for priority in plan.priorities:
        word.add_heading(f"Priority {priority.number}: {priority.title}", level=1)
        for action in priority.actions:
            word.add_heading(action.ref, level=2)
            for section in SECTIONS:
                items = getattr(action, section)
                if items:
                    word.add_paragraph().add_run(SECTION_LABELS[section]).bold = True
                    for item in items:
                        word.add_paragraph(item, style="List Bullet")
            for label, value in _fields(action, index):
                word.add_paragraph(f"{label}: {value}")
            index += 1
    return _save(word)


def _html_flow(plan: ParsedPlan) -> str:
    e = html.escape
    out = [
        f"<h1>{e(_title(plan))}</h1>",
        "<h2>Introduction</h2>",
        "<p>This plan sets out what the partnership will do.</p>",
    ]
    if any(priority.voice for priority in plan.priorities):
        out.append(f"<h2>{e(VOICE_HEADING)}</h2>")
        for priority in plan.priorities:
            out.append(f"<h3>Priority {priority.number}: {e(priority.title)}</h3><ul>")
            out += [f"<li>“{e(quote)}”</li>" for quote in priority.voice]
            out.append("</ul>")
    out.append("<h2>Our plan</h2>")
    index = 0
    for priority in plan.priorities:
        out.append(f"<h2>Priority {priority.number}: {e(priority.title)}</h2>")
        for action in priority.actions:
            out.append(f"<h3>{e(action.ref)}</h3>")
            for section in SECTIONS:
                items = getattr(action, section)
                if items:
                    out.append(f"<p><strong>{e(SECTION_LABELS[section])}</strong></p><ul>")
                    out += [f"<li>{e(item)}</li>" for item in items]
                    out.append("</ul>")
            out += [f"<p>{e(label)}: {e(value)}</p>" for label, value in _fields(action, index)]
            index += 1
    return _page(plan, "\n".join(out))


def _page(plan: ParsedPlan, body: str) -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(_title(plan))}</title>"
        "<style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt} h1{font-size:20pt} h2{font-size:16pt}"
        " h3{font-size:13pt} table{border-collapse:collapse} td,th{border:1px solid #000;padding:3pt;"
        "vertical-align:top;font-size:8pt} @page{size:A4;margin:2cm}</style></head>"
        f"<body>{body}</body></html>"
    )


def to_pdf(plan: ParsedPlan) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=_html_flow(plan)).write_pdf()


def to_pdf_table(plan: ParsedPlan) -> bytes:
    """A ruled table: Ref, the four questions, Lead, Target date, RAG; one spanning row per priority."""
    import weasyprint

    e = html.escape
    headers = ["Ref", *(SECTION_LABELS[s] for s in SECTIONS), *DELIVERY_COLUMNS]
    out = [f"<h1>{e(_title(plan))}</h1>", "<table><thead><tr>"]
    out += [f"<th>{e(h)}</th>" for h in headers] + ["</tr></thead><tbody>"]
    index = 0
    for priority in plan.priorities:
        out.append(
            f"<tr><td colspan='{len(headers)}'>Priority {priority.number}: {e(priority.title)}</td></tr>"
        )
        for action in priority.actions:
            cells = [e(action.ref)]
            cells += ["<br>".join(f"• {e(item)}" for item in getattr(action, s)) for s in SECTIONS]
            cells += [
                e(action.lead or ""),
                e(due_text(action.due, index)),
                e(status_text(action.status, index)),
            ]
            out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
            index += 1
    out.append("</tbody></table>")
    html_text = _page(plan, "\n".join(out)).replace("size:A4", "size:A4 landscape")
    return weasyprint.HTML(string=html_text).write_pdf()


# ---------------------------------------------------------------------------------------------- tables


def to_docx_table(plan: ParsedPlan) -> bytes:
    """Voice as quotes under priority headings, then one table with a merged row per priority."""
    import docx

    word = docx.Document()
    word.add_paragraph(_title(plan), style="Title")
    word.add_paragraph("This plan sets out what the partnership will do.")
    if any(priority.voice for priority in plan.priorities):
        word.add_heading(VOICE_HEADING, level=1)
        for priority in plan.priorities:
            word.add_heading(f"Priority {priority.number}: {priority.title}", level=2)
            for quote in priority.voice:
                word.add_paragraph(f"“{quote}”")
    word.add_heading("Action plan", level=1)
    headers = ["Ref", *(SECTION_LABELS[s] for s in SECTIONS), *DELIVERY_COLUMNS]
    table = word.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    index = 0
    for priority in plan.priorities:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        merged.paragraphs[0].text = f"Priority {priority.number}: {priority.title}"
        for action in priority.actions:
            cells = table.add_row().cells
            cells[0].text = action.ref
            for column, section in enumerate(SECTIONS, start=1):
                items = getattr(action, section)
                cell = cells[column]
                for n, item in enumerate(items):
                    # "How" items as Word list paragraphs, the others as plain paragraphs.
                    paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                    paragraph.text = item
                    if section == "how":
                        paragraph.style = word.styles["List Bullet"]
            cells[5].text = action.lead or ""
            cells[6].text = due_text(action.due, index)
            cells[7].text = status_text(action.status, index)
            index += 1
    return _save(word)


def _save(word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def to_xlsx(plan: ParsedPlan) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append([_title(plan)])
    sheet.append([])
    sheet.append(
        [
            "Priority",
            "Action ref",
            *(SECTION_LABELS[s] for s in SECTIONS),
            "Lead officer",
            "Target date",
            "RAG status",
        ]
    )
    index = 0
    for priority in plan.priorities:
        for action in priority.actions:
            due: object = due_text(action.due, index)
            if action.due and index % 2 == 0:
                due = dt.datetime.fromisoformat(action.due)  # a real date cell
            sections = ["\n".join(getattr(action, s)) for s in SECTIONS]
            sheet.append(
                [priority.number, action.ref, *sections, action.lead, due, status_text(action.status, index)]
            )
            index += 1
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    priorities = book.create_sheet("Priorities")
    priorities.append(["Priority", "Title", "Voice of children and young people"])
    for priority in plan.priorities:
        priorities.append([priority.number, priority.title, "\n".join(f"“{q}”" for q in priority.voice)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(plan: ParsedPlan, *, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([_title(plan)] + [""] * 10)  # a title row above the header, as Excel exports it
    writer.writerow(
        ["Priority", "Ref", *(SECTION_LABELS[s] for s in SECTIONS), "Lead", "Due date", "Status", "Voice"]
    )
    index = 0
    for priority in plan.priorities:
        for n, action in enumerate(priority.actions):
            voice = "\n".join(priority.voice) if n == 0 else ""
            sections = ["\n".join(getattr(action, s)) for s in SECTIONS]
            writer.writerow(
                [
                    f"Priority {priority.number}: {priority.title}",
                    action.ref,
                    *sections,
                    action.lead or "",
                    due_text(action.due, index),
                    status_text(action.status, index),
                    voice,
                ]
            )
            index += 1
    return buffer.getvalue().encode("utf-8-sig")


WRITERS = {
    "plan.md": to_markdown,
    "plan.docx": to_docx_flow,
    "plan-table.docx": to_docx_table,
    "plan.xlsx": to_xlsx,
    "plan.csv": to_csv,
    "plan.pdf": to_pdf,
    "plan-table.pdf": to_pdf_table,
}
