"""Word's automatic list numbering: milestones in a numbered list stay milestones."""

import io

import docx

from sendplan.plans.parsing import parse_bytes

QUESTIONS = [
    "What will we do?",
    "How will we achieve this?",
    "What impact will this have?",
    "How will we know we have achieved?",
]


def _document(with_refs: bool) -> bytes:
    document = docx.Document()
    document.add_paragraph("Millbrook SEND Improvement Plan 2025-2028", style="Title")
    document.add_heading("Priority 1: Early help", level=1)
    for n, ref in enumerate(["1a", "1b"], start=1):
        if with_refs:
            document.add_heading(ref, level=2)
        for question, items in zip(
            QUESTIONS,
            [
                [f"We will do action {n}."],
                [f"First step {n}.", f"Second step {n}.", f"Third step {n}."],
                [f"Impact {n}."],
                [f"Measure {n}."],
            ],
            strict=True,
        ):
            document.add_paragraph().add_run(question).bold = True
            for item in items:
                document.add_paragraph(
                    item, style="List Number" if question == QUESTIONS[1] else "List Bullet"
                )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_numbered_milestones_under_written_references_stay_milestones():
    plan = parse_bytes(_document(with_refs=True), "plan.docx")
    assert [a.ref for a in plan.actions] == ["1a", "1b"]
    assert plan.actions[0].how == ["First step 1.", "Second step 1.", "Third step 1."]
    assert plan.actions[0].impact == ["Impact 1."]
    assert plan.unassigned == []
