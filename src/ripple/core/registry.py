"""Where apps plug into core: navigation entries, learning-event kinds and notification kinds.

Core knows no app. Each app describes what it adds (navigation entries, learning-event and notification
kinds, sections of a person's profile, steps of the first-day checklist) and registers it from its
`AppConfig.ready()`:

    from ripple.core import registry
    registry.nav.register(registry.NavEntry("reports", "Reports", "reports:index", order=60))
    registry.learning_kinds.register(registry.LearningKind("read", "Read a report"))
    registry.notification_kinds.register(registry.NotificationKind("report_ready", "Reports ready"))

`object_access` says who may see what a learning event points at; `outcomes` are an app's figures
for insights. Kinds are stored as plain strings and validated against these registries when written,
so adding an app needs no core migration (ADR 0010).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.module_loading import import_string


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


@dataclass(frozen=True)
class NavEntry:
    """A link in the top bar. `placement`: "main" (the sections), "end" (beside the account menu) or
    "account" (inside the account menu). `badge_url_name` names an HTMX endpoint whose answer fills the
    badge after the page loads (the inbox's unread count); `method="post"` draws a form button
    (sign out). `url_name` may take the signed-in person's id when `with_user` is set."""

    name: str
    label: str
    url_name: str
    order: int = 100
    placement: Literal["main", "end", "account"] = "main"
    badge_url_name: str = ""
    admin_only: bool = False
    method: Literal["get", "post"] = "get"


@dataclass(frozen=True)
class LearningKind:
    """A way knowledge moves between people. `transfer` is False for events that record learning
    without a second person (insights count them as activity, not as ripple-map edges)."""

    name: str
    label: str
    transfer: bool = True


@dataclass(frozen=True)
class NotificationKind:
    """A type of inbox notification a person can mute or have emailed (`email_default` when unset)."""

    name: str
    label: str
    email_default: bool = True


@dataclass(frozen=True)
class ProfileSection:
    """A part of a person's profile page that an app fills: `url_name` takes the person's id and answers
    an HTML fragment, loaded after the page (the library's shared prompts, the feed's kudos…)."""

    name: str
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class FirstStep:
    """One item of a new person's first-day checklist (the people app shows it until every step is done
    or the person dismisses it). `done(user)` answers from real data, in one query at most."""

    name: str
    label: str
    url_name: str
    done: Callable[[Any], bool]
    order: int = 100
    hint: str = ""


@dataclass(frozen=True)
class ObjectAccess:
    """Who may see the objects a learning event points at (`LearningEvent.object_type`, e.g.
    "library.prompt"). `visible_ids` is the dotted path of a function
    `(viewer, ids: Iterable[int]) -> set[int]` answering which of `ids` `viewer` may see (in one query);
    `hidden_ids` of `(ids) -> set[int]`: those not everyone may see (private or department-only prompts,
    content of private spaces), which insights never shows as named edges to anyone but those who may.
    An object type nobody registered counts as visible to everyone."""

    name: str  # the object_type, "app_label.model"
    visible_ids: str
    hidden_ids: str


@dataclass(frozen=True)
class OutcomeSource:
    """Figures an app adds to the insights dashboard and the leadership report (cohort completion, a
    challenge's entries, show-and-tell attendance…). `figures` is the dotted path of a function
    `(*, start: date, end: date, department_id: int | None) -> list[dict]` returning rows
    `{"label": str, "value": int | float | str | None, "note": str}`; the app applies its own
    minimum-group-size suppression (value None, note says why)."""

    name: str
    label: str
    figures: str
    order: int = 100


class Registry(Generic[T]):
    """Named entries in registration order; registering the same name twice must be the same entry."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        existing = self._items.get(item.name)
        if existing is not None and existing != item:
            raise ImproperlyConfigured(f"Two different {self.what}s are named “{item.name}”.")
        self._items[item.name] = item
        return item

    def unregister(self, name: str) -> None:
        self._items.pop(name, None)

    def get(self, name: str) -> T | None:
        return self._items.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def names(self) -> list[str]:
        return list(self._items)

    def label(self, name: str) -> str:
        item = self._items.get(name)
        return str(getattr(item, "label", name)) if item is not None else name

    def validate(self, name: str | T, field: str = "kind") -> str:
        """The registered name of `name` (an entry or its name), or a ValidationError naming `field`."""
        key = name if isinstance(name, str) else name.name
        if key not in self._items:
            raise ValidationError({field: f"Unknown {self.what} “{key}”."})
        return key


nav: Registry[NavEntry] = Registry("navigation entry")
learning_kinds: Registry[LearningKind] = Registry("learning-event kind")
notification_kinds: Registry[NotificationKind] = Registry("notification kind")
profile_sections: Registry[ProfileSection] = Registry("profile section")
first_steps: Registry[FirstStep] = Registry("first step")
object_access: Registry[ObjectAccess] = Registry("object access rule")
outcomes: Registry[OutcomeSource] = Registry("outcome source")
# Rows for the leadership report's "pockets and connectors" (the Slack radar fills it when it lands);
# same shape as an outcome source.
report_sources: Registry[OutcomeSource] = Registry("report source")


def visible_object_ids(viewer: Any, object_type: str, ids: Iterable[int]) -> set[int]:
    """Which of `ids` (objects of `object_type`) `viewer` may see; all of them when no rule is registered."""
    wanted = set(ids)
    rule = object_access.get(object_type)
    if rule is None or not wanted:
        return wanted
    return set(import_string(rule.visible_ids)(viewer, wanted)) & wanted


def hidden_object_ids(object_type: str, ids: Iterable[int]) -> set[int]:
    """Which of `ids` not everyone may see; none when no rule is registered."""
    wanted = set(ids)
    rule = object_access.get(object_type)
    if rule is None or not wanted:
        return set()
    return set(import_string(rule.hidden_ids)(wanted)) & wanted


def outcome_rows(source: OutcomeSource, **kwargs: Any) -> list[dict[str, Any]]:
    """The rows of one outcome (or report) source for `start`, `end`, `department_id`."""
    return list(import_string(source.figures)(**kwargs))


def nav_entries(placement: str) -> list[NavEntry]:
    """The entries of one placement, by `order` then name."""
    return sorted((e for e in nav if e.placement == placement), key=lambda e: (e.order, e.name))


def register_kinds(*namespaces: type) -> None:
    """Register every LearningKind and NotificationKind found as a class attribute of `namespaces`
    (an app's `kinds.Learned` and `kinds.Notice`)."""
    for namespace in namespaces:
        for value in vars(namespace).values():
            if isinstance(value, LearningKind):
                learning_kinds.register(value)
            elif isinstance(value, NotificationKind):
                notification_kinds.register(value)
