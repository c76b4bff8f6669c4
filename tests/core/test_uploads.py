"""core.uploads: every guard against a hostile or broken file, with the file built here (no database)."""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from pathlib import Path

import pytest
from django.test import RequestFactory

from ripple.core import uploads, ziparchive
from ripple.core.uploads import UploadError, ZipLimits, iter_zip


class Trickle(io.BytesIO):
    """A stream that hands out at most `step` bytes a read, so characters are cut at every boundary."""

    def __init__(self, data: bytes, step: int = 3) -> None:
        super().__init__(data)
        self.step = step

    def read(self, size: int | None = -1) -> bytes:
        return super().read(self.step if size is None or size < 0 else min(size, self.step))


def zipped(
    files: dict[str, str | bytes], *, compression: int = zipfile.ZIP_DEFLATED, infos: list | None = None
) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        for info, content in infos or []:
            archive.writestr(info, content)
    buffer.seek(0)
    return buffer


def symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, as `zip --symlinks` writes it
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def members(stream: io.BytesIO, **kwargs) -> list[tuple[str, bytes, str]]:
    return [(m.name, m.data, m.problem) for m in iter_zip(stream, **kwargs)]


# --- sizes ---------------------------------------------------------------------------------------------


def test_size_label_names_the_limit_as_a_person_reads_it():
    assert uploads.size_label(50 * uploads.MB) == "50 MB"
    assert uploads.size_label(3 * uploads.MB // 2) == "1.5 MB"
    assert uploads.size_label(10_240) == "10 KB"
    assert uploads.size_label(300) == "300 bytes"
    assert (
        str(uploads.too_big(5 * uploads.MB)) == "The file is larger than 5 MB; split it into smaller files."
    )


def test_read_capped_takes_up_to_the_limit_and_refuses_one_byte_more_without_reading_on():
    assert uploads.read_capped(io.BytesIO(b"x" * 100), 100) == b"x" * 100
    stream = io.BytesIO(b"x" * 10_000)
    with pytest.raises(UploadError, match="^The file is larger than 100 bytes"):
        uploads.read_capped(stream, 100)
    assert stream.tell() == 101


def test_text_stream_stops_near_the_cap():
    stream = io.BytesIO(b"a,b\n" * 100_000)
    with pytest.raises(UploadError, match="larger than 10 KB"):
        list(csv.reader(uploads.text_stream(stream, limit=10_240)))
    assert stream.tell() < 10_240 + 64 * 1024


# --- UTF-8 ---------------------------------------------------------------------------------------------


def test_text_stream_drops_a_bom_keeps_newlines_and_reads_characters_cut_between_reads():
    text = '\ufefftitle,body\r\n"Café","naïve 😀\nsecond line"\r\n'
    stream = uploads.text_stream(Trickle(text.encode("utf-8")), limit=1_000)
    assert list(csv.reader(stream)) == [["title", "body"], ["Café", "naïve 😀\nsecond line"]]


@pytest.mark.parametrize("step", [1, 3, 8192, 1 << 20])
def test_text_stream_names_the_file_line_and_byte_of_the_first_bad_byte(step):
    good = ("é" * 50_000 + "\n") * 3  # 300,003 bytes of good UTF-8 over many reads
    data = good.encode("utf-8") + b"ok \xff rest\n"
    stream = uploads.text_stream(Trickle(data, step), limit=len(data), where="people.csv")
    with pytest.raises(UploadError) as caught:
        stream.read()
    assert str(caught.value) == (
        f"people.csv is not UTF-8 text (line 4, byte {len(good.encode()) + 3} cannot be read); "
        "save it as UTF-8 and try again."
    )


def test_text_stream_refuses_a_character_cut_off_by_the_end_of_the_file():
    data = b"fine\n" + "€".encode()[:2]
    with pytest.raises(UploadError, match=r"line 2, byte 5 cannot be read"):
        uploads.text_stream(Trickle(data, 2), limit=100).read()


def test_decode_utf8_drops_a_bom_and_names_the_file_line_and_byte():
    assert uploads.decode_utf8("\ufeffCafé".encode()) == "Café"
    assert uploads.decode_utf8(b"") == ""
    with pytest.raises(UploadError, match=r"^notes/a.md is not UTF-8 text \(line 3, byte 6 cannot be read\)"):
        uploads.decode_utf8(b"a\nb\nCr\xe8me", "notes/a.md")
    with pytest.raises(UploadError, match=r"^The file is not UTF-8 text \(line 1, byte 0"):
        uploads.decode_utf8(b"\xff\xfe")  # UTF-16 is not UTF-8


# --- zips: what comes out ------------------------------------------------------------------------------


def test_iter_zip_yields_wanted_plain_files_sorted_and_skips_folders_and_hidden_entries():
    archive = zipped(
        {
            "b/two.md": "2",
            "a/one.md": "1",
            "a/": "",
            "a/image.png": b"\x89PNG",
            ".hidden.md": "h",
            "__MACOSX/a/._one.md": b"\0",
        }
    )
    found = members(archive, wanted=lambda name: name.endswith(".md"))
    assert found == [("a/one.md", b"1", ""), ("b/two.md", b"2", "")]


def test_iter_zip_reads_one_member_at_a_time(monkeypatch):
    reads: list[str] = []
    real = uploads._read_member
    monkeypatch.setattr(
        uploads, "_read_member", lambda a, info, *rest: reads.append(info.name) or real(a, info, *rest)
    )
    iterator = iter_zip(zipped({"a.md": "1", "b.md": "2", "c.md": "3"}))
    assert next(iterator).name == "a.md" and reads == ["a.md"]
    assert next(iterator).name == "b.md" and reads == ["a.md", "b.md"]


def test_a_symlink_member_is_yielded_as_a_problem_and_never_read(monkeypatch):
    reads: list[str] = []
    real = uploads._read_member
    monkeypatch.setattr(
        uploads, "_read_member", lambda a, info, *rest: reads.append(info.name) or real(a, info, *rest)
    )
    archive = zipped({"real.md": "# Real"}, infos=[(symlink("passwd.md"), "/etc/passwd")])
    assert members(archive) == [
        ("passwd.md", b"", "is a symbolic link, not a file; links are not imported"),
        ("real.md", b"# Real", ""),
    ]
    assert reads == ["real.md"]


def test_a_regular_file_from_a_unix_zip_is_not_taken_for_a_link():
    info = zipfile.ZipInfo("plain.md")
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    assert members(zipped({}, infos=[(info, "text")])) == [("plain.md", b"text", "")]


# --- zips: refused as a whole, before a byte of content is read -----------------------------------------


@pytest.fixture
def no_reading(monkeypatch):
    reads: list[str] = []
    monkeypatch.setattr(uploads, "_read_member", lambda a, info, *rest: reads.append(info.name) or b"")
    yield
    assert reads == []


@pytest.mark.parametrize(
    "name", ["../evil.md", "a/../../evil.md", "/etc/evil.md", "C:/evil.md", "c:evil.md", "..\\evil.md"]
)
def test_paths_outside_the_folder_are_refused(name, no_reading):
    with pytest.raises(
        UploadError, match=r"the zip holds a path outside its folder \(absolute or with \.\.\)"
    ):
        members(zipped({"fine.md": "ok", name: "evil"}))


def test_an_encrypted_member_is_refused(no_reading):
    data = bytearray(zipped({"fine.md": "ok", "secret.md": "text"}).getvalue())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local header, directory
        at = data.rfind(signature)
        data[at + flags_at] |= 0x1  # "encrypted" (zipfile writes no encryption of its own)
    with pytest.raises(UploadError, match="^secret.md: encrypted files cannot be imported"):
        members(io.BytesIO(bytes(data)))


def test_too_many_members_are_refused(no_reading):
    with pytest.raises(UploadError, match="^The zip holds 4 files; at most 3 are allowed"):
        members(zipped({f"{i}.md": "x" for i in range(4)}), limits=ZipLimits(members=3))


def test_a_declared_total_past_the_limit_is_refused(no_reading):
    archive = zipped({"big.md": b"\0" * (3 * uploads.MB)})
    with pytest.raises(UploadError, match=r"^The zip expands to 3 MB; at most 2 MB is allowed"):
        members(archive, limits=ZipLimits(total_bytes=2 * uploads.MB, ratio=10_000))


def test_a_compression_ratio_past_the_limit_is_refused_as_a_zip_bomb(no_reading):
    archive = zipped({"bomb.md": "a" * 1_000_000})
    with pytest.raises(
        UploadError, match=r"× its size; at most 100× is allowed \(it looks like a zip bomb\)"
    ):
        members(archive)


def test_an_archive_past_its_own_cap_is_refused(no_reading):
    archive = zipped({"a.md": "x" * 5_000}, compression=zipfile.ZIP_STORED)
    with pytest.raises(UploadError, match="^The file is larger than 1 KB"):
        members(archive, limits=ZipLimits(archive_bytes=1024))


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"plain text", b""])
def test_a_file_that_is_not_a_zip_is_a_clear_error(data):
    with pytest.raises(UploadError, match="^The file is not a readable zip"):
        members(io.BytesIO(data))
    assert uploads.is_zip(io.BytesIO(data)) is False


# --- zips: stopped while reading ---------------------------------------------------------------------------


def test_a_member_larger_than_declared_is_stopped_while_reading():
    archive = zipped({"liar.md": "word " * 2_000}, compression=zipfile.ZIP_STORED)
    data = bytearray(archive.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # the declared (uncompressed) size
    # zipfile stops at the declared size and then finds the CRC wrong; the counted read in
    # _read_member is the second line of defence. Either way: an error naming the member, no data.
    with pytest.raises(UploadError, match="^liar.md(: expands past its declared size| cannot be read)"):
        members(io.BytesIO(bytes(data)))


def test_the_counted_read_stops_a_member_that_outgrows_its_declared_size():
    stream = zipped({"a.md": "x" * 1_000})
    [(_position, entry)] = ziparchive.Directory(stream).entries()
    with pytest.raises(UploadError, match="^a.md: expands past its declared size or the 1 KB limit"):
        uploads._read_member(stream, entry, 999, 1024)  # 999 bytes of budget left for 1,000
    assert uploads._read_member(stream, entry, 1_000, 1024) == b"x" * 1_000


def test_corrupt_member_data_names_the_member():
    corrupt = bytearray(zipped({"a.md": " ".join(str(i * 7919) for i in range(500))}).getvalue())
    corrupt[40:80] = b"\xff" * 40  # the compressed data starts at byte 34
    with pytest.raises(UploadError, match="^a.md cannot be read from the zip"):
        members(io.BytesIO(bytes(corrupt)))


# --- the HTTP body ------------------------------------------------------------------------------------


def test_declared_too_big_allows_a_megabyte_of_form_overhead():
    factory = RequestFactory()
    assert not uploads.declared_too_big(factory.post("/", CONTENT_LENGTH=str(2 * uploads.MB)), uploads.MB)
    assert uploads.declared_too_big(factory.post("/", CONTENT_LENGTH=str(2 * uploads.MB + 1)), uploads.MB)
    assert not uploads.declared_too_big(factory.post("/", CONTENT_LENGTH="garbage"), uploads.MB)


def test_cap_upload_stops_keeping_a_file_past_the_limit():
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = RequestFactory().post("/", {"file": SimpleUploadedFile("big.csv", b"x" * 5_000)})
    handler = uploads.cap_upload(request, 1_000)
    assert handler is not None and not uploads.upload_too_big(request)
    assert "file" not in request.FILES
    assert handler.too_big and uploads.upload_too_big(request)
    small = RequestFactory().post("/", {"file": SimpleUploadedFile("small.csv", b"x" * 500)})
    uploads.cap_upload(small, 1_000)
    assert small.FILES["file"].read() == b"x" * 500 and not uploads.upload_too_big(small)


def _imports(module) -> list[str]:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(str(module.__file__)).read_text())
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    return names + [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]


def test_core_uploads_imports_no_models_and_the_parsers_no_database():
    import ripple.library.importing.parsers
    import ripple.library.importing.rows
    import ripple.people.importing

    assert not [n for n in _imports(uploads) if n.startswith("django.db") or "models" in n]
    for module in (ripple.library.importing.parsers, ripple.library.importing.rows, ripple.people.importing):
        names = _imports(module)
        assert not [
            n for n in names if n.startswith("django.db") or n.endswith((".selectors", "importing.actions"))
        ]
        assert ".objects" not in Path(str(module.__file__)).read_text(), module.__name__


def test_plan_zip_groups_the_wanted_files_in_one_walk_sorting_only_groups_out_of_order(monkeypatch):
    stream = zipped(
        {"a/2.md": "a2", "a/1.md": "a1", "b/1.md": "b1", "b/2.md": "b2", "c.txt": "c", "b/x.txt": "x"}
    )
    walks, sorts = [], []
    entries, sort = ziparchive.Directory.entries, ziparchive.Directory.sorted_by_name
    monkeypatch.setattr(ziparchive.Directory, "entries", lambda self: walks.append(1) or entries(self))
    monkeypatch.setattr(
        ziparchive.Directory, "sorted_by_name", lambda self, p: sorts.append(1) or sort(self, p)
    )
    plan = uploads.plan_zip(stream, group=lambda n: n.split("/")[0] if n.endswith(".md") else None)
    assert sorted(plan) == ["a", "b"] and len(walks) == 1 and len(sorts) == 1  # "b" came sorted
    assert [m.name for m in uploads.read_planned(stream, plan["a"])] == ["a/1.md", "a/2.md"]
    assert [m.data for m in uploads.read_planned(stream, plan["b"])] == [b"b1", b"b2"]
    assert len(walks) == 1  # reading what was planned walks the directory no more
