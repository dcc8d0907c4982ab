"""sendplan tracker export --plan SLUG --user USERNAME FILE.xlsx; sendplan tracker import ... FILE.xlsx."""

from pathlib import Path

from django.contrib.auth import get_user_model

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.delivery import excel, selectors


class Command(SendplanCommand):
    help = "Export a plan's tracker to .xlsx, or import updates from one (all rows or none), as a user."

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["export", "import"])
        parser.add_argument("file", help=".xlsx file to write (export) or read (import)")
        parser.add_argument("--plan", required=True, help="Plan slug")
        parser.add_argument("--user", required=True, help="Act as this user (their permissions apply)")

    def handle(self, *args, subcommand, file, plan, user, **options):
        actor = get_user_model().objects.filter(username__iexact=user, is_active=True).first()
        if actor is None:
            raise UsageError(f"no active user {user!r}")
        try:
            found = selectors.plan(user=actor, slug=plan)
        except Exception as exc:  # Http404
            raise UsageError(f"no plan {plan!r} visible to {user}") from exc
        path = Path(file)
        if subcommand == "export":
            content = excel.export_tracker(user=actor, plan=found).getvalue()
            try:
                path.write_bytes(content)
            except OSError as exc:
                raise UsageError(f"cannot write {file}: {exc.strerror or exc}") from exc
            self.stdout.write(f"wrote {path}")
            return
        if not path.is_file():
            raise UsageError(f"no file {file}")
        try:
            with path.open("rb") as handle:
                result = excel.import_updates(user=actor, plan=found, file=handle, source="import")
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from exc
        if result.errors:
            for line in result.errors[1:]:
                self.stderr.write(line)
            raise UsageError(
                f"nothing imported: {result.errors[0]}"
                + (f" (and {len(result.errors) - 1} more)" if len(result.errors) > 1 else "")
            )
        self.stdout.write(
            f"{result.created} updates added, {result.changed} changed, {result.unchanged} unchanged"
        )
