from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ripple.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from ripple.core import registry

        registry.nav.register(
            registry.NavEntry(
                "inbox", "Inbox", "notifications:inbox", order=10, placement="end",
                badge_url_name="notifications:badge",
            )
        )  # fmt: skip
        registry.nav.register(
            registry.NavEntry("preferences", "Notification preferences", "notifications:preferences",
                              order=30, placement="account")
        )  # fmt: skip
