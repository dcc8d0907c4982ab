"""The refusal page is the partnership's own, not Django's bare one."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import permission_denied

from sendplan.testing.html import check_page


@pytest.mark.django_db
def test_403_page():
    request = RequestFactory().get("/delivery/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.csp_nonce = "n"
    response = permission_denied(request, PermissionDenied("Only plan managers can set owners."))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do this" in html and "Only plan managers can set owners." in html
    check_page(html)
