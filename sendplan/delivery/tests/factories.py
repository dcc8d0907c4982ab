"""Test data built directly with the ORM (independent of the plan importer)."""

from dataclasses import dataclass, field

from sendplan.accounts.models import Organisation, Role
from sendplan.accounts.services import token_create, user_add
from sendplan.core.services import partnership_get_or_create
from sendplan.plans.models import Action, ActionItem, Plan, Priority


def make_plan(*, partnership, slug: str = "test-plan", actions: int = 2, milestones: int = 2) -> Plan:
    plan = Plan.objects.create(
        partnership=partnership, title=f"Plan {slug}", slug=slug, period_start=2024, period_end=2027
    )
    priority = Priority.objects.create(plan=plan, number=1, title="Getting help early")
    for n in range(actions):
        action = Action.objects.create(
            plan=plan, priority=priority, ref=f"1{chr(97 + n % 26)}{n // 26 or ''}", position=n
        )
        ActionItem.objects.create(action=action, section="what", position=0, text=f"Do thing {n}")
        for m in range(milestones):
            ActionItem.objects.create(action=action, section="how", position=m, text=f"Step {m} of {n}")
        ActionItem.objects.create(action=action, section="measures", position=0, text="Fewer waits")
    return plan


@dataclass
class World:
    partnership: object
    council: Organisation
    icb: Organisation
    plan: Plan
    own: Action  # led by the council
    other: Action  # led by the ICB
    users: dict = field(default_factory=dict)

    def token(self, name: str) -> str:
        return token_create(user=self.users[name])

    def auth(self, name: str) -> dict:
        return {"HTTP_AUTHORIZATION": f"Token {self.token(name)}"}


def make_world(*, actions: int = 2) -> World:
    from sendplan.delivery import services

    partnership = partnership_get_or_create(name="Test SEND Partnership")
    council = Organisation.objects.create(partnership=partnership, name="City Council", kind="council")
    icb = Organisation.objects.create(partnership=partnership, name="The ICB", kind="icb")
    users = {}
    for role in Role.values:
        users[role] = user_add(username=role, role=role, organisation=council, email=f"{role}@example.org")
    users["icb_lead"] = user_add(username="icb_lead", role="lead", organisation=icb, email="icb@example.org")
    plan = make_plan(partnership=partnership, actions=actions)
    own, other = plan.actions.order_by("position")[:2]
    services.ownership_set(user=users["manager"], action=own, lead=users["lead"], lead_organisation=council)
    services.ownership_set(user=users["manager"], action=other, lead=users["icb_lead"], lead_organisation=icb)
    return World(
        partnership=partnership, council=council, icb=icb, plan=plan, own=own, other=other, users=users
    )
