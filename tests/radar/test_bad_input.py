"""Bad exports: a clear message, never a 500, nothing half-imported."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ripple.core import uploads
from ripple.radar import actions
from ripple.radar.models import HarvestCandidate, ImportStatus, Message, SlackImport
from tests.radar import exports
from tests.radar.conftest import run


def _nothing_written() -> None:
    assert Message.objects.count() == 0
    assert HarvestCandidate.objects.count() == 0
    assert SlackImport.objects.filter(status=ImportStatus.DONE).count() == 0


def _zip(entries: dict[str, bytes], link: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def test_not_a_zip(people):
    with pytest.raises(uploads.UploadError, match="not a zip"):
        run(b"users.json,channels.json\n")
    _nothing_written()


def test_zip_bomb(people):
    bomb = _zip({"users.json": b"[]", "channels.json": b"[]", "random/2026-03-02.json": b" " * 20_000_000})
    with pytest.raises(uploads.UploadError, match="zip bomb"):
        run(bomb)
    _nothing_written()


@pytest.mark.parametrize("name", ["../evil.json", "/etc/evil.json", "random/../../evil.json"])
def test_paths_outside_the_folder(people, name):
    with pytest.raises(uploads.UploadError, match="outside its folder"):
        run(_zip({"users.json": b"[]", "channels.json": b"[]", name: b"[]"}))
    _nothing_written()


def test_a_symbolic_link_is_named_and_never_followed(people):
    data = _zip(
        {"users.json": b"[]", "channels.json": b'[{"id": "C2", "name": "random"}]'},
        link="random/2026-03-02.json",
    )
    with pytest.raises(actions.BadDayFile, match="random/2026-03-02.json is a symbolic link"):
        run(data)
    _nothing_written()


@pytest.mark.parametrize("missing", ["users.json", "channels.json"])
def test_missing_users_or_channels(people, missing):
    with pytest.raises(uploads.UploadError, match=f"no {missing}"):
        run(exports.export(leave_out=(missing,)))
    _nothing_written()


def test_a_malformed_day_file_aborts_with_nothing_written_and_is_named(people):
    data = exports.export(extra={"eng-copilot/2026-03-05.json": b'[{"type": "message", "ts": '})
    with pytest.raises(actions.BadDayFile, match=r"eng-copilot/2026-03-05\.json is not valid JSON"):
        run(data)
    _nothing_written()


def test_skip_bad_files_goes_on_and_lists_them(people):
    data = exports.export(
        extra={"eng-copilot/2026-03-05.json": b"{not json", "random/2026-03-06.json": b"{}"}
    )
    outcome = run(data, skip_bad_files=True)
    assert outcome.messages == 3
    assert len(outcome.bad_files) == 2
    assert any("eng-copilot/2026-03-05.json" in line for line in outcome.bad_files)
    assert any("random/2026-03-06.json is not a list of messages" in line for line in outcome.bad_files)


def test_non_utf8_day_file_is_named(people):
    data = exports.export(extra={"random/2026-03-07.json": '[{"text": "caf\u00e9"}]'.encode("latin-1")})
    with pytest.raises(actions.BadDayFile, match=r"random/2026-03-07\.json is not UTF-8"):
        run(data)
    _nothing_written()


def test_non_utf8_users_json(people):
    data = _zip(
        {"users.json": '[{"id": "U1", "name": "Jos\u00e9"}]'.encode("latin-1"), "channels.json": b"[]"}
    )
    with pytest.raises(uploads.UploadError, match="users.json is not UTF-8"):
        run(data)


def test_the_command_reports_a_bad_file_in_one_line(people, tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(exports.export(extra={"random/2026-03-05.json": b"[1, 2"}))
    with pytest.raises(CommandError, match="random/2026-03-05.json"):
        call_command("import_slack", str(path))
    _nothing_written()


def test_a_worker_killed_mid_import_is_finished_by_the_retry_and_adds_nothing_twice(
    people, admin_user, monkeypatch
):
    from ripple.radar.actions import threads

    job = actions.job_create(actor=admin_user, stream=io.BytesIO(exports.export()), name="export.zip")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE  # the immediate backend ran it: start again from a crash
    Message.objects.all().delete()
    HarvestCandidate.objects.all().delete()
    SlackImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, data=exports.export(), result={}
    )

    def killed(**kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(threads, "record_answers", killed)
    with pytest.raises(SystemExit):
        actions.job_run(job_id=str(job.pk))
    assert Message.objects.count() == 0  # the transaction never committed
    monkeypatch.undo()
    assert actions.job_run(job_id=str(job.pk)) == ImportStatus.DONE
    assert actions.job_run(job_id=str(job.pk)) == ImportStatus.DONE  # a second retry: left alone
    assert Message.objects.count() == 3
