from django.contrib import admin
from django.urls import include, path, resolve
from django.views.generic import RedirectView

from sendplan.api.main import api

urlpatterns = [
    path("", RedirectView.as_view(url="/plans/", permanent=False)),
    path("plans/", include("sendplan.plans.urls")),
    path("", include("sendplan.core.urls")),
    path("", include("sendplan.accounts.urls")),
    path("delivery/", include("sendplan.delivery.urls")),
    path("audit/", include("sendplan.audit.urls")),
    path("indicators/", include("sendplan.measures.urls")),
    path("api/v1/", api.urls),
    path("api/openapi.json", lambda request: resolve("/api/v1/openapi.json").func(request), name="openapi"),
    path("admin/", admin.site.urls),
]

handler500 = "sendplan.core.views.server_error"
