from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.plans.models import Plan
from sendplan.plans.services import plan_remove


class Command(SendplanCommand):
    help = "Delete a plan and everything recorded against it (e.g. the bundled example). Asks for --yes."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--yes", action="store_true", help="confirm the deletion")

    def handle(self, *args, slug, yes, **options):
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise UsageError(f"there is no plan '{slug}'")
        if not yes:
            raise UsageError(
                f"this deletes '{plan.title}' with its {plan.actions.count()} actions and everything recorded "
                "against them; run again with --yes to confirm"
            )
        title = plan.title
        plan_remove(plan=plan)
        self.stdout.write(f"removed {title}")
