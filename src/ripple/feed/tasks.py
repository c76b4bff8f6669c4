"""Background work for the sharing space: notification emails and the weekly digest.

Idempotent and safe to retry."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from ripple.core.models import Notification
from ripple.feed import selectors
from ripple.feed.models import NotificationPreference
from ripple.people.models import User


def _wants_email(notification: Notification) -> bool:
    pref = NotificationPreference.objects.filter(
        user_id=notification.recipient_id, kind=notification.kind
    ).first()
    return pref is None or pref.email


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification to its recipient, once (emailed_at marks it sent)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.is_active or not _wants_email(notification):
            return False
        context = {"n": notification, "site_url": settings.SITE_URL}
        send_mail(
            subject=f"Ripple: {notification.text}"[:150],
            message=render_to_string("feed/email/notification.txt", context),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


@task()
def send_pending_notification_emails(limit: int = 500) -> int:
    """Sweep: email notifications created by any app that were not emailed yet (run it from a schedule)."""
    ids = list(
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if send_notification_email.call(pk))


@task()
def send_digest_email(user_id: int) -> bool:
    """Email `user`'s weekly digest: only what they may see, anonymous authors unnamed."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    digest = selectors.digest(viewer=user)
    context = {"digest": digest, "viewer": user, "site_url": settings.SITE_URL}
    send_mail(
        subject="Your week in Ripple",
        message=render_to_string("feed/email/digest.txt", context),
        from_email=None,
        recipient_list=[user.email],
        html_message=render_to_string("feed/email/digest.html", context),
    )
    return True


@task()
def send_weekly_digests() -> int:
    """Queue one digest email per active member."""
    ids = list(User.objects.filter(is_active=True).values_list("pk", flat=True))
    for pk in ids:
        send_digest_email.enqueue(pk)
    return len(ids)
