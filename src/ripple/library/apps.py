from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "ripple.library"
    label = "library"
