from django import template

from sendplan.accounts import permissions

register = template.Library()


@register.simple_tag
def user_role(user):
    """The user's role (admin, manager, lead, contributor, viewer) or an empty string."""
    return permissions.role(user) or ""
