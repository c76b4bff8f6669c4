from django import template

register = template.Library()
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@register.filter
def cohort_weekday(value: int) -> str:
    """0 → "Monday" … 6 → "Sunday"."""
    try:
        return WEEKDAYS[int(value)]
    except (TypeError, ValueError, IndexError):
        return ""
