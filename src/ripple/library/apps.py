from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "ripple.library"
    label = "library"
    verbose_name = "Prompt library"

    def ready(self) -> None:
        from ripple.core import search
        from ripple.library.models import PROMPT_SEARCH

        search.register(PROMPT_SEARCH)
