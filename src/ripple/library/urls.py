from django.urls import path

from ripple.library import views

app_name = "library"

urlpatterns = [
    path("", views.index, name="index"),
]
