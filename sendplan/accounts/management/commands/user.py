"""sendplan user add USERNAME --role ROLE --org ORG [--name "Full Name"] [--email E] [--password P];
sendplan user list."""

import getpass
import sys

from django.core.exceptions import ValidationError

from sendplan.accounts.models import Membership, Role
from sendplan.accounts.services import default_partnership, organisation_get_or_create, user_add
from sendplan.core.commands import SendplanCommand, UsageError


class Command(SendplanCommand):
    help = "Add people (creating their organisation if it is new) and list them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        add = sub.add_parser("add", help="Add a user to an organisation with a role")
        add.add_argument("username")
        add.add_argument("--role", required=True, choices=Role.values)
        add.add_argument("--org", required=True, help="Organisation name (created if new)")
        add.add_argument("--name", default="", help='Full name shown to people, e.g. "Asha Patel"')
        add.add_argument("--email", default="")
        add.add_argument(
            "--password",
            help="Password; without it you are asked when at a terminal, else the password is unusable",
        )
        add.add_argument("--partnership", help="Partnership slug (needed only when several exist)")
        sub.add_parser("list", help="List users with their organisation and role")

    def handle(self, *args, subcommand, **options):
        if subcommand == "list":
            for m in Membership.objects.select_related("user", "organisation"):
                self.stdout.write(
                    f"{m.user.username}\t{m.user.get_full_name()}\t{m.role}\t{m.organisation.name}\t{m.user.email}"
                )
            return
        password = options["password"]
        if password is None and sys.stdin.isatty():
            password = getpass.getpass("Password (empty for none): ") or None
        try:
            partnership = default_partnership(slug=options["partnership"])
            organisation = organisation_get_or_create(
                partnership=partnership, name=options["org"], source="cli"
            )
            user = user_add(
                username=options["username"], role=options["role"], organisation=organisation,
                email=options["email"], password=password, name=options["name"], source="cli",
            )  # fmt: skip
        except ValidationError as exc:
            raise UsageError(" ".join(exc.messages)) from exc
        who = f"{user.username} ({user.get_full_name()})" if user.get_full_name() else user.username
        self.stdout.write(f"added {who} as {options['role']} to {organisation.name}")
