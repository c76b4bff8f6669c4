from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "ripple.library"
    label = "library"
    verbose_name = "Prompt library"

    def ready(self) -> None:
        from ripple.core import registry, search
        from ripple.library.kinds import Learned, Notice
        from ripple.library.models import PROMPT_SEARCH

        search.register(PROMPT_SEARCH)
        registry.nav.register(registry.NavEntry("library", "Library", "library:index", order=20))
        registry.register_kinds(Learned, Notice)
        registry.profile_sections.register(registry.ProfileSection("library", "library:person", order=10))
