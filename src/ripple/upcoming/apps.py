from django.apps import AppConfig


class UpcomingConfig(AppConfig):
    """Sections on the way: each has a nav entry and a page saying what it will hold, so navigation
    never dead-ends. When an app lands, it registers its own entry and its section leaves SECTIONS."""

    name = "ripple.upcoming"
    label = "upcoming"
    verbose_name = "Sections on the way"

    def ready(self) -> None:
        from ripple.core import registry
        from ripple.upcoming.views import SECTIONS

        # After every built section (theirs are below 80), in the order of SECTIONS.
        for i, (key, (label, _purpose)) in enumerate(SECTIONS.items()):
            registry.nav.register(registry.NavEntry(key, label, f"upcoming:{key}", order=80 + 10 * i))
