from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "ripple.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from ripple.core import registry, search
        from ripple.people.models import PEOPLE_SEARCH

        search.register(PEOPLE_SEARCH)
        entry = registry.NavEntry
        for item in (
            entry("people", "People", "people:directory", order=20, placement="end"),
            entry("admin", "Admin", "people:admin_people", order=30, placement="end", admin_only=True),
            entry("profile", "My profile", "people:me", order=10, placement="account"),
            entry("settings", "Settings & API tokens", "people:settings", order=20, placement="account"),
            entry("api-docs", "API docs", "api:openapi-view", order=40, placement="account"),
            entry("signout", "Sign out", "people:logout", order=90, placement="account", method="post"),
        ):
            registry.nav.register(item)
        registry.first_steps.register(
            registry.FirstStep(
                "profile", "Add your skills and department", "people:settings", order=10,
                done=lambda user: bool(user.skills.strip() and user.department_id),
                hint="So colleagues can find you, and questions you could answer find you.",
            )
        )  # fmt: skip
