from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("", views.indicator_list, name="indicator-list"),
    path("actions/<slug:plan_slug>/<str:ref>/", views.action_measures, name="action-measures"),
    path("<slug:slug>/", views.indicator_detail, name="indicator-detail"),
]
