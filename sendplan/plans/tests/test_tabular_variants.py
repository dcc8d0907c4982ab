"""Tables whose references, column names or layout vary from the usual tracker: dotted references with
a letter, qualified column names, and an action's sections spread over two tables keyed by reference."""

import pytest

from sendplan.plans.parsing.document import Document, Paragraph, Table
from sendplan.plans.parsing.tabular import parse_tables

FOUR = ["What will we do?", "How will we achieve this?", "What impact will this have?", "How will we know?"]


def tables(*blocks, fmt: str = "xlsx") -> Document:
    return Document(
        format=fmt,
        blocks=[
            block if isinstance(block, Paragraph) else Table([list(r) for r in block]) for block in blocks
        ],
    )


def layout(plan) -> list[tuple[int, list[str]]]:
    return [(p.number, [a.ref for a in p.actions]) for p in plan.priorities]


@pytest.mark.parametrize("refs", [["1.1a", "1.2b", "2.1a"], ["1.1A", "1.2B", "2.1A"], ["1.1", "1.2", "2.1"]])
def test_dotted_references_keep_their_form_and_give_the_priority(refs):
    rows = [["Ref", *FOUR, "RAG"]] + [
        [ref, f"We will do {n}.", "A step.", "Better.", "Counted.", "Green"] for n, ref in enumerate(refs)
    ]
    plan = parse_tables(tables(rows))
    assert layout(plan) == [(1, refs[:2]), (2, refs[2:])]
    assert [a.what for a in plan.actions] == [["We will do 0."], ["We will do 1."], ["We will do 2."]]
    assert plan.unassigned == []
    assert not any("not part of the plan" in w.message for w in plan.warnings)
