"""Importing a Slack export. Every write of one import is a single transaction with its outcome, so a
bad day file (by default), a crash or a killed worker leaves the database as it was, and a retry (or
the same export again) adds nothing twice: messages are unique on channel + ts.

`import_export(stream=…)` is the whole import (the CLI calls it directly; the worker through
`job_run`). With `check_first` the day files are parsed once before the transaction, which gives the
progress the upload page shows and names a bad file before anything is written.
"""

from __future__ import annotations

import io
from collections import Counter
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ripple.core import uploads
from ripple.people.models import User
from ripple.radar import access, reading, slack
from ripple.radar.actions import threads, writer
from ripple.radar.models import Channel, ChatIdentity, ImportStatus, Message, SlackImport

BATCH = 1000


@dataclass
class Outcome:
    channels: int = 0
    messages: int = 0
    updated: int = 0
    deleted: int = 0
    threads: int = 0
    people_matched: int = 0
    identities: int = 0
    unknown_users: int = 0
    learning_events: int = 0
    candidates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    bad_files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": {
                "channels": self.channels,
                "messages": self.messages,
                "threads": self.threads,
                "people_matched": self.people_matched,
                "chat_identities": self.identities,
                "learning_events": self.learning_events,
                "harvest_candidates": self.candidates,
            },
            "updated": {"edited_messages": self.updated, "deleted_messages": self.deleted},
            "skipped": dict(sorted(self.skipped.items())),
            "skipped_files": list(self.bad_files),
            "unknown_user_ids": self.unknown_users,
        }

    def describe(self) -> str:
        text = (
            f"Added {self.messages:,} message(s) in {self.channels:,} new channel(s) and {self.threads:,} "
            f"new thread(s); {self.people_matched:,} people matched by email."
        )
        if self.bad_files:
            text += f" Skipped {len(self.bad_files)} unreadable day file(s)."
        return text


class BadDayFile(slack.ExportError):
    pass


def _private(names: Any) -> tuple[str, ...]:
    out = []
    for name in names or ():
        clean = str(name).strip().lstrip("#")
        if clean:
            out.append(clean[:200])
    return tuple(dict.fromkeys(out))


def check(
    stream: IO[bytes], meta: slack.Meta, *, skip_bad_files: bool, include_bots: bool, progress: Any = None
) -> list[str]:
    """Parse every day file once (nothing written); the bad ones, or BadDayFile for the first one."""
    bad: list[str] = []
    # Only the errors matter here (texts are not analysed): the write reads every file again.
    items = reading.read(stream, meta, include_bots=include_bots, analyse=False)
    for done, item in enumerate(items, start=1):
        if item.day is None:
            if not skip_bad_files:
                raise BadDayFile(_abort(item.error))
            bad.append(item.error)
        if progress is not None and done % 20 == 0:
            progress(done)
    return bad


def _abort(reason: str) -> str:
    return f"{reason} Nothing was imported; fix the file, or import again skipping unreadable files."


def import_export(
    *,
    stream: IO[bytes],
    job: SlackImport | None = None,
    skip_bad_files: bool = False,
    include_private: Any = (),
    include_bots: bool = False,
    check_first: bool = False,
    progress: Any = None,
    name: str = "export.zip",
) -> Outcome:
    """Import the export in `stream` (a seekable binary file). Raises `uploads.UploadError` (with a
    message for the person) and writes nothing when the export cannot be imported."""
    if not uploads.is_zip(stream):
        raise slack.ExportError("The file is not a zip; upload the .zip Slack gives you (Export data).")
    # The reader processes start first: they start up while the export's directory is read here.
    with closing(
        reading.start(stream, process=reading.use_process(stream, settings.RADAR_READER))
    ) as readers:
        return _import(
            stream,
            readers,
            job=job,
            skip_bad_files=skip_bad_files,
            include_private=include_private,
            include_bots=include_bots,
            check_first=check_first,
            progress=progress,
            name=name,
        )


def _import(
    stream: IO[bytes],
    readers: reading.Readers,
    *,
    job: SlackImport | None,
    skip_bad_files: bool,
    include_private: Any,
    include_bots: bool,
    check_first: bool,
    progress: Any,
    name: str,
) -> Outcome:
    meta = slack.read_meta(stream, include_private=_private(include_private))
    readers.send(meta, include_bots=include_bots)  # they read while the people and channels are upserted
    pre_bad: list[str] = []
    if check_first:
        pre_bad = check(
            stream, meta, skip_bad_files=skip_bad_files, include_bots=include_bots, progress=progress
        )
    with transaction.atomic():
        if job is None:  # a run of `ripple import-slack`: its line in the history, kept only if it worked
            now = timezone.now()
            job = SlackImport.objects.create(
                name=name[:200],
                status=ImportStatus.RUNNING,
                started_at=now,
                include_bots=include_bots,
                skip_bad_files=skip_bad_files,
                include_private=list(_private(include_private)),
            )
        outcome = _write(
            stream, meta, job=job, skip_bad_files=skip_bad_files, include_bots=include_bots, readers=readers
        )
        if check_first:
            outcome.bad_files = pre_bad or outcome.bad_files
        _finish(
            job,
            status=ImportStatus.DONE,
            result={**outcome.as_dict(), "detail": outcome.describe()},
            added=outcome.messages,
        )
    return outcome


def _write(
    stream: IO[bytes],
    meta: slack.Meta,
    *,
    job: SlackImport,
    skip_bad_files: bool,
    include_bots: bool,
    readers: reading.Readers | None = None,
) -> Outcome:
    outcome = Outcome()
    for name in meta.missing_private:
        outcome.skipped[f"private channel “{name}” not in the export"] += 1
    identities = _identities(meta, outcome)
    channels, new_channels = _channels(meta, outcome)
    out = writer.Writer(job=job, identities=identities, outcome=outcome, new_channels=new_channels)
    with ExitStack() as stack:
        if readers is None:  # a worker's job: its readers start once its check is done
            process = reading.use_process(stream, settings.RADAR_READER)
            readers = stack.enter_context(closing(reading.start(stream, process=process)))
        items = stack.enter_context(closing(readers.days(stream, meta, include_bots=include_bots)))
        for item in items:  # closed on the way out: a reader process stops with the import
            channel = channels[slack.folder(item.name)]
            out.visit(channel)
            if item.day is None:
                if not skip_bad_files:
                    raise BadDayFile(_abort(item.error))
                outcome.bad_files.append(item.error)
                continue
            outcome.skipped.update(item.day.skipped)
            out.day(channel, item.day)
    out.finish()  # every channel read is settled (threads scored, replies marked)
    outcome.threads = Message.objects.filter(imported_by=job, is_reply=False, reply_count__gt=0).count()
    outcome.learning_events = threads.record_answers()
    outcome.candidates += threads.harvest()  # the writer harvested each channel: anything left
    return outcome


def _identities(meta: slack.Meta, outcome: Outcome) -> dict[str, int]:
    """Upsert users.json's people; match the unmatched ones by email. Slack id → identity pk."""
    existing = {i.slack_id: i for i in ChatIdentity.objects.all()}
    emails = {e for e in (u["email"] for u in meta.users.values()) if e}
    users = (
        {u.email.lower(): u for u in User.objects.filter(email__in=emails, is_active=True)} if emails else {}
    )
    now = timezone.now()
    new, changed = [], []
    for slack_id, info in meta.users.items():
        person = users.get(info["email"]) if info["email"] else None
        identity = existing.get(slack_id)
        if identity is None:
            identity = ChatIdentity(
                slack_id=slack_id,
                name=info["name"],
                email=info["email"],
                title=info["title"],
                is_bot=info["is_bot"],
                user=person,
                linked_at=now if person else None,
            )
            new.append(identity)
            outcome.people_matched += person is not None
            continue
        linked = identity.user_id is None and person is not None
        if linked:
            identity.user, identity.linked_at = person, now
            outcome.people_matched += 1
        now_known = (info["name"], info["email"], info["title"], info["is_bot"], True)
        if (
            linked
            or (identity.name, identity.email, identity.title, identity.is_bot, identity.known) != now_known
        ):
            identity.name, identity.email, identity.title, identity.is_bot, identity.known = now_known
            changed.append(identity)  # (a re-import changes no one: bulk_update's CASE per row was 0.5 s)
    ChatIdentity.objects.bulk_create(new, batch_size=BATCH)
    ChatIdentity.objects.bulk_update(
        changed, ["name", "email", "title", "is_bot", "known", "user", "linked_at"], batch_size=BATCH
    )
    outcome.identities = len(new)
    return dict(ChatIdentity.objects.values_list("slack_id", "pk"))


def _channels(meta: slack.Meta, outcome: Outcome) -> tuple[dict[str, Channel], set[int]]:
    """Folder → channel (created or renamed as the export says), and the pks of the new ones."""
    existing = {c.slack_id: c for c in Channel.objects.all()}
    out: dict[str, Channel] = {}
    new: set[int] = set()
    for folder, info in meta.channels.items():
        channel = existing.get(info["id"])
        if channel is None:
            channel = Channel.objects.create(
                slack_id=info["id"], name=info["name"], purpose=info["purpose"], is_private=info["is_private"]
            )
            new.add(channel.pk)
            outcome.channels += 1
        elif (channel.name, channel.purpose) != (info["name"], info["purpose"]):
            channel.name, channel.purpose = info["name"], info["purpose"]
            channel.save(update_fields=["name", "purpose"])
        out[folder] = channel
    return out, new


# --- jobs (the upload page and the API) -----------------------------------------------------------


@transaction.atomic
def job_create(
    *, actor: User, stream: IO[bytes], name: str, skip_bad_files: bool = False, include_private: Any = ()
) -> SlackImport:
    """Keep an upload in the database and hand it to the worker (enqueued in this transaction)."""
    if not access.can_view_radar(actor):
        raise PermissionDenied("Only admins import chat exports.")
    from ripple.radar import tasks

    data = uploads.read_capped(stream, slack.LIMITS.archive_bytes)
    if not uploads.is_zip(io.BytesIO(data)):
        raise slack.ExportError("The file is not a zip; upload the .zip Slack gives you (Export data).")
    job = SlackImport.objects.create(
        owner=actor,
        name=(name or "export.zip")[:200],
        data=data,
        size=len(data),
        skip_bad_files=skip_bad_files,
        include_private=list(_private(include_private)),
    )
    tasks.run_import.enqueue(str(job.pk))
    return job


def _set(job_id: Any, **values: Any) -> None:
    SlackImport.objects.filter(pk=job_id).update(**values)


def job_run(*, job_id: str) -> str:
    """The worker's task: claim the job, check its day files (progress), write in one transaction
    with the outcome. A job already finished is left alone; a job left running by a killed worker
    runs again from the start (nothing of it was written)."""
    with transaction.atomic():
        job = SlackImport.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return job.status if job is not None else "missing"
        job.status, job.started_at, job.phase = ImportStatus.RUNNING, timezone.now(), "checking"
        job.save(update_fields=["status", "started_at", "phase"])
    stream = io.BytesIO(bytes(job.data))
    try:
        if not uploads.is_zip(stream):
            raise slack.ExportError("The file is not a zip; upload the .zip Slack gives you (Export data).")
        meta = slack.read_meta(stream, include_private=tuple(job.include_private))
        _set(job.pk, files_total=slack.count_day_files(meta), files_done=0)
        bad = check(
            stream,
            meta,
            skip_bad_files=job.skip_bad_files,
            include_bots=job.include_bots,
            progress=lambda n: _set(job.pk, files_done=n),
        )
        _set(job.pk, files_done=F("files_total"), phase="writing")
        with transaction.atomic():
            locked = SlackImport.objects.select_for_update().get(pk=job.pk)
            if locked.finished:
                return locked.status
            outcome = _write(
                stream, meta, job=locked, skip_bad_files=job.skip_bad_files, include_bots=job.include_bots
            )
            outcome.bad_files = bad or outcome.bad_files
            _finish(
                locked,
                status=ImportStatus.DONE,
                result={**outcome.as_dict(), "detail": outcome.describe()},
                added=outcome.messages,
            )
    except uploads.UploadError as exc:
        _finish(job, status=ImportStatus.FAILED, result={"detail": str(exc), "errors": [str(exc)]})
        return ImportStatus.FAILED
    _tell_done(job)
    return ImportStatus.DONE


def _finish(job: SlackImport, *, status: str, result: dict[str, Any], added: int = 0) -> None:
    _set(
        job.pk,
        status=status,
        result=result,
        messages_added=added,
        data=b"",
        finished_at=timezone.now(),
        phase="",
    )


def _tell_done(job: SlackImport) -> None:
    from ripple.notifications.actions import notify
    from ripple.radar.kinds import Notice

    if job.owner is not None:
        notify(
            recipient=job.owner,
            kind=Notice.IMPORTED,
            text=f"The Slack import of {job.name} finished.",
            url=f"/radar/imports/{job.pk}/",
        )


def job_fail(*, job_id: str, message: str) -> None:
    _set(job_id, status=ImportStatus.FAILED, result={"detail": message, "errors": [message]}, data=b"")
