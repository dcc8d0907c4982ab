"""Site-wide pages: the accessibility statement, the privacy notice and the server error page."""

import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    return render(request, "core/privacy.html")


def server_error(request, template_name: str = "500.html"):
    """The 500 page, rendered without the database or context processors (either may be what failed)."""
    try:
        template = loader.get_template(template_name)
        html = template.render({"partnership_name": settings.SENDPLAN_PARTNERSHIP_NAME})
    except Exception:  # the error page must never fail in turn
        logger.exception("Could not render %s", template_name)
        html = "<!DOCTYPE html><html lang='en'><head><title>Sorry, there is a problem with the service</title></head><body><h1>Sorry, there is a problem with the service</h1><p>Try again later.</p></body></html>"
    return HttpResponseServerError(html)
