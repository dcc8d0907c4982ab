"""sendplan link-indicator SLUG --plan PLAN --action REF [--measure N]"""

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.measures.models import Indicator
from sendplan.measures.services import MeasuresError, link_indicator
from sendplan.plans.models import ActionItem, Plan


class Command(SendplanCommand):
    help = "Link an indicator to the plan action (and optionally the success measure) it evidences."

    def add_arguments(self, parser):
        parser.add_argument("indicator", help="Indicator slug")
        parser.add_argument("--plan", required=True, help="Plan slug")
        parser.add_argument("--action", required=True, help="Action reference, e.g. 2k")
        parser.add_argument(
            "--measure", type=int, default=None, help='Number (1, 2, …) of the "How will we know" item'
        )

    def handle(self, *args, **options):
        indicator = Indicator.objects.filter(slug=options["indicator"]).first()
        if indicator is None:
            raise UsageError(f"no indicator {options['indicator']!r}")
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            raise UsageError(f"no plan {options['plan']!r}")
        action = plan.actions.filter(ref=options["action"]).first()
        if action is None:
            raise UsageError(f"plan {plan.slug!r} has no action {options['action']!r}")
        item = None
        if options["measure"] is not None:
            measures = list(action.items.filter(section=ActionItem.Section.MEASURES).order_by("position"))
            if not 1 <= options["measure"] <= len(measures):
                raise UsageError(f"action {action.ref} has {len(measures)} success measure(s)")
            item = measures[options["measure"] - 1]
        try:
            link_indicator(indicator=indicator, action=action, item=item)
        except MeasuresError as exc:
            raise UsageError(str(exc)) from exc
        self.stdout.write(f"{indicator.slug} now evidences {plan.slug} action {action.ref}")
