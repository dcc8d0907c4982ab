"""sendplan token USERNAME: print a new API token for the user (only its hash is stored)."""

from django.contrib.auth import get_user_model

from sendplan.accounts.services import token_create
from sendplan.core.commands import SendplanCommand, UsageError


class Command(SendplanCommand):
    help = "Print a new API token for USERNAME. Use it as the header 'Authorization: Token <token>'."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise UsageError(f"no user {username!r}")
        if not user.is_active:
            raise UsageError(f"user {username!r} is not active")
        self.stdout.write(token_create(user=user, source="cli"))
