"""A big export's day files are read in reader processes (radar/reading.py) while the import writes,
each reader taking its share of the files: the same items in the same order as reading them here, so
the same database; a bad day file, a broken zip or a reader that dies is the same clear error, with
nothing written."""

from __future__ import annotations

import io
import itertools
import json
import multiprocessing
import os
import random
import signal
import zipfile

import pytest

from ripple.core import uploads
from ripple.demo.radar import generate
from ripple.radar import actions, reading, slack
from ripple.radar.models import Message, SlackImport
from tests.radar import exports
from tests.radar.conftest import run
from tests.radar.test_import_batches import _clean, _imports, _snapshot


def _items(data: bytes, *, process: bool) -> list[reading.Item]:
    stream = io.BytesIO(data)
    meta = slack.read_meta(stream)
    return list(reading.days(stream, meta, include_bots=False, process=process))


def _readers() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name.startswith("ripple-slack-reader")]


@pytest.fixture(params=[True, False], ids=["shared", "readers-only"])
def read_here(request, monkeypatch):
    """The importer reading what no reader has ready (as it does), or every item through a pipe."""
    monkeypatch.setattr(reading, "READ_HERE", request.param)
    return request.param


def test_the_reader_process_gives_the_items_reading_here_gives(read_here):
    data = exports.export(
        extra={
            "eng-copilot/2026-03-05.json": b"{not json",
            "random/2026-03-06.json": b"{}",
            "random/2026-03-07.json": '[{"text": "caf\u00e9"}]'.encode("latin-1"),
        }
    )
    here = _items(data, process=False)
    assert sum(len(i.day.rows) for i in here if i.day) >= 3 and sum(1 for i in here if i.error) == 3
    readers = reading.start(io.BytesIO(data), process=True)
    assert list(readers.days(io.BytesIO(data), slack.read_meta(io.BytesIO(data)), include_bots=False)) == here
    readers.close()
    assert reading.LAST_READER["rss"] > 0 and not _readers()
    if not read_here:
        assert readers.read_here == 0  # every item came from the reader


def test_readers_and_the_importer_share_the_files_each_once_and_give_them_back_in_order(read_here):
    data = exports.export(extra={f"random/2026-04-{day:02d}.json": b"[]" for day in range(1, 29)})
    here = _items(data, process=False)
    stream = io.BytesIO(data)
    meta = slack.read_meta(stream)
    assert slack.count_day_files(meta) == len(here) > 28
    some = [i.name for i in reading.read(stream, meta, include_bots=False, positions=meta.days[3:6])]
    assert some == [i.name for i in here[3:6]]
    for count in (1, 2, 3):
        readers = reading.start(io.BytesIO(data), process=True, count=count)
        assert len(readers.processes) == count
        merged = list(readers.days(io.BytesIO(data), meta, include_bots=False))
        readers.close()
        assert merged == here
        assert readers.finished and (
            0 <= readers.read_here <= len(here) if read_here else readers.read_here == 0
        )
    assert not _readers()


def test_the_files_are_claimed_each_once_by_whoever_is_free():
    claims = reading.Claims(multiprocessing.get_context("spawn").Value("q", 0))
    taken = [claims.take(5), *claims.taken(5)]
    assert taken == [0, 1, 2, 3, 4] and claims.take(5) is None


def test_a_reader_that_takes_nothing_leaves_the_importer_to_read_it_all():
    data = exports.export()
    here = _items(data, process=False)
    readers = reading.start(io.BytesIO(data), process=True, count=1)
    stream = io.BytesIO(data)
    meta = slack.read_meta(stream)
    os.kill(readers.processes[0].pid, signal.SIGSTOP)  # a reader still starting up
    try:
        merged = list(itertools.islice(readers.days(stream, meta, include_bots=False), len(here)))
    finally:
        os.kill(readers.processes[0].pid, signal.SIGCONT)
        readers.close()
    assert merged == here and readers.read_here == len(here)
    assert not _readers()


def test_the_day_files_are_read_in_name_order_folder_by_folder_and_unlisted_folders_left_out():
    names = ["random/2026-03-02.json", "eng-copilot/2026-03-01.json", "random/2026-03-01.json"]
    data = exports.export(extra={name: b"[]" for name in names} | {"secret-club/2026-03-01.json": b"[]"})
    stream = io.BytesIO(data)
    meta = slack.read_meta(stream)
    read = [m.name for m in slack.day_files(stream, meta)]
    assert read == sorted(read) and set(names) <= set(read)
    assert not any(n.startswith("secret-club/") for n in read)  # not in channels.json: never opened


def test_readers_are_one_fewer_than_the_cores(monkeypatch):
    for cores, readers in ((2, 1), (3, 2), (4, 3), (16, reading.MAX_READERS)):
        monkeypatch.setattr(os, "cpu_count", lambda cores=cores: cores)
        assert reading.reader_count() == readers


def test_imports_through_the_reader_process_write_what_reading_here_writes(people, settings, read_here):
    steps = _imports(people)
    settings.RADAR_READER = "never"
    here = [run(data).as_dict() for data in steps]
    expected = _snapshot()
    assert len(expected["messages"]) > 200
    _clean()
    settings.RADAR_READER = "always"
    reading.LAST_READER.clear()
    assert [run(data).as_dict() for data in steps] == here
    assert reading.LAST_READER  # the reader process did the reading
    assert _snapshot() == expected


def test_a_bad_day_file_read_in_the_reader_aborts_with_nothing_written(people, settings):
    settings.RADAR_READER = "always"
    data = exports.export(extra={"eng-copilot/2026-03-05.json": b'[{"type": "message", "ts": '})
    with pytest.raises(actions.BadDayFile, match=r"eng-copilot/2026-03-05\.json is not valid JSON"):
        run(data)
    assert Message.objects.count() == 0 and not SlackImport.objects.exists()
    outcome = run(data, skip_bad_files=True)
    assert outcome.messages == 3 and outcome.bad_files and not _readers()


def _corrupt(data: bytes, text: bytes) -> bytes:
    """A zip whose member holding `text` (stored, not deflated) has a byte changed: a CRC mismatch."""
    at = data.index(text)
    return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :]


def test_a_broken_zip_is_the_same_error_from_the_reader(people, settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(exports.export())) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))  # stored: the bytes lie in the zip as they are
        marker = [exports.msg("U1", "Zebra quartz marker text", exports.ts(9, 1))]
        target.writestr("random/2026-03-09.json", json.dumps(marker))
    data = _corrupt(buffer.getvalue(), b"Zebra quartz")
    errors = []
    for mode in ("never", "always"):
        settings.RADAR_READER = mode
        with pytest.raises(uploads.UploadError) as caught:
            run(data)
        errors.append(str(caught.value))
        assert Message.objects.count() == 0
    assert "bad CRC-32" in errors[0] and errors[0] == errors[1]


def test_a_reader_that_dies_is_a_clear_error_and_closing_early_stops_it():
    buffer = io.BytesIO()  # months of messages: more than the pipe holds, so the reader is still at work
    generate(buffer, people=[("Ana Asker", "ana@example.org")], rng=random.Random(3))
    data = buffer.getvalue()
    stream = io.BytesIO(data)
    meta = slack.read_meta(stream)
    items = reading.days(stream, meta, include_bots=False, process=True)
    next(items)
    readers = _readers()
    assert len(readers) == reading.reader_count()
    os.kill(readers[-1].pid, signal.SIGKILL)
    with pytest.raises(slack.ExportError, match="stopped unexpectedly; nothing was imported"):
        list(items)
    items = reading.days(io.BytesIO(data), meta, include_bots=False, process=True)
    next(items)
    assert _readers()
    items.close()
    assert not _readers()


def test_only_a_big_export_on_more_than_one_core_goes_to_a_reader(monkeypatch):
    small, big = io.BytesIO(b"x" * 100), io.BytesIO(b"x" * reading.PROCESS_MIN_BYTES)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert (reading.use_process(small), reading.use_process(big)) == (False, True)
    assert reading.use_process(small, "always") and not reading.use_process(big, "never")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not reading.use_process(big)
    assert big.tell() == 0


def test_an_uploaded_export_is_read_by_the_reader_in_the_worker(people, admin_user, settings):
    from ripple.radar.models import ImportStatus

    settings.RADAR_READER = "always"
    reading.LAST_READER.clear()
    data = exports.export(extra={"random/2026-03-06.json": b"{}"})
    job = actions.job_create(
        actor=admin_user, stream=io.BytesIO(data), name="export.zip", skip_bad_files=True
    )
    job.refresh_from_db()  # the tests' immediate backend ran the task
    assert job.status == ImportStatus.DONE and job.messages_added == 3
    assert any("random/2026-03-06.json" in line for line in job.result["skipped_files"])
    assert reading.LAST_READER and not _readers()


def test_no_process_to_spare_means_reading_here(monkeypatch):
    data = exports.export()

    def refused(self):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", refused)
    reading.LAST_READER.clear()
    assert _items(data, process=True) == _items(data, process=False)
    assert not reading.LAST_READER  # no reader ran: the items were read here


def test_no_shared_memory_means_reading_here(monkeypatch):
    data = exports.export()
    context = multiprocessing.get_context("spawn")

    def refused(*args, **kwargs):
        raise OSError("[Errno 28] No space left on device: '/dev/shm'")

    monkeypatch.setattr(type(context), "Value", refused)
    readers = reading.start(io.BytesIO(data), process=True)
    assert not readers.processes and readers.claims is None
    assert _items(data, process=True) == _items(data, process=False) and not _readers()
