from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "ripple.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from ripple.core import search
        from ripple.people.models import PEOPLE_SEARCH

        search.register(PEOPLE_SEARCH)
