from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SurveysConfig(AppConfig):
    name = "ripple.surveys"
    label = "surveys"
    verbose_name = "Capability surveys"

    def ready(self) -> None:
        from ripple.core import registry
        from ripple.notifications import digest
        from ripple.surveys import selectors
        from ripple.surveys.kinds import Notice

        if int(getattr(settings, "SURVEY_MIN_GROUP", 5)) < 3:
            raise ImproperlyConfigured("SURVEY_MIN_GROUP can never be below 3.")
        registry.nav.register(
            registry.NavEntry("surveys", "Surveys", "surveys:index", order=25, badge_url_name="surveys:badge")
        )
        registry.register_kinds(Notice)
        digest.sections.register(
            digest.DigestSection(
                "surveys", 5, build=selectors.digest,
                page_template="surveys/digest/section.html",
                text_template="surveys/digest/section.txt",
                email_template="surveys/digest/section_email.html",
            )
        )  # fmt: skip
