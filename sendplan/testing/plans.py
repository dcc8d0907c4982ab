"""Build plans in the database for tests, straight through the ORM (no document, no importer)."""

import string
from datetime import date

from sendplan.core.models import Partnership
from sendplan.plans.models import Action, ActionItem, Plan, PlanRevision, Priority

SECTION_TEXT = {
    "what": "We will {verb} the {topic} for action {ref}.",
    "how": "Milestone {n} of action {ref}: agree the {topic} plan with schools.",
    "impact": "Families will see better {topic} because of action {ref}.",
    "measures": "Measure {n} of action {ref}: {topic} rated good by parents.",
}
TOPICS = ["short breaks", "transport", "speech and language therapy", "annual reviews", "transition"]


def make_plan(
    *,
    slug: str = "test-plan",
    title: str = "Testshire SEND and AP Improvement Plan 2025 to 2028",
    partnership: str = "Testshire SEND and AP Partnership",
    priorities: int = 3,
    actions_per_priority: int = 4,
    items_per_section: int = 2,
    warnings: list | None = None,
    unassigned: list | None = None,
) -> Plan:
    """A plan with ``priorities`` × ``actions_per_priority`` actions (refs 1a, 1b, …), each with every
    section filled, one revision, and a voice quote per priority. Action 1a has a lead, date and status.
    """
    owner, _ = Partnership.objects.get_or_create(name=partnership, defaults={"slug": slug + "-partnership"})
    plan = Plan.objects.create(
        partnership=owner,
        title=title,
        slug=slug,
        period_start=2025,
        period_end=2028,
        front_matter="Introduction\n\nThis plan is about children and young people.",
    )
    position = 0
    items = []
    for number in range(1, priorities + 1):
        priority = Priority.objects.create(
            plan=plan,
            number=number,
            title=f"Priority title number {number}",
            voice=[f"“I want to be heard about priority {number}”", "people should listen"],
        )
        for index in range(actions_per_priority):
            ref = f"{number}{_letters(index)}"
            position += 1
            action = Action.objects.create(plan=plan, priority=priority, ref=ref, position=position)
            topic = TOPICS[position % len(TOPICS)]
            for section in ActionItem.Section.values:
                for n in range(1, items_per_section + 1):
                    text = SECTION_TEXT[section].format(verb="improve", topic=topic, ref=ref, n=n)
                    items.append(ActionItem(action=action, section=section, position=n, text=text))
    ActionItem.objects.bulk_create(items)
    Action.objects.filter(plan=plan, ref="1a").update(
        source_lead="Head of SEND Services", source_due=date(2026, 3, 31), source_status="on_track"
    )
    PlanRevision.objects.create(
        plan=plan,
        number=1,
        source_filename=f"{slug}.docx",
        source_format="docx",
        source_sha256="0" * 64,
        content={"warnings": warnings or [], "unassigned": unassigned or []},
        changes={"added": list(plan.actions.values_list("ref", flat=True)), "changed": [], "removed": []},
    )
    return plan


def _letters(index: int) -> str:
    """0 → a, 25 → z, 26 → aa: refs for any number of actions."""
    letters = string.ascii_lowercase
    return letters[index] if index < 26 else _letters(index // 26 - 1) + letters[index % 26]
