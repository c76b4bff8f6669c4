"""Golden-file and bad-input tests for the prompt parsers (no database: parsing never writes)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from ripple.core import uploads
from ripple.library import importing
from ripple.library.importing import ImportFileError, parse, parsers
from ripple.library.importing.rows import escape_literal_braces
from ripple.library.variables import escape_malformed, parse_variables

REAL = importing.PROMPTS_CHAT_CSV


def b(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def zipped(files: dict[str, str | bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


# --- the real prompts.chat file ---------------------------------------------------------------------


def test_real_prompts_chat_csv_parses_every_row_without_problems():
    with REAL.open("rb") as stream:
        rows = parse(stream, "csv", name=REAL.name)
    assert len(rows) == 1529
    assert not [r.error_line() for r in rows if r.errors]
    assert len({r.key for r in rows}) == 1529 - 16  # 16 exact duplicates
    assert sum(1 for r in rows if len(r.body) > 100_000) == 2
    first = rows[0]
    assert first.where == "row 2" and first.title == "Ethereum Developer"
    assert first.body.startswith("Imagine you are an experienced Ethereum developer")
    assert first.origin_label == "prompts.chat" and first.origin_url == "https://prompts.chat"
    assert "for developers" in first.tags
    for row in rows:  # every stored body is a valid template (literal braces escaped)
        parse_variables(row.body)


def test_csv_field_size_limit_is_raised_but_bounded():
    with REAL.open("rb") as stream:
        parse(stream, "csv")
    import csv

    assert 144_260 < csv.field_size_limit() <= parsers.CSV_FIELD_LIMIT < 1_000_000


# --- golden files -----------------------------------------------------------------------------------


def test_prompts_chat_columns_map_to_title_body_and_tags():
    text = (
        "act,prompt,for_devs,type\n"
        '"Linux Terminal","I want you to act as a linux terminal.\n""pwd""",TRUE,TEXT\n'
        "Artist,Paint {{subject:a cat}} in oil,FALSE,IMAGE\n"
    )
    rows = parse(b(text), "csv")
    assert [(r.where, r.title) for r in rows] == [("row 2", "Linux Terminal"), ("row 3", "Artist")]
    assert rows[0].body == 'I want you to act as a linux terminal.\n"pwd"'
    assert rows[0].tags == ["for developers"] and rows[1].tags == ["image generation"]
    assert parse_variables(rows[1].body)[0].default == "a cat"


def test_ripple_csv_reads_every_column():
    text = (
        "title,body,purpose,tools,department,tags,check_output,visibility,examples,origin_url,origin_label\n"
        'Renewal email,"Write to {{customer}}",Renewals,"chatgpt, Copilot",Sales,"sales, email",'
        'Check the dates,department,"[{""input"": ""Acme"", ""output"": ""Dear Acme""}]",'
        "https://example.org/p,Wiki\n"
    )
    [row] = parse(b(text), "csv")
    assert row.is_valid, row.errors
    assert row.title == "Renewal email" and row.body == "Write to {{customer}}"
    assert row.purpose == "Renewals" and row.tools == ["ChatGPT", "Microsoft Copilot"]
    assert row.department == "Sales" and row.tags == ["sales", "email"]
    assert row.check_output == "Check the dates" and row.visibility == "department"
    assert row.examples == [{"input": "Acme", "output": "Dear Acme", "changes": ""}]
    assert (row.origin_url, row.origin_label) == ("https://example.org/p", "Wiki")


def test_csv_with_bom_crlf_blank_lines_and_missing_title_takes_first_line():
    text = "\ufeffprompt\r\n\r\n# Summarise notes\r\nKeep it short\r\n"
    rows = parse(b(text), "csv")
    assert [r.title for r in rows] == ["Summarise notes", "Keep it short"]


def test_literal_braces_are_escaped_like_the_library_does():
    body = "Use {{ $json['x'] }} and {{name}} and {{#each items}}"
    [row] = parse(b(f'prompt\n"{body}"\n'), "csv")
    assert row.body == escape_malformed(body) and row.escaped_braces
    assert [v.name for v in parse_variables(row.body)] == ["name"]


class _CountingText(str):
    """A body that counts how many characters `find` looks at: the escaper's cost, without a clock."""

    scanned = 0

    def find(self, sub, start=0, end=None):  # type: ignore[override]
        found = super().find(sub, start, end)
        stop = len(self) if end is None else min(end, len(self))
        _CountingText.scanned += (found + len(sub) if found >= 0 else stop) - start
        return found


def _scanned(body: str) -> int:
    _CountingText.scanned = 0
    escape_literal_braces(_CountingText(body))
    return _CountingText.scanned


def test_escape_literal_braces_is_linear_on_a_body_full_of_braces():
    assert escape_literal_braces("{{" * 100_000) == "\\{{" * 100_000
    assert escape_literal_braces("{{a}" * 50_000) == "\\{{a}" * 50_000
    for unit in ("{{", "{{a}", "{{x}} {{"):
        ratio = _scanned(unit * 20_000) / _scanned(unit * 5_000)
        assert ratio < 5, (
            unit,
            ratio,
        )  # 4× the input: 4× the characters looked at if linear, 16× if quadratic


def test_json_full_fidelity_and_bare_list():
    item = {
        "title": "Triage a ticket",
        "body": "Classify {{ticket}} as {{level:low|high}}",
        "purpose": "Support triage",
        "tools": ["Claude"],
        "department": "Support",
        "tags": ["support"],
        "examples": [{"input": "Login broken", "output": "high", "changes": "none"}],
        "check_output": "Read the ticket again",
        "visibility": "private",
        "variables": [{"name": "ticket"}],  # exported for readers; recomputed on import
        "id": 7,
        "owner": "Someone",
    }
    for document in ({"format": "ripple.prompts", "prompts": [item]}, [item]):
        [row] = parse(b(json.dumps(document)), "json")
        assert row.is_valid, row.errors
        assert row.where == "prompt 1" and row.visibility == "private" and row.tools == ["Claude"]
        assert row.examples == [{"input": "Login broken", "output": "high", "changes": "none"}]


def test_markdown_zip_with_front_matter_heading_and_file_name():
    archive = zipped(
        {
            "prompts/a-front.md": "---\ntitle: From front matter\ntags: [sales, email]\ntools: ChatGPT\n"
            "check_output: Check names\n---\n\n# A heading that stays\n\nBody A {{who}}\n",
            "prompts/b-heading.md": "# Title from heading\n\nBody B\n",
            "prompts/c-plain-name.md": "Just a body, no heading.\n",
            "prompts/image.png": b"\x89PNG",
            "__MACOSX/prompts/._a-front.md": b"\x00\x01",
            "prompts/": "",
        }
    )
    rows = parse(archive, "markdown", name="export.zip")
    assert [(r.where, r.title) for r in rows] == [
        ("prompts/a-front.md", "From front matter"),
        ("prompts/b-heading.md", "Title from heading"),
        ("prompts/c-plain-name.md", "c-plain-name"),
    ]
    assert rows[0].tags == ["sales", "email"] and rows[0].tools == ["ChatGPT"]
    assert rows[0].check_output == "Check names"
    assert rows[0].body == "# A heading that stays\n\nBody A {{who}}"
    assert rows[1].body == "Body B"
    assert all(r.is_valid for r in rows)


def test_single_markdown_file():
    [row] = parse(b("# One prompt\n\nDo the thing.\n"), "markdown", name="one.md")
    assert (row.where, row.title, row.body) == ("one.md", "One prompt", "Do the thing.")


def test_detect_format():
    assert importing.detect_format("x.CSV") == "csv"
    assert importing.detect_format("x.json") == "json"
    assert importing.detect_format("x.zip") == "markdown"
    assert importing.detect_format("upload", b"PK\x03\x04") == "markdown"
    assert importing.detect_format("upload", b'  {"prompts"') == "json"
    assert importing.detect_format("upload", b"act,prompt") == "csv"


# --- bad input: rows ----------------------------------------------------------------------------------


def test_body_over_200000_characters_is_a_row_error_naming_the_row():
    text = 'title,body\nFine,Short\nHuge,"' + "x" * 200_001 + '"\n'
    rows = parse(b(text), "csv")
    assert rows[0].is_valid
    assert rows[1].where == "row 3" and "200,000" in rows[1].error_line()
    assert rows[1].error_line().startswith("row 3 (Huge): the prompt text")


def test_field_beyond_the_csv_limit_is_a_clear_file_error_naming_the_row():
    text = "title,body\nFine,Short\nHuge," + "x" * (parsers.CSV_FIELD_LIMIT + 10) + "\n"
    with pytest.raises(ImportFileError, match=r"^Row 3: a field is longer than 200,000 characters"):
        parse(b(text), "csv")


def test_json_body_over_the_limit_names_the_prompt():
    [row] = parse(b(json.dumps([{"title": "T", "body": "y" * 200_001}])), "json")
    assert row.error_line().startswith("prompt 1 (T): the prompt text: keep it under 200,000 characters")


def test_row_problems_are_named_and_listed():
    text = (
        "title,body,tools,visibility,examples,origin_url\n"
        "Ok,Fine,,,,\n"
        "Bad tool,Text,Notepad,,,\n"
        "Bad vis,Text,,secret,,\n"
        "Bad examples,Text,,,not json,\n"
        "Bad var,Text {{name:}},,,,\n"
        "Empty,,,,,\n"
        "Bad url,Text,,,,javascript:alert(1)\n"
        "Extra,Text,,,,,surplus\n"
    )
    rows = parse(b(text), "csv")
    lines = [r.error_line() for r in rows if r.errors]
    assert rows[0].is_valid
    assert lines[0].startswith("row 3 (Bad tool): tools: “Notepad” is not a tool")
    assert lines[1].startswith("row 4 (Bad vis): visibility “secret”")
    assert lines[2].startswith("row 5 (Bad examples): examples is not a JSON list")
    assert rows[4].is_valid and rows[4].escaped_braces  # {{name:}} is kept as literal text
    assert lines[3].startswith("row 7 (Empty): the prompt text: this field is required")
    assert lines[4].startswith("row 8 (Bad url): origin_url must be a web address")
    assert lines[5].startswith("row 9 (Extra): has 7 fields but the header names 6 columns")


def test_json_items_of_the_wrong_shape_are_row_errors():
    items = [
        {"title": "ok", "body": "fine"},
        "just a string",
        {"title": "t", "body": "b", "tags": "a, b"},  # a comma string is accepted
        {"title": "t2", "body": "b", "tags": [1, 2]},
        {"title": ["x"], "body": "b"},
        {"title": "t3", "body": "b", "examples": {"input": "x"}},
    ]
    rows = parse(b(json.dumps({"prompts": items})), "json")
    assert [r.is_valid for r in rows] == [True, False, True, False, False, False]
    assert rows[1].error_line() == "prompt 2 (no title): is a str, not an object with a title and body"
    assert rows[2].tags == ["a", "b"]
    assert "tags must be a list of text" in rows[3].error_line()
    assert "title must be text" in rows[4].error_line()
    assert "examples must be a list" in rows[5].error_line()


def test_markdown_front_matter_may_not_use_yaml_aliases():
    laughs = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for n in range(ord("b"), ord("k")):
        laughs += f"{chr(n)}: &{chr(n)} [" + ", ".join([f"*{chr(n - 1)}"] * 9) + "]\n"
    laughs += "tags: [*j, *j, *j]\n---\nBody\n"
    [row] = parse(zipped({"lol.md": laughs}), "markdown")
    assert row.error_line() == (
        "lol.md (lol): the front matter is not valid YAML at line 3 "
        "(aliases (*name) are not allowed in front matter)"
    )


def test_deeply_nested_input_is_refused_not_a_crash():
    with pytest.raises(ImportFileError, match="nested too deeply"):
        parse(b("[" * 100_000 + "]" * 100_000), "json")
    [row] = parse(b(json.dumps([{"title": "T", "body": "b", "tags": [[[[[[[[[[[["x"]]]]]]]]]]]]}])), "json")
    assert "tags contains values nested too deeply" in row.error_line()
    [row] = parse(b("---\ntags: " + "[" * 5_000 + "]" * 5_000 + "\n---\nBody\n"), "markdown", name="deep.md")
    assert "front matter is nested too deeply" in row.error_line()


def test_markdown_front_matter_problems_name_the_file():
    archive = zipped(
        {
            "a.md": "---\ntitle: [unclosed\n---\nBody\n",
            "b.md": "---\n- a list\n---\nBody\n",
        }
    )
    rows = parse(archive, "markdown")
    assert rows[0].error_line().startswith("a.md (a): the front matter is not valid YAML at line 2 (")
    assert "front matter must be key: value lines" in rows[1].error_line()


# --- bad input: whole files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title,body\nOk,Fine\nBroken,"unterminated\n', r"^Row 3 cannot be read: .*quote"),
        ('title,body\nOk,Fine\nBroken,"a"b\n', r"^Row 3 cannot be read: .*doubled"),
        ('title,"bo"dy\n', r"^The header row cannot be read"),
    ],
)
def test_broken_csv_quoting_names_the_row(text, message):
    with pytest.raises(ImportFileError, match=message):
        parse(b(text), "csv")


def test_nul_bytes_are_row_errors_in_every_format():
    rows = parse(b("title,prompt\nA,fine\nB,bad\0row\n"), "csv")
    assert rows[0].is_valid
    assert (
        rows[1].error_line() == "row 3 (B): the prompt text contains a NUL character (byte 0); it is not text"
    )
    [row] = parse(b('[{"title": "T\\u0000", "body": "x"}]'), "json")
    assert row.error_line().startswith("prompt 1 (T): title contains a NUL character")
    document = '[{"title": "T", "body": "x", "tags": ["a\\u0000"], "examples": [{"input": "\\u0000"}]}]'
    [row] = parse(b(document), "json")
    assert "tags contains a NUL" in row.error_line() and "examples contains a NUL" in row.error_line()
    [row] = parse(b('[{"title": "T", "body": "broken \\ud800 escape"}]'), "json")
    assert (
        row.error_line() == "prompt 1 (T): the prompt text contains a broken Unicode escape; it is not text"
    )


def test_csv_without_a_prompt_column():
    with pytest.raises(ImportFileError, match="no prompt column.*act,prompt"):
        parse(b("name,text\nA,B\n"), "csv")


def test_csv_with_a_column_twice():
    with pytest.raises(ImportFileError, match="names the column.*prompt more than once"):
        parse(b("act,prompt,prompt\nA,B,C\n"), "csv")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{"foo": "x", "bar": "y"}', "fits a shape Ripple reads.*Open WebUI needs.*LibreChat needs"),
        ('{"prompts": {"title": "x"}}', "The JSON is a dict; expected a list of prompts"),
        ("42", "The JSON is a int"),
        ('"text"', "The JSON is a str"),
        ('[{"title": "x",', r"not valid JSON: it ends in the middle of a value \(near line 1, byte 15\)"),
        ("[]", "holds no prompts"),
    ],
)
def test_json_of_the_wrong_shape(document, message):
    with pytest.raises(ImportFileError, match=message):
        parse(b(document), "json")


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_non_utf8_text_is_refused(fmt):
    latin1 = "title,body\nCafé,Crème brûlée\n".encode("latin-1")
    if fmt == "json":
        latin1 = '[{"title": "Café", "body": "brûlée"}]'.encode("latin-1")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        parse(io.BytesIO(latin1), fmt, name="x.md")


def test_non_utf8_file_inside_a_zip_names_the_file():
    archive = zipped({"ok.md": "# Fine\nBody", "notes/bad.md": "Crème".encode("latin-1")})
    with pytest.raises(ImportFileError, match="^notes/bad.md is not UTF-8"):
        parse(archive, "markdown")


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
@pytest.mark.parametrize("content", [b"", b"  \n\r\n"])
def test_empty_file(fmt, content):
    with pytest.raises(ImportFileError, match="empty|no prompts"):
        parse(io.BytesIO(content), fmt)


def test_header_only_csv_has_no_prompts():
    with pytest.raises(ImportFileError, match="holds no prompts"):
        parse(b("act,prompt\n"), "csv")


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_huge_file_is_refused_at_the_cap_without_reading_it_all(fmt, monkeypatch):
    monkeypatch.setattr(parsers, "MAX_FILE_BYTES", 10_000)
    body = "act,prompt\n" + "Title,Body text\n" * 2_000 if fmt == "csv" else "[" + '"x",' * 5_000 + "1]"
    stream = b(body)
    with pytest.raises(ImportFileError, match="larger than"):
        parse(stream, fmt, name="big.md")
    assert stream.tell() <= 10_000 + 64 * 1024  # stopped near the cap, not at the end


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(parsers, "MAX_ROWS", 3)
    with pytest.raises(ImportFileError, match="more than 3 prompts"):
        parse(b("prompt\na\nb\nc\nd\n"), "csv")


@pytest.mark.parametrize(
    "name", ["../evil.md", "prompts/../../evil.md", "/etc/evil.md", "C:/evil.md", "..\\evil.md"]
)
def test_zip_with_paths_outside_its_folder_is_refused(name):
    archive = zipped({"fine.md": "# ok\nbody", name: "# evil\nbody"})
    with pytest.raises(ImportFileError, match="outside its folder"):
        parse(archive, "markdown")


def test_zip_expanding_past_100_mb_is_refused_before_extracting(monkeypatch):
    read = []
    monkeypatch.setattr(uploads, "_read_member", lambda *a: read.append(a) or b"")
    archive = zipped({"big.md": b"\0" * (101 * 1024 * 1024)})
    assert len(archive.getvalue()) < 1024 * 1024
    with pytest.raises(ImportFileError, match=r"expands to 101 MB; at most 100 MB"):
        parse(archive, "markdown")
    assert read == []


def test_zip_expanding_past_100_times_its_size_is_refused():
    archive = zipped({"bomb.md": "a" * 5_000_000})
    with pytest.raises(ImportFileError, match=r"expands to \d[\d,]*× its size; at most 100×"):
        parse(archive, "markdown")


def test_zip_member_larger_than_declared_is_stopped_while_reading():
    archive = zipped({"liar.md": "# Title\n" + "word " * 2_000}, compression=zipfile.ZIP_STORED)
    data = bytearray(archive.getvalue())
    # Shrink the declared size in the central directory (offset 24 of the entry) to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(ImportFileError, match="liar.md"):
        parse(io.BytesIO(bytes(data)), "markdown")


def _with_symlink(files: dict[str, str], link: str, target: str) -> io.BytesIO:
    import stat

    buffer = zipped(files)
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo(link)
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16  # what `zip --symlinks` stores
        archive.writestr(info, target)
    buffer.seek(0)
    return buffer


def test_a_symlink_in_a_zip_is_a_row_error_not_a_prompt_with_the_link_target_as_its_body():
    rows = parse(_with_symlink({"real.md": "# Real\nBody"}, "prompts/passwd.md", "/etc/passwd"), "markdown")
    assert [r.where for r in rows] == ["prompts/passwd.md", "real.md"]
    link, real = rows
    assert link.body == "" and "/etc/passwd" not in link.error_line()
    assert (
        link.error_line()
        == "prompts/passwd.md (passwd): is a symbolic link, not a file; links are not imported"
    )
    assert real.is_valid and real.body == "Body"


def test_zip_with_too_many_files(monkeypatch):
    monkeypatch.setattr(parsers, "ZIP_MAX_FILES", 2)
    with pytest.raises(ImportFileError, match="at most 2"):
        parse(zipped({f"{i}.md": "x" for i in range(3)}), "markdown")


def test_zip_without_markdown_and_corrupt_zip():
    with pytest.raises(ImportFileError, match=r"no Markdown \(.md\) files"):
        parse(zipped({"a.png": b"\x89PNG"}), "markdown")
    corrupt = bytearray(zipped({"a.md": "# A\n" + " ".join(str(i * 7919) for i in range(500))}).getvalue())
    corrupt[40:80] = b"\xff" * 40  # damage the compressed data (it starts at byte 34)
    with pytest.raises(ImportFileError, match="a.md"):
        parse(io.BytesIO(bytes(corrupt)), "markdown")


def test_unknown_format():
    with pytest.raises(ImportFileError, match="choose csv, json or markdown"):
        parse(b("x"), "xml")
