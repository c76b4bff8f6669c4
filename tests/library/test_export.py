"""Exports: only what the viewer may see, in formats the importer reads back to the same prompts."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ripple.library import importing
from ripple.library.models import Prompt
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db

FIELDS = ("title", "body", "purpose", "tools", "tags", "examples", "check_output", "visibility", "department")


def content(prompt: Prompt) -> str:
    values = [getattr(prompt, f) for f in FIELDS] + [prompt.origin_url, prompt.origin_label]
    return json.dumps(values, default=str)


@pytest.fixture
def library(member):
    """Prompts of every visibility, from the member, a colleague and someone in another department."""
    sales = DepartmentFactory(name="Sales")
    member.department = sales
    member.save()
    colleague = UserFactory(department=sales)
    stranger = UserFactory(department=DepartmentFactory(name="Legal"))
    rich = make_prompt(
        owner=member,
        title="Renewal email, with “quotes”",
        body='Write to {{customer}} in a {{tone:warm|formal}} tone.\nKeep "quotes", commas, and\nnew lines.',
        purpose="Renewals that land",
        tools=["ChatGPT", "Claude"],
        tags=["sales", "email"],
        examples=[{"input": "Acme, renewal in May", "output": "Dear Acme…", "changes": "Shortened it"}],
        check_output="Check the renewal date.",
        origin_url="https://example.org/renewals",
        origin_label="Sales wiki",
        department=sales,
    )
    return {
        "rich": rich,
        "mine_private": make_prompt(owner=member, title="My draft", body="Draft text", visibility="private"),
        "colleague_dept": make_prompt(
            owner=colleague, title="Sales only", body="Team text", visibility="department", department=sales
        ),
        "stranger_dept": make_prompt(
            owner=stranger, title="Legal only", body="Legal text", visibility="department"
        ),
        "stranger_private": make_prompt(
            owner=stranger, title="Secret draft", body="Hidden", visibility="private"
        ),
        "public": make_prompt(owner=stranger, title="For everyone", body="Open text"),
    }


def exported_titles(response) -> set[str]:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return {p["title"] for p in json.loads(data)["prompts"]}


def test_api_export_json_has_every_field_and_only_what_the_viewer_may_see(api, library):
    response = api.get("/api/v1/prompts/export?format=json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ripple-prompts-')
    document = json.loads(b"".join(response.streaming_content))
    titles = {p["title"] for p in document["prompts"]}
    assert titles == {"Renewal email, with “quotes”", "My draft", "Sales only", "For everyone"}
    rich = next(p for p in document["prompts"] if p["id"] == library["rich"].pk)
    assert rich["variables"] == [
        {"name": "customer", "default": "", "choices": []},
        {"name": "tone", "default": "warm", "choices": ["warm", "formal"]},
    ]
    assert rich["examples"] == library["rich"].examples and rich["tools"] == ["ChatGPT", "Claude"]
    assert {"id", "url", "owner", "version", "forked_from", "reuse_count", "minutes_saved_total"} <= set(rich)
    assert rich["reuse_count"] == 0 and rich["rating_avg"] is None and rich["version"] == 1
    assert rich["department"] == "Sales" and rich["url"].endswith(f"/library/prompts/{library['rich'].pk}/")


def test_api_export_mine_only(api, library):
    response = api.get("/api/v1/prompts/export?format=json&mine=true")
    assert exported_titles(response) == {"Renewal email, with “quotes”", "My draft"}


def test_api_export_rejects_an_unknown_format(api):
    assert api.get("/api/v1/prompts/export?format=xml").status_code == 422


def test_hidden_prompts_never_appear_in_any_export_format(api, member_client, library):
    for fmt in ("csv", "json", "markdown"):
        for response in (
            api.get(f"/api/v1/prompts/export?format={fmt}"),
            member_client.get(reverse("library:export"), {"format": fmt}),
        ):
            assert response.status_code == 200
            raw = b"".join(response.streaming_content) if response.streaming else response.content
            if fmt == "markdown":
                with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                    raw = b"".join(archive.read(n) for n in archive.namelist())
            text = raw.decode()
            assert "Legal only" not in text and "Secret draft" not in text and "Hidden" not in text
            assert "Sales only" in text and "My draft" in text


def test_export_needs_sign_in(client, library):
    assert client.get("/api/v1/prompts/export?format=json").status_code == 401
    assert client.get(reverse("library:export")).status_code == 302
    assert client.get(reverse("library:export"), {"format": "xml"}).status_code == 302


def test_export_page_404_for_unknown_format(member_client):
    assert member_client.get(reverse("library:export"), {"format": "xml"}).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_round_trip_reproduces_the_same_prompts(member, library, fmt):
    from ripple.library import exporting

    mine = exporting.exportable_prompts(member, mine=True)
    before = {content(p) for p in mine}
    out = io.BytesIO()
    exporting.write(mine, fmt, out)
    Prompt.objects.filter(owner=member).delete()
    out.seek(0)
    result = importing.import_rows(actor=member, rows=importing.parse(out, fmt, name=f"x.{fmt}"))
    assert result.errors == [] and len(result.created) == 2
    after = {content(p) for p in Prompt.objects.filter(owner=member)}
    assert after == before


def test_csv_export_columns_and_reimport_skips_everything(member, library):
    from ripple.library import exporting

    out = io.BytesIO()
    exporting.write(exporting.exportable_prompts(member), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert list(rows[0]) == list(exporting.CSV_COLUMNS)
    rich = next(r for r in rows if r["title"].startswith("Renewal email"))
    assert rich["tools"] == "ChatGPT, Claude" and rich["tags"] == "sales, email"
    assert json.loads(rich["examples"]) == library["rich"].examples
    out.seek(0)
    result = importing.import_rows(actor=member, rows=importing.parse(out, "csv"))
    assert result.created == [] and len(result.skipped) == 4


def test_markdown_export_has_front_matter(member, library):
    from ripple.library import exporting

    text = exporting.markdown_text(library["rich"])
    assert text.startswith("---\ntitle: Renewal email, with “quotes”\n")
    assert "tools:\n- ChatGPT\n- Claude\n" in text and text.endswith(library["rich"].body + "\n")


def test_cli_export_to_a_file_and_to_stdout(member, library, tmp_path, capsys):
    target = tmp_path / "out.json"
    call_command("export_prompts", format="json", output=str(target))
    # Without --as: only prompts shared with everyone.
    titles = {p["title"] for p in json.loads(target.read_text())["prompts"]}
    assert titles == {"Renewal email, with “quotes”", "For everyone"}
    call_command("export_prompts", format="csv", viewer=member.email, mine=True)
    out = capsys.readouterr().out
    assert out.startswith("title,body,purpose") and "My draft" in out and "For everyone" not in out
    zipped = tmp_path / "out.zip"
    call_command("export_prompts", format="markdown", output=str(zipped), viewer=member.email)
    with zipfile.ZipFile(zipped) as archive:
        assert len(archive.namelist()) == 4 and all(n.startswith("prompts/") for n in archive.namelist())
    with pytest.raises(CommandError, match="give a file with -o"):
        call_command("export_prompts", format="markdown")
    with pytest.raises(CommandError, match="No person with email"):
        call_command("export_prompts", format="json", viewer="nobody@example.org")


def test_export_query_count_does_not_grow_with_prompts(member, django_assert_num_queries):
    from ripple.library import exporting

    owner = UserFactory()
    make_prompt(owner=owner)

    def run() -> int:
        return sum(1 for _ in exporting.iter_json(exporting.exportable_prompts(member)))

    with django_assert_num_queries(1):
        run()
    for i in range(30):
        make_prompt(owner=owner, title=f"Prompt {i}")
    with django_assert_num_queries(1):
        run()


# --- other tools' formats, and back ---------------------------------------------------------------------


def tool_library(member):
    return [
        make_prompt(
            owner=member,
            title="Renewal email",
            body="Write to {{customer}} about {{plan:Pro|Basic}} in a {{tone:warm and friendly}} tone.\n"
            "Today is {{current_date}}; sign as {{current_user}}. Paste: {{clipboard}}. Keep \\{{ literal.",
            purpose="Renewals that land",
            tags=["sales", "email"],
        ),
        make_prompt(owner=member, title="Code review", body="Review {{code}}", tags=["for developers"]),
        make_prompt(
            owner=member, title="日本語のプロンプト", body="{{topic}}について書いてください", tags=["日本語"]
        ),
    ]


def shape(prompts, *, tags: bool = True) -> set[tuple]:
    from ripple.library.variables import parse_variables

    return {
        (
            p.title,
            p.body,
            tuple((v.name, v.default, v.choices) for v in parse_variables(p.body)),
            tuple(p.tags) if tags else (),
        )
        for p in prompts
    }


def test_open_webui_export_is_its_import_shape_with_its_variable_syntax(member):
    from ripple.library import exporting

    renewal, *_ = tool_library(member)
    out = io.BytesIO()
    exporting.write(exporting.exportable_prompts(member, mine=True), "open-webui", out)
    data = json.loads(out.getvalue())
    assert isinstance(data, list) and len(data) == 3
    first = next(p for p in data if p["title"] == "Renewal email")
    assert first["command"] == "renewal-email" and first["name"] == "Renewal email"
    assert first["tags"] == ["sales", "email"] and first["meta"] == {"description": "Renewals that land"}
    assert '{{plan | select:options=["Pro", "Basic"]:default="Pro"}}' in first["content"]
    assert '{{tone | text:default="warm and friendly"}}' in first["content"]
    assert "{{CURRENT_DATE}}" in first["content"] and "{{USER_NAME}}" in first["content"]
    assert "{{CLIPBOARD}}" in first["content"] and renewal.body not in first["content"]


@pytest.mark.parametrize("fmt", ["open-webui", "prompts-chat", "json", "csv", "markdown"])
def test_round_trip_through_other_tools_formats(member, fmt):
    from ripple.library import exporting

    tool_library(member)
    prompts = exporting.exportable_prompts(member, mine=True)
    # prompts.chat's CSV has no tags column: only "for developers" (and the image/structured types) travel.
    carries_tags = fmt != "prompts-chat"
    before = shape(prompts, tags=carries_tags)
    out = io.BytesIO()
    exporting.write(prompts, fmt, out)
    Prompt.objects.all().delete()  # a fresh library
    out.seek(0)
    name = f"export.{exporting.EXTENSIONS[fmt]}"
    fmt_read = importing.detect_format(name, out.getvalue()[:8])
    result = importing.import_rows(actor=member, rows=importing.parse(out, fmt_read, name=name))
    assert result.errors == [] and len(result.created) == 3
    assert shape(Prompt.objects.all(), tags=carries_tags) == before
    if fmt == "prompts-chat":
        review = Prompt.objects.get(title="Code review")
        assert review.tags == ["for developers"]


def test_prompts_chat_export_columns_and_dollar_variables(member):
    from ripple.library import exporting

    tool_library(member)
    out = io.BytesIO()
    exporting.write(exporting.exportable_prompts(member, mine=True), "prompts-chat", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert list(rows[0]) == ["act", "prompt", "for_devs", "type"]
    renewal = next(r for r in rows if r["act"] == "Renewal email")
    assert "${customer}" in renewal["prompt"] and "${plan:Pro|Basic}" in renewal["prompt"]
    assert "${tone:warm and friendly}" in renewal["prompt"] and "Keep {{ literal." in renewal["prompt"]
    assert (renewal["for_devs"], renewal["type"]) == ("FALSE", "TEXT")
    assert next(r for r in rows if r["act"] == "Code review")["for_devs"] == "TRUE"


def test_markdown_export_keeps_non_ascii_titles_in_file_names(member):
    from ripple.library import exporting

    *_, japanese = tool_library(member)
    out = io.BytesIO()
    exporting.write(exporting.exportable_prompts(member, mine=True), "markdown", out)
    names = zipfile.ZipFile(io.BytesIO(out.getvalue())).namelist()
    assert f"prompts/日本語のプロンプト-{japanese.pk}.md" in names
    assert not any(n.startswith(f"prompts/prompt-{japanese.pk}") for n in names)


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("open-webui", "application/json"), ("prompts-chat", "text/csv")]
)
def test_api_page_and_cli_offer_the_tool_formats(api, member_client, member, fmt, content_type, tmp_path):
    tool_library(member)
    for response in (
        api.get("/api/v1/prompts/export", {"format": fmt}),
        member_client.get(reverse("library:export"), {"format": fmt}),
    ):
        assert response.status_code == 200 and response["Content-Type"].startswith(content_type)
        assert f"ripple-prompts-{fmt}-" in response["Content-Disposition"]
        assert "Renewal email" in b"".join(response.streaming_content).decode()
    target = tmp_path / "out"
    call_command("export_prompts", format=fmt, output=str(target), viewer=member.email)
    assert "Renewal email" in target.read_text()
