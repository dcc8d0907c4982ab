import html5lib
import pytest

from .factories import make_world


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def parse_html():
    """Parse a page strictly: invalid HTML, a missing title or a duplicate id fails the test."""

    def parse(response):
        assert response.status_code == 200, response.status_code
        text = response.content.decode()
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        doc = parser.parse(text)
        title = doc.find(".//title")
        assert title is not None and title.text and title.text.strip(), "page has no title"
        ids = [el.get("id") for el in doc.iter() if el.get("id")]
        assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
        for form in doc.iter("form"):
            assert form.get("action") is not None, "a form without an action"
        return doc

    return parse
