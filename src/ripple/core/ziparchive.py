"""A zip reader whose memory barely grows with the number of members, for `core.uploads.iter_zip`.

Python's `zipfile` reads the whole central directory at once and keeps one `ZipInfo` per member
(~580 bytes each): a Slack export with tens of thousands of day files costs megabytes before a byte
of content is read. Here the directory is walked once, entry by entry (`Directory.entries`), and the
caller keeps only the directory positions of the entries it wants, four bytes each in an `array`;
`Directory.sorted_by_name` sorts such positions by name, as `sorted(…, key=filename)` would, by a
depth-first walk of the folders (only one folder level's names are held at a time), and
`Directory.entry_at` reads an entry again from the directory when its turn comes. `read_chunks`
reads one member: local header checked against the directory, stored, deflate, bzip2 or lzma
data decompressed at most `CHUNK` bytes at a time, and the declared size and CRC-32 checked at the end.

What it reads is what `zipfile` reads: the same end record search (a comment of up to 64 KB), ZIP64
end records and extra fields, data prepended to the archive (self-extracting zips), names decoded as
UTF-8 when flagged and as cp437 otherwise and cut at a NUL byte. Every problem with the format is a
`BadZip` whose message reads after "cannot be read" or "is not a readable zip"; the limits (member
count, sizes, ratio, paths, encryption, links) are the caller's policy (`core.uploads`).
"""

from __future__ import annotations

import bz2
import itertools
import lzma
import operator
import struct
import zlib
from array import array
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

CHUNK = 64 * 1024

STORED, DEFLATED, BZIP2, LZMA = 0, 8, 12, 14
ENCRYPTED, DESCRIPTOR, PATCHED, STRONG, UTF8 = 0x1, 0x8, 0x20, 0x40, 0x800
MAX_VERSION = 63  # what zipfile reads: "6.3" (LZMA, bzip2, ZIP64)

_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END_SIG = b"PK\x05\x06"
_LOCATOR = struct.Struct("<4sLQL")  # ZIP64 end of central directory locator
_LOCATOR_SIG = b"PK\x06\x07"
_END64 = struct.Struct("<4sQ2H2L4Q")  # ZIP64 end of central directory record
_END64_SIG = b"PK\x06\x06"
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory file header
_CENTRAL_SIG = b"PK\x01\x02"
_FIELDS = operator.itemgetter(0, 3, 5, 6, 9, 10, 11, 12, 13, 17, 18)  # what is read of a directory record
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # local file header
_LOCAL_SIG = b"PK\x03\x04"
_ZIP64_EXTRA = 0x0001


class BadZip(ValueError):
    """The bytes are not a zip this reader can read; the message says what is wrong."""


class Entry(NamedTuple):
    """One central-directory entry, as `zipfile.ZipInfo` would read it (made only while needed)."""

    name: str  # as zipfile names it: cut at a NUL byte
    stored_name: str  # the whole name, which the local header must repeat
    flags: int
    method: int
    crc: int
    compress_size: int
    file_size: int
    external_attr: int
    header_offset: int  # where its local header starts, prepended data included

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")


def _decode(raw: bytes, flags: int) -> str:
    try:
        return raw.decode("utf-8") if flags & UTF8 else raw.decode("cp437")
    except UnicodeDecodeError as exc:
        raise BadZip(f"a file name is not valid UTF-8 ({exc.reason})") from exc


def _read_exactly(stream: IO[bytes], size: int, what: str) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise BadZip(f"the file ends inside the {what}")
    return data


def find_end(stream: IO[bytes]) -> tuple[int, int, int] | None:
    """(directory start, directory size, bytes prepended to the archive) from the end records, or None
    when `stream` has no end record (not a zip). `BadZip` for an end record that cannot be right."""
    stream.seek(0, 2)
    size = stream.tell()
    if size < _END.size:
        return None
    stream.seek(size - _END.size)
    data = stream.read(_END.size)
    at = size - _END.size
    if not (data[:4] == _END_SIG and data[-2:] == b"\0\0"):  # no archive comment: search for the record
        first = max(size - (1 << 16) - _END.size, 0)
        stream.seek(first)
        data = stream.read()
        found = data.rfind(_END_SIG)
        if found < 0 or len(data) - found < _END.size:
            return None
        data, at = data[found : found + _END.size], first + found
    cd_size, cd_offset = _END.unpack(data)[5:7]
    concat = at - cd_size - cd_offset  # bytes prepended to the archive (a self-extracting zip)
    end64 = _end64(stream, at)
    if end64 is not None:
        cd_size, cd_offset = end64
        concat = at - cd_size - cd_offset - _END64.size - _LOCATOR.size
    start = cd_offset + concat
    if start < 0:
        raise BadZip("bad offset for the central directory")
    return start, cd_size, concat


def _end64(stream: IO[bytes], end_at: int) -> tuple[int, int] | None:
    """The ZIP64 record just before the end record, as zipfile finds it: (directory size, offset)."""
    if end_at < _LOCATOR.size:
        return None
    stream.seek(end_at - _LOCATOR.size)
    data = stream.read(_LOCATOR.size)
    sig, disk, _offset, disks = _LOCATOR.unpack(data)
    if sig != _LOCATOR_SIG:
        return None
    if disk != 0 or disks > 1:
        raise BadZip("zip files that span several disks are not supported")
    at = end_at - _LOCATOR.size - _END64.size
    if at < 0:
        return None
    stream.seek(at)
    data = stream.read(_END64.size)
    fields = _END64.unpack(data)
    if fields[0] != _END64_SIG:
        return None
    return fields[8], fields[9]


class Directory:
    """The central directory of the zip in `stream`; nothing of it is kept but where it is."""

    def __init__(self, stream: IO[bytes]) -> None:
        end = find_end(stream)
        if end is None:
            raise BadZip("File is not a zip file")
        self.stream = stream
        self.start, self.size, self._concat = end

    def entries(self) -> Iterator[tuple[int, Entry]]:
        """Every entry with its position in the directory, in directory order, read in blocks."""
        stream, position, stop = self.stream, self.start, self.start + self.size
        stream.seek(position)
        buffer, at = b"", 0
        while position < stop:
            if len(buffer) - at < _CENTRAL.size:
                buffer, at = buffer[at:] + stream.read(CHUNK), 0
            header = buffer[at : at + _CENTRAL.size]
            if len(header) != _CENTRAL.size:
                raise BadZip("the central directory is truncated")
            fields = _CENTRAL.unpack(header)
            length = _CENTRAL.size + fields[12] + fields[13] + fields[14]
            if len(buffer) - at < length:
                buffer, at = buffer[at:] + stream.read(max(CHUNK, length)), 0
            record = buffer[at : at + length]
            if len(record) != length:
                raise BadZip("the central directory is truncated")
            yield position, self._entry(fields, record)
            at += length
            position += length

    def entry_at(self, position: int) -> Entry:
        """The entry whose directory record starts at `position` (from `entries`)."""
        self.stream.seek(position)
        header = _read_exactly(self.stream, _CENTRAL.size, "central directory")
        fields = _CENTRAL.unpack(header)
        rest = _read_exactly(self.stream, fields[12] + fields[13] + fields[14], "central directory")
        return self._entry(fields, header + rest)

    def _entry(self, fields: tuple[Any, ...], record: bytes) -> Entry:
        sig, version, flags, method, crc, compress_size, file_size = (
            fields[i] for i in (0, 3, 5, 6, 9, 10, 11)
        )
        name_length, extra_length, external, offset = fields[12], fields[13], fields[17], fields[18]
        if sig != _CENTRAL_SIG:
            raise BadZip("bad magic number for the central directory")
        if version > MAX_VERSION:
            raise BadZip(f"zip file version {version / 10:.1f} is not supported")
        stored_name = _decode(record[_CENTRAL.size : _CENTRAL.size + name_length], flags)
        extra = record[_CENTRAL.size + name_length : _CENTRAL.size + name_length + extra_length]
        file_size, compress_size, offset = _zip64_sizes(extra, file_size, compress_size, offset)
        nul = stored_name.find("\0")
        return Entry(
            name=stored_name if nul < 0 else stored_name[:nul],
            stored_name=stored_name,
            flags=flags,
            method=method,
            crc=crc,
            compress_size=compress_size,
            file_size=file_size,
            external_attr=external,
            header_offset=offset + self._concat,
        )

    def name_at(self, position: int) -> bytes:
        """The entry's name (as `Entry.name`) in UTF-8, which sorts as the name does."""
        self.stream.seek(position)
        fields = _CENTRAL.unpack(_read_exactly(self.stream, _CENTRAL.size, "central directory"))
        name = _decode(_read_exactly(self.stream, fields[12], "central directory"), fields[5])
        nul = name.find("\0")
        return (name if nul < 0 else name[:nul]).encode("utf-8")

    def positions(self) -> array[int]:
        """An empty array for positions in this zip: four bytes each below 4 GB, else eight."""
        return array("I" if self.start + self.size < 1 << 32 else "Q")

    def sorted_by_name(self, positions: array[int]) -> array[int]:
        """`positions` sorted by their entries' names (equal names in directory order). `positions`
        is emptied once its first level is sorted, so it is not held twice."""
        return array(positions.typecode, self._walk(positions, 0))

    def _walk(self, positions: array[int], depth: int) -> Iterator[int]:
        # Comparing "folder/" with a file's name, or two folders' "name/", orders them as their full
        # names would be ordered ("a-b/x" < "a/x" < "a0"), so sorting each level's keys and walking
        # folders depth first gives the order of sorted(full names).
        groups: dict[bytes, array[int]] = {}
        for position in positions:
            name = self.name_at(position)
            cut = name.find(b"/", depth)
            key = name[depth:] if cut < 0 else name[depth : cut + 1]
            if (group := groups.get(key)) is None:
                group = groups[key] = array(positions.typecode)
            group.append(position)
        del positions[:]
        for key in sorted(groups):
            group = groups.pop(key)
            if key.endswith(b"/") and len(group) > 1:
                yield from self._walk(group, depth + len(key))
            else:
                yield from group


def _zip64_sizes(extra: bytes, file_size: int, compress_size: int, offset: int) -> tuple[int, int, int]:
    """Sizes and offset from the ZIP64 extra field, for those the header marks as too large."""
    while len(extra) >= 4:
        kind, length = struct.unpack("<HH", extra[:4])
        if length + 4 > len(extra):
            raise BadZip(f"corrupt extra field {kind:04x} (size={length})")
        if kind == _ZIP64_EXTRA:
            data = extra[4 : length + 4]
            try:
                if file_size in (0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF):
                    (file_size,), data = struct.unpack("<Q", data[:8]), data[8:]
                if compress_size == 0xFFFF_FFFF:
                    (compress_size,), data = struct.unpack("<Q", data[:8]), data[8:]
                if offset == 0xFFFF_FFFF:
                    (offset,) = struct.unpack("<Q", data[:8])
            except struct.error:
                raise BadZip("corrupt zip64 extra field") from None
        extra = extra[length + 4 :]
    return file_size, compress_size, offset


# --- one member ------------------------------------------------------------------------------------


def read_chunks(stream: IO[bytes], entry: Entry) -> Iterator[bytes]:
    """The member's bytes, at most `CHUNK` at a time; `BadZip` if its local header does not match the
    directory, its data is cut short or corrupt, or it is not `file_size` bytes with the declared CRC
    (checked after the chunk that passes the size, so a caller counting bytes stops it first)."""
    if entry.flags & PATCHED:
        raise BadZip("compressed patched data (flag bit 5) is not supported")
    if entry.flags & (STRONG | ENCRYPTED):
        raise BadZip("encrypted data is not supported")
    if entry.method not in (STORED, DEFLATED, BZIP2, LZMA):
        raise BadZip(f"compression method {entry.method} is not supported")
    stream.seek(entry.header_offset)
    local = _LOCAL.unpack(_read_exactly(stream, _LOCAL.size, "file header"))
    if local[0] != _LOCAL_SIG:
        raise BadZip("bad magic number for the file header")
    name = _read_exactly(stream, local[10], "file header")
    if _decode(name, local[3]) != entry.stored_name:
        raise BadZip(f"the file name in the directory ({entry.stored_name!r}) and header ({name!r}) differ")
    stream.seek(local[11], 1)
    crc = size = 0
    try:
        for chunk in _inflate(entry.method, _compressed(stream, entry.compress_size)):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            yield chunk
            if size > entry.file_size:
                raise BadZip("the data expands past its declared size")
    except (zlib.error, OSError, EOFError, lzma.LZMAError) as exc:
        raise BadZip(f"corrupt data ({exc})") from exc
    if size != entry.file_size:
        raise BadZip(f"the data is {size:,} bytes, not the {entry.file_size:,} declared")
    if crc != entry.crc:
        raise BadZip(f"bad CRC-32 for file {entry.name!r}")


def _compressed(stream: IO[bytes], size: int) -> Iterator[bytes]:
    while size > 0:
        chunk = stream.read(min(CHUNK, size))
        if not chunk:
            raise BadZip("the file ends inside a member's data")
        size -= len(chunk)
        yield chunk


def _inflate(method: int, pieces: Iterator[bytes]) -> Iterator[bytes]:
    """Decompressed bytes, never more than `CHUNK` from one call, whatever the compression ratio."""
    if method == STORED:
        yield from pieces
        return
    if method == DEFLATED:
        inflater = zlib.decompressobj(-15)
        for piece in pieces:
            while piece and not inflater.eof:
                if out := inflater.decompress(piece, CHUNK):
                    yield out
                piece = inflater.unconsumed_tail
        while not inflater.eof and (out := inflater.flush(CHUNK)):
            yield out
        return
    decompressor: bz2.BZ2Decompressor | lzma.LZMADecompressor
    if method == BZIP2:
        decompressor = bz2.BZ2Decompressor()
    else:
        decompressor, first = _lzma(pieces)
        pieces = itertools.chain([first], pieces)
    for piece in pieces:
        if decompressor.eof:
            break
        yield decompressor.decompress(piece, CHUNK)
        while not decompressor.eof and not decompressor.needs_input:
            yield decompressor.decompress(b"", CHUNK)


def _lzma(pieces: Iterator[bytes]) -> tuple[lzma.LZMADecompressor, bytes]:
    """zipfile's LZMA: a 4-byte header (version, size of the properties), the 5-byte LZMA1
    properties (lc, lp, pb in one byte, then the dictionary size), then a raw LZMA1 stream. The
    decompressor for it and the bytes read past the header."""
    head = b""
    while len(head) < 9:
        piece = next(pieces, b"")
        if not piece:
            raise BadZip("the LZMA header is truncated")
        head += piece
    (props_size,) = struct.unpack("<H", head[2:4])
    bits, dict_size = head[4], struct.unpack("<L", head[5:9])[0]
    if props_size != 5 or bits >= 9 * 5 * 5:
        raise BadZip("unknown LZMA properties")
    lc, lp, pb = bits % 9, (bits // 9) % 5, bits // 45
    lzma1 = {"id": lzma.FILTER_LZMA1, "lc": lc, "lp": lp, "pb": pb, "dict_size": dict_size}
    return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[lzma1]), head[9:]
