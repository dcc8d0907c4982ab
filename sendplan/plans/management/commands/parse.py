import json

from sendplan.core.commands import SendplanCommand, UsageError
from sendplan.plans.parsing import PlanFormatError, parse_file


class Command(SendplanCommand):
    help = "Parse a plan document (text, Markdown, Word, Excel, CSV or PDF) without saving it."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="print the structure as JSON (the default)")

    def handle(self, *args, file, **options):
        try:
            plan = parse_file(file)
        except PlanFormatError as exc:
            raise UsageError(str(exc)) from exc
        self.stdout.write(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
