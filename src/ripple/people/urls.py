from django.urls import path

from ripple.people import views
from ripple.people.manage import views as manage

app_name = "people"

urlpatterns = [
    path("signin/", views.sign_in, name="login"),
    path("signout/", views.SignOut.as_view(), name="logout"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("invite/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("people/", views.directory, name="directory"),
    path("people/me/", views.me, name="me"),
    path("people/pick/", views.pick, name="pick"),
    path("people/me/first-steps/", views.first_steps, name="first_steps"),
    path("people/<int:person_id>/", views.profile, name="profile"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/tokens/", views.token_create, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("manage/people/", views.admin_people, name="admin_people"),
    path("manage/people/<int:person_id>/role/", views.admin_set_role, name="admin_set_role"),
    path("manage/people/<int:person_id>/active/", views.admin_set_active, name="admin_set_active"),
    path("manage/people/bulk/", manage.bulk, name="admin_bulk"),
    path("manage/people/import/", manage.people_import, name="admin_import"),
    path("manage/structure/", views.admin_structure, name="admin_structure"),
    path(
        "manage/department/<int:pk>/merge/",
        manage.structure_change,
        {"kind": "department", "change": "merge"},
        name="admin_merge_department",
    ),
    path(
        "manage/department/<int:pk>/delete/",
        manage.structure_change,
        {"kind": "department", "change": "delete"},
        name="admin_delete_department",
    ),
    path(
        "manage/team/<int:pk>/merge/",
        manage.structure_change,
        {"kind": "team", "change": "merge"},
        name="admin_merge_team",
    ),
    path(
        "manage/team/<int:pk>/delete/",
        manage.structure_change,
        {"kind": "team", "change": "delete"},
        name="admin_delete_team",
    ),
    path(
        "manage/department/<int:pk>/rename/",
        views.admin_rename,
        {"kind": "department"},
        name="admin_rename_department",
    ),
    path("manage/team/<int:pk>/rename/", views.admin_rename, {"kind": "team"}, name="admin_rename_team"),
    path("manage/invitations/", views.admin_invitations, name="admin_invitations"),
    path(
        "manage/invitations/<int:invitation_id>/revoke/",
        views.admin_invitation_revoke,
        name="admin_invitation_revoke",
    ),
]
