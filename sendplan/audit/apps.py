from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sendplan.audit"
    label = "audit"
    verbose_name = "Audit trail"
