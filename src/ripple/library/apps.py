from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "ripple.library"
    label = "library"
    verbose_name = "Prompt library"

    def ready(self) -> None:
        from ripple.core import registry, search
        from ripple.library import selectors
        from ripple.library.kinds import Learned, Notice
        from ripple.library.models import PROMPT_SEARCH

        search.register(PROMPT_SEARCH)
        registry.nav.register(registry.NavEntry("library", "Library", "library:index", order=20))
        registry.register_kinds(Learned, Notice)
        registry.profile_sections.register(registry.ProfileSection("library", "library:person", order=10))
        registry.first_steps.register(
            registry.FirstStep(
                "star", "Star a prompt", "library:index", order=30, done=selectors.has_favourite,
                hint="Starred prompts wait for you under “Favourites”.",
            )
        )  # fmt: skip
