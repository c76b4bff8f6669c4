from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ripple.demo"
    label = "demo"
    verbose_name = "Demo organization"
