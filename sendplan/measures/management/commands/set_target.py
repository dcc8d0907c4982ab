"""sendplan set-target SLUG --area CODE --period P --value V [--kind baseline|target|forecast] --partnership S"""

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.core.models import Partnership
from sendplan.geography.selectors import area_by_code
from sendplan.measures.models import Indicator, TargetKind
from sendplan.measures.services import MeasuresError, parse_number, set_target


class Command(SendplanCommand):
    help = "Set a partnership's baseline, target or own forecast for an indicator, area and period."

    def add_arguments(self, parser):
        parser.add_argument("indicator", help="Indicator slug")
        parser.add_argument("--area", required=True, help="9-character code or 3-digit LA number")
        parser.add_argument("--period", required=True, help="e.g. 2026, 2025/26, 2025-26, March 2026")
        parser.add_argument("--value", required=True)
        parser.add_argument("--kind", default=TargetKind.TARGET, choices=TargetKind.values)
        parser.add_argument("--partnership", required=True, help="Partnership slug")
        parser.add_argument("--note", default="", help="Where the figure comes from, e.g. the plan's page")

    def handle(self, *args, **options):
        indicator = Indicator.objects.filter(slug=options["indicator"]).first()
        if indicator is None:
            raise UsageError(f"no indicator {options['indicator']!r}")
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise UsageError(f"no partnership {options['partnership']!r}")
        area = area_by_code(code=options["area"])
        if area is None:
            raise UsageError(f"unknown area {options['area']!r}")
        try:
            target = set_target(
                partnership=partnership,
                indicator=indicator,
                area=area,
                kind=options["kind"],
                period=options["period"],
                value=parse_number(options["value"]),
                note=options["note"],
            )
        except MeasuresError as exc:
            raise UsageError(str(exc)) from exc
        self.stdout.write(
            f"{target.get_kind_display()} for {indicator.slug}, {area.name}, {target.period_label}: {target.value:g}"
        )
