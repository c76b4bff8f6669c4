"""Reading files people upload, safely, for every importer (prompts, people, and the ones to come).

Everything here is a plain function or iterator over a binary stream: no models, no requests, and
nothing is ever held whole that can be streamed. A file that cannot be read raises `UploadError`,
whose message is written for the person who sent the file (it names the limit, the file, the line
and byte) and never includes a traceback.

- `read_capped(stream, limit)` — all the bytes, refusing more than `limit`.
- `text_stream(stream, limit=…, where=…)` — a text stream for `csv.reader` and friends: UTF-8 (a
  BOM is dropped), decoded as it is read, stopped past `limit`, with a clear error for bad bytes.
- `decode_utf8(raw, where=…)` — the same decoding for bytes already read.
- `iter_zip(stream, limits=…, wanted=…)` — the members of a zip, one at a time, after the whole
  directory was checked (`plan_zip`, one walk that notes where the wanted members are, by group,
  then `read_planned`, which reads them; an importer that reads a zip in parts plans it once):
  member count, absolute or `..` paths, encrypted members, the declared total and the compression
  ratio (zip bombs). Each member is read in chunks and stopped if it expands past its declared size
  or the budget left. A symbolic link is never read or followed: it is yielded with a `problem`, for
  the importer to report as a problem with that entry. The zip is read by `core.ziparchive`, whose
  memory does not grow with the number of members.
- `cap_upload(request, limit)` / `declared_too_big(request, limit)` — the same cap on the HTTP body,
  before Django spools a huge upload to disk.
"""

from __future__ import annotations

import codecs
import io
import re
import stat
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from ripple.core import ziparchive

if TYPE_CHECKING:  # not imported to run: a Slack export's reader process reads zips, not requests
    from django.http import HttpRequest

MB = 1024 * 1024
CHUNK = 64 * 1024


class UploadError(ValueError):
    """The file as a whole cannot be read: too big, not UTF-8, a hostile or broken zip."""


def size_label(size: int) -> str:
    """50 MB, 1.5 MB, 10 KB, 300 bytes: a limit as a person reads it."""
    if size >= MB:
        return f"{size // MB:,} MB" if size % MB == 0 else f"{size / MB:,.1f} MB"
    if size >= 1024:
        return f"{size // 1024:,} KB"
    return f"{size:,} bytes"


def too_big(limit: int) -> UploadError:
    return UploadError(f"The file is larger than {size_label(limit)}; split it into smaller files.")


def _not_utf8(where: str, line: int, offset: int) -> UploadError:
    return UploadError(
        f"{where} is not UTF-8 text (line {line}, byte {offset} cannot be read); "
        "save it as UTF-8 and try again."
    )


# --- size-capped, UTF-8-checked reading ---------------------------------------------------------------


class CappedReader(io.RawIOBase):
    """A read-only view of a binary stream that raises `too_big` once more than `limit` bytes were
    read; with `utf8_where`, it also checks the bytes are UTF-8 as they pass (counting lines and bytes,
    so the error says where)."""

    def __init__(self, stream: IO[bytes], limit: int, *, utf8_where: str | None = None) -> None:
        self._stream = stream
        self._limit = limit
        self._where = utf8_where or ""
        self._decoder = codecs.getincrementaldecoder("utf-8")() if utf8_where is not None else None
        self._lines = 0
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        if self.count + len(data) > self._limit:
            self.count += len(data)
            raise too_big(self._limit)
        if self._decoder is not None:
            self._check(self._decoder, data)
        self.count += len(data)
        buffer[: len(data)] = data
        return len(data)

    def _check(self, decoder: codecs.IncrementalDecoder, data: bytes) -> None:
        pending = len(decoder.getstate()[0])  # the start of a character cut by the last chunk
        try:
            decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            before = max(0, exc.start - pending)
            line = self._lines + data[:before].count(b"\n") + 1
            raise _not_utf8(self._where, line, self.count - pending + exc.start) from exc
        self._lines += data.count(b"\n")


def read_capped(stream: IO[bytes], limit: int) -> bytes:
    """Every byte of `stream`; `too_big` (after reading at most `limit` + 1 bytes) if there are more."""
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise too_big(limit)
    return raw


def text_stream(stream: IO[bytes], *, limit: int, where: str = "The file") -> io.TextIOWrapper:
    """`stream` as text for csv and the like: UTF-8 with or without a BOM, newlines untranslated,
    decoded while it is read; `UploadError` past `limit` bytes or at the first byte that is not UTF-8."""
    capped = CappedReader(stream, limit, utf8_where=where)
    return io.TextIOWrapper(io.BufferedReader(capped), encoding="utf-8-sig", newline="")


def decode_utf8(raw: bytes, where: str = "The file") -> str:
    """`raw` as text (a leading BOM dropped); `UploadError` naming `where`, the line and the byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(where, raw.count(b"\n", 0, exc.start) + 1, exc.start) from exc
    return text[1:] if text.startswith("\ufeff") else text


# --- zip archives ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZipLimits:
    archive_bytes: int = 50 * MB  # the zip file itself
    total_bytes: int = 100 * MB  # what all its members may expand to, declared and read
    ratio: int = 100  # expanded size ÷ zip size
    members: int = 5_000  # entries of any kind, folders included


@dataclass(frozen=True)
class ZipMember:
    """One file of a zip: its name and bytes, or (for an entry that is not a plain file, such as a
    symbolic link) no bytes and the `problem` to report for it."""

    name: str
    data: bytes = b""
    problem: str = ""


def is_zip(stream: IO[bytes]) -> bool:
    """Whether `stream` is a zip archive (it has an end record); it is rewound either way."""
    try:
        found = ziparchive.find_end(stream) is not None
    except ziparchive.BadZip:
        found = True  # a zip, but a broken one: iter_zip says what is wrong with it
    stream.seek(0)
    return found


def is_hidden(name: str) -> bool:
    """Entries people never meant to send: dot files and macOS resource forks (__MACOSX/…)."""
    # Plain string splitting, not PurePosixPath: pathlib interns every part it parses, so a big zip's
    # names would grow the interpreter's table of interned strings for the rest of the process.
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/") if part)


def is_symlink(entry: ziparchive.Entry) -> bool:
    """The entry is a symbolic link: Unix zip tools keep the file mode in the high 16 bits."""
    return stat.S_ISLNK(entry.external_attr >> 16)


def _not_readable(exc: Exception) -> UploadError:
    return UploadError(f"The file is not a readable zip: {exc}.")


def iter_zip(
    stream: IO[bytes], *, limits: ZipLimits = ZipLimits(), wanted: Callable[[str], bool] = lambda name: True
) -> Iterator[ZipMember]:
    """The plain files of the zip in `stream` whose name is `wanted`, sorted by name, one at a time:
    `plan_zip` (every check, before a byte of content is read), then `read_planned`."""
    plan = plan_zip(stream, limits=limits, group=lambda name: "" if wanted(name) else None)
    yield from read_planned(stream, plan.get("", array("I")), limits=limits)


def plan_zip(
    stream: IO[bytes], *, limits: ZipLimits = ZipLimits(), group: Callable[[str], str | None]
) -> dict[str, array[int]]:
    """Where the zip's wanted plain files are, by `group(name)` (None: not wanted), each group's
    positions sorted by name: one walk of the directory, for `read_planned` to read (one group, or a
    share of one, at a time), with no second walk.

    The walk checks the whole directory and raises `UploadError` for a zip that is too big, has too
    many entries, a path outside its folder, an encrypted entry, or declares more than
    `limits.total_bytes` or `limits.ratio` × its size. Folders and hidden entries are skipped. The
    directory is read by `core.ziparchive`: what is kept of it is four bytes per wanted entry,
    whatever the zip holds."""
    stream.seek(0, io.SEEK_END)
    archive_size = stream.tell()
    stream.seek(0)
    if archive_size > limits.archive_bytes:
        raise too_big(limits.archive_bytes)
    try:
        directory = ziparchive.Directory(stream)
        plan, unsorted = _wanted(directory, archive_size, limits, group)
        for key in unsorted:
            plan[key] = directory.sorted_by_name(plan[key])
        return plan
    except ziparchive.BadZip as exc:
        raise _not_readable(exc) from exc


def read_planned(
    stream: IO[bytes], positions: Iterable[int], *, limits: ZipLimits = ZipLimits()
) -> Iterator[ZipMember]:
    """The files at `positions` (from `plan_zip` on the same stream), in that order, one at a time
    (each position taken from `positions` as its file is wanted).
    Each is read in chunks and stopped if it expands past its declared size or what is left of
    `limits.total_bytes` for this read; a symbolic link is yielded with a problem and never read."""
    try:
        directory = ziparchive.Directory(stream)
    except ziparchive.BadZip as exc:
        raise _not_readable(exc) from exc
    budget = limits.total_bytes
    for position in positions:
        try:
            member = directory.entry_at(position)
        except ziparchive.BadZip as exc:
            raise _not_readable(exc) from exc
        if is_symlink(member):
            yield ZipMember(member.name, problem="is a symbolic link, not a file; links are not imported")
            continue
        data = _read_member(stream, member, budget, limits.total_bytes)
        budget -= len(data)
        yield ZipMember(member.name, data)


def _wanted(
    directory: ziparchive.Directory,
    archive_size: int,
    limits: ZipLimits,
    group: Callable[[str], str | None],
) -> tuple[dict[str, array[int]], set[str]]:
    """Where each wanted plain entry's record is in the directory, by group, after one walk of it
    that checks every entry (`_check_totals`), and the groups whose names came out of name order (a
    zip tool usually writes them sorted: those are not sorted again)."""
    kept: dict[str, array[int]] = {}
    last: dict[str, str] = {}  # each group's last name so far
    unsorted: set[str] = set()
    count = total = 0
    refused: UploadError | None = None
    for position, entry in directory.entries():
        count += 1
        total += entry.file_size
        refused = refused or _refusal(entry)
        if refused or count > limits.members or entry.is_dir or is_hidden(entry.name):
            continue  # nothing more is kept once the zip will be refused
        key = group(entry.name)
        if key is not None:
            if (positions := kept.get(key)) is None:
                positions = kept[key] = directory.positions()
            elif entry.name < last[key]:
                unsorted.add(key)
            last[key] = entry.name
            positions.append(position)
    _check_totals(count, total, refused, archive_size, limits)
    return kept, unsorted


def _refusal(entry: ziparchive.Entry) -> UploadError | None:
    """Why the entry makes the whole zip hostile: a path outside its folder, or encryption."""
    path = entry.name.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in path.split("/"):
        return UploadError(
            f"{entry.name}: the zip holds a path outside its folder (absolute or with ..); "
            "nothing was imported."
        )
    if entry.flags & ziparchive.ENCRYPTED:
        return UploadError(f"{entry.name}: encrypted files cannot be imported.")
    return None


def _check_totals(
    count: int, total: int, refused: UploadError | None, archive_size: int, limits: ZipLimits
) -> None:
    """Refuse hostile archives from their directory alone: counts, paths, encryption, sizes, ratio
    (in that order, as one error)."""
    if count > limits.members:
        raise UploadError(f"The zip holds {count:,} files; at most {limits.members:,} are allowed.")
    if refused is not None:
        raise refused
    if total > limits.total_bytes:
        raise UploadError(
            f"The zip expands to {total / MB:,.0f} MB; at most {size_label(limits.total_bytes)} is allowed."
        )
    if total > limits.ratio * max(archive_size, 1):
        raise UploadError(
            f"The zip expands to {total // max(archive_size, 1):,}× its size; at most {limits.ratio}× is "
            "allowed (it looks like a zip bomb)."
        )


def _read_member(stream: IO[bytes], entry: ziparchive.Entry, budget: int, total: int) -> bytes:
    """A member's bytes, counted while reading: it may not outgrow its declared size or the budget."""
    limit = min(entry.file_size, budget)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in ziparchive.read_chunks(stream, entry):
            size += len(chunk)
            if size > limit:
                raise UploadError(
                    f"{entry.name}: expands past its declared size or the {size_label(total)} "
                    "limit; nothing was imported."
                )
            chunks.append(chunk)
    except (ziparchive.BadZip, OSError) as exc:
        raise UploadError(f"{entry.name} cannot be read from the zip: {exc}.") from exc
    return b"".join(chunks)


# --- the HTTP body ---------------------------------------------------------------------------------


class CappedUpload(FileUploadHandler):
    """Stops keeping an upload once it passes `limit` (Django would spool all of it to disk)."""

    too_big = False

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def cap_upload(request: HttpRequest, limit: int) -> CappedUpload | None:
    """Put a CappedUpload first, if the body has not been read yet (else Django spooled it already)."""
    handler = CappedUpload(request, limit)
    try:
        request.upload_handlers = [handler, *request.upload_handlers]
    except AttributeError:  # "You cannot set the upload handlers after the upload has been processed."
        return None
    return handler


def upload_too_big(request: HttpRequest) -> bool:
    """A CappedUpload stopped this request's upload."""
    return any(isinstance(h, CappedUpload) and h.too_big for h in request.upload_handlers)


def declared_too_big(request: HttpRequest, limit: int) -> bool:
    """The request says its body is well past `limit` (1 MB of form overhead allowed): refuse it
    without reading it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > limit + MB
