from django.urls import path

from ripple.communities import views

app_name = "communities"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("space/<int:space_id>/", views.by_space, name="by_space"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/decline/", views.decline_invite, name="decline_invite"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/ask/<str:token>/", views.ask, name="ask"),
    path(
        "<slug:slug>/requests/<int:request_id>/approve/",
        views.decide,
        {"decision": "approve"},
        name="approve",
    ),
    path(
        "<slug:slug>/requests/<int:request_id>/decline/",
        views.decide,
        {"decision": "decline"},
        name="decline",
    ),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/members/<int:person_id>/role/", views.set_role, name="role"),
    path("<slug:slug>/post/", views.post, name="post"),
    path("<slug:slug>/prompts/", views.prompt, name="prompt"),
    path("<slug:slug>/endorse/", views.endorse, name="endorse"),
    path("<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/series/", views.series, name="series"),
]
