from django.urls import path

from ripple.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("badge/", views.badge, name="badge"),
    path("rounds/<int:round_id>/", views.round_page, name="round"),
    path("rounds/<int:round_id>/results/", views.results, name="results"),
    path("rounds/<int:round_id>/results.csv", views.results_csv, name="results_csv"),
    path("manage/", views.manage, name="manage"),
    path("instruments/new/", views.instrument_new, name="instrument_new"),
    path("instruments/<int:instrument_id>/", views.instrument, name="instrument"),
    path("instruments/<int:instrument_id>/copy/", views.instrument_copy, name="instrument_copy"),
    path("instruments/<int:instrument_id>/version/", views.instrument_version, name="instrument_version"),
    path("instruments/<int:instrument_id>/questions/", views.question_add, name="question_add"),
    path(
        "instruments/<int:instrument_id>/questions/<int:question_id>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "instruments/<int:instrument_id>/questions/<int:question_id>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "instruments/<int:instrument_id>/questions/<int:question_id>/move/",
        views.question_move,
        name="question_move",
    ),
    path("instruments/<int:instrument_id>/rounds/new/", views.round_new, name="round_new"),
]
