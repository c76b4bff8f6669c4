from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "ripple.feed"
    label = "feed"
    verbose_name = "Sharing space"

    def ready(self) -> None:
        from ripple.core import registry, search
        from ripple.feed import selectors
        from ripple.feed.kinds import Learned, Notice
        from ripple.feed.models import POST_SEARCH
        from ripple.notifications import digest

        search.register(POST_SEARCH)
        registry.nav.register(registry.NavEntry("feed", "Feed", "feed:index", order=10))
        registry.register_kinds(Learned, Notice)
        registry.profile_sections.register(registry.ProfileSection("feed", "feed:person", order=20))
        registry.first_steps.register(
            registry.FirstStep(
                "topics", "Follow two topics", "feed:topics", order=20, done=selectors.follows_two_topics,
                hint="Hear when someone posts about what you work on.",
            )
        )  # fmt: skip
        registry.first_steps.register(
            registry.FirstStep(
                "share", "Share a first win or ask a question", "feed:new", order=40,
                done=selectors.has_posted, hint="A small win counts: what you did, and the time it saved.",
            )
        )  # fmt: skip
        digest.sections.register(
            digest.DigestSection(
                "feed", 10, build=selectors.digest,
                page_template="feed/digest/section.html",
                text_template="feed/digest/section.txt",
                email_template="feed/digest/section_email.html",
            )
        )  # fmt: skip
