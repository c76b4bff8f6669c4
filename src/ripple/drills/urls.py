from django.urls import path

from ripple.drills import views

app_name = "drills"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("calibration/", views.calibration, name="calibration"),
    path("<int:drill_id>/", views.drill, name="drill"),
    path("<int:drill_id>/reveal/", views.reveal, name="reveal"),
]
