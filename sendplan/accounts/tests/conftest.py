from sendplan.delivery.tests.conftest import parse_html, world  # noqa: F401
