from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ripple.core"
    label = "core"
    verbose_name = "Ripple core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from ripple.core import search

        # Infrastructure, not business logic: keep the database-maintained search indexes in place.
        post_migrate.connect(search.ensure_indexes, dispatch_uid="ripple.core.search.ensure_indexes")
