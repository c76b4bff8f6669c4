from django.urls import path

from ripple.library import views

app_name = "library"

urlpatterns = [
    path("", views.index, name="index"),
    path("prompts/<int:prompt_id>/", views.prompt, name="prompt"),
    path("collections/<int:collection_id>/", views.collection, name="collection"),
]
