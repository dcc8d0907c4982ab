"""The page header names the partnership the page is about."""

import pytest

from sendplan.core.services import partnership_get_or_create
from sendplan.plans.models import Plan


def header(client, url):
    html = client.get(url).content.decode()
    start = html.index('class="govuk-generic-header__homepage-link">') + len(
        'class="govuk-generic-header__homepage-link">'
    )
    return html[start : html.index("<", start)]


@pytest.mark.django_db
def test_header_name(client, settings):
    settings.SENDPLAN_PARTNERSHIP_NAME = "Service Name"
    assert header(client, "/plans/") == "Service Name"
    east = partnership_get_or_create(name="East Partnership")
    Plan.objects.create(partnership=east, title="East plan", slug="east")
    assert header(client, "/plans/") == "East Partnership"  # the only partnership
    west = partnership_get_or_create(name="West Partnership")
    Plan.objects.create(partnership=west, title="West plan", slug="west")
    assert header(client, "/plans/") == "Service Name"  # several: the service's own name
    assert header(client, "/plans/west/") == "West Partnership"
    assert header(client, "/plans/east/") == "East Partnership"
