from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("import/", views.plan_import, name="plan-import"),
    path("<slug:slug>/import/", views.plan_import, name="plan-revise"),
    path("<slug:slug>/", views.plan_detail, name="plan-detail"),
    path("<slug:slug>/search/", views.plan_search, name="plan-search"),
    path("<slug:slug>/revisions/", views.plan_revisions, name="plan-revisions"),
    path("<slug:slug>/actions/<str:ref>/", views.action_detail, name="action-detail"),
]
