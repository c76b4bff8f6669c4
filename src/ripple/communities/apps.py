from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "ripple.communities"
    label = "communities"
    verbose_name = "Communities"

    def ready(self) -> None:
        from ripple.communities.kinds import Notice
        from ripple.core import registry
        from ripple.spaces import links

        registry.nav.register(registry.NavEntry("communities", "Communities", "communities:index", order=50))
        registry.register_kinds(Notice)
        registry.outcomes.register(
            registry.OutcomeSource(
                "communities", "Communities of practice", "ripple.communities.selectors.figures", order=40
            )
        )
        links.register("community", "communities:by_space")
        links.register_directory("community", "communities:index")
