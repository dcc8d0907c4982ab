import pytest

from sendplan.testing.html import assert_valid_page

from .factories import make_world


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def parse_html():
    """Check a page strictly (valid HTML, a title, unique ids, forms with actions, one h1)."""
    return assert_valid_page
