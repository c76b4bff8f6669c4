"""Background work: notification emails and the weekly digest. Thin: the work is in actions.
Idempotent and safe to retry."""

from __future__ import annotations

from django_tasks import task

from ripple.notifications import actions, selectors


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification to its recipient, once."""
    return actions.email_notification(notification_id=notification_id)


@task()
def send_pending_notification_emails(limit: int = 500) -> int:
    """Sweep: email notifications created by any app that were not emailed yet (run it from a schedule)."""
    return sum(
        1 for pk in selectors.pending_email_ids(limit) if actions.email_notification(notification_id=pk)
    )


@task()
def send_digest_email(user_id: int) -> bool:
    """Email one person's weekly digest: only what they may see, anonymous authors unnamed."""
    return actions.email_digest(user_id=user_id)


@task()
def send_weekly_digests() -> int:
    """Queue one digest email per active member."""
    ids = selectors.active_people_ids()
    for pk in ids:
        send_digest_email.enqueue(pk)
    return len(ids)
