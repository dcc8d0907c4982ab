"""Running-text plans written by the tests: each kind of damage, in words other than the seed's."""

import pytest
from django.test import override_settings

from sendplan.plans.parsing import PlanFormatError, parse_bytes
from sendplan.plans.parsing.normalise import map_status, match_column, match_section, parse_due, split_ref


def plan_text(*blocks: str) -> bytes:
    return "\n\n".join(blocks).encode()


HEAD = (
    "Brookfield SEND Improvement Plan 2025-2028",
    "Introduction",
    "Our partnership wrote this plan together.",
)


def action(
    ref,
    what="We will do a thing.",
    how=("Step one.",),
    impact=("Families notice.",),
    measures=("Fewer complaints.",),
):
    parts = [
        ref,
        "What will we do?",
        what,
        "How will we achieve this?",
        *how,
        "What impact will this have?",
        *impact,
    ]
    parts += ["How will we know we have achieved?", *measures]
    return "\n\n".join(parts)


def test_minimal_plan():
    plan = parse_bytes(plan_text(*HEAD, "Priority 1: Being heard", action("1a"), action("1b")), "p.txt")
    assert plan.title == "Brookfield SEND Improvement Plan 2025-2028"
    assert [a.ref for a in plan.actions] == ["1a", "1b"]
    assert plan.actions[0].how == ["Step one."]
    assert plan.warnings == [] and plan.unassigned == []
    assert "Our partnership wrote this plan together." in plan.front_matter


@pytest.mark.parametrize(
    "refs, expected, warned",
    [
        (["3a", "3b", "3", "3d"], ["3a", "3b", "3c", "3d"], "has no letter"),
        (["1a", "1", "1c"], ["1a", "1b", "1c"], "has no letter"),
        (["2j", "2k", "2I", "2m"], ["2j", "2k", "2l", "2m"], "read as '2l'"),
        (["1A", "1B", "1C"], ["1A", "1B", "1C"], None),
        (["1a", "1b", "1b", "1d"], ["1a", "1b", "1c", "1d"], "already used"),
        (["1a", "1b", "1b", "1c"], ["1a", "1b", "1b-2", "1c"], "already used"),
    ],
)
def test_reference_repair(refs, expected, warned):
    number = refs[0][0]
    body = [f"Priority {number}: A priority"] + [action(ref) for ref in refs]
    plan = parse_bytes(plan_text(*HEAD, *body), "p.txt")
    assert [a.ref for a in plan.actions] == expected
    if warned:
        assert any(warned in w.message for w in plan.warnings), plan.warnings


def test_glued_markup_and_markdown_headings():
    text = plan_text(
        "# Plan 2025-27",
        "## Priority 1: Being heard",
        "### 1a",
        "**What will we do?** We will listen.",
        "**How will we achieve this?**",
        "- Run *three* listening events.\n- Publish what we heard.",
        "1b**What will we do?**",
        "We will answer.",
        "How will we achieve this?",
        "* Reply within 20 days",
        "What impact will this have?",
        "Trust.",
        "How will we know we have achieved?",
        "Survey results.",
    )
    plan = parse_bytes(text, "plan.md")
    assert plan.format == "markdown"
    a, b = plan.actions
    assert a.what == ["We will listen."]
    assert a.how == ["Run three listening events.", "Publish what we heard."]
    assert b.what == ["We will answer."] and b.how == ["Reply within 20 days"]
    assert any(w.ref == "1a" and "What impact" in w.message for w in plan.warnings)


def test_repeated_section_items_kept_once_but_new_items_kept():
    body = "\n\n".join(
        [
            "1a",
            "What will we do?",
            "Do it.",
            "What impact will this have?",
            "Impact A.",
            "Impact B.",
            "What impact will this have?",
            "Impact A.",
            "Impact C.",
            "How will we know we have achieved?",
            "Know.",
        ]
    )
    plan = parse_bytes(plan_text(*HEAD, "Priority 1: P", body), "p.txt")
    assert plan.actions[0].impact == ["Impact A.", "Impact B.", "Impact C."]


def test_missing_reference_line_starts_a_new_action():
    second = action("1b").split("\n\n", 1)[1]  # the same action without its reference line
    plan = parse_bytes(plan_text(*HEAD, "Priority 1: P", action("1a"), second, action("1c")), "p.txt")
    assert [a.ref for a in plan.actions] == ["1a", "1b", "1c"]


def test_wording_variations_of_labels():
    body = "\n\n".join(
        [
            "Priority one – Being heard",
            "1a",
            "What we will do:",
            "Listen.",
            "Milestones:",
            "Event held.",
            "Intended impact:",
            "Heard.",
            "Success measures:",
            "Survey.",
        ]
    )
    plan = parse_bytes(plan_text(*HEAD, body), "p.txt")
    assert plan.priorities[0].number == 1 and plan.priorities[0].title == "Being heard"
    act = plan.actions[0]
    assert (act.what, act.how, act.impact, act.measures) == (
        ["Listen."],
        ["Event held."],
        ["Heard."],
        ["Survey."],
    )


def test_lead_due_and_status_lines():
    body = action("1a") + "\n\nLead: Head of Inclusion\n\nTarget date: March 2026\n\nRAG: Amber"
    plan = parse_bytes(plan_text(*HEAD, "Priority 1: P", body), "p.txt")
    act = plan.actions[0]
    assert (act.lead, act.due, act.status) == ("Head of Inclusion", "2026-03-31", "at_risk")


def test_unclear_status_kept_raw_with_warning():
    plan = parse_bytes(
        plan_text(*HEAD, "Priority 1: P", action("1a") + "\n\nStatus: Paused by board"), "p.txt"
    )
    assert plan.actions[0].status == "Paused by board"
    assert any("does not map" in w.message for w in plan.warnings)


def test_hard_wrapped_lines_are_joined():
    body = (
        "1a\n\nWhat will we do?\n\nWe will make sure that every family who asks for help gets an answer within\n"
        "ten working days, and we will publish how we are doing.\n\nHow will we achieve this?\n\n"
        "- Agree a standard.\n- Publish it.\n\nWhat impact will this have?\n\nFaster help.\n\n"
        "How will we know we have achieved?\n\nResponse times."
    )
    plan = parse_bytes(plan_text(*HEAD, "Priority 1: P", body), "p.txt")
    assert len(plan.actions[0].what) == 1 and plan.actions[0].what[0].endswith("how we are doing.")
    assert plan.actions[0].how == ["Agree a standard.", "Publish it."]


def test_voice_in_body_and_unassigned_text():
    body = "\n\n".join(
        [
            "Priority 1: Being heard",
            "What children and young people told us:",
            "“Listen to me”",
            "‘Ask me first’",
            "This priority is about listening.",
            action("1a"),
        ]
    )
    plan = parse_bytes(plan_text(*HEAD, body), "p.txt")
    assert plan.priorities[0].voice == ["Listen to me", "Ask me first"]
    assert plan.unassigned == ["This priority is about listening."]


def test_actions_without_priority_headings_are_filed_by_number():
    plan = parse_bytes(plan_text(*HEAD, action("1a"), action("2a"), action("2b")), "p.txt")
    assert [(p.number, [a.ref for a in p.actions]) for p in plan.priorities] == [
        (1, ["1a"]),
        (2, ["2a", "2b"]),
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"Minutes of the meeting\n\nApologies were received.\n\nAny other business: none.", "no actions"),
        (bytes(range(256)) * 50, "binary"),
    ],
)
def test_bad_text_input(data, message):
    with pytest.raises(PlanFormatError, match=message):
        parse_bytes(data, "plan.txt")


@override_settings(MAX_UPLOAD_BYTES=1000)
def test_over_the_size_limit():
    with pytest.raises(PlanFormatError, match="over the"):
        parse_bytes(b"x" * 1001, "plan.txt")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Green", "on_track"),
        ("G", "on_track"),
        ("amber", "at_risk"),
        ("RED", "off_track"),
        ("Blue", "complete"),
        ("Completed", "complete"),
        ("Not started", "not_started"),
        ("Not yet started", "not_started"),
        ("On track", "on_track"),
        ("Off-track", "off_track"),
        ("RAG: Green", "on_track"),
        ("maybe", None),
        ("", None),
    ],
)
def test_map_status(raw, expected):
    assert map_status(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2026-03-31", "2026-03-31"),
        ("31/03/2026", "2026-03-31"),
        ("31 March 2026", "2026-03-31"),
        ("March 2026", "2026-03-31"),
        ("Mar-26", "2026-03-31"),
        ("Sept 2025", "2025-09-30"),
        ("Q1 2026", "2026-03-31"),
        ("Q4 2025/26", "2026-03-31"),
        ("1st April 2025", "2025-04-01"),
        ("Ongoing", None),
        ("31/02/2026", None),
    ],
)
def test_parse_due(raw, expected):
    assert parse_due(raw) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("What will we do?", ("what", "")),
        ("**How will we achieve this?**", ("how", "")),
        ("How will we know we have achieved?", ("measures", "")),
        ("How will we know?", ("measures", "")),
        ("What impact will this have? Better lives.", ("impact", "Better lives.")),
        ("Impact:", ("impact", "")),
        ("Impact of the new service was good.", None),
        ("How many children?", None),
        ("What matters", None),
    ],
)
def test_match_section(text, expected):
    assert match_section(text) == expected


@pytest.mark.parametrize(
    "header, expected",
    [
        ("Ref", "ref"),
        ("Action ref.", "ref"),
        ("What will we do?", "what"),
        ("How will we achieve this?", "how"),
        ("Milestones", "how"),
        ("Intended impact", "impact"),
        ("Success measures", "measures"),
        ("Lead officer", "lead"),
        ("Target date", "due"),
        ("RAG", "status"),
        ("Priority", "priority"),
        ("Comments", None),
    ],
)
def test_match_column(header, expected):
    assert match_column(header) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1a", ("1a", "")),
        ("4b**What will we do?**", ("4b", "**What will we do?**")),
        ("Action 2c:", ("2c", "")),
        ("35% of children", ("35", "% of children")),
        ("1.2", ("1.2", "")),
        ("1. Develop", None),
    ],
)
def test_split_ref(text, expected):
    assert split_ref(text) == expected


def test_reference_on_the_same_line_as_the_first_words():
    body = "\n\n".join(
        [
            "Priority 1: P",
            "1a We will publish a plain-language guide.",
            "How will we achieve this?",
            "Write it.",
            "What impact will this have?",
            "Clarity.",
            "How will we know we have achieved?",
            "Downloads.",
            "2 children joined the group in May.",
        ]
    )
    plan = parse_bytes(plan_text(*HEAD, body), "p.txt")
    act = plan.actions[0]
    assert act.ref == "1a" and act.what == ["We will publish a plain-language guide."]
    assert act.measures == ["Downloads.", "2 children joined the group in May."]


def test_ragged_csv_is_read_as_a_table_and_loses_nothing():
    data = (
        b"Ref,What will we do?,How will we achieve this?,Impact,Measures\n"
        b"1a,Do A,Step A\n1b,Do B,Step B,Imp B,Meas B,Stray cell\n1c,Do C\n"
    )
    plan = parse_bytes(data, "tracker.csv")
    assert plan.format == "csv"
    assert [(a.ref, a.what) for a in plan.actions] == [("1a", ["Do A"]), ("1b", ["Do B"]), ("1c", ["Do C"])]
    assert plan.unassigned == ["1b: Stray cell"]


def test_several_fields_on_one_line_and_outcome_headings_with_dotted_refs():
    text = plan_text(
        "# Northshire Written Statement of Action 2025 – 2027",
        "## Outcome 1 – Families are listened to",
        "### Action 1.1: Co-produce the Local Offer",
        "**What we will do:** Rebuild it with families.",
        "**Milestones:**\n1. Workshop with parents\n2. New site live",
        "**Intended impact:** Families find information.",
        "**Success measures:**\n- Visits up 20%",
        "**Lead:** Head of SEND | **Target date:** 31/12/2025 | **RAG:** Amber",
        "### Action 1.2: Publish a newsletter",
        "**What we will do:** Send one termly.",
    )
    plan = parse_bytes(text, "wsoa.md")
    first, second = plan.actions
    assert plan.priorities[0].title == "Families are listened to"
    assert (first.ref, second.ref) == ("1.1", "1.2")
    assert first.what == ["Co-produce the Local Offer", "Rebuild it with families."]
    assert first.how == ["Workshop with parents", "New site live"]
    assert (first.lead, first.due, first.status) == ("Head of SEND", "2025-12-31", "at_risk")


@pytest.mark.parametrize(
    "raw, expected",
    [("Spring 2025", "2025-04-30"), ("Summer term 2025", "2025-07-31"), ("Autumn 2025", "2025-12-31"),
     ("by end of March 2026", "2026-03-31")],
)  # fmt: skip
def test_parse_due_terms(raw, expected):
    assert parse_due(raw) == expected


@pytest.mark.parametrize(
    "title, period",
    [("Plan 2024-27", (2024, 2027)), ("Plan 2024/25 to 2026/27", (2024, 2027)), ("Plan 2023", (2023, None)),
     ("A plan", (None, None)), ("SEND 2024 – 2027", (2024, 2027))],
)  # fmt: skip
def test_plan_period(title, period):
    from sendplan.plans.parsing.flow import plan_period

    assert plan_period(title) == period


def test_fields_on_their_own_lines_end_a_list():
    text = plan_text(
        "WESTBURY SEND ACTION PLAN 2024/25 to 2026/27",
        "PRIORITY ONE: EARLY IDENTIFICATION",
        "Action 1A\nWhat are we going to do?\nTrain settings.\nHow will we do it?\n• Training\n"
        "What difference will it make?\nEarlier help.\nHow will we know if it has worked?\n"
        "• More children identified at age 2\nResponsible officer: Early Years Lead\nTimescale: Spring 2025\n"
        "Status: In progress",
    )
    plan = parse_bytes(text, "plan.txt")
    act = plan.actions[0]
    assert act.measures == ["More children identified at age 2"]
    assert (act.lead, act.due, act.status) == ("Early Years Lead", "2025-04-30", "In progress")
    assert plan.priorities[0].title == "EARLY IDENTIFICATION"


def _questions(what="Do it.", how=("Step.",), impact=("Better.",), measures=("Fewer waits.",), labels=None):
    labels = labels or ["What will we do?", "How will we achieve this?", "What impact will this have?",
                        "How will we know we have achieved?"]  # fmt: skip
    return [labels[0], what, labels[1], *how, labels[2], *impact, labels[3], *measures]


@pytest.mark.parametrize(
    "refs, heading, expected",
    [
        (["A1", "A2"], "Priority 1: Early help", ["A1", "A2"]),
        (["P1.1", "P1.2"], "Priority 1: Early help", ["P1.1", "P1.2"]),
        (["(a)", "Action (b)"], "Area for improvement 1: Early help", ["1a", "1b"]),
        (["A1", "A1"], "Priority 1: Early help", ["A1", "A2"]),
        (["A1", "A2", "A1"], "Priority 1: Early help", ["A1", "A2", "A1-2"]),
    ],
)
def test_references_of_other_forms(refs, heading, expected):
    blocks = [heading]
    for ref in refs:
        blocks += [ref, *_questions()]
    plan = parse_bytes(plan_text(*HEAD, *blocks), "p.txt")
    assert [a.ref for a in plan.actions] == expected
    assert plan.priorities[0].title == "Early help"
    assert plan.unassigned == []


def test_plain_numbers_starting_again_in_each_priority():
    blocks = ["Priority 1: One", "Action 1", *_questions(), "Action 2", *_questions(), "Priority 2: Two",
              "Action 1", *_questions()]  # fmt: skip
    plan = parse_bytes(plan_text(*HEAD, *blocks), "p.txt")
    assert [a.ref for a in plan.actions] == ["1.1", "1.2", "2.1"]


def test_other_wordings_of_the_questions():
    labels = [
        "What are we going to do?",
        "Actions/Milestones",
        "Outcomes for CYP",
        "How will we measure impact?",
    ]
    plan = parse_bytes(plan_text(*HEAD, "Priority 1: P", "1a", *_questions(labels=labels)), "p.txt")
    act = plan.actions[0]
    assert (act.what, act.how, act.impact, act.measures) == (
        ["Do it."],
        ["Step."],
        ["Better."],
        ["Fewer waits."],
    )


def test_one_sentence_per_line_without_blank_lines_stays_separate():
    text = (
        "Priority 1: P\n1a\nWhat will we do?\nWe will make sure every setting can spot emerging needs quickly.\n"
        "How will we achieve this?\nTrain early years practitioners in the revised developmental checklist.\n"
        "Run termly inclusion surgeries for nurseries and childminders.\n"
        "Publish a short guide to early support on the Local Offer.\n"
        "What impact will this have?\nHelp before school.\nHow will we know we have achieved?\nChecks rise.\n"
    )
    plan = parse_bytes(plan_text(*HEAD, text), "p.txt")
    assert len(plan.actions[0].how) == 3


def test_inline_label_wrapped_onto_the_next_line():
    text = (
        "Priority 1: P\n\n1a\n\nWhat we will do: We will make sure every early years setting can spot\n"
        "emerging needs and act on them quickly.\n\nHow will we achieve this? Run a course.\n\n"
        "What impact will this have? Sooner help.\n\nHow will we know we have achieved? Waits fall."
    )
    plan = parse_bytes(plan_text(*HEAD, text), "p.txt")
    assert plan.actions[0].what == [
        "We will make sure every early years setting can spot emerging needs and act on them quickly."
    ]


def test_page_furniture_and_back_matter():
    blocks = ["Priority 1: P", "1a", *_questions(how=("Run a course.", "Page 3 of 12", "Book a venue."))]
    blocks += ["Brimley Plan | OFFICIAL", "1b", *_questions(), "Brimley Plan | OFFICIAL", "1c", *_questions()]
    blocks += ["Brimley Plan | OFFICIAL", "Glossary", "EHCP – Education, Health and Care Plan"]
    plan = parse_bytes(plan_text(*HEAD, *blocks), "p.txt")
    assert plan.actions[0].how == ["Run a course.", "Book a venue."]
    assert plan.actions[2].measures == ["Fewer waits."]
    assert plan.unassigned == ["Glossary", "EHCP – Education, Health and Care Plan"]
    assert any("Page 3 of 12" in w.message and "Brimley Plan | OFFICIAL" in w.message for w in plan.warnings)


def test_markdown_quotes_on_consecutive_lines_and_fields_spaced_apart():
    text = (
        "# Plan 2025-27\n\n## Priority 1: P\n\n> “I want someone to notice when I’m struggling before it gets bad.”\n"
        "> “My teacher knows what helps me and doesn’t make a big deal of it.”\n\n### 1a\n\n"
        + "\n\n".join(_questions())
        + "\n\nLead: Head of Early Years    Due: March 2025"
    )
    plan = parse_bytes(text.encode(), "plan.md")
    assert plan.priorities[0].voice == [
        "I want someone to notice when I’m struggling before it gets bad.",
        "My teacher knows what helps me and doesn’t make a big deal of it.",
    ]
    assert (plan.actions[0].lead, plan.actions[0].due) == ("Head of Early Years", "2025-03-31")


def test_a_small_table_of_an_actions_details():
    text = "\n\n".join(
        ["# Plan 2025-27", "## Priority 1: P", "### 1a", *_questions(),
         "| Lead | Due | RAG |\n|---|---|---|\n| Head of SEND | March 2026 | Green |"]
    )  # fmt: skip
    plan = parse_bytes(text.encode(), "plan.md")
    act = plan.actions[0]
    assert (act.lead, act.due, act.status, act.measures) == (
        "Head of SEND",
        "2026-03-31",
        "on_track",
        ["Fewer waits."],
    )


def test_voice_after_the_last_action_and_letters_by_priority():
    blocks = [
        "PRIORITY 1: EARLY HELP",
        "A1",
        *_questions(),
        "WHAT CHILDREN AND YOUNG PEOPLE SAID",
        "“Notice me.”",
    ]
    blocks += ["PRIORITY 2: PLANS", "B1", *_questions(), "C1", *_questions(), "C2", *_questions()]
    plan = parse_bytes(plan_text(*HEAD, *blocks), "p.txt")
    assert plan.priorities[0].voice == ["Notice me."]
    assert plan.actions[0].measures == ["Fewer waits."]
    assert [(p.number, [a.ref for a in p.actions]) for p in plan.priorities] == [
        (1, ["A1"]),
        (2, ["B1"]),
        (3, ["C1", "C2"]),
    ]
    assert any("C1 starts a new letter" in w.message for w in plan.warnings)


def test_first_action_with_a_damaged_reference_is_kept():
    blocks = ["Priority 1: Early help", "Ref 1a (lead: Jo) We will open hubs.", "How will we achieve this?",
              "Appoint staff.", "What impact will this have?", "Advice closer to home.",
              "How will we know we have achieved?", "Visits.", "1b", *_questions()]  # fmt: skip
    plan = parse_bytes(plan_text(*HEAD, *blocks), "p.txt")
    assert [a.ref for a in plan.actions] == ["1a", "1b"]
    assert plan.actions[0].how == ["Appoint staff."]
    assert plan.unassigned == ["Ref 1a (lead: Jo) We will open hubs."]


def test_sub_numbered_references_and_other_priority_words():
    blocks = ["Ambition 1: Early help", "1.1a", *_questions(), "1.2b", *_questions(), "Ambition 2: Plans",
              "Young people said:", "“Be quick.”", "2.1a", *_questions()]  # fmt: skip
    plan = parse_bytes(plan_text(*HEAD, *blocks), "p.txt")
    assert [(p.number, p.title, [a.ref for a in p.actions]) for p in plan.priorities] == [
        (1, "Early help", ["1.1a", "1.2b"]),
        (2, "Plans", ["2.1a"]),
    ]
    assert plan.priorities[1].voice == ["Be quick."]


def test_symbol_font_bullets_web_and_email_furniture():
    text = plan_text(
        "Skip to main content", "Brookfield SEND Improvement Plan 2025-2028", "Priority 1: P", "1a",
        *_questions(how=("\uf0b7 Appoint staff.", "\uf0b7 Train them.")), "Back to top", "Was this page useful?",
        "--", "Sam Smith | SEND Officer",
    )  # fmt: skip
    plan = parse_bytes(text, "p.txt")
    assert plan.title == "Brookfield SEND Improvement Plan 2025-2028"
    assert plan.actions[0].how == ["Appoint staff.", "Train them."]
    assert plan.actions[0].measures == ["Fewer waits."]
    assert plan.unassigned == ["--", "Sam Smith | SEND Officer"]


@pytest.mark.parametrize(
    "text, expected",
    [("1 We will open hubs", ("1", "We will open hubs")), ("2 l", ("2l", "")), ("1.1a", ("1.1a", ""))],
)
def test_split_ref_spacing(text, expected):
    assert split_ref(text) == expected
