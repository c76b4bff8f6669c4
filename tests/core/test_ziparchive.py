"""core.ziparchive, through core.uploads.iter_zip: real zips written by zipfile here (no database), read
back the same, refused the same, in memory that does not grow with the number of members."""

from __future__ import annotations

import io
import random
import stat
import struct
import tracemalloc
import warnings
import zipfile

import pytest

from ripple.core import uploads, ziparchive
from ripple.core.uploads import UploadError, ZipLimits, iter_zip

METHODS = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
ROOMY = ZipLimits(members=100_000, total_bytes=1024 * uploads.MB, ratio=10_000)


def text(size: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    words = [b"prompt", b"model", b"meeting", b"report", b"\xc3\xa9t\xc3\xa9", b"42", b"\n"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + b" "
    return bytes(out[:size])


def build(files: list[tuple[str | zipfile.ZipInfo, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names, on purpose
        with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
            for name, content in files:
                archive.writestr(name, content)
    return buffer.getvalue()


def read(data: bytes, **kwargs) -> list[tuple[str, bytes, str]]:
    return [(m.name, m.data, m.problem) for m in iter_zip(io.BytesIO(data), **kwargs)]


def patched(data: bytes, signature: bytes, at: int, value: bytes, *, last: bool = True) -> bytes:
    out = bytearray(data)
    found = out.rfind(signature) if last else out.find(signature)
    out[found + at : found + at + len(value)] = value
    return bytes(out)


# --- what comes out ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_every_compression_zipfile_writes_is_read_back_whole(method):
    files = [("big.txt", text(700_000)), ("empty.txt", b""), ("small.json", b'[{"text": "hi"}]')]
    data = build(files, method)
    assert read(data, limits=ROOMY) == sorted((name, content, "") for name, content in files)


@pytest.mark.parametrize("method", METHODS)
def test_a_highly_compressible_member_comes_out_in_bounded_chunks(method):
    data = build([("zeros.txt", b"\0" * (3 * uploads.MB))], method)
    stream = io.BytesIO(data)
    [(_position, entry)] = ziparchive.Directory(stream).entries()
    sizes = [len(chunk) for chunk in ziparchive.read_chunks(stream, entry)]
    assert sum(sizes) == 3 * uploads.MB and max(sizes) <= ziparchive.CHUNK


def test_members_come_in_the_order_of_their_full_names_as_sorted_gives_it():
    names = ["a/x", "a-b/y", "a0", "a", "a/b/c", "a/b-c", "a/b/", "b/é.md", "b/e.md", "B/z", "a/x", "ä/1"]
    names += [f"c{random.Random(i).randint(0, 30)}/{i:03}.json" for i in range(200)]
    data = build([(name, name.encode()) for name in names])
    assert [name for name, _data, _problem in read(data)] == sorted(n for n in names if not n.endswith("/"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # equal names: both, in directory order
        assert [m.data for m in iter_zip(io.BytesIO(data)) if m.name == "a/x"] == [b"a/x", b"a/x"]
        assert len([n for n in archive.namelist() if n == "a/x"]) == 2


def test_zip64_records_and_extra_fields_are_read(monkeypatch):
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 100)  # zipfile then writes ZIP64 for anything past 100
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for n in range(4):
            with archive.open(f"f{n}.txt", "w", force_zip64=True) as member:
                member.write(text(5_000, seed=n))
    data = buffer.getvalue()
    assert b"PK\x06\x06" in data and b"PK\x06\x07" in data  # the ZIP64 end record and its locator
    monkeypatch.undo()
    assert read(data) == [(f"f{n}.txt", text(5_000, seed=n), "") for n in range(4)]


def test_a_zip_with_a_comment_or_data_before_it_is_read_as_zipfile_reads_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.md", "one")
        archive.comment = b"made by a tool " * 100
    assert read(buffer.getvalue()) == [("a.md", b"one", "")]
    stub = b"#!/bin/sh\nexit 0\n" * 10  # a self-extracting archive: the offsets ignore the stub
    assert read(stub + build([("a.md", b"one"), ("b.md", b"two")])) == [
        ("a.md", b"one", ""),
        ("b.md", b"two", ""),
    ]


def test_a_symlink_is_yielded_as_a_problem():
    link = zipfile.ZipInfo("link.md")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert read(build([(link, b"/etc/passwd"), ("a.md", b"x")])) == [
        ("a.md", b"x", ""),
        ("link.md", b"", "is a symbolic link, not a file; links are not imported"),
    ]


# --- refused -------------------------------------------------------------------------------------------


def test_a_crc_that_does_not_match_the_data_names_the_member():
    data = build([("a.md", b"some text here")], zipfile.ZIP_STORED)
    for signature, at in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        data = patched(data, signature, at, b"\0\0\0\0")
    with pytest.raises(
        UploadError, match=r"^a.md cannot be read from the zip: bad CRC-32 for file 'a.md'\.$"
    ):
        read(data)


def test_a_local_header_that_does_not_match_the_directory_is_refused():
    data = patched(build([("a.md", b"text")]), b"PK\x03\x04", 30, b"b")  # the local header's name
    with pytest.raises(
        UploadError, match=r"^a.md cannot be read from the zip: the file name in the directory"
    ):
        read(data)


@pytest.mark.parametrize("cut", [1, 22, 100, 400])
def test_a_truncated_zip_is_not_readable(cut):
    data = build([("a.md", text(300)), ("b.md", text(300, 2))], zipfile.ZIP_STORED)
    with pytest.raises(UploadError, match="^The file is not a readable zip"):
        read(data[:-cut])


def test_a_member_cut_short_or_pointing_outside_the_file_names_the_member():
    data = build([("a.md", text(5_000))], zipfile.ZIP_DEFLATED)
    inflated = patched(data, b"PK\x01\x02", 20, struct.pack("<L", 10_000_000))  # compressed size
    with pytest.raises(UploadError, match=r"^a.md cannot be read from the zip: .*the file ends inside"):
        read(inflated, limits=ZipLimits(ratio=10_000))
    elsewhere = patched(data, b"PK\x01\x02", 42, struct.pack("<L", 5_000_000))  # local header offset
    with pytest.raises(UploadError, match=r"^a.md cannot be read from the zip: the file ends inside"):
        read(elsewhere)


def test_a_lying_bzip2_bomb_is_stopped_after_a_chunk_in_little_memory():
    data = build([("bomb.txt", b"\0" * (200 * uploads.MB))], zipfile.ZIP_BZIP2)
    assert len(data) < 1_000
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # declared: 10 bytes
        data = patched(data, signature, at, struct.pack("<L", 10))
    tracemalloc.start()
    try:
        with pytest.raises(UploadError, match="^bomb.txt: expands past its declared size"):
            read(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * uploads.MB


def test_a_declared_bomb_and_a_total_past_the_limit_are_refused_from_the_directory():
    with pytest.raises(
        UploadError, match=r"× its size; at most 100× is allowed \(it looks like a zip bomb\)"
    ):
        read(build([("bomb.md", b"a" * 1_000_000)]))
    with pytest.raises(UploadError, match=r"^The zip expands to 3 MB; at most 2 MB is allowed\.$"):
        read(
            build([("big.md", b"\0" * (3 * uploads.MB))]),
            limits=ZipLimits(total_bytes=2 * uploads.MB, ratio=10**6),
        )


@pytest.mark.parametrize(
    "name", ["../evil.md", "a/../../evil.md", "/etc/evil.md", "C:/evil.md", "..\\evil.md"]
)
def test_paths_outside_the_folder_are_refused_with_the_message_of_before(name):
    with pytest.raises(UploadError) as caught:
        read(build([("fine.md", b"ok"), (name, b"evil")]))
    assert str(caught.value) == (
        f"{name}: the zip holds a path outside its folder (absolute or with ..); nothing was imported."
    )


def test_too_many_members_are_counted_to_the_end_and_refused_before_paths():
    data = build([(f"{i}.md", b"x") for i in range(10)] + [("../evil.md", b"x")])
    with pytest.raises(UploadError, match=r"^The zip holds 11 files; at most 5 are allowed\.$"):
        read(data, limits=ZipLimits(members=5))


def test_an_encrypted_member_is_refused_before_anything_is_read():
    data = build([("fine.md", b"ok"), ("secret.md", b"text")])
    data = patched(data, b"PK\x01\x02", 8, b"\x01")  # the directory's flag: encrypted
    with pytest.raises(UploadError, match=r"^secret.md: encrypted files cannot be imported\.$"):
        read(data)


@pytest.mark.parametrize(
    "data", [b"", b"plain text", b"PK\x03\x04 not really a zip", b"PK\x05\x06" + b"\0" * 10]
)
def test_a_file_that_is_not_a_zip_is_refused(data):
    with pytest.raises(UploadError, match="^The file is not a readable zip: "):
        read(data)
    assert uploads.is_zip(io.BytesIO(data)) is False


def test_an_unknown_compression_method_names_the_member():
    data = build([("a.md", b"text")], zipfile.ZIP_STORED)
    data = patched(data, b"PK\x01\x02", 10, struct.pack("<H", 99))
    with pytest.raises(UploadError, match=r"^a.md cannot be read from the zip: compression method 99"):
        read(data)


# --- memory ---------------------------------------------------------------------------------------------


def _peak_reading(members: int) -> int:
    data = build([(f"channel-{i % 40}/day-{i:06}.json", b"[]") for i in range(members)], zipfile.ZIP_STORED)
    stream = io.BytesIO(data)
    tracemalloc.start()
    try:
        count = sum(1 for _member in iter_zip(stream, limits=ROOMY))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == members
    return peak


def test_reading_a_zip_takes_memory_that_does_not_grow_with_its_members():
    small, big = _peak_reading(2_000), _peak_reading(20_000)
    # zipfile keeps ~580 bytes a member: 11 MB for 20,000. Here: the positions of the wanted members
    # (4 bytes each) over a floor of read buffers.
    assert big < 1.5 * uploads.MB, big
    assert big / small < 1.5, (small, big)
    assert (big - small) / 18_000 < 16, (small, big)
