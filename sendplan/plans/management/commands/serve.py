from django.conf import settings

from sendplan.core.commands import SendplanCommand


class Command(SendplanCommand):
    help = "Serve sendplan with a production WSGI server (waitress), static files included."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from django.core.management import call_command
        from waitress import serve

        # Collect static files before the application (and its static-file middleware) starts.
        call_command("collectstatic", interactive=False, verbosity=0)

        from sendplan.wsgi import application

        self.stdout.write(
            f"sendplan serving on http://{host}:{port}/ (database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
        )
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="sendplan")
