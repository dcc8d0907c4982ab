"""Site-wide pages: accessibility statement, privacy notice, 404 and 500."""

import pytest
from django.test import RequestFactory

from sendplan.core.models import Partnership
from sendplan.core.views import server_error
from sendplan.testing.html import PageError, assert_valid_page, check_page, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url,heading",
    [("/accessibility/", "Accessibility statement"), ("/privacy/", "Privacy notice")],
)
def test_site_page_names_the_partnership(client, url, heading):
    Partnership.objects.create(name="Riverside SEND and AP Partnership", slug="riverside")
    tree = assert_valid_page(client.get(url))
    assert text_of(tree.find(".//h1")) == heading
    assert text_of(tree.find(".//title")) == f"{heading} – Riverside SEND and AP Partnership"
    assert "Riverside SEND and AP Partnership" in text_of(tree.find(".//main"))


def test_footer_links_to_accessibility_and_privacy(client):
    tree = assert_valid_page(client.get("/accessibility/"))
    footer_links = {text_of(a): a.get("href") for a in tree.find(".//footer").iter("a")}
    assert footer_links == {"Accessibility statement": "/accessibility/", "Privacy notice": "/privacy/"}


def test_header_falls_back_to_the_setting_without_a_partnership(client, settings):
    settings.SENDPLAN_PARTNERSHIP_NAME = "Somewhere Partnership"
    tree = assert_valid_page(client.get("/privacy/"))
    assert text_of(tree.find(".//header")) == "Somewhere Partnership"


def test_unknown_address_gives_the_404_page(client):
    tree = assert_valid_page(client.get("/no/such/page/"), status=404)
    assert text_of(tree.find(".//h1")) == "Page not found"
    assert "/plans/" in {a.get("href") for a in tree.find(".//main").iter("a")}


def test_500_page_renders_without_the_database(settings, django_assert_num_queries):
    settings.SENDPLAN_PARTNERSHIP_NAME = "Somewhere Partnership"
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/broken/"))
    assert response.status_code == 500
    tree = check_page(response.content.decode())
    assert text_of(tree.find(".//h1")) == "Sorry, there is a problem with the service"
    assert text_of(tree.find(".//header")) == "Somewhere Partnership"


def test_500_is_wired_as_the_handler():
    from django.urls import get_resolver

    assert get_resolver().resolve_error_handler(500) is server_error


@pytest.mark.parametrize(
    "html,problem",
    [
        ("<html><head><title>t</title></head><body><h1>x</h1></body></html>", "DOCTYPE"),
        (
            "<!DOCTYPE html><html><head><title>t</title></head><body><h1>x</h1><div><span></div>",
            "invalid HTML",
        ),
        ("<!DOCTYPE html><html><head></head><body><h1>x</h1></body></html>", "no <title>"),
        ("<!DOCTYPE html><title>t</title><h1 id=a>x</h1><p id=a>", 'id "a" is used 2 times'),
        ("<!DOCTYPE html><title>t</title><h1>x</h1><form method=post></form>", "no action"),
        ("<!DOCTYPE html><title>t</title><h1>x</h1><input aria-describedby=hint>", "points at no element"),
        ("<!DOCTYPE html><title>t</title><h1>x</h1><label for=q>Q</label>", "points at no element"),
        ("<!DOCTYPE html><title>t</title><h1>x</h1><a href=#nowhere>x</a>", "points at no element"),
        ("<!DOCTYPE html><title>t</title><p>no heading</p>", "0 <h1>"),
    ],
)
def test_strict_page_check_catches(html, problem):
    with pytest.raises(PageError, match=problem):
        check_page(html)


def test_strict_page_check_accepts_a_valid_page():
    tree = check_page(
        "<!DOCTYPE html><html lang=en><head><title>t</title></head>"
        "<body><h1 id=h>x</h1><form action=/s><label for=q>Q</label><input id=q></form></body></html>"
    )
    assert text_of(tree.find(".//h1")) == "x"
