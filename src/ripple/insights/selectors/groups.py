"""Departments as insights show them: one under the minimum size is merged with the other small ones
(and the merged group is suppressed while it is still under the minimum); people named only if they
allow it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count

from ripple.people.models import Department, User

MIN_GROUP = 5
SMALL = "small"
NONE = "none"
SMALL_LABEL = "Smaller departments (merged)"
NONE_LABEL = "No department"


@dataclass
class Groups:
    """Department id (0: none) -> group key and label; sizes count active members."""

    key: dict[int, Any] = field(default_factory=dict)
    label: dict[Any, str] = field(default_factory=dict)
    size: dict[Any, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    def of(self, department_id: int | None) -> Any:
        return self.key.get(department_id or 0, NONE if not department_id else SMALL)

    def shown(self, key: Any) -> bool:
        return self.size.get(key, 0) >= MIN_GROUP

    def ordered(self) -> list[Any]:
        named = sorted((k for k in self.label if k not in (SMALL, NONE)), key=lambda k: self.label[k])
        return named + [k for k in (SMALL, NONE) if k in self.label]


def department_groups() -> Groups:
    """Two queries."""
    g = Groups()
    counts: dict[Any, int] = dict(
        User.objects.filter(is_active=True)
        .values_list("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    for pk, name in Department.objects.values_list("pk", "name"):
        g.names[pk] = name
        n = counts.get(pk, 0)
        key: Any = pk if n >= MIN_GROUP else SMALL
        g.key[pk] = key
        g.label[key] = name if key == pk else SMALL_LABEL
        g.size[key] = g.size.get(key, 0) + n
    g.key[0] = NONE
    if counts.get(None):
        g.label[NONE] = NONE_LABEL
        g.size[NONE] = counts[None]
    return g


def department_filter(value: object, groups: Groups) -> int | None:
    """The department id the filter names, or None; ValidationError for one that does not exist."""
    if value in (None, ""):
        return None
    try:
        pk = int(str(value))
    except ValueError as exc:
        raise ValidationError({"department": f"“{value}” is not a department id."}) from exc
    if pk not in groups.names:
        raise ValidationError({"department": f"There is no department {pk}."})
    return pk


def too_small_reason() -> str:
    return f"fewer than {MIN_GROUP} people: shown only merged with other small departments"


@dataclass
class Namer:
    """How a person appears to one viewer: by name, or "Someone in <department>" when they opted out
    (the viewer always sees themself)."""

    viewer_id: int
    groups: Groups
    people: dict[int, tuple[str, int, bool]] = field(default_factory=dict)  # id -> name, dept, named

    def load(self, ids: set[int]) -> Namer:
        missing = [i for i in ids if i not in self.people]
        for pk, name, dept, named in User.objects.filter(pk__in=missing).values_list(
            "pk", "name", "department_id", "insights_named"
        ):
            self.people[pk] = (name, dept or 0, bool(named))
        return self

    def node(self, pk: int) -> str:
        name, dept, named = self.people.get(pk, ("", 0, False))
        if named or pk == self.viewer_id:
            return f"p{pk}"
        return f"g{self.groups.of(dept)}"

    def label(self, node: str) -> str:
        if node.startswith("p"):
            return self.people.get(int(node[1:]), ("Someone", 0, False))[0]
        key = node[1:]
        key_v: Any = int(key) if key.isdigit() else key
        return f"Someone in {self.groups.label.get(key_v, 'another department')}"

    def group(self, node: str) -> Any:
        if node.startswith("p"):
            return self.groups.of(self.people.get(int(node[1:]), ("", 0, False))[1])
        key = node[1:]
        return int(key) if key.isdigit() else key

    def person_id(self, node: str) -> int | None:
        return int(node[1:]) if node.startswith("p") else None
