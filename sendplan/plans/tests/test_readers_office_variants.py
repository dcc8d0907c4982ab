"""Reader cases beyond the usual layouts: Word's automatic numbering as action references, delimited
text under title lines, and PDF tables and footnotes."""

import io

from sendplan.plans.parsing import parse_bytes
from sendplan.plans.parsing.readers_office import read_docx


def docx_bytes(build) -> bytes:
    import docx

    word = docx.Document()
    build(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


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
