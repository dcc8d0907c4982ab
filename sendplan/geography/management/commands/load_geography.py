"""sendplan load-geography: reload the shipped area list (``migrate`` already loads it)."""

from sendplan.core.commands import SendplanCommand
from sendplan.geography.services import load_areas


class Command(SendplanCommand):
    help = "Reload England, regions and councils with their codes from the list shipped with sendplan."

    def handle(self, *args, **options):
        self.stdout.write(f"{load_areas()} area codes loaded")
