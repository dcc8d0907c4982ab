"""sendplan unlock USERNAME: end a sign-in lockout (clears the user's failed sign-ins, django-axes)."""

from django.core.exceptions import ValidationError

from sendplan.accounts.services import user_unlock
from sendplan.core.commands import SendplanCommand, UsageError


class Command(SendplanCommand):
    help = "Unlock USERNAME after too many failed sign-ins, so they can sign in again at once."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            cleared = user_unlock(username=username, source="cli")
        except ValidationError as exc:
            raise UsageError(" ".join(exc.messages)) from exc
        if cleared:
            self.stdout.write(f"unlocked {username}: failed sign-ins cleared")
        else:
            self.stdout.write(f"{username} was not locked (no failed sign-ins recorded)")
