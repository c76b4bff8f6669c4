from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "ripple.spaces"
    label = "spaces"
    verbose_name = "Spaces"
