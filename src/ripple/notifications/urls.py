from django.urls import path

from ripple.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read/", views.mark_read, name="read"),
    path("<int:notification_id>/", views.open_notification, name="open"),
    path("badge/", views.badge, name="badge"),
    path("preferences/", views.preferences, name="preferences"),
    path("digest/", views.digest_page, name="digest"),
]
