from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "sendplan.geography"
    label = "geography"
    verbose_name = "Geography"
