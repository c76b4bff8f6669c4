from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ripple.core"
    label = "core"
    verbose_name = "Ripple core"

    def ready(self) -> None:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
        from django.db.models.signals import post_migrate

        from ripple.core import search
        from ripple.core.ratelimit import Rate

        for name in [n for n in dir(settings) if n.startswith("RATE_")]:
            try:
                Rate.parse(getattr(settings, name))
            except ValueError as exc:  # refuse to start rather than 500 on the first request
                raise ImproperlyConfigured(f"{name}: {exc}") from exc

        # Infrastructure, not business logic: keep the database-maintained search indexes in place.
        post_migrate.connect(search.ensure_indexes, dispatch_uid="ripple.core.search.ensure_indexes")
