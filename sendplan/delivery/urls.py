from django.urls import path

from . import views

app_name = "delivery"

urlpatterns = [
    path("", views.home, name="home"),
    path("boards/", views.boards, name="boards"),
    path("boards/new/", views.board_edit, name="board-add"),
    path("boards/<int:pk>/", views.board_edit, name="board-edit"),
    path("updates/<int:pk>/", views.update_detail, name="update-detail"),
    path("updates/<int:pk>/check/", views.update_check, name="update-check"),
    path("updates/<int:pk>/review/", views.update_review, name="update-review"),
    path("updates/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence-delete"),
    path("plans/<slug:slug>/", views.tracker, name="tracker"),
    path("plans/<slug:slug>/tracker.xlsx", views.tracker_export, name="tracker-export"),
    path("plans/<slug:slug>/import/", views.tracker_import, name="tracker-import"),
    path("plans/<slug:slug>/periods/", views.periods, name="periods"),
    path("plans/<slug:slug>/actions/<str:ref>/", views.action_detail, name="action-detail"),
    path("plans/<slug:slug>/actions/<str:ref>/owners/", views.ownership_edit, name="ownership-edit"),
    path(
        "plans/<slug:slug>/actions/<str:ref>/milestones/<int:item_id>/",
        views.milestone_edit,
        name="milestone-edit",
    ),
    path("plans/<slug:slug>/actions/<str:ref>/updates/<str:period>/", views.update_edit, name="update-edit"),
]
