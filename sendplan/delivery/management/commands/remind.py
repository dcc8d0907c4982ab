"""sendplan remind [--plan SLUG] [--dry-run]: email leads whose updates are due or overdue and owners of
overdue milestones. Safe to run repeatedly: one email per person, period and kind."""

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.delivery.reminders import send_reminders
from sendplan.plans.models import Plan


class Command(SendplanCommand):
    help = "Email reminders for due and overdue updates and overdue milestones (one per person, period and kind)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", help="Only this plan (slug)")
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; send nothing")

    def handle(self, *args, plan=None, dry_run=False, **options):
        plans = None
        if plan:
            plans = list(Plan.objects.filter(slug=plan))
            if not plans:
                raise UsageError(f"no plan {plan!r}")
        sent, skipped = send_reminders(plans=plans, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        for item in sent:
            self.stdout.write(
                f"{verb} {item.kind} to {item.user.get_username()} ({item.period.plan.slug} {item.period.key})"
            )
        for reason in skipped:
            self.stderr.write(f"skipped: {reason}")
        self.stdout.write(f"{len(sent)} reminder(s) {verb}")
