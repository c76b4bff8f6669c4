from django.urls import path

from ripple.feed import kudos_views, views

app_name = "feed"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.post_new, name="new"),
    path("new/check/", views.check_sensitive, name="check"),
    path("similar/", views.similar, name="similar"),
    path("mentions/", views.mention_people, name="mentions"),
    path("posts/<int:post_id>/", views.post_detail, name="post"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="edit"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="delete"),
    path("posts/<int:post_id>/replies/", views.reply_create, name="reply"),
    path("posts/<int:post_id>/react/", views.react, name="react"),
    path("posts/<int:post_id>/follow/", views.follow, name="follow"),
    path("posts/<int:post_id>/accept/", views.accept, name="accept"),
    path("posts/<int:post_id>/report/", views.report, name="report"),
    path("posts/<int:post_id>/moderate/", views.moderate, name="moderate"),
    path("posts/<int:post_id>/reveal/", views.reveal, name="reveal"),
    path("posts/<int:post_id>/promote/", views.promote, name="promote"),
    path("kudos/", kudos_views.kudos, name="kudos"),
    path("topics/", views.topics, name="topics"),
    path("topics/follow/", views.topic_follow, name="topic_follow"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("digest/", views.digest, name="digest"),
    path("moderation/", views.moderation, name="moderation"),
]
