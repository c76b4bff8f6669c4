"""The conversation radar's pages under /radar/ (admins only; a harvested author's decline page)."""

from django.urls import path

from ripple.radar import views

app_name = "radar"

urlpatterns = [
    path("", views.index, name="index"),
    path("pockets/<int:channel_id>/", views.pocket, name="pocket"),
    path("connectors/", views.connectors, name="connectors"),
    path("harvest/", views.harvest, name="harvest"),
    path("harvest/<int:candidate_id>/", views.candidate, name="candidate"),
    path("harvest/<int:candidate_id>/reject/", views.candidate_reject, name="candidate_reject"),
    path("harvest/<int:candidate_id>/decline/", views.candidate_decline, name="candidate_decline"),
    path("imports/", views.imports, name="imports"),
    path("imports/<uuid:import_id>/", views.import_job, name="import_job"),
    path("people/", views.identities, name="identities"),
    path("people/<int:identity_id>/link/", views.identity_link, name="identity_link"),
]
