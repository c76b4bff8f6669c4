"""An export's day files read into rows (parsed, converted, redacted, scored: `slack.day_rows`), in
this process or, for a big export on a machine with a core to spare, in a second one while this one
writes. Pure (no database), like `slack`.

Reading is more than half of an import's work, and the writes wait on it: a reader process (spawned,
so it shares no lock or connection with the web server's or worker's threads) walks the zip and sends
the days back in file order, a few hundred rows at a time, through a pipe. The pipe is the only buffer,
so at most a few chunks are in flight and memory stays flat. Both ways yield exactly the same items in
the same order (tests/radar/test_reading.py compares them); a day file that cannot be read is an item
with its error, for the import to abort on or skip, as before. A problem with the zip as a whole comes
back as the same `uploads.UploadError` message; a reader that dies is an `ExportError`.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import resource
import tracemalloc
from collections.abc import Generator, Iterator
from typing import IO, Any, NamedTuple

from ripple.core import uploads
from ripple.radar import slack

log = logging.getLogger(__name__)
CHUNK_ROWS = 500  # rows (or day files without any) per message from the reader process
PROCESS_MIN_BYTES = 1 * uploads.MB  # smaller exports are read in this process (a spawn costs ~0.3 s)


class Item(NamedTuple):
    """A day file as read: its rows, or the reason it cannot be read."""

    name: str
    day: slack.Day | None
    error: str = ""


def read(stream: IO[bytes], meta: slack.Meta, *, include_bots: bool, analyse: bool = True) -> Iterator[Item]:
    """The day files of `stream`, in the order `slack.day_files` gives them, read in this process
    (without `analyse`, for a check that only wants the errors, texts are neither redacted nor scored)."""
    names, chans = meta.names, meta.channel_names
    bots = frozenset(uid for uid, u in meta.users.items() if u["is_bot"])
    for member in slack.day_files(stream, meta):
        if member.problem:
            yield Item(member.name, None, f"{member.name} {member.problem}.")
            continue
        try:
            day = slack.day_rows(
                member.data,
                member.name,
                meta_names=names,
                channel_names=chans,
                include_bots=include_bots,
                bots=bots,
                analyse=analyse,
            )
        except slack.ExportError as exc:
            yield Item(member.name, None, str(exc))
            continue
        yield Item(member.name, day)


def use_process(stream: IO[bytes], setting: str = "auto") -> bool:
    """Whether to read in a second process: "always", "never", or "auto" (a big export and more
    than one core)."""
    if setting in ("always", "never"):
        return setting == "always"
    if (os.cpu_count() or 1) < 2 or multiprocessing.current_process().daemon:
        return False  # one core: nothing to gain; a daemonic process may not start one
    position = stream.tell()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(position)
    return size >= PROCESS_MIN_BYTES


def days(
    stream: IO[bytes], meta: slack.Meta, *, include_bots: bool, process: bool
) -> Generator[Item, None, None]:
    """`read`, in a reader process when `process` is true."""
    if not process:
        yield from read(stream, meta, include_bots=include_bots)
        return
    yield from _from_process(stream, meta, include_bots=include_bots)


# What the last reader process reported of its memory (the bench adds it to the importer's).
LAST_READER: dict[str, int] = {}


def _source(stream: IO[bytes]) -> str | bytes:
    """What the reader opens: the file's path when the stream is a file on disk, else its bytes."""
    name = getattr(stream, "name", None)
    if isinstance(name, str) and os.path.isfile(name) and not isinstance(stream, io.BytesIO):
        return name
    position = stream.tell()
    stream.seek(0)
    data = stream.read()
    stream.seek(position)
    return data


def _from_process(stream: IO[bytes], meta: slack.Meta, *, include_bots: bool) -> Iterator[Item]:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    reader = context.Process(
        target=_reader,
        args=(_source(stream), meta, include_bots, sender, tracemalloc.is_tracing()),
        name="ripple-slack-reader",
        daemon=True,
    )
    try:
        reader.start()
    except OSError as exc:  # no process to spare (limits, memory): read here, as for a small export
        log.warning("Slack import: no reader process (%s); reading in the importer", exc)
        receiver.close()
        sender.close()
        yield from read(stream, meta, include_bots=include_bots)
        return
    sender.close()  # the reader holds the only sending end: its end (or death) is an EOF here
    finished = False
    try:
        while True:
            try:
                kind, payload = receiver.recv()
            except (EOFError, OSError) as exc:
                raise slack.ExportError(
                    "Reading the export stopped unexpectedly; nothing was imported. Import it again."
                ) from exc
            if kind == "items":
                yield from payload
            elif kind == "error":
                raise slack.ExportError(payload)
            elif kind == "crash":
                raise RuntimeError(f"The Slack export reader failed:\n{payload}")
            else:  # "end"
                LAST_READER.clear()
                LAST_READER.update(payload)
                finished = True
                return
    finally:
        receiver.close()
        if not finished and reader.is_alive():
            reader.terminate()
        reader.join(timeout=10)


def _reader(source: str | bytes, meta: slack.Meta, include_bots: bool, sender: Any, trace: bool) -> None:
    """The reader process: every item of `read`, in chunks, then ("end", its memory)."""
    import traceback

    if trace:
        tracemalloc.start()
    try:
        with open(source, "rb") if isinstance(source, str) else io.BytesIO(source) as stream:  # noqa: SIM115
            del source
            chunk: list[Item] = []
            rows = 0
            for item in read(stream, meta, include_bots=include_bots):
                chunk.append(item)
                rows += len(item.day.rows) if item.day is not None else 1
                if rows >= CHUNK_ROWS:
                    sender.send(("items", chunk))
                    chunk, rows = [], 0
            if chunk:
                sender.send(("items", chunk))
        memory = {"rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
        if trace:
            memory["traced"] = tracemalloc.get_traced_memory()[1]
        sender.send(("end", memory))
    except uploads.UploadError as exc:
        sender.send(("error", str(exc)))
    except BrokenPipeError:  # the importer stopped listening (it failed, or was told to stop)
        pass
    except BaseException:  # noqa: BLE001 - reported to the importer, which raises it
        sender.send(("crash", traceback.format_exc()))
    finally:
        sender.close()
