from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "ripple.radar"
    label = "radar"
    verbose_name = "Conversation radar"

    def ready(self) -> None:
        from ripple.core import registry
        from ripple.radar.kinds import Learned, Notice

        registry.nav.register(
            registry.NavEntry("radar", "Radar", "radar:index", order=70, placement="account", admin_only=True)
        )
        registry.register_kinds(Learned, Notice)
        registry.object_access.register(
            registry.ObjectAccess(
                "radar.message",
                visible_ids="ripple.radar.access.visible_message_ids",
                hidden_ids="ripple.radar.access.hidden_message_ids",
            )
        )
