from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sendplan.plans"
    label = "plans"
    verbose_name = "Plan register"
