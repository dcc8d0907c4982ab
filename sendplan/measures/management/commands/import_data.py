"""sendplan import-data FILE [--format ees|lait|table] [--indicator …] [--filter "col=value" …] [--slug …]"""

from pathlib import Path

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.core.models import Partnership
from sendplan.measures.importers.common import ImportError_
from sendplan.measures.services import FORMATS, import_data


class Command(SendplanCommand):
    help = (
        "Import indicator values from an EES tidy CSV, the LAIT long table (parquet/CSV) or a simple table "
        "(indicator, area, period, value). All or nothing; re-importing the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, help="Default: detected from the file")
        parser.add_argument(
            "--indicator", action="append", default=[], help="EES column or LAIT short code (repeatable)"
        )
        parser.add_argument(
            "--filter", action="append", default=[], help='EES filter, e.g. "breakdown=All EHC plans issued"'
        )
        parser.add_argument(
            "--slug", default="", help="Slug of the indicator (default: from the column/code)"
        )
        parser.add_argument("--name", default="", help="Name of the indicator")
        parser.add_argument("--unit", default="", help="percent, count, rate, score or days")
        parser.add_argument("--polarity", default="", help="higher, lower or neither (which is better)")
        parser.add_argument(
            "--partnership", default="", help="Slug of the partnership owning local indicators"
        )
        parser.add_argument(
            "--dictionary", default="", help="LAIT data dictionary CSV (default: beside FILE)"
        )

    def handle(self, *args, **options):
        partnership = None
        if options["partnership"]:
            partnership = Partnership.objects.filter(slug=options["partnership"]).first()
            if partnership is None:
                raise UsageError(f"no partnership {options['partnership']!r}")
        try:
            report = import_data(
                path=Path(options["file"]),
                format=options["format"],
                indicators=options["indicator"],
                filters=options["filter"],
                slug=options["slug"],
                name=options["name"],
                unit=options["unit"],
                polarity=options["polarity"],
                partnership=partnership,
                dictionary=Path(options["dictionary"]) if options["dictionary"] else None,
            )
        except ImportError_ as exc:
            raise UsageError(str(exc)) from exc
        self.stdout.write("\n".join(report.lines()))
