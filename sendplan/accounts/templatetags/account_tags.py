from django import template

from sendplan.accounts import permissions
from sendplan.accounts.models import display_name

register = template.Library()


@register.simple_tag
def user_role(user):
    """The user's role (admin, manager, lead, contributor, viewer) or an empty string."""
    return permissions.role(user) or ""


@register.filter
def person(user):
    """A person as shown on pages: full name, else user name."""
    return display_name(user)
