"""sendplan period open|close PERIOD --plan SLUG; sendplan period list --plan SLUG.

PERIOD is YYYY-MM (monthly) or YYYY-Qn (quarterly).
"""

from django.core.exceptions import ValidationError

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.delivery import services
from sendplan.plans.models import Plan


class Command(SendplanCommand):
    help = "Open, close or list a plan's reporting periods (YYYY-MM monthly, YYYY-Qn quarterly)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, text in [("open", "Open a period (created if new) so updates can be written today"),
                           ("close", "Close a period now")]:  # fmt: skip
            command = sub.add_parser(name, help=text)
            command.add_argument("period", help="YYYY-MM or YYYY-Qn")
            command.add_argument("--plan", required=True, help="Plan slug")
        listing = sub.add_parser("list", help="List the plan's periods")
        listing.add_argument("--plan", required=True, help="Plan slug")

    def handle(self, *args, subcommand, plan, period=None, **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise UsageError(f"no plan {plan!r}")
        if subcommand == "list":
            for p in found.reporting_periods.order_by("starts_on"):
                state = "open" if p.is_open() else "closed"
                self.stdout.write(f"{p.key}\t{p.opens_on}\t{p.closes_on}\t{state}")
            return
        try:
            if subcommand == "open":
                result = services.period_open(user=None, plan=found, key=period, source="cli")
            else:
                result = services.period_close(user=None, plan=found, key=period, source="cli")
        except ValidationError as exc:
            raise UsageError(" ".join(exc.messages)) from exc
        verb = "open" if result.is_open() else "closed"
        self.stdout.write(f"{found.slug} {result.key} is {verb} ({result.opens_on} to {result.closes_on})")
