from django import template

from ..assessment import fmt

register = template.Library()

TAG_COLOURS = {
    "better": "green",
    "improving": "green",
    "met": "green",
    "similar": "grey",
    "stable": "grey",
    "not yet due": "blue",
    "worse": "red",
    "declining": "red",
    "not met": "red",
    "higher": "purple",
    "lower": "purple",
    "rising": "purple",
    "falling": "purple",
}


@register.filter
def figure(value, indicator):
    """A value as shown: unit and decimals from the indicator; missing values say so."""
    return fmt(value, indicator)


@register.filter
def tag_colour(word) -> str:
    return TAG_COLOURS.get(str(word), "grey")
