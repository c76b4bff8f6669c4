from django.apps import AppConfig


class ShowcaseConfig(AppConfig):
    name = "ripple.showcase"
    label = "showcase"
    verbose_name = "Show & tell"

    def ready(self) -> None:
        from ripple.core import registry
        from ripple.notifications import digest
        from ripple.showcase import selectors
        from ripple.showcase.kinds import Learned, Notice

        registry.nav.register(registry.NavEntry("showcase", "Show & tell", "showcase:index", order=40))
        registry.nav.register(
            registry.NavEntry(
                "calendar-feed", "Calendar feed", "showcase:calendar_settings", order=30, placement="account"
            )
        )
        registry.register_kinds(Learned, Notice)
        registry.profile_sections.register(registry.ProfileSection("showcase", "showcase:person", order=30))
        digest.sections.register(
            digest.DigestSection(
                "showcase",
                20,
                build=selectors.digest,
                page_template="showcase/digest/section.html",
                text_template="showcase/digest/section.txt",
                email_template="showcase/digest/section_email.html",
            )
        )
