from django.urls import include, path

from ripple.library import views

app_name = "library"

urlpatterns = [
    path("", views.index, name="index"),
    path("", include("ripple.library.import_views")),  # import/, export/ (the import-export feature)
    path("prompts/<int:prompt_id>/", views.prompt, name="prompt"),
    path("collections/<int:collection_id>/", views.collection, name="collection"),
]
