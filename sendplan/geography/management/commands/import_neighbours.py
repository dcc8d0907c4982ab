"""sendplan import-neighbours FILE [--name NAME] [--year YEAR]: DfE statistical neighbour groups."""

from pathlib import Path

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.geography.services import GeographyError, import_neighbours


class Command(SendplanCommand):
    help = "Import DfE's children's services statistical neighbour groups (xlsx as published, or a CSV copy)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--name", default="", help="Name of the set (default: the file name)")
        parser.add_argument(
            "--year", type=int, default=None, help="Publication year (default: from the name)"
        )

    def handle(self, *args, **options):
        try:
            result = import_neighbours(path=Path(options["file"]), name=options["name"], year=options["year"])
        except GeographyError as exc:
            raise UsageError(str(exc)) from exc
        self.stdout.write(
            f"{result.neighbour_set.name} ({result.neighbour_set.year}): {result.councils} councils, "
            f"{result.links} neighbour links"
        )
        for line in result.skipped:
            self.stdout.write(f"skipped {line}")
