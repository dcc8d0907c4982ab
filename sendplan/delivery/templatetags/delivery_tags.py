"""Template helpers for delivery pages: status and state tags (always the word with the colour)."""

from django import template
from django.utils.html import format_html

from sendplan.delivery.forms import STATE_TAGS
from sendplan.delivery.forms import conflict_rows as _conflict_rows
from sendplan.plans.models import DeliveryStatus
from sendplan.plans.views import STATUS_TAG_CLASSES

register = template.Library()


@register.filter
def status_tag(value):
    if not value:
        return format_html('<span class="govuk-hint">{}</span>', "No update yet")
    status = DeliveryStatus(value)
    return format_html('<strong class="govuk-tag {}">{}</strong>', STATUS_TAG_CLASSES[status], status.label)


@register.filter
def state_tag(update):
    if update is None:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Not started")
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATE_TAGS[update.state], update.get_state_display()
    )


@register.simple_tag
def conflict_rows(conflict, form):
    """(label, saved, yours) rows of a refused save, in the form's words."""
    return _conflict_rows(conflict, form)


@register.filter
def state_label(value):
    """An update's review state in words ("approved" -> "Approved")."""
    from sendplan.delivery.models import Update

    return dict(Update.State.choices).get(value, value)
