"""The base class of sendplan's management commands: one-line errors, exit status 2."""

import sys

from django.core.management.base import BaseCommand, CommandError


class UsageError(CommandError):
    """Unusable input: printed as one ``error: …`` line, exit status 2, nothing written."""

    def __init__(self, message: str):
        super().__init__(message, returncode=2)


class SendplanCommand(BaseCommand):
    requires_system_checks = []

    def run_from_argv(self, argv):
        try:
            super().run_from_argv(argv)
        except SystemExit:
            raise
        except CommandError as exc:
            self._fail(str(exc), exc.returncode if exc.returncode != 1 else 2)
        except Exception as exc:  # noqa: BLE001 - a CLI prints a line, never a traceback
            if "--traceback" in argv:
                raise
            self._fail(f"{type(exc).__name__}: {exc}", 1)

    @staticmethod
    def _fail(message: str, code: int) -> None:
        message = " ".join(str(message).split())
        sys.stderr.write(f"error: {message}\n")
        sys.exit(code)
