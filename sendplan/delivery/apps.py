from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "sendplan.delivery"
    label = "delivery"
    verbose_name = "Delivery tracking"
