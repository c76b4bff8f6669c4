from django.urls import path

from ripple.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("map/", views.ripple_map, name="map"),
    path("report/", views.report, name="report"),
    path("me/", views.mine, name="mine"),
    path("refresh/", views.refresh, name="refresh"),
    path("person/<int:person_id>/", views.person, name="person"),
    path("prompts/<int:prompt_id>/spread/", views.spread, name="spread"),
]
