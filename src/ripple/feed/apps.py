from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "ripple.feed"
    label = "feed"
