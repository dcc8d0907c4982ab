from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendplan.core"
    label = "core"
    verbose_name = "Partnerships"
