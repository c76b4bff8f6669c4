from django.urls import path

from ripple.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("time-zones/", views.time_zones, name="time_zones"),
]
