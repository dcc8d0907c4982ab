"""sendplan period open|close|list --plan SLUG [YYYY-MM | YYYY-Qn]."""

from django.core.exceptions import ValidationError

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.delivery import services
from sendplan.plans.models import Plan


class Command(SendplanCommand):
    help = "Open, close or list a plan's reporting periods (YYYY-MM monthly, YYYY-Qn quarterly)."

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["open", "close", "list"])
        parser.add_argument("period", nargs="?", help="YYYY-MM or YYYY-Qn (open and close)")
        parser.add_argument("--plan", required=True, help="Plan slug")

    def handle(self, *args, subcommand, period, plan, **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise UsageError(f"no plan {plan!r}")
        if subcommand == "list":
            for p in found.reporting_periods.order_by("starts_on"):
                state = "open" if p.is_open() else "closed"
                self.stdout.write(f"{p.key}\t{p.opens_on}\t{p.closes_on}\t{state}")
            return
        if not period:
            raise UsageError(f"give the period to {subcommand}, e.g. 2025-04")
        try:
            if subcommand == "open":
                result = services.period_open(user=None, plan=found, key=period, source="cli")
            else:
                result = services.period_close(user=None, plan=found, key=period, source="cli")
        except ValidationError as exc:
            raise UsageError(" ".join(exc.messages)) from exc
        verb = "open" if result.is_open() else "closed"
        self.stdout.write(f"{found.slug} {result.key} is {verb} ({result.opens_on} to {result.closes_on})")
