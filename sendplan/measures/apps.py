from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "sendplan.measures"
    label = "measures"
    verbose_name = "Measures of impact"
