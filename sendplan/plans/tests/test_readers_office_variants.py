"""Reader cases beyond the usual layouts: Word's automatic numbering as action references, delimited
text under title lines, and PDF tables and footnotes."""

import pytest

from sendplan.plans.parsing import parse_bytes
from sendplan.plans.parsing.readers_office import detect_format, read_docx
from sendplan.plans.tests.test_readers_office import docx_bytes, pdf_bytes


def numbered_actions(word) -> None:
    word.add_heading("Lindale SEND plan", 0)
    word.add_paragraph("Our aims for the year:")
    word.add_paragraph("Listen to families.", style="List Number")  # a list, not an action
    for priority, actions in (
        ("Priority 1: Early help", ["Open hubs.", "Name an EP."]),
        ("Priority 2: Plans", ["Triage requests."]),
    ):
        word.add_heading(priority, 1)
        for statement in actions:
            word.add_paragraph(f"We will {statement[0].lower()}{statement[1:]}", style="List Number")
            label = word.add_paragraph()
            label.add_run("How will we achieve this?").bold = True
            word.add_paragraph(f"A step for: {statement}", style="List Bullet")


def test_word_numbering_shown_before_an_action_becomes_its_reference():
    doc = read_docx(docx_bytes(numbered_actions))
    texts = [b.text for b in doc.blocks]
    assert texts[texts.index("Priority 1: Early help") + 1 : texts.index("Priority 1: Early help") + 4] == [
        "1",
        "What will we do?",
        "We will open hubs.",
    ]
    # numbers count from 1 again under each heading; a numbered list without labels is left alone
    assert texts[texts.index("Priority 2: Plans") + 1] == "1"
    assert "Listen to families." in texts and texts[texts.index("Listen to families.") - 1] != "1"

    plan = parse_bytes(docx_bytes(numbered_actions), "plan.docx")
    assert [(p.number, [a.ref for a in p.actions]) for p in plan.priorities] == [
        (1, ["1.1", "1.2"]),
        (2, ["2.1"]),
    ]
    first = plan.actions[0]
    assert (first.what, first.how) == (["We will open hubs."], ["A step for: Open hubs."])
    assert plan.unassigned == []


HEADER = "Ref\tWhat will we do?\tHow will we achieve this?\tLead\tRAG"
ROWS = [
    "1a\tWe will open hubs.\tHire staff. ; Open two hubs.\tJo\tGreen",
    "1b\tWe will name an EP.\tPublish a list.\tSam\tRed",
]


@pytest.mark.parametrize(
    "lines",
    [
        ["Moorgate action tracker", "", HEADER, *ROWS],
        ["Moorgate action tracker", "Version 2 (pasted from Excel)", "", HEADER, *ROWS],
        [HEADER, "Priority 1: Early help", *ROWS],
    ],
    ids=["title line", "two title lines", "priority row"],
)
def test_tab_separated_text_with_title_lines_or_spanning_rows_is_a_table(lines):
    data = "\n".join(lines).encode()
    assert detect_format(data, "tracker.txt") == "csv"
    plan = parse_bytes(data, "tracker.txt")
    assert [a.ref for a in plan.actions] == ["1a", "1b"]
    assert plan.actions[0].how == ["Hire staff.", "Open two hubs."]
    assert (plan.actions[1].lead, plan.actions[1].status) == ("Sam", "off_track")


@pytest.mark.parametrize(
    "text",
    [
        "A plan\n\nWe met, talked, and agreed.\nSchools, colleges, and health.\nMore text here.\nAnd more.\n",
        "Notes\nOne, two, three\nFour\nFive\nSix\nSeven\n",
    ],
)
def test_prose_with_a_few_commas_is_not_a_table(text):
    assert detect_format(text.encode(), "notes.txt") == "text"


def test_pdf_footnote_marks_after_words_are_dropped_and_the_notes_kept():
    body = (
        "<h1>Plan</h1><h2>Priority 1: Early help</h2><p><b>1a</b></p><p><b>How will we know?</b></p>"
        "<ul><li>Plans issued on time rise to 70%.<sup>3</sup></li><li>Fewer complaints<sup>12</sup> each term.</li>"
        "</ul>"
        "<p style='font-size:7pt'><sup>3</sup> Source: SEN2 return.</p>"
    )
    plan = parse_bytes(pdf_bytes(body, "sup,sub{font-size:65%}"), "plan.pdf")  # as Word sets them
    measures = plan.actions[0].measures
    assert measures[:2] == ["Plans issued on time rise to 70%.", "Fewer complaints each term."]
    assert any("Source: SEN2 return." in line for line in plan.unassigned + measures)


@pytest.mark.parametrize(
    "css",
    [
        "td{border:1px solid #000;vertical-align:top}",  # each cell its own box, headings unruled
        "table{border-collapse:collapse} td{border:1px solid #000}",
    ],
    ids=["separate boxes", "collapsed rules"],
)
def test_pdf_table_with_unruled_headings_above_boxed_cells(css):
    steps = "<br>".join(f"Step {n} of this action, written out in full." for n in range(1, 4))
    body = (
        "<h1>Plan</h1><h2>Priority 1: Early help</h2><table>"
        "<tr><th>Ref</th><th>What will we do?</th><th>How will we achieve this?</th><th>Lead</th></tr>"
        f"<tr><td>1a</td><td>We will open hubs.</td><td>{steps}</td><td>Jo</td></tr>"
        "<tr><td>1b</td><td>We will name an EP.</td><td>Publish the list.</td><td>Sam</td></tr></table>"
        "<p><b>What children and young people told us</b></p><p>“Listen first.”</p>"
    )
    plan = parse_bytes(pdf_bytes(body, "@page{size:A5} " + css), "plan.pdf")
    assert [(a.ref, a.lead) for a in plan.actions] == [("1a", "Jo"), ("1b", "Sam")]
    assert plan.actions[0].how == [f"Step {n} of this action, written out in full." for n in range(1, 4)]
    assert plan.priorities[0].voice == ["Listen first."]
    assert plan.unassigned == []
