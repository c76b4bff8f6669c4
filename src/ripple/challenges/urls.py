from django.urls import path

from ripple.challenges import views

app_name = "challenges"

ENTRY = "<int:challenge_id>/entries/<int:submission_id>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:challenge_id>/", views.detail, name="detail"),
    path("<int:challenge_id>/enter/", views.enter, name="enter"),
    path("<int:challenge_id>/results/", views.results, name="results"),
    path("<int:challenge_id>/publish/", views.publish, name="publish"),
    path("<int:challenge_id>/announce/", views.announce, name="announce"),
    path(ENTRY, views.submission, name="submission"),
    path(ENTRY + "edit/", views.edit, name="edit"),
    path(ENTRY + "vote/", views.vote, name="vote"),
    path(ENTRY + "file/", views.attachment, name="attachment"),
]
