from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "ripple.feed"
    label = "feed"
    verbose_name = "Sharing space"

    def ready(self) -> None:
        from ripple.core import notifications, search
        from ripple.feed.actions import queue_email
        from ripple.feed.models import POST_SEARCH

        search.register(POST_SEARCH)
        notifications.on_notify(queue_email)
