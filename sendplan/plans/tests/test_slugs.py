"""The short name (slug) of an imported plan, derived from its title or its file name."""

import pytest

from sendplan.plans.models import Plan
from sendplan.plans.services import plan_import, slug_from_title

PLAN = """{title}

Priority 1: Being heard

1a

What will we do?

We will listen to families.

How will we achieve this?

Hold listening events.

What impact will this have?

Families feel heard.

How will we know we have achieved?

Survey results improve.
"""


@pytest.mark.parametrize(
    "title,slug",
    [
        ("Fenbridge SEND Improvement Plan 2025–2028", "fenbridge-send-improvement-plan-2025-2028"),
        ("Fenbridge Plan 2025—28", "fenbridge-plan-2025-28"),
        ("Fenbridge Plan 2025/26", "fenbridge-plan-2025-26"),
        ("Fenbridge Plan 2025 - 2028", "fenbridge-plan-2025-2028"),
        ("SEND & AP: Strategy (draft)", "send-ap-strategy-draft"),
        ("–", "plan"),
    ],
)
def test_slug_from_title(title, slug):
    assert slug_from_title(title) == slug


@pytest.mark.django_db
def test_imported_plan_slug_keeps_the_years_apart():
    data = PLAN.format(title="Fenbridge SEND Improvement Plan 2025–2028").encode()
    result = plan_import(data=data, filename="plan.txt")
    assert result.plan.slug == "fenbridge-send-improvement-plan-2025-2028"


@pytest.mark.django_db
def test_a_plan_imported_under_the_old_slug_is_revised_in_place():
    data = PLAN.format(title="Fenbridge SEND Improvement Plan 2025–2028").encode()
    first = plan_import(data=data, filename="plan.txt", slug="fenbridge-send-improvement-plan-20252028")
    again = plan_import(data=data.replace(b"listen to", b"listen well to"), filename="plan.txt")
    assert again.plan.pk == first.plan.pk
    assert Plan.objects.count() == 1
