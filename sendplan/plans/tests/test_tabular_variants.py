"""Tables whose references, column names or layout vary from the usual tracker: dotted references with
a letter, qualified column names, and an action's sections spread over two tables keyed by reference."""

import pytest

from sendplan.plans.parsing.document import Document, Paragraph, Table
from sendplan.plans.parsing.tabular import match_header, parse_tables

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


@pytest.mark.parametrize(
    "header,kind",
    [
        ("Milestone lead", "lead"),
        ("Milestone owner", "lead"),
        ("Responsible lead", "lead"),
        ("Lead officer(s)", "lead"),
        ("Overall RAG (Mar 25)", "status"),
        ("Current RAG", "status"),
        ("Overall status", "status"),
        ("RAG rating (Q2)", "status"),
        ("Status at March 2025", "status"),
        ("Target completion date", "due"),
        ("Revised target date", "due"),
        ("Q1 update", None),
        ("Commentary", None),
        ("Overall comments", None),
    ],
)
def test_delivery_columns_with_a_qualifier(header, kind):
    assert match_header(header) == kind


def test_qualified_delivery_columns_fill_the_action():
    rows = [
        ["Ref", "What will we do?", "Milestone lead", "Overall RAG (Mar 25)", "Q1 update"],
        ["1a", "We will open hubs.", "Hubs Manager", "Amber", "Two posts filled."],
    ]
    plan = parse_tables(tables(rows, fmt="csv"))
    action = plan.actions[0]
    assert (action.lead, action.status) == ("Hubs Manager", "at_risk")
    assert plan.unassigned == ["1a – Q1 update: Two posts filled."]


def test_a_second_table_keyed_by_the_same_references_adds_to_those_actions():
    steps = [
        ["Ref", "Action", "Milestones"],
        ["1a", "We will open hubs.", "Hire staff.\nOpen two hubs."],
        ["1b", "We will name an EP.", "Publish the list."],
    ]
    results = [
        ["Ref", "What impact will this have?", "How will we know we have achieved?"],
        ["1a", "Advice closer to home.", "Contacts rise."],
        ["1b", "Earlier change.", "Fewer requests."],
        ["1a", "", "Contacts rise.\nParents rate hubs highly."],
    ]
    plan = parse_tables(
        tables(
            Paragraph("Priority 1: Early help", heading=1), steps, Paragraph("Impact"), results, fmt="docx"
        )
    )
    assert layout(plan) == [(1, ["1a", "1b"])]
    first, second = plan.actions
    assert first.how == ["Hire staff.", "Open two hubs."]
    assert first.impact == ["Advice closer to home."]
    assert first.measures == ["Contacts rise.", "Parents rate hubs highly."]
    assert (second.what, second.impact, second.measures) == (
        ["We will name an EP."],
        ["Earlier change."],
        ["Fewer requests."],
    )
    assert not any("column" in w.message or "reference" in w.message for w in plan.warnings)


def test_a_reference_repeated_within_one_table_is_still_repaired():
    rows = [["Ref", *FOUR], ["1a", "A.", "", "", ""], ["1b", "B.", "", "", ""], ["1b", "C.", "", "", ""]]
    plan = parse_tables(tables(rows))
    assert [a.ref for a in plan.actions] == ["1a", "1b", "1c"]
    assert [a.what for a in plan.actions] == [["A."], ["B."], ["C."]]


def test_quotations_under_a_voice_label_after_a_priority_table_are_its_voice():
    rows = [["Ref", *FOUR], ["1a", "A.", "B.", "C.", "D."]]
    plan = parse_tables(
        tables(
            Paragraph("Priority 1: Early help", heading=1),
            rows,
            Paragraph("What children and young people told us", bold=True),
            Paragraph("“Listen first.”"),
            Paragraph("What children and young people told us"),  # no quotation under it: kept as text
            Paragraph("The next review is in May."),
            fmt="pdf",
        )
    )
    assert plan.priorities[0].voice == ["Listen first."]
    assert plan.unassigned == ["What children and young people told us", "The next review is in May."]
