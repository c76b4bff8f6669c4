"""Files from other prompt tools, recognised without being told which tool wrote them: Open WebUI, LibreChat,
Langfuse, Fabric, prompts.chat's ${variables}; other tools' variable syntaxes and system variables."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from ripple.library import importing
from ripple.library.importing import ImportFileError
from ripple.library.models import Prompt
from ripple.library.variables import BUILTINS, parse_variables

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"


def parse_sample(name: str) -> list[importing.PromptRow]:
    path = SAMPLES / name
    with path.open("rb") as stream:
        fmt = importing.detect_format(path.name, stream.read(8))  # as the upload does: no tool named
        stream.seek(0)
        return importing.parse(stream, fmt, name=path.name)


def fabric_zip(extra: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((SAMPLES / "fabric").rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(SAMPLES / "fabric").as_posix())
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def variables(body: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(v.name, v.default, v.choices) for v in parse_variables(body)]


# --- Open WebUI ------------------------------------------------------------------------------------


def test_open_webui_older_export_command_title_content():
    rows = parse_sample("open-webui-0.4.json")
    assert [(r.title, r.origin_label, r.errors) for r in rows] == [
        ("Summarize", "Open WebUI", []),
        ("Stand-up notes", "Open WebUI", []),
    ]
    # System variables become Ripple's built-ins, filled in when the prompt is used (not blanks).
    assert rows[0].body.endswith("{{clipboard}}")
    assert "Today is {{current_date}} ({{current_weekday}})" in rows[1].body
    assert [v.name for v in parse_variables(rows[1].body)] == ["current_date", "current_weekday", "notes"]
    assert all(v.builtin for v in parse_variables(rows[1].body)[:2])


def test_open_webui_current_export_typed_variables_become_defaults_and_choices():
    rows = parse_sample("open-webui.json")
    bug, social = rows
    assert (bug.title, bug.purpose, bug.tags) == (
        "Bug report",
        "A structured bug report",
        ["engineering", "qa"],
    )
    assert variables(bug.body) == [
        ("summary", "", ()),
        ("priority", "Medium", ("Medium", "High", "Low")),  # the default first: Ripple's default choice
        ("steps", "", ()),
        ("count", "5", ()),
        ("regression", "no", ("no", "yes")),
    ]
    assert (social.title, social.tags) == ("Social media post", ["marketing"])
    assert variables(social.body)[1] == ("tone", "Professional", ("Professional", "Casual", "Humorous"))
    assert "Signed, {{current_user}}" in social.body


# --- LibreChat -------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", ["librechat-groups.json", "librechat-groups.jsonl"])
def test_librechat_prompt_groups_from_the_api_and_as_json_lines(sample):
    renewal, meeting = parse_sample(sample)
    assert (renewal.title, renewal.purpose, renewal.tags, renewal.origin_label) == (
        "Renewal email",
        "A friendly renewal reminder",
        ["sales"],
        "LibreChat",
    )
    assert variables(renewal.body) == [
        ("customer", "", ()),
        ("plan", "Basic", ("Basic", "Pro", "Enterprise")),  # LibreChat's {{name:a|b}} is Ripple's own
        ("current_date", "", ()),
        ("notes", "", ()),  # {{notes:multiline}}: an input modifier, not a default
        ("current_user", "", ()),
    ]
    assert (meeting.title, meeting.tags, meeting.errors) == ("Meeting summary", [], [])


# --- Langfuse --------------------------------------------------------------------------------------


def test_langfuse_text_and_chat_prompts():
    chat, text = parse_sample("langfuse.json")
    assert chat.title == "support/answer" and chat.origin_label == "Langfuse"
    assert chat.body == (
        "## System\n\nYou are a support agent for {{product}}. Answer politely.\n\n"
        "## Placeholder: history\n\n{{history}}\n\n## User\n\n{{question}}"
    )
    assert chat.tags == ["support", "production"]  # tags and labels; "latest" says nothing
    assert (text.title, text.body, text.tags) == (
        "movie-critic",
        "As a {{criticlevel}} movie critic, do you like {{movie}}?",
        [],
    )


def test_langfuse_unknown_chat_role_is_a_row_error_naming_it(member):
    [row] = parse_sample("langfuse-bad-role.json")
    assert row.title == "narrated"
    assert "chat message 2 has the role “narrator”; the roles are system, developer, user, assistant" in (
        row.error_line()
    )
    result = importing.import_rows(actor=member, rows=[row])
    assert not result.written and Prompt.objects.count() == 0  # all-or-nothing stays the default


# --- Fabric ----------------------------------------------------------------------------------------


def test_fabric_patterns_zip_folder_names_are_titles_readmes_and_empty_files_skipped():
    rows = importing.parse(io.BytesIO(fabric_zip()), "markdown", name="patterns.zip")
    assert [(r.title, r.where, r.errors) for r in rows] == [
        ("extract_wisdom", "patterns/extract_wisdom/system.md", []),  # its empty user.md is fine
        ("summarize", "patterns/summarize/system.md", []),
    ]
    assert (
        rows[0].body.startswith("# IDENTITY and PURPOSE\n\nYou extract surprising")
        and "User" not in rows[0].body
    )
    assert rows[1].body.endswith("## User\n\nCONTENT TO SUMMARIZE:")
    assert {r.origin_label for r in rows} == {"Fabric"}


def test_fabric_zip_detected_from_its_layout_and_imported(member_client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("my-patterns.zip", fabric_zip())
    preview = member_client.post(reverse("library:import"), {"file": upload})
    assert preview.status_code == 200 and 'id="count-new">2<' in preview.content.decode()
    member_client.post(reverse("library:import_confirm", args=[preview.context["token"]]))
    assert sorted(Prompt.objects.values_list("title", flat=True)) == ["extract_wisdom", "summarize"]


def test_fabric_zip_with_only_empty_patterns_says_so():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("patterns/a/system.md", "")
        archive.writestr("patterns/a/README.md", "x")
    with pytest.raises(ImportFileError, match="all empty"):
        importing.parse(io.BytesIO(buffer.getvalue()), "markdown")


# --- prompts.chat ----------------------------------------------------------------------------------


def test_prompts_chat_dollar_variables_become_ripple_variables():
    jersey, sql = parse_sample("prompts-chat-variables.csv")
    assert variables(jersey.body) == [
        ("Footballer Name", "", ()),
        ("Jersey Number", "10", ()),
        ("Jersey Team Name", "", ()),
    ]
    assert jersey.tags == ["image generation"] and sql.tags == ["for developers"]
    assert variables(sql.body) == [
        ("db", "PostgreSQL", ("PostgreSQL", "MySQL", "SQL Server")),
        ("task", "", ()),
        ("error.message", "", ()),  # a name with a dot is a Ripple name (prompts.chat makes it one too)
    ]
    assert "`${a ?? b}`" in sql.body  # code that is no name stays text


def test_real_prompts_chat_file_keeps_its_variables():
    with importing.PROMPTS_CHAT_CSV.open("rb") as stream:
        rows = importing.parse(stream, "csv")
    with_variables = [r for r in rows if any(not v.builtin for v in parse_variables(r.body))]
    assert len(with_variables) >= 447  # every row that used ${…} (and a few with Ripple's own {{…}})
    assert not [r for r in rows if r.errors]


# --- system variables are built-ins ------------------------------------------------------------------


def test_builtins_are_documented_and_filled_on_the_prompt_page(member_client, member):
    from tests.library.factories import make_prompt

    assert {"current_date", "current_user", "clipboard"} <= set(BUILTINS)
    prompt = make_prompt(
        owner=member, title="Stand-up", body="{{current_user}} on {{current_date}}: {{clipboard}}"
    )
    html = member_client.get(prompt.get_absolute_url()).content.decode()
    assert "Your name" in html and "Today&#x27;s date" in html and "What you copied" in html
    assert f">{member.name}</textarea>" in html  # filled in for this person, still editable
    assert "Filled in for you" in html
    assert f"{member.name} on 20" in html  # the preview too: no blank where the date goes


# --- bad input -------------------------------------------------------------------------------------


def test_a_json_file_of_no_known_shape_names_every_shape_tried(client, api):
    document = json.dumps([{"question": "x", "answer": "y"}])
    response = client.post(
        "/api/v1/prompts/import",
        {"file": io.BytesIO(document.encode()), "format": "json"},
        headers=api.headers,
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    for needs in ("Ripple needs", "Open WebUI needs", "LibreChat needs", "Langfuse needs", "“question”"):
        assert needs in detail
    assert Prompt.objects.count() == 0


def test_a_zip_of_no_known_shape_says_what_was_tried():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes/readme.pdf", "x")
    with pytest.raises(ImportFileError, match="no Markdown .* and no Fabric patterns"):
        importing.parse(io.BytesIO(buffer.getvalue()), "markdown")
