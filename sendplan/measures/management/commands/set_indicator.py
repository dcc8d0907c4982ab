"""sendplan set-indicator SLUG [--polarity higher|lower|neither] [--unit …] [--name …] [--decimals N]"""

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.measures.models import Indicator, Polarity, Unit
from sendplan.measures.services import MeasuresError, set_indicator


class Command(SendplanCommand):
    help = (
        "Set which direction is better (EES files do not say), the unit, name or decimal places of an "
        "indicator, without re-importing. Later imports keep what is set here."
    )

    def add_arguments(self, parser):
        parser.add_argument("indicator", help="Indicator slug")
        parser.add_argument("--polarity", default="", choices=["", *Polarity.values], help="Which is better")
        parser.add_argument("--unit", default="", choices=["", *Unit.values])
        parser.add_argument("--name", default="", help="Name shown on pages")
        parser.add_argument("--decimals", type=int, default=None, help="Decimal places shown (0–6)")

    def handle(self, *args, **options):
        indicator = Indicator.objects.filter(slug=options["indicator"]).first()
        if indicator is None:
            raise UsageError(f"no indicator {options['indicator']!r}")
        if not (options["polarity"] or options["unit"] or options["name"] or options["decimals"] is not None):
            raise UsageError("give at least one of --polarity, --unit, --name, --decimals")
        try:
            changed = set_indicator(
                indicator=indicator,
                polarity=options["polarity"],
                unit=options["unit"],
                name=options["name"],
                decimals=options["decimals"],
            )
        except MeasuresError as exc:
            raise UsageError(str(exc)) from exc
        self.stdout.write(
            f"{indicator.slug}: "
            + (", ".join(f"{k} set to {getattr(indicator, k)}" for k in changed) if changed else "no change")
            + f" ({indicator.get_polarity_display()}, {indicator.get_unit_display().lower()})"
        )
