"""Every write of the notifications app. `notify` is the one call every app makes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ripple.core import registry
from ripple.notifications import digest
from ripple.notifications.models import Notification, Preference
from ripple.people.models import User
from ripple.spaces import access as space_access
from ripple.spaces.models import Space

# Further delivery channels (webhooks, chat digests…) plug in here from higher layers with
# `add_channel`; email is built in. Called explicitly by `notify`, never through Django signals.
_channels: list[Callable[[Notification], None]] = []
_emails_off: ContextVar[bool] = ContextVar("notification_emails_off", default=False)


def add_channel(deliver: Callable[[Notification], None]) -> None:
    """Call `deliver(notification)` for every notification created from now on (once per callable)."""
    if deliver not in _channels:
        _channels.append(deliver)


@contextmanager
def without_emails() -> Iterator[None]:
    """Inbox notifications only, no emails queued (building the demo organization)."""
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


def wants_email(*, user_id: int, kind: str) -> bool:
    """Whether the person wants `kind` by email: their stored choice, else the kind's default."""
    pref = Preference.objects.filter(user_id=user_id, kind=kind).first()
    if pref is not None:
        return pref.email
    spec = registry.notification_kinds.get(kind)
    return spec.email_default if spec is not None else True


def _queue_email(notification: Notification) -> None:
    if _emails_off.get() or not wants_email(user_id=notification.recipient_id, kind=notification.kind):
        return
    from ripple.notifications import tasks

    notification_id = notification.pk
    transaction.on_commit(lambda: tasks.send_notification_email.enqueue(notification_id))


def notify(
    *,
    recipient: User | None,
    kind: registry.NotificationKind | str,
    text: str,
    url: str = "",
    actor: User | None = None,
    space: Space | int | None = None,
) -> Notification | None:
    """Tell `recipient` something happened; nobody is notified of their own action, nor while deactivated,
    nor of something in a `space` they may not read (`spaces.access`, ADR 0014).

    The email (if the recipient wants this kind by email) is queued after the transaction commits."""
    name = registry.notification_kinds.validate(kind)
    if recipient is None or not recipient.is_active or (actor is not None and actor.pk == recipient.pk):
        return None
    if space is not None and not space_access.can_read(recipient, space):
        return None
    space_id = space if isinstance(space, int) or space is None else space.pk
    notification = Notification.objects.create(
        recipient=recipient,
        actor=actor,
        kind=name,
        text=text[:300],
        url=url[:500],
        space_id=space_id,
        created_at=timezone.now(),
    )
    _queue_email(notification)
    for deliver in _channels:
        deliver(notification)
    return notification


@transaction.atomic
def mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of `user`'s notifications read; returns how many changed."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


@transaction.atomic
def open_notification(*, user: User, notification_id: int) -> str | None:
    """Mark one of `user`'s notifications read and return where it points (None: not theirs)."""
    notification = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification.url


@transaction.atomic
def preferences_save(*, user: User, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store per-type (inbox, email) choices for `user`."""
    for kind, (inbox, email) in choices.items():
        if kind not in registry.notification_kinds:
            raise ValidationError({"kind": f"Unknown notification type “{kind}”."})
        Preference.objects.update_or_create(
            user=user, kind=kind, defaults={"inbox": bool(inbox), "email": bool(email)}
        )


def email_notification(*, notification_id: int) -> bool:
    """Email one notification to its recipient, once (`emailed_at` marks it sent); False if not sent."""

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.is_active:
            return False
        if notification.space_id is not None and not space_access.can_read(
            notification.recipient, notification.space_id
        ):
            return False  # they left the private space since: its news is not theirs any more
        if not wants_email(user_id=notification.recipient_id, kind=notification.kind):
            return False
        context = {"n": notification, "site_url": settings.SITE_URL}
        send_mail(
            subject=f"Ripple: {notification.text}"[:150],
            message=render_to_string("notifications/email/notification.txt", context),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def email_digest(*, user_id: int) -> bool:
    """Send one active person their weekly digest (every registered section); False if they are gone."""

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    context = {"digest": digest.build(viewer=user), "viewer": user, "site_url": settings.SITE_URL}
    send_mail(
        subject="Your week in Ripple",
        message=render_to_string("notifications/email/digest.txt", context),
        from_email=None,
        recipient_list=[user.email],
        html_message=render_to_string("notifications/email/digest.html", context),
    )
    return True
