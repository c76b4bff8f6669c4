from django.urls import path

from ripple.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("cohorts/", views.coming_soon, {"section": "cohorts"}, name="cohorts"),
    path("showcase/", views.coming_soon, {"section": "showcase"}, name="showcase"),
    path("communities/", views.coming_soon, {"section": "communities"}, name="communities"),
    path("insights/", views.coming_soon, {"section": "insights"}, name="insights"),
]
