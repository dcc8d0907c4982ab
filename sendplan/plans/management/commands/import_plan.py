from pathlib import Path

from django.conf import settings

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.plans.parsing import PlanFormatError
from sendplan.plans.services import plan_import


class Command(SendplanCommand):
    help = (
        "Import a plan document (text, Markdown, Word, Excel, CSV or PDF) in one transaction. "
        "Importing a revised document into an existing plan updates it in place and keeps the earlier revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", help="the plan's short name in web addresses (default: from its title)")
        parser.add_argument(
            "--partnership", help="the partnership that owns a new plan (default: the first one)"
        )
        parser.add_argument("--quiet", action="store_true", help="print the summary line only")

    def handle(self, *args, file, slug, partnership, quiet, **options):
        path = Path(file)
        if not path.is_file():
            raise UsageError(f"{file} does not exist or is not a file")
        if path.stat().st_size > settings.MAX_UPLOAD_BYTES:
            raise UsageError(
                f"{path.name} is {path.stat().st_size / 1048576:.1f} MB, over the "
                f"{settings.MAX_UPLOAD_BYTES / 1048576:.0f} MB limit for a plan document"
            )
        try:
            result = plan_import(
                data=path.read_bytes(), filename=path.name, slug=slug, partnership_name=partnership
            )
        except PlanFormatError as exc:
            raise UsageError(str(exc)) from exc
        self.stdout.write(result.summary)
        self.stdout.write(f"plan: /plans/{result.plan.slug}/")
        if quiet:
            return
        for label, refs in (
            ("added", result.added),
            ("changed", result.changed),
            ("removed", result.removed),
        ):
            if refs and not result.created:
                self.stdout.write(f"{label}: {', '.join(refs)}")
        for warning in result.parsed.warnings:
            prefix = f"{warning.ref}: " if warning.ref and not warning.message.startswith(warning.ref) else ""
            self.stdout.write(f"warning: {prefix}{warning.message}")
        for line in result.parsed.unassigned:
            self.stdout.write(f"unassigned: {line}")
