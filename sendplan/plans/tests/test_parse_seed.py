"""The real plan in ../shared/seeds through the parser (mandatory under CI=true)."""

import pytest

from sendplan.plans.parsing import parse_file


@pytest.fixture(scope="module")
def parsed(seed_plan):
    return parse_file(seed_plan)


def refs(plan):
    return [a.ref for a in plan.actions]


def test_five_priorities_and_sixty_two_actions(parsed):
    expected = (
        [f"1{c}" for c in "abcd"]
        + [f"2{c}" for c in "abcdefghijklmno"]
        + [f"3{c}" for c in "abcdefghijklm"]
        + [f"4{c}" for c in "abcdefghijklmnopqrstuvw"]
        + [f"5{c}" for c in "abcdefg"]
    )
    assert [p.number for p in parsed.priorities] == [1, 2, 3, 4, 5]
    assert refs(parsed) == expected
    assert len(expected) == 62
    assert parsed.priorities[0].title == "Nothing for us, without us"
    assert parsed.priorities[3].title == "Meaningful support in the right place, at the right time"


def test_nothing_unassigned_and_front_matter_kept(parsed):
    assert parsed.unassigned == []
    assert "Introduction and vision" in parsed.front_matter
    assert "This plan will be owned by the Stoke-on-Trent Executive Board" in parsed.front_matter
    assert parsed.title.startswith("Stoke-on-Trent Local Area SEND")
    assert parsed.format == "text"


def test_damaged_references_repaired_with_warnings(parsed):
    by_ref = {a.ref: a for a in parsed.actions}
    assert by_ref["2l"].what[0].startswith("We will")
    messages = " | ".join(w.message for w in parsed.warnings)
    assert "reference '2' has no letter" in messages
    assert "'3I' read as '3l'" in messages
    assert "'4I' read as '4l'" in messages
    assert "3I" not in refs(parsed) and "4I" not in refs(parsed)


def test_markup_glued_to_reference(parsed):
    by_ref = {a.ref: a for a in parsed.actions}
    assert by_ref["4b"].what == [
        "We will have a robust quality assurance process in place for EHC Plans and be able to "
        "demonstrate the improved quality of plans."
    ]
    assert by_ref["4c"].what == ["The voice of children and young people will be clear in their EHC Plans."]
    assert not any(
        "**" in item
        for a in parsed.actions
        for s in ("what", "how", "impact", "measures")
        for item in getattr(a, s)
    )


def test_repeated_section_not_duplicated(parsed):
    action = {a.ref: a for a in parsed.actions}["2o"]
    assert len(action.impact) == 3
    assert len(set(action.impact)) == 3
    assert any(w.ref == "2o" and "more than once" in w.message for w in parsed.warnings)


def test_missing_section_warned(parsed):
    action = {a.ref: a for a in parsed.actions}["1b"]
    assert action.measures == []
    assert action.impact == [
        "All SEND and education practitioners will be trained in restorative practice and this is implemented "
        "in direct work with children and families",
        "Reduction in complaints.",
    ]
    assert any(w.ref == "1b" and "How will we know" in w.message for w in parsed.warnings)


def test_voice_for_each_priority(parsed):
    voices = {p.number: p.voice for p in parsed.priorities}
    assert voices[1] == [
        "nobody should be left out",
        "know my skills and personality",
        "I feel included when you treat me well and equally",
    ]
    assert all(voices[n] for n in range(1, 6))
    assert len(voices[2]) == 4 and len(voices[5]) == 2


def test_every_body_line_lands_somewhere(parsed, seed_plan):
    """Nothing is lost: each non-empty line after the front matter is an item, a label, a ref or a heading."""
    from sendplan.plans.parsing.normalise import clean_item, match_priority_heading, match_section, split_ref

    lines = seed_plan.read_text(encoding="utf-8").splitlines()
    body = lines[next(i for i, line in enumerate(lines) if line.strip() == "Our plan") + 1 :]
    placed = set(parsed.unassigned)
    for action in parsed.actions:
        for section in ("what", "how", "impact", "measures"):
            placed.update(getattr(action, section))
    for line in body:
        text = clean_item(line)
        if not text or text in placed or match_priority_heading(text) or match_section(text):
            continue
        ref = split_ref(line)
        assert ref and (not ref[1] or match_section(ref[1])), f"lost: {text!r}"


def _fold(text: str, width: int = 78) -> str:
    import textwrap

    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_on_hyphens=False)) if line.strip() else ""
        for line in text.split("\n")
    )


TRANSFORMS = {
    "hard-wrapped at 78 columns": _fold,
    "no blank lines": lambda text: "\n".join(line for line in text.split("\n") if line.strip()),
    "Windows line endings and non-breaking spaces": lambda text: text.replace("\n", "\r\n").replace(
        " will ", "\u00a0will "
    ),
    "indented and with trailing spaces": lambda text: "\n".join(
        ("  " + line + "   ") if line.strip() else line for line in text.split("\n")
    ),
}


@pytest.mark.parametrize("transform", TRANSFORMS)
def test_same_structure_when_the_text_is_mangled(transform, parsed, seed_plan):
    from sendplan.plans.parsing import parse_bytes

    text = TRANSFORMS[transform](seed_plan.read_text(encoding="utf-8"))
    again = parse_bytes(text.encode("utf-8"), "plan.txt")
    if transform.startswith("hard-wrapped"):
        # A sentence that happens to end at the end of a wrapped line ends its item there: the same
        # words in the same sections, perhaps in more items.
        assert _words_by_section(again) == _words_by_section(parsed)
        assert [a.ref for a in again.actions] == [a.ref for a in parsed.actions]
    else:
        assert again.as_json()["priorities"] == parsed.as_json()["priorities"]
    assert again.unassigned == []


def _words_by_section(plan):
    return {
        (a.ref, section): " ".join(getattr(a, section)).split()
        for a in plan.actions
        for section in ("what", "how", "impact", "measures")
    }
