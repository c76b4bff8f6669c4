"""An export's day files read into rows (parsed, converted, redacted, scored: `slack.day_rows`), in
this process or, for a big export on a machine with a core to spare, in reader processes while this
one writes. Pure (no database), like `slack`.

Reading is most of an import's work, and the writes wait on it. Reader processes (spawned, so they
share no lock or connection with the web server's or worker's threads) are started first (`start`),
and start up while the importer reads the export's directory (`slack.read_meta`, whose one walk
notes where every day file is: no reader walks it again). Then every process, the importer too,
takes the next day file nobody has taken yet (`Claims`, a counter they share) until none is left:
the readers send theirs back through a pipe, a few hundred rows at a time, tagged with the file's
place in the export; the importer reads one itself whenever no reader has anything for it (at the
start, while they start up, and whenever it has caught up), and gives the items back in the
export's order. The pipes (1 MB each, where Linux allows) and the few files taken ahead are the only
buffers, so memory stays flat. Both ways yield exactly the same items in the same order
(tests/radar/test_reading.py compares them); a day file that cannot be read is an item with its
error, for the import to abort on or skip, as before. A problem with the zip as a whole comes back
as the same `uploads.UploadError` message; a reader that dies is an `ExportError`.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import logging
import multiprocessing
import multiprocessing.connection
import os
import resource
import tracemalloc
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from typing import IO, Any, NamedTuple, cast

from ripple.core import uploads
from ripple.radar import slack

log = logging.getLogger(__name__)
CHUNK_ROWS = 500  # rows (or day files without any) per message from the reader process
PROCESS_MIN_BYTES = 1 * uploads.MB  # smaller exports are read in this process (a spawn costs ~0.3 s)
MAX_READERS = 4
PIPE_BYTES = 1 * uploads.MB  # the most an unprivileged process may ask for by default
# The importer reads a day file itself whenever no reader has one ready for it (off: it waits, and
# every item comes through a pipe; the tests compare both).
READ_HERE = True


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
    plain: bool = False,
    positions: Iterable[int] | None = None,
) -> Iterator[Item]:
    """The day files of `stream` (`meta.days`, or those `positions` of them), in that order, read in
    this process: one item per file (without `analyse`, for a check that only wants the errors, texts
    are neither redacted nor scored; with `plain`, rows as plain tuples: `slack.day_rows`)."""
    names, chans = meta.names, meta.channel_names
    bots = frozenset(uid for uid, u in meta.users.items() if u["is_bot"])
    for member in slack.day_files(stream, meta, positions):
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
    would share two cores."""
    cores = os.cpu_count() or 1
    return max(1, min(cores - 1, MAX_READERS))


def days(
    stream: IO[bytes], meta: slack.Meta, *, include_bots: bool, process: bool
) -> Generator[Item, None, None]:
    """`read`, with reader processes (started now) when `process` is true."""
    readers = start(stream, process=process)
    try:
        yield from readers.days(stream, meta, include_bots=include_bots)
    finally:
        readers.close()


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


class Claims:
    """The day files still to read, taken one at a time (their place in `meta.days`) by whichever
    process is free: a counter in shared memory, under its lock."""

    def __init__(self, counter: Any) -> None:
        self.counter = counter  # multiprocessing.Value("q"), shared with the readers

    def take(self, total: int) -> int | None:
        """The next file nobody has taken, or None when all `total` are taken."""
        with self.counter.get_lock():
            index = int(self.counter.value)
            if index >= total:
                return None
            self.counter.value = index + 1
            return index

    def taken(self, total: int) -> Iterator[int]:
        """Each file this process takes (its place), until none is left."""
        while (index := self.take(total)) is not None:
            yield index


def start(stream: IO[bytes], *, process: bool, count: int | None = None) -> Readers:
    """Reader processes for the export in `stream`, started now and told what to read later
    (`Readers.days`): a reader is a fresh interpreter that takes about half a second to start, which
    it spends while the importer reads the export's directory (`slack.read_meta`). None are started
    without `process` (or when no process can be started): the export is then read here."""
    readers = Readers()
    if not process:
        return readers
    context = multiprocessing.get_context("spawn")
    source, trace = _source(stream), tracemalloc.is_tracing()
    try:
        readers.claims = Claims(context.Value("q", 0))  # shared memory and a semaphore: may be refused
        for number in range(count or reader_count()):
            receiver, sender = context.Pipe(duplex=False)
            orders, order_sender = context.Pipe(duplex=False)
            readers.pipes.append(receiver)
            readers.orders.append(order_sender)
            _widen(receiver)
            _widen(order_sender)  # what it is to read fits: sending it does not wait for the reader
            reader = context.Process(
                target=_reader,
                args=(source, sender, orders, readers.claims.counter, trace),
                name=f"ripple-slack-reader-{number}",
                daemon=True,
            )
            try:
                reader.start()
            finally:  # the reader holds the only other ends: its end (or death) is an EOF here
                sender.close()
                orders.close()
            readers.processes.append(reader)
    except OSError as exc:  # no process to spare (limits, memory): read here, as for a small export
        log.warning("Slack import: no reader process (%s); reading in the importer", exc)
        readers.close()
        return Readers()
    return readers


class Readers:
    """Reader processes (`start`) and the importer sharing the day files (`Claims`) once the export's
    directory is read, the items given back in the export's order (`days`); with no reader, every
    file is read here. `close` stops them (an import that fails, or stops early)."""

    def __init__(self) -> None:
        self.pipes: list[Any] = []  # each reader's items
        self.orders: list[Any] = []  # to each reader: what to read
        self.processes: list[Any] = []
        self.claims: Claims | None = None
        self.sent = False  # the readers were told what to read
        self.finished = False
        self.read_here = 0  # day files the importer read itself (while no reader had one for it)

    def send(self, meta: slack.Meta, *, include_bots: bool) -> None:
        """Tell the readers what the export holds: they start taking day files (once; `days` does it
        if it was not done)."""
        if self.sent or not self.processes:
            return
        self.sent = True
        for orders in self.orders:
            try:
                orders.send((meta, include_bots))
            except OSError as exc:  # the reader is gone (killed, or out of memory)
                raise _stopped() from exc
            orders.close()

    def days(self, stream: IO[bytes], meta: slack.Meta, *, include_bots: bool) -> Generator[Item, None, None]:
        """The items of `read`, in its order: the readers' and the ones read here (`meta` and
        `include_bots` as `send` was given them)."""
        if not self.processes or self.claims is None:
            yield from read(stream, meta, include_bots=include_bots)
            return
        self.send(meta, include_bots=include_bots)
        taken: deque[int] = deque()  # the place of the file `here` read last
        here = read(stream, meta, include_bots=include_bots, positions=_taking(self.claims, meta, taken))
        ahead: dict[int, Item] = {}  # items come (or are read here) before their turn
        memory: dict[str, int] = {}
        open_pipes = list(self.pipes)
        for index in range(len(meta.days)):
            while index not in ahead:
                ready = multiprocessing.connection.wait(open_pipes, timeout=0) if open_pipes else []
                if not ready:
                    mine = next(here, None) if READ_HERE else None  # takes the next file, if any is left
                    if mine is None:  # every file is taken (or left to the readers): it is on its way
                        if not open_pipes:
                            raise _stopped()
                        ready = multiprocessing.connection.wait(open_pipes)
                    else:
                        ahead[taken.popleft()] = mine
                        self.read_here += 1
                        continue
                for pipe in ready:
                    if _receive(cast(Any, pipe), ahead, memory):
                        open_pipes.remove(pipe)
            yield ahead.pop(index)
        for pipe in open_pipes:  # each reader's end: its memory
            while not _receive(pipe, ahead, memory):
                pass
        if ahead:
            raise _stopped()
        LAST_READER.clear()
        LAST_READER.update(memory)
        self.finished = True

    def close(self) -> None:
        for pipe in [*self.pipes, *self.orders]:
            pipe.close()
        for reader in self.processes:
            if not self.finished and reader.is_alive():
                reader.terminate()
        for reader in self.processes:
            reader.join(timeout=10)


def _taking(claims: Claims, meta: slack.Meta, taken: deque[int]) -> Iterator[int]:
    """The position in the zip of each day file this process takes, taken only as `read` asks for
    the next one, its place in `meta.days` put on `taken` (for whoever gets the item to pop)."""
    for index in claims.taken(len(meta.days)):
        taken.append(index)
        yield meta.days[index]


def _stopped() -> slack.ExportError:
    return slack.ExportError(
        "Reading the export stopped unexpectedly; nothing was imported. Import it again."
    )


def _widen(receiver: Any) -> None:
    """Give the pipe PIPE_BYTES of buffer (Linux; elsewhere it keeps its own): with the 64 KB default,
    a reader stops as soon as the importer spends a moment writing or settling a channel, and the
    importer then waits for it in turn. The buffer is the kernel's, bounded: memory stays flat."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or above /proc/sys/fs/pipe-max-size
        fcntl.fcntl(receiver.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _receive(receiver: Any, ahead: dict[int, Item], memory: dict[str, int]) -> bool:
    """One message from a reader: its items put `ahead` by their place; True at its end (its memory
    peaks added to `memory`)."""
    try:
        kind, payload = receiver.recv()
    except (EOFError, OSError) as exc:
        raise _stopped() from exc
    if kind == "items":
        for index, packed in payload:
            ahead[index] = _unpack(packed)
        return False
    if kind == "error":
        raise slack.ExportError(payload)
    if kind == "crash":
        raise RuntimeError(f"The Slack export reader failed:\n{payload}")
    for key, value in payload.items():  # "end"
        memory[key] = memory.get(key, 0) + value
    return True


# Items cross the pipe as plain tuples: pickle takes a named tuple or a dataclass through a Python call
# per object, which made sending and receiving a big export's rows a second of each process's time.
Packed = tuple[str, tuple[list[tuple[Any, ...]], list[str], dict[str, int]] | None, str]


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
    rows, deleted, skipped = day  # plain tuples and a plain dict, as slack.Day allows
    return Item(name, slack.Day(rows=cast(list[slack.Row], rows), deleted=deleted, skipped=skipped), error)


def _reader(source: str | bytes, sender: Any, orders: Any, counter: Any, trace: bool) -> None:
    """A reader process: waits to be told what the export holds (`meta`), then takes day files
    (`Claims`) until none is left, sending each one's item tagged with its place, in chunks, then
    ("end", its memory)."""
    import traceback

    if trace:
        tracemalloc.start()
    try:
        try:
            meta, include_bots = orders.recv()
        except (EOFError, OSError):  # the import stopped before the export's directory was read
            return
        finally:
            orders.close()
        with open(source, "rb") if isinstance(source, str) else io.BytesIO(source) as stream:  # noqa: SIM115
            del source
            taken: deque[int] = deque()
            positions = _taking(Claims(counter), meta, taken)
            chunk: list[tuple[int, Packed]] = []
            rows = 0
            for item in read(stream, meta, include_bots=include_bots, plain=True, positions=positions):
                chunk.append((taken.popleft(), _pack(item)))
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
