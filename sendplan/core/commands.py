"""The base class of sendplan's management commands: one-line errors, exit status 2."""

import sys

from django.core.management.base import BaseCommand, CommandError


class UsageError(CommandError):
    """Unusable input: printed as one ``error: …`` line, exit status 2, nothing written."""

    def __init__(self, message: str):
        super().__init__(message, returncode=2)


class SendplanCommand(BaseCommand):
    """Run from the command line, errors print as ``error: <one line>`` on stderr, never a traceback
    (unless ``--traceback`` is given). Called from code (``call_command``), errors are raised as usual."""

    requires_system_checks = []
    _from_command_line = False

    def run_from_argv(self, argv):
        self._from_command_line = True
        self._traceback = "--traceback" in argv
        super().run_from_argv(argv)

    def execute(self, *args, **options):
        if not self._from_command_line or self._traceback:
            return super().execute(*args, **options)
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            self._fail(str(exc), 2 if exc.returncode == 1 else exc.returncode)
        except Exception as exc:  # noqa: BLE001 - the command line prints a line, never a traceback
            self._fail(f"{type(exc).__name__}: {exc} (run again with --traceback for details)", 1)

    @staticmethod
    def _fail(message: str, code: int) -> None:
        sys.stdout.flush()
        sys.stderr.write("error: " + " ".join(str(message).split()) + "\n")
        sys.exit(code)
