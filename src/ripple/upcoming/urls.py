from django.urls import path

from ripple.upcoming import views

app_name = "upcoming"

urlpatterns = [path(f"{key}/", views.coming_soon, {"section": key}, name=key) for key in views.SECTIONS]
