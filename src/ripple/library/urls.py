from django.urls import include, path

from ripple.library import views

app_name = "library"

urlpatterns = [
    path("", views.index, name="index"),
    path("", include("ripple.library.importing.views")),  # import/, export/ (the import-export feature)
    path("prompts/new/", views.prompt_new, name="prompt_new"),
    path("prompts/pick/", views.pick, name="pick"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("prompts/<int:prompt_id>/", views.prompt, name="prompt"),
    path("prompts/<int:prompt_id>/edit/", views.prompt_edit, name="prompt_edit"),
    path("prompts/<int:prompt_id>/delete/", views.prompt_delete, name="prompt_delete"),
    path("prompts/<int:prompt_id>/fork/", views.prompt_fork, name="prompt_fork"),
    path("prompts/<int:prompt_id>/reuse/", views.prompt_reuse, name="prompt_reuse"),
    path("prompts/<int:prompt_id>/rate/", views.prompt_rate, name="prompt_rate"),
    path("prompts/<int:prompt_id>/favourite/", views.prompt_favourite, name="prompt_favourite"),
    path("prompts/<int:prompt_id>/history/", views.prompt_history, name="prompt_history"),
    path(
        "prompts/<int:prompt_id>/versions/<int:number>/restore/", views.prompt_restore, name="prompt_restore"
    ),
    path("prompts/<int:prompt_id>/lineage/", views.prompt_lineage, name="prompt_lineage"),
    path("prompts/<int:prompt_id>/suggest/", views.suggestion_new, name="suggestion_new"),
    path("prompts/<int:prompt_id>/suggestions/<int:suggestion_id>/", views.suggestion, name="suggestion"),
    path("prompts/<int:prompt_id>/collect/", views.collection_add, name="collection_add"),
    path("collections/", views.collections, name="collections"),
    path("collections/new/", views.collection_new, name="collection_new"),
    path("collections/<int:collection_id>/", views.collection, name="collection"),
    path("collections/<int:collection_id>/edit/", views.collection_edit, name="collection_edit"),
    path(
        "collections/<int:collection_id>/remove/<int:prompt_id>/",
        views.collection_remove,
        name="collection_remove",
    ),
]
