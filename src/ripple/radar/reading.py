"""An export's day files read into rows (parsed, converted, redacted, scored: `slack.day_rows`), in
this process or, for a big export on a machine with a core to spare, in reader processes while this
one writes. Pure (no database), like `slack`.

Reading is most of an import's work, and the writes wait on it: reader processes (spawned, so they
share no lock or connection with the web server's or worker's threads) each walk the zip for their
share of the day files (`slack.day_files`' `part`) and send the days back in name order, a few hundred
rows at a time, through a pipe; the importer merges them back into name order. The pipes (1 MB each,
where Linux allows) are the only buffer, so at most a few dozen chunks are in flight and memory stays
flat. Both ways yield exactly the same items in the same order (tests/radar/test_reading.py compares
them); a day file that cannot be read is an item with its error, for the import to abort on or skip,
as before. A problem with the zip as a whole comes back as the same `uploads.UploadError` message; a
reader that dies is an `ExportError`.
"""

from __future__ import annotations

import contextlib
import fcntl
import heapq
import io
import logging
import multiprocessing
import os
import resource
import tracemalloc
from collections import Counter
from collections.abc import Generator, Iterator
from typing import IO, Any, NamedTuple, cast

from ripple.core import uploads
from ripple.radar import slack

log = logging.getLogger(__name__)
CHUNK_ROWS = 500  # rows (or day files without any) per message from the reader process
PROCESS_MIN_BYTES = 1 * uploads.MB  # smaller exports are read in this process (a spawn costs ~0.3 s)
MAX_READERS = 4
SHARES = 12  # the day files are dealt into this many shares by their name's CRC-32 (readers, importer)
PIPE_BYTES = 1 * uploads.MB  # the most an unprivileged process may ask for by default


class Item(NamedTuple):
    """A day file as read: its rows, or the reason it cannot be read."""

    name: str
    day: slack.Day | None
    error: str = ""


def read(
    stream: IO[bytes],
    meta: slack.Meta,
    *,
    include_bots: bool,
    analyse: bool = True,
    part: tuple[int, int, int] = (0, 1, 1),
    plain: bool = False,
) -> Iterator[Item]:
    """The day files of `stream`, in the order `slack.day_files` gives them, read in this process
    (without `analyse`, for a check that only wants the errors, texts are neither redacted nor scored;
    with `part`, only that share of the files: `slack.day_files`; with `plain`, rows as plain tuples:
    `slack.day_rows`)."""
    names, chans = meta.names, meta.channel_names
    bots = frozenset(uid for uid, u in meta.users.items() if u["is_bot"])
    for member in slack.day_files(stream, meta, part=part):
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
                plain=plain,
            )
        except slack.ExportError as exc:
            yield Item(member.name, None, str(exc))
            continue
        yield Item(member.name, day)


def use_process(stream: IO[bytes], setting: str = "auto") -> bool:
    """Whether to read in reader processes: "always", "never", or "auto" (a big export and more
    than one core)."""
    if setting in ("always", "never"):
        return setting == "always"
    if (os.cpu_count() or 1) < 2 or multiprocessing.current_process().daemon:
        return False  # one core: nothing to gain; a daemonic process may not start one
    position = stream.tell()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(position)
    return size >= PROCESS_MIN_BYTES


def reader_count() -> int:
    """How many reader processes share the day files: one less than the cores (the importer needs one),
    at most MAX_READERS, at least one. On two cores a second reader does not pay: the three processes
    then share two cores, and the second reader's own walk of the zip costs what it saves."""
    cores = os.cpu_count() or 1
    return max(1, min(cores - 1, MAX_READERS))


def days(
    stream: IO[bytes], meta: slack.Meta, *, include_bots: bool, process: bool
) -> Generator[Item, None, None]:
    """`read`, in reader processes when `process` is true."""
    if not process:
        yield from read(stream, meta, include_bots=include_bots)
        return
    yield from _from_processes(stream, meta, include_bots=include_bots, count=reader_count())


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


def _parts(count: int, here: bool) -> list[tuple[int, int, int]]:
    """The shares of the day files: the importer's first when it reads one (`here`), then the readers'."""
    start = 1 if here else 0
    bounds = [start + (SHARES - start) * i // count for i in range(count + 1)]
    readers = [(bounds[i], bounds[i + 1], SHARES) for i in range(count)]
    return [(0, 1, SHARES), *readers] if here else readers


def reads_here(count: int) -> bool:
    """Whether the importer reads a share of the day files itself: with one reader (two cores) it
    would otherwise wait for the reader part of the time (measured: it writes ~5.8 s of a 200,000-
    message export while the reader reads ~6.7 s), so it takes one share in SHARES."""
    return count == 1


def _from_processes(stream: IO[bytes], meta: slack.Meta, *, include_bots: bool, count: int) -> Iterator[Item]:
    """`read` by `count` reader processes (and a share read here, see `reads_here`), each taking its
    share of the day files (`slack.day_files`'s `part`) in name order, merged back into name order:
    the items of one reader."""
    context = multiprocessing.get_context("spawn")
    source, trace = _source(stream), tracemalloc.is_tracing()
    here = reads_here(count)
    parts = _parts(count, here)
    pipes: list[Any] = []
    readers: list[Any] = []
    try:
        for number, part in enumerate(parts[1:] if here else parts):
            receiver, sender = context.Pipe(duplex=False)
            pipes.append(receiver)
            _widen(receiver)
            reader = context.Process(
                target=_reader,
                args=(source, meta, include_bots, sender, trace, part),
                name=f"ripple-slack-reader-{number}",
                daemon=True,
            )
            try:
                reader.start()
            finally:
                sender.close()  # the reader holds the only sending end: its end (or death) is an EOF here
            readers.append(reader)
    except OSError as exc:  # no process to spare (limits, memory): read here, as for a small export
        log.warning("Slack import: no reader process (%s); reading in the importer", exc)
        _stop(pipes, readers, finished=False)
        yield from read(stream, meta, include_bots=include_bots)
        return
    del source
    memory: dict[str, int] = {}
    finished = False
    streams = [_receive(pipe, memory) for pipe in pipes]
    if here:  # read lazily, as the merge needs its next file: between the writes
        streams.insert(0, read(stream, meta, include_bots=include_bots, part=parts[0]))
    try:
        # Each share's items come in name order, as `read` gives them: merged by name, in its order.
        yield from heapq.merge(*streams, key=_name)
        LAST_READER.clear()
        LAST_READER.update(memory)
        finished = True
    finally:
        _stop(pipes, readers, finished=finished)


def _widen(receiver: Any) -> None:
    """Give the pipe PIPE_BYTES of buffer (Linux; elsewhere it keeps its own): with the 64 KB default,
    a reader stops as soon as the importer spends a moment writing or settling a channel, and the
    importer then waits for it in turn. The buffer is the kernel's, bounded: memory stays flat."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or above /proc/sys/fs/pipe-max-size
        fcntl.fcntl(receiver.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _name(item: Item) -> str:
    return item.name


def _receive(receiver: Any, memory: dict[str, int]) -> Iterator[Item]:
    """One reader's items until its end (its memory peaks added to `memory`)."""
    while True:
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError) as exc:
            raise slack.ExportError(
                "Reading the export stopped unexpectedly; nothing was imported. Import it again."
            ) from exc
        if kind == "items":
            yield from map(_unpack, payload)
        elif kind == "error":
            raise slack.ExportError(payload)
        elif kind == "crash":
            raise RuntimeError(f"The Slack export reader failed:\n{payload}")
        else:  # "end"
            for key, value in payload.items():
                memory[key] = memory.get(key, 0) + value
            return


def _stop(pipes: list[Any], readers: list[Any], *, finished: bool) -> None:
    for pipe in pipes:
        pipe.close()
    for reader in readers:
        if not finished and reader.is_alive():
            reader.terminate()
    for reader in readers:
        reader.join(timeout=10)


# Items cross the pipe as plain tuples: pickle takes a named tuple or a dataclass through a Python call
# per object, which made sending and receiving a big export's rows a second of each process's time.
Packed = tuple[str, tuple[list[tuple[Any, ...]], list[str], dict[str, int]] | None, str]
_ROW = slack.Row._make


def _pack(item: Item) -> Packed:
    day = item.day
    if day is None:
        return (item.name, None, item.error)
    rows = cast(list[tuple[Any, ...]], day.rows)  # read `plain`: tuples already
    return (item.name, (rows, day.deleted, dict(day.skipped)), item.error)


def _unpack(packed: Packed) -> Item:
    name, day, error = packed
    if day is None:
        return Item(name, None, error)
    rows, deleted, skipped = day
    return Item(name, slack.Day(rows=list(map(_ROW, rows)), deleted=deleted, skipped=Counter(skipped)), error)


def _reader(
    source: str | bytes,
    meta: slack.Meta,
    include_bots: bool,
    sender: Any,
    trace: bool,
    part: tuple[int, int, int],
) -> None:
    """A reader process: every item of `read` (its `part`), in chunks, then ("end", its memory)."""
    import traceback

    if trace:
        tracemalloc.start()
    try:
        with open(source, "rb") if isinstance(source, str) else io.BytesIO(source) as stream:  # noqa: SIM115
            del source
            chunk: list[Packed] = []
            rows = 0
            for item in read(stream, meta, include_bots=include_bots, part=part, plain=True):
                chunk.append(_pack(item))
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
