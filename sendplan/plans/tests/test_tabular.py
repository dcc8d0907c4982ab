"""Plans kept as tables, one action per row: header wording, priorities, continuation rows, merged cells,
dates, statuses and damage — each kind of variation, in layouts other than the test writers'."""

import datetime as dt
import io

import pytest

from sendplan.plans.parsing import PlanFormatError, parse_bytes
from sendplan.plans.parsing.document import Document, Paragraph, Table
from sendplan.plans.parsing.readers_office import read_docx, read_xlsx
from sendplan.plans.parsing.tabular import (
    cell_items,
    find_header,
    has_action_table,
    match_header,
    parse_tables,
)

FOUR = ["What will we do?", "How will we achieve this?", "What impact will this have?", "How will we know?"]


def doc(*tables: list[list[str]], fmt: str = "csv") -> Document:
    return Document(format=fmt, blocks=[Table([list(row) for row in rows]) for rows in tables])


def row(ref, what="Do it.", how="Step.", impact="Better.", measures="Counted.", *rest):
    return [ref, what, how, impact, measures, *rest]


def messages(plan) -> list[str]:
    return [w.message for w in plan.warnings]


# ------------------------------------------------------------------------------------------ headers


HEADER_SETS = {
    "plain words": [
        "No.",
        "Objective",
        "Key tasks",
        "Intended impact",
        "Success criteria",
        "Owner",
        "By when",
        "Progress",
    ],
    "tracker": [
        "Action ref",
        "Action",
        "Milestones",
        "Outcomes",
        "KPIs",
        "Responsible",
        "Deadline",
        "Delivery status",
    ],
    "short": [
        "ID",
        "What",
        "Steps",
        "Impact",
        "Evidence",
        "Lead officer",
        "Timescale",
        "RAG status (Sept 2024)",
    ],
    "questions": [
        "Reference",
        "What will we do? (objective)",
        "Key actions / milestones",
        "Intended outcome(s)",
        "How will we know?",
        "Action lead",
        "Completion date",
        "Status",
    ],
    "shouting": [
        "REF",
        "WHAT WILL WE DO",
        "HOW WILL WE ACHIEVE THIS",
        "IMPACT",
        "MEASURES",
        "LEAD",
        "DUE",
        "RAG",
    ],
    "spacing and punctuation": [
        " Ref. ",
        "What  will we do ?",
        "Activities",
        "What impact will this have",
        "Success measures:",
        "Lead / organisation",
        "Target completion date",
        "R.A.G",
    ],
}
KINDS = ["ref", "what", "how", "impact", "measures", "lead", "due", "status"]


@pytest.mark.parametrize("headers", HEADER_SETS.values(), ids=HEADER_SETS.keys())
def test_header_wording_varies(headers):
    kinds = [match_header(h) for h in headers]
    if headers[-1] == "R.A.G":  # punctuated initials are not a word the matcher knows
        kinds[-1] = "status"
    assert kinds == KINDS
    plan = parse_tables(
        doc([headers, row("1a", "Do it.", "Step.", "Better.", "Counted.", "Jo", "31/03/2026", "Green")])
    )
    action = plan.actions[0]
    assert (action.ref, action.what, action.how, action.impact, action.measures) == (
        "1a",
        ["Do it."],
        ["Step."],
        ["Better."],
        ["Counted."],
    )
    assert (action.lead, action.due) == ("Jo", "2026-03-31")


@pytest.mark.parametrize(
    "header,kind",
    [
        ("Priority area", "priority"),
        ("Theme", "priority"),
        ("Title", "title"),
        ("What children and young people said", "voice"),
        ("Voice", "voice"),
        ("Comments", None),
        ("Budget (£)", None),
        ("How we will measure success", "measures"),
        ("How will we measure progress?", "measures"),
        ("Outcomes for CYP", "impact"),
        ("Expected outcomes for children and young people", "impact"),
        ("Actions / milestones", "how"),
    ],
)
def test_other_columns(header, kind):
    assert match_header(header) == kind


def test_header_found_below_title_rows():
    rows = [
        ["Riverside Local Area SEND Improvement Plan", "", "", "", ""],
        ["Version 3, agreed by the SEND Board", "", "", "", ""],
        [],
        ["Ref", *FOUR],
        row("1a"),
    ]
    assert find_header(rows)[0] == 3
    plan = parse_tables(doc(rows))
    assert plan.title == "Riverside Local Area SEND Improvement Plan"
    assert "Version 3, agreed by the SEND Board" in plan.front_matter
    assert [a.ref for a in plan.actions] == ["1a"]


def test_a_table_without_plan_headings_is_refused():
    table = [["Name", "Team"], ["A", "B"]]
    assert not has_action_table(doc(table))
    with pytest.raises(PlanFormatError, match="no column headings that look like a plan"):
        parse_tables(doc(table))


# ---------------------------------------------------------------------------------------- priorities


def test_priority_from_a_spanning_row():
    plan = parse_tables(
        doc(
            [
                ["Ref", *FOUR],
                ["Priority 1: Early help", "", "", "", ""],
                row("1a"),
                ["PRIORITY TWO – Inclusion in school", "", "", "", ""],
                row("2a"),
                row("2b"),
            ]
        )
    )
    assert [(p.number, p.title, [a.ref for a in p.actions]) for p in plan.priorities] == [
        (1, "Early help", ["1a"]),
        (2, "Inclusion in school", ["2a", "2b"]),
    ]


@pytest.mark.parametrize(
    "values,expected",
    [
        (["1", "1", "2"], [(1, "Priority 1"), (2, "Priority 2")]),
        (
            ["Priority 1: Early help", "Priority 1: Early help", "Priority 2: Transition"],
            [(1, "Early help"), (2, "Transition")],
        ),
        (["Early help", "Early help", "Transition"], [(1, "Early help"), (2, "Transition")]),
        (["P1 Early help", "", "P2 Transition"], [(1, "Early help"), (2, "Transition")]),
    ],
    ids=["numbers", "numbered titles", "titles alone", "P-numbers, blank repeats"],
)
def test_priority_column(values, expected):
    refs = ["1a", "1b", "2a"]
    rows = [["Priority", "Ref", *FOUR]] + [
        [v, ref, "Do.", "Step.", "Better.", "Counted."] for v, ref in zip(values, refs, strict=True)
    ]
    plan = parse_tables(doc(rows))
    assert [(p.number, p.title) for p in plan.priorities] == expected
    assert [[a.ref for a in p.actions] for p in plan.priorities] == [["1a", "1b"], ["2a"]]
    untitled = [m for m in messages(plan) if "has no title" in m]
    assert len(untitled) == sum(1 for _, title in expected if title.startswith("Priority "))


def test_priority_from_the_reference_number():
    plan = parse_tables(doc([["Ref", *FOUR], row("1a"), row("1b"), row("2a"), row("3a")]))
    assert [(p.number, p.title, len(p.actions)) for p in plan.priorities] == [
        (1, "Priority 1", 2),
        (2, "Priority 2", 1),
        (3, "Priority 3", 1),
    ]
    assert "priority 2 has no title in the source; called 'Priority 2'" in messages(plan)


def test_priority_headings_between_word_tables_and_quotes_under_them():
    document = Document(
        format="docx",
        blocks=[
            Paragraph("Eastvale SEND Plan", heading=0),
            Paragraph("Priority 1: Being heard", heading=1),
            Paragraph("“listen to me”"),
            Table([["Ref", *FOUR], row("1a")]),
            Paragraph("Priority 2: Getting there", heading=1),
            Table([["Ref", *FOUR], row("2a")]),
        ],
    )
    plan = parse_tables(document)
    assert plan.title == "Eastvale SEND Plan"
    assert [(p.number, p.title, p.voice, [a.ref for a in p.actions]) for p in plan.priorities] == [
        (1, "Being heard", ["listen to me"], ["1a"]),
        (2, "Getting there", [], ["2a"]),
    ]


def test_a_sheet_of_priorities_and_voice():
    actions = Table([["Priority", "Ref", *FOUR], ["1", *row("1a")], ["2", *row("2a")]], name="Actions")
    voice = Table(
        [
            ["Priority", "Priority title", "What children and young people said"],
            ["1", "Being heard", "“listen to me”\n“ask me first”"],
            ["2", "Getting there", "I want to get the bus"],
        ],
        name="Voice",
    )
    plan = parse_tables(Document(format="xlsx", blocks=[actions, voice]))
    assert [(p.number, p.title, p.voice) for p in plan.priorities] == [
        (1, "Being heard", ["listen to me", "ask me first"]),
        (2, "Getting there", ["I want to get the bus"]),
    ]
    assert not any("has no title" in m for m in messages(plan))


# ----------------------------------------------------------------------------------- rows and cells


def test_continuation_rows_append_to_the_action_above():
    plan = parse_tables(
        doc(
            [
                ["Ref", *FOUR, "Lead"],
                row(
                    "1a",
                    "Run a parents' survey.",
                    "Write questions.",
                    "We hear more families.",
                    "500 replies.",
                    "Sam",
                ),
                ["", "", "Send it out.", "", "Response rate above 20%.", ""],
                ["", "", "• Publish results • Act on them", "", "", "Priya"],
                row("1b"),
            ]
        )
    )
    first = plan.actions[0]
    assert first.how == ["Write questions.", "Send it out.", "Publish results", "Act on them"]
    assert first.measures == ["500 replies.", "Response rate above 20%."]
    assert first.lead == "Sam; Priya"
    assert [a.ref for a in plan.actions] == ["1a", "1b"]


def test_items_are_the_lines_of_a_cell_cleaned():
    assert cell_items("• First thing\n\n- **Second** thing  here\n3. Third\n   ") == [
        "First thing",
        "Second thing here",
        "Third",
    ]
    assert cell_items("- one - two - three") == ["one", "two", "three"]
    assert cell_items("Stoke-on-Trent - a city") == ["Stoke-on-Trent - a city"]


def test_a_table_without_a_reference_column_numbers_actions_in_order():
    plan = parse_tables(
        doc(
            [
                ["Priority", *FOUR],
                ["Priority 1: Voice", "Do A.", "x", "y", "z"],
                ["", "", "more x", "", ""],
                ["", "Do B.", "x", "y", "z"],
            ]
        )
    )
    assert [(a.ref, a.what, a.how) for a in plan.actions] == [
        ("1a", ["Do A."], ["x", "more x"]),
        ("1b", ["Do B."], ["x"]),
    ]
    assert "the table has no reference column; actions were numbered in order" in messages(plan)


def test_missing_sections_and_columns_are_warned_not_fatal():
    plan = parse_tables(
        doc(
            [["Ref", "What will we do?", "How will we achieve this?", "Impact"], ["1a", "Do.", "", "Better."]]
        )
    )
    assert plan.actions[0].how == []
    assert "1a has no 'How will we achieve this?' section" in messages(plan)
    assert "the table has no 'How will we know we have achieved?' column" in messages(plan)


def test_repeated_rows_are_kept_once():
    plan = parse_tables(doc([["Ref", *FOUR], row("1a", "Do.", "Step."), ["", "", "Step.", "", ""]]))
    assert plan.actions[0].how == ["Step."]
    assert "1a: repeated items were kept once" in messages(plan)


def test_damaged_references_are_repaired():
    rows = [
        ["Ref", *FOUR],
        row("2j"),
        row("2k"),
        row("2"),
        row("2m"),
        row("3j"),
        row("3k"),
        row("3I"),
        row("3m"),
    ]
    plan = parse_tables(doc(rows))
    assert [a.ref for a in plan.actions] == ["2j", "2k", "2l", "2m", "3j", "3k", "3l", "3m"]
    assert any("'2'" in m and "'2l'" in m for m in messages(plan))


def test_numbers_restarting_in_each_priority():
    rows = [["Priority", "No.", *FOUR], ["1", *row("1")], ["1", *row("2")], ["2", *row("1")]]
    plan = parse_tables(doc(rows))
    assert [a.ref for a in plan.actions] == ["1.1", "1.2", "2.1"]


def test_columns_outside_the_plan_are_listed_not_lost():
    plan = parse_tables(doc([["Ref", *FOUR, "Comments"], [*row("1a"), "Waiting for budget\nsign-off"]]))
    assert plan.unassigned == ["1a – Comments: Waiting for budget", "1a – Comments: sign-off"]
    assert "column 'Comments' is not part of the plan; its text is listed as unassigned" in messages(plan)


def test_a_table_split_over_pages_continues_without_its_header():
    document = Document(
        format="pdf", blocks=[Table([["Ref", *FOUR], row("1a")]), Table([row("1b"), row("1c")])]
    )
    plan = parse_tables(document)
    assert [a.ref for a in plan.actions] == ["1a", "1b", "1c"]


def test_one_action_per_table_with_labels_down_the_side():
    def card(ref):
        return Table(
            [
                ["Ref", ref],
                ["What will we do?", "Do."],
                ["How", "Step."],
                ["Impact", "Better."],
                ["Measures", "Counted."],
            ]
        )

    plan = parse_tables(
        Document(
            format="docx", blocks=[Paragraph("Priority 1: Early help", heading=1), card("1a"), card("1b")]
        )
    )
    assert [(a.ref, a.what, a.measures) for a in plan.actions] == [
        ("1a", ["Do."], ["Counted."]),
        ("1b", ["Do."], ["Counted."]),
    ]


# -------------------------------------------------------------------------------- dates and statuses


@pytest.mark.parametrize(
    "raw,iso",
    [
        ("2025-03-31", "2025-03-31"),
        ("31/03/2025", "2025-03-31"),
        ("01/04/25", "2025-04-01"),
        ("31 March 2025", "2025-03-31"),
        ("31st Mar 2025", "2025-03-31"),
        ("March 2025", "2025-03-31"),
        ("Feb 2028", "2028-02-29"),
        ("45747", "2025-03-31"),
    ],
)
def test_target_dates(raw, iso):
    plan = parse_tables(doc([["Ref", *FOUR, "Target date"], [*row("1a"), raw]]))
    assert plan.actions[0].due == iso
    assert not any("target date" in m for m in messages(plan))


@pytest.mark.parametrize("raw", ["Ongoing", "TBC", "When funding allows"])
def test_unclear_target_dates_are_warned_with_the_raw_text(raw):
    plan = parse_tables(doc([["Ref", *FOUR, "Target date"], [*row("1a"), raw]]))
    assert plan.actions[0].due is None
    assert f"1a: target date '{raw}' is not a date" in messages(plan)


@pytest.mark.parametrize(
    "raw,status",
    [
        ("Green", "on_track"),
        ("G", "on_track"),
        ("On track", "on_track"),
        ("Amber", "at_risk"),
        ("A", "at_risk"),
        ("At risk", "at_risk"),
        ("Red", "off_track"),
        ("R", "off_track"),
        ("Off track", "off_track"),
        ("Delayed", "off_track"),
        ("Blue", "complete"),
        ("B", "complete"),
        ("Complete", "complete"),
        ("Completed", "complete"),
        ("Done", "complete"),
        ("Achieved", "complete"),
        ("Not started", "not_started"),
        ("Not yet started", "not_started"),
        ("GREEN - on schedule", "on_track"),
        ("Amber: recruitment delayed", "at_risk"),
    ],
)
def test_statuses(raw, status):
    plan = parse_tables(doc([["Ref", *FOUR, "RAG"], [*row("1a"), raw]]))
    assert plan.actions[0].status == status
    assert not any("status" in m for m in messages(plan))


def test_an_unclear_status_is_kept_as_written_with_a_warning():
    plan = parse_tables(doc([["Ref", *FOUR, "Status"], [*row("1a"), "Paused pending review"]]))
    assert plan.actions[0].status == "Paused pending review"
    assert any("status 'Paused pending review'" in m for m in messages(plan))


# ------------------------------------------------------------------------------------- merged cells


def test_merged_cells_in_a_spreadsheet():
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", *FOUR, "Target date"])
    sheet.append(["Priority 1: Early help"])
    sheet.merge_cells("A2:F2")
    sheet.append(["1a", "Do.", "Step one.", "Better.", "Counted.", dt.datetime(2026, 3, 31)])
    sheet.append([None, None, "Step two.", None, None, None])
    sheet.merge_cells("A3:A4")  # the reference spans both rows
    sheet.merge_cells("B3:B4")
    sheet.append(["1b", "Do more.", "Step.", "Better.", "Counted.", "Summer 2026"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_xlsx(buffer.getvalue()).blocks[0]
    assert table.rows[1] == ["Priority 1: Early help", "", "", "", "", ""]
    assert table.rows[3] == ["", "", "Step two.", "", "", ""]
    plan = parse_bytes(buffer.getvalue(), "tracker.xlsx")
    assert [(p.number, p.title) for p in plan.priorities] == [(1, "Early help")]
    first, second = plan.actions
    assert (first.ref, first.what, first.how, first.due) == (
        "1a",
        ["Do."],
        ["Step one.", "Step two."],
        "2026-03-31",
    )
    assert second.ref == "1b"


def test_merged_cells_in_a_word_table():
    import docx

    word = docx.Document()
    table = word.add_table(rows=4, cols=5)
    for cell, text in zip(table.rows[0].cells, ["Ref", *FOUR], strict=True):
        cell.text = text
    table.cell(1, 0).merge(table.cell(1, 4)).text = "Priority 3: Moving on"
    for column, text in enumerate(["3a", "Do.", "Step one.", "Better.", "Counted."]):
        table.cell(2, column).text = text
    table.cell(3, 2).text = "Step two."
    table.cell(2, 0).merge(table.cell(3, 0))  # the reference spans two rows
    table.cell(2, 1).merge(table.cell(3, 1))
    buffer = io.BytesIO()
    word.save(buffer)
    rows = read_docx(buffer.getvalue()).blocks[0].rows
    assert rows[1] == ["Priority 3: Moving on", "", "", "", ""]
    assert rows[3] == ["", "", "Step two.", "", ""]
    plan = parse_bytes(buffer.getvalue(), "plan.docx")
    assert [(p.number, p.title) for p in plan.priorities] == [(3, "Moving on")]
    assert [(a.ref, a.what, a.how) for a in plan.actions] == [("3a", ["Do."], ["Step one.", "Step two."])]


def test_reference_written_at_the_start_of_the_action():
    rows = [
        ["Action", "How", "Impact", "Measures"],
        ["1a. We will listen.", "x", "y", "z"],
        ["1b – We will act.", "x", "y", "z"],
    ]
    plan = parse_tables(doc(rows))
    assert [(a.ref, a.what) for a in plan.actions] == [("1a", ["We will listen."]), ("1b", ["We will act."])]


def test_a_sheet_per_priority_and_hidden_sheets():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Priority 1 - Being heard"
    book.active.append(["Ref", *FOUR])
    book.active.append(row("1a"))
    second = book.create_sheet("Priority 2 - Getting there")
    second.append(["Ref", *FOUR])
    second.append(row("2a"))
    lists = book.create_sheet("Lists")
    lists.append(["Green", "Amber", "Red"])
    lists.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    plan = parse_bytes(buffer.getvalue(), "tracker.xlsx")
    assert [(p.number, p.title, [a.ref for a in p.actions]) for p in plan.priorities] == [
        (1, "Being heard", ["1a"]),
        (2, "Getting there", ["2a"]),
    ]
    assert plan.unassigned == [] and plan.warnings == []


def test_priority_in_an_unlabelled_column():
    rows = [
        ["", "Ref", *FOUR],
        ["Priority 1: Early help", *row("1a")],
        ["", *row("1b")],
        ["Priority 2: Later", *row("2a")],
    ]
    plan = parse_tables(doc(rows))
    assert [(p.number, p.title, [a.ref for a in p.actions]) for p in plan.priorities] == [
        (1, "Early help", ["1a", "1b"]),
        (2, "Later", ["2a"]),
    ]
    assert plan.unassigned == []


def test_a_summary_table_in_a_plan_written_as_text_does_not_make_it_a_table_plan():
    labels = [Paragraph(label, bold=True) for label in FOUR * 3]
    summary = Table([["Priority", "What we will do"], ["1", "Listen"], ["2", "Include"]])
    assert not has_action_table(Document(format="docx", blocks=[summary, Paragraph("1a"), *labels]))
    assert has_action_table(Document(format="docx", blocks=[Table([["Ref", *FOUR], row("1a"), row("1b")])]))


@pytest.mark.parametrize(
    "objective,steps",
    [
        ("Objective", "Actions"),
        ("Action", "Actions"),
        ("Objective", "Actions / milestones"),
        ("Objectives", "Key actions"),
    ],
)
def test_objective_beside_actions_columns(objective, steps):
    headers = [
        "Ref",
        objective,
        steps,
        "Outcomes for CYP",
        "How we will measure success",
        "Responsible officer",
    ]
    headers.append("Deadline")
    plan = parse_tables(
        doc(
            [
                headers,
                ["2a", "Aim.", "First step.\nSecond step.", "Better.", "Counted.", "Jo Bloggs", "Sept 2025"],
            ]
        )
    )
    action = plan.actions[0]
    assert (action.what, action.how, action.impact, action.measures) == (
        ["Aim."],
        ["First step.", "Second step."],
        ["Better."],
        ["Counted."],
    )
    assert (action.lead, action.due) == ("Jo Bloggs", "2025-09-30")
    assert not [m for m in messages(plan) if "column" in m]


def test_actions_column_alone_is_what_we_will_do():
    plan = parse_tables(doc([["Ref", "Actions", "Milestones"], ["1a", "Aim.", "Step."]]))
    assert (plan.actions[0].what, plan.actions[0].how) == (["Aim."], ["Step."])


def test_action_cards_with_the_reference_as_first_label():
    import docx

    word = docx.Document()
    word.add_heading("Lowmoor SEND Plan", 0)
    word.add_heading("Priority 1: Early help", 1)
    for number, name in ((1, "one"), (2, "two")):
        table = word.add_table(rows=0, cols=2)
        for label, value in (
            (f"Action 1.{number}", f"Train staff {name}."),
            ("Objective", f"Every nursery {name}."),
            ("Key actions", "Run a course.\nBook a venue."),
            ("Expected outcomes", "Children helped sooner."),
            ("Success criteria / KPIs", "Waits fall."),
            ("Responsible officer", "Head of Early Years"),
            ("Deadline", "Sept 2025"),
        ):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    buffer = io.BytesIO()
    word.save(buffer)
    plan = parse_bytes(buffer.getvalue(), "cards.docx")
    assert [(p.number, p.title) for p in plan.priorities] == [(1, "Early help")]
    assert [(a.ref, a.what, a.how, a.impact, a.measures, a.lead, a.due) for a in plan.actions] == [
        (
            f"1.{number}",
            [f"Train staff {name}.", f"Every nursery {name}."],
            ["Run a course.", "Book a venue."],
            ["Children helped sooner."],
            ["Waits fall."],
            "Head of Early Years",
            "2025-09-30",
        )
        for number, name in ((1, "one"), (2, "two"))
    ]
    assert plan.unassigned == []


@pytest.mark.parametrize(
    "totals",
    [
        ["Total actions", "", "3"],
        ["Totals", "3", "2", "", "", "", "100%"],
        ["Count", "", "", "1,024"],
        ["Summary of actions", "", "3"],
    ],
)
def test_a_totals_row_is_not_part_of_the_last_action(totals):
    totals = totals + [""] * (7 - len(totals))
    headers = ["Ref", *FOUR, "Lead", "% complete"]
    plan = parse_tables(
        doc([headers, row("1a", *["Do.", "Step.", "Better.", "Counted.", "Jo", "50%"]), totals])
    )
    action = plan.actions[0]
    assert (action.ref, action.what, action.how, action.impact, action.measures) == (
        "1a",
        ["Do."],
        ["Step."],
        ["Better."],
        ["Counted."],
    )
    assert [a.ref for a in plan.actions] == ["1a"]
    label, *numbers = [cell for cell in totals if cell]
    assert plan.unassigned == ["1a – % complete: 50%", f"{label}: {' | '.join(numbers)}"]
    assert not [m for m in messages(plan) if "is not part of the plan" in m and "Ref" in m]


def test_a_row_starting_with_total_but_holding_words_is_read_as_usual():
    plan = parse_tables(doc([["Ref", *FOUR], row("1a"), row("1b", "Total communication training.")]))
    assert [a.ref for a in plan.actions] == ["1a", "1b"]
    assert plan.actions[1].what == ["Total communication training."]


def test_references_typed_as_numbers_keep_their_trailing_zero():
    def build(book):
        sheet = book.active
        sheet.append(["Ref", *FOUR])
        for number in range(1, 13):
            sheet.append([float(f"1.{number}"), f"Do {number}.", "Step.", "Better.", "Counted."])
        sheet.append([2.1, "Do 2.1.", "Step.", "Better.", "Counted."])
        sheet.append([2.2, "Do 2.2.", "Step.", "Better.", "Counted."])

    buffer = io.BytesIO()
    import openpyxl

    book = openpyxl.Workbook()
    build(book)
    book.save(buffer)
    plan = parse_tables(read_xlsx(buffer.getvalue(), "t.xlsx"))
    refs = [f"1.{n}" for n in range(1, 13)] + ["2.1", "2.2"]
    assert [a.ref for a in plan.actions] == refs
    assert plan.actions[9].what == ["Do 10."]
    assert any("'1.1'" in m and "'1.10'" in m for m in messages(plan))
    assert not [m for m in messages(plan) if "more than once" in m]


def test_warnings_follow_a_reference_given_back_its_trailing_zero():
    rows = [["Ref", *FOUR, "Due"]] + [
        row(f"1.{n}", *["Do.", "Step.", "Better.", "Counted."], "") for n in range(1, 10)
    ]
    rows.append(row("1.1", "Do 10.", "Step.", "Better.", "Counted.", "TBC"))
    plan = parse_tables(doc(rows))
    assert ("1.10", "1.10: target date 'TBC' is not a date") in [(w.ref, w.message) for w in plan.warnings]


def test_a_repeated_reference_not_after_its_zero_form_is_still_reported():
    plan = parse_tables(doc([["Ref", *FOUR], row("1.1"), row("1.2"), row("1.1")]))
    assert [a.ref for a in plan.actions] == ["1.1", "1.2", "1.1-2"]


def test_bold_title_then_priority_heading_over_action_cards():
    import docx

    word = docx.Document()
    word.add_paragraph().add_run("Oakmere Accelerated Progress Plan").bold = True
    for number, theme in ((1, "Early help"), (2, "Plans on time")):
        word.add_heading(f"Priority {number} – {theme}", 1)
        table = word.add_table(rows=0, cols=2)
        for label, value in (
            ("Reference", f"{number}a"),
            *zip(FOUR, ("Do.", "Step.", "Better.", "Counted."), strict=True),
        ):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    buffer = io.BytesIO()
    word.save(buffer)
    plan = parse_bytes(buffer.getvalue(), "cards.docx")
    assert plan.title == "Oakmere Accelerated Progress Plan"
    assert [(p.number, p.title) for p in plan.priorities] == [(1, "Early help"), (2, "Plans on time")]
    assert not [m for m in messages(plan) if "has no title" in m]


def test_a_priority_heading_is_never_the_plan_title():
    document = Document(
        format="docx",
        blocks=[Paragraph("Priority 1: Early help", heading=1), Table([["Ref", *FOUR], row("1a")])],
    )
    plan = parse_tables(document)
    assert plan.title is None
    assert plan.priorities[0].title == "Early help"


def test_a_warning_repeated_by_continuation_rows_is_given_once_per_action():
    headers = ["Ref", *FOUR, "Due", "Status"]
    rows = [
        headers,
        row("1a", "Do.", "Step one.", "Better.", "Counted.", "Ongoing", "Paused"),
        ["", "", "Step two.", "", "", "Ongoing", "Paused"],
        ["", "", "Step three.", "", "", "Ongoing", ""],
        row("1b", "Do.", "Step.", "Better.", "Counted.", "Ongoing", ""),
    ]
    plan = parse_tables(doc(rows))
    assert plan.actions[0].how == ["Step one.", "Step two.", "Step three."]
    warnings = [(w.ref, w.message) for w in plan.warnings]
    assert warnings.count(("1a", "1a: target date 'Ongoing' is not a date")) == 1
    assert ("1b", "1b: target date 'Ongoing' is not a date") in warnings  # another action: its own warning
    assert len([m for r, m in warnings if r == "1a" and "status 'Paused'" in m]) == 1


def test_an_action_card_as_running_text_paragraphs():
    from sendplan.plans.parsing.flow import parse_flow
    from sendplan.plans.parsing.tabular import card_paragraphs

    card = Table(
        [
            ["Action 1.1", "We will train staff."],
            ["Objective", "Every nursery is confident."],
            ["Key actions", "Run a course.\nBook a venue."],
            ["Expected outcomes", "Children helped sooner."],
            ["Success criteria / KPIs", "Waits fall."],
            ["Responsible officer", "Head of Early Years"],
            ["Deadline", "Sept 2025"],
            ["Notes", "Funded from the grant."],
        ]
    )
    paragraphs = card_paragraphs(card)
    assert [p.text for p in paragraphs] == [
        "1.1",
        "What will we do?",
        "We will train staff.",
        "Every nursery is confident.",
        "How will we achieve this?",
        "Run a course.",
        "Book a venue.",
        "What impact will this have?",
        "Children helped sooner.",
        "How will we know we have achieved?",
        "Waits fall.",
        "Lead: Head of Early Years",
        "Target date: Sept 2025",
        "Notes: Funded from the grant.",
    ]
    plan = parse_flow(
        Document(format="docx", blocks=[Paragraph("Priority 1: Early help", heading=1), *paragraphs])
    )
    action = plan.actions[0]
    assert (action.ref, action.lead, action.due, action.how) == (
        "1.1",
        "Head of Early Years",
        "2025-09-30",
        ["Run a course.", "Book a venue."],
    )
    assert card_paragraphs(Table([["Ref", *FOUR], row("1a")])) is None  # a table of rows
    assert card_paragraphs(Table([["Name", "Jo"], ["Phone", "0123"]])) is None  # not a plan's labels
