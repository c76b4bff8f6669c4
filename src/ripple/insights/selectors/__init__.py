"""Every read insights does (package: one module per view)."""

from ripple.insights.selectors.adoption import adoption, last_refresh, teams
from ripple.insights.selectors.graph import kind_filter, my_ripple, ripple_map
from ripple.insights.selectors.groups import department_filter, department_groups
from ripple.insights.selectors.report import report
from ripple.insights.selectors.spread import spread

__all__ = [
    "adoption",
    "department_filter",
    "department_groups",
    "kind_filter",
    "last_refresh",
    "my_ripple",
    "report",
    "ripple_map",
    "spread",
    "teams",
]
