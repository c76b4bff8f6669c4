"""Importing prompts through the shell, the API and the browser flow, against the real database."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.urls import reverse

from ripple.library import importing
from ripple.library.importing import bulk, dialects, parsers
from ripple.library.importing.rows import escape_literal_braces
from ripple.library.models import ImportJob, Prompt, PromptVersion
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db

REAL = importing.PROMPTS_CHAT_CSV
GOOD_CSV = "title,body,tags\nRenewal email,Write to {{customer}},sales\nCall summary,Summarise {{notes}},\n"
BAD_ROW_CSV = "title,body,tools\nRenewal email,Write to {{customer}},ChatGPT\nBroken,Text,Notepad\n"


def zip_bomb() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.md", "a" * 5_000_000)
    return buffer.getvalue()


def upload(name: str, text: str | bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text)


@pytest.fixture(autouse=True)
def _own_ripple_home(settings, tmp_path):
    """Uploads waiting for confirmation go under RIPPLE_HOME/imports: one per test."""
    settings.RIPPLE_HOME = tmp_path


@pytest.fixture
def api_upload(client, api):
    """POST a multipart form with the member's bearer token."""

    def post(path: str, data: dict):
        return client.post(path, data, headers=api.headers)

    return post


def snapshot() -> tuple[int, int]:
    return Prompt.objects.count(), PromptVersion.objects.count()


# --- the real prompts.chat file, from the shell -------------------------------------------------------


def test_importing_prompts_chat_creates_1513_and_skips_16_then_none_again(member, capsys):
    call_command("import_prompts", str(REAL), owner=member.email)
    out, err = capsys.readouterr()
    assert "Imported 1513 prompt(s); skipped 16 exact duplicate(s)." in out
    assert err.count("skipped row") == 16 and "same title and text as row" in err
    assert Prompt.objects.count() == 1513 and PromptVersion.objects.count() == 1513
    with REAL.open("rb") as stream:
        rows = importing.parse_csv(stream)
    expected = {(r.title, r.body) for r in rows}
    assert set(Prompt.objects.values_list("title", "body")) == expected
    ethereum = Prompt.objects.get(title="Ethereum Developer")
    assert ethereum.owner == member and ethereum.origin_label == "prompts.chat"
    assert Prompt.objects.filter(
        body__startswith="Imagine you are an experienced Ethereum developer"
    ).exists()
    longest = max(Prompt.objects.values_list("body", flat=True), key=len)
    assert 144_000 < len(longest) <= 200_000

    call_command("import_prompts", str(REAL), owner=member.email, format="csv")
    out, _err = capsys.readouterr()
    assert "Imported 0 prompt(s); skipped 1529 exact duplicate(s)." in out
    assert Prompt.objects.count() == 1513


def test_import_bodies_match_the_csv_text(member):
    import csv

    with REAL.open("rb") as stream:
        result = importing.import_rows(actor=member, rows=importing.parse(stream, "csv"))
    assert len(result.created) == 1513 and len(result.skipped) == 16 and result.errors == []
    csv.field_size_limit(parsers.CSV_FIELD_LIMIT)
    with REAL.open(newline="", encoding="utf-8") as f:
        source = {(" ".join(r["act"].split()), r["prompt"].strip()) for r in csv.DictReader(f)}
    stored = set(Prompt.objects.values_list("title", "body"))
    # The same text: titles tidied, literal "{{" escaped, ${Name:default} as {{Name:default}}.
    assert stored == {(t, escape_literal_braces(dialects.from_prompts_chat(b))) for t, b in source}
    with_dollar = {t for t, b in source if "${" in b}
    assert len(with_dollar) == 444  # 447 rows of the file, 3 of them exact duplicates
    variables = {t for t, b in stored if re.search(r"(?<!\\)\{\{", b)}
    assert len(variables & with_dollar) >= 430  # every ${…} with a name; code like ${a ?? b} stays text


def test_cli_refuses_bad_files_and_unknown_owner(member, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_ROW_CSV)
    with pytest.raises(CommandError, match="1 row\\(s\\) with problems; nothing was imported"):
        call_command("import_prompts", str(bad), owner=member.email)
    assert snapshot() == (0, 0)
    call_command("import_prompts", str(bad), owner=member.email, skip_invalid=True)
    assert list(Prompt.objects.values_list("title", flat=True)) == ["Renewal email"]
    with pytest.raises(CommandError, match="No person with email nobody@example.org"):
        call_command("import_prompts", str(bad), owner="nobody@example.org")
    broken = tmp_path / "broken.csv"
    broken.write_text('title,body\nA,"open quote\n')
    with pytest.raises(CommandError, match="^broken.csv: Row 2 cannot be read"):
        call_command("import_prompts", str(broken), owner=member.email)
    with pytest.raises(CommandError, match="is not a file"):
        call_command("import_prompts", str(tmp_path / "missing.csv"), owner=member.email)


def test_cli_dry_run_writes_nothing(member, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV)
    call_command("import_prompts", str(good), owner=member.email, dry_run=True)
    assert "Would import 2 prompt(s)" in capsys.readouterr().out
    assert snapshot() == (0, 0)


def test_ripple_command_maps_import_prompts(member, tmp_path, capsys):
    from ripple.__main__ import main

    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV)
    main(["import-prompts", str(good), "--owner", member.email, "--format", "csv"])
    assert "Imported 2 prompt(s)" in capsys.readouterr().out


# --- all-or-nothing, duplicates, departments ----------------------------------------------------------


def test_a_failure_midway_rolls_everything_back(member, monkeypatch):
    """A database error in the second batch leaves nothing of the first: one transaction."""
    monkeypatch.setattr(importing.actions, "BATCH", 1)
    real_insert, real_versions = bulk.insert, bulk.copy_first_versions
    calls = []

    def insert(model, records, **kwargs):
        calls.append(model.__name__)
        return real_insert(model, records, **kwargs)

    def flaky_versions(ids):
        calls.append("PromptVersion")
        if len(calls) == 4:  # the second batch's versions
            raise DatabaseError("disk full")
        return real_versions(ids)

    monkeypatch.setattr(bulk, "insert", insert)
    monkeypatch.setattr(bulk, "copy_first_versions", flaky_versions)
    rows = importing.parse(io.BytesIO(GOOD_CSV.encode()), "csv")
    with pytest.raises(DatabaseError, match="disk full"):
        importing.import_rows(actor=member, rows=rows)
    assert calls == ["Prompt", "PromptVersion", "Prompt", "PromptVersion"] and snapshot() == (0, 0)


def test_duplicates_are_judged_against_prompts_the_importer_can_see(member, other_member):
    make_prompt(owner=other_member, title="Renewal email", body="Write to {{customer}}")
    make_prompt(owner=other_member, title="Call summary", body="Summarise {{notes}}", visibility="private")
    rows = importing.parse(io.BytesIO(GOOD_CSV.encode()), "csv")
    result = importing.import_rows(actor=member, rows=rows)
    assert [p.title for p in result.created] == ["Call summary"]  # the private one is not revealed
    assert result.skipped == ["row 2 (Renewal email): same title and text as an existing prompt"]


def test_department_names_resolve_and_unknown_ones_are_row_errors(member):
    sales = DepartmentFactory(name="Sales")
    text = "title,body,department,visibility\nA,Body A,sales,department\nB,Body B,Atlantis,\n"
    rows = importing.parse(io.BytesIO(text.encode()), "csv")
    result = importing.import_rows(actor=member, rows=rows)
    assert result.errors == ["row 3 (B): no department is called “Atlantis”"] and not result.written
    result = importing.import_rows(actor=member, rows=rows, skip_invalid=True)
    [prompt] = result.created
    assert prompt.department == sales and prompt.visibility == "department"


# --- API ------------------------------------------------------------------------------------------------


def test_api_import_csv(api_upload, member):
    response = api_upload("/api/v1/prompts/import", {"file": upload("p.csv", GOOD_CSV), "format": "csv"})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "created": 2,
        "skipped": 0,
        "errors": [],
        "skipped_rows": [],
        "detail": "Imported 2 prompt(s); skipped 0 exact duplicate(s).",
    }
    assert set(Prompt.objects.values_list("owner", flat=True)) == {member.pk}
    again = api_upload("/api/v1/prompts/import", {"file": upload("p.csv", GOOD_CSV)})
    assert again.status_code == 200 and again.json()["created"] == 0 and again.json()["skipped"] == 2


def test_api_import_with_a_bad_row_is_all_or_nothing_unless_skip_invalid(api_upload):
    response = api_upload("/api/v1/prompts/import", {"file": upload("p.csv", BAD_ROW_CSV)})
    assert response.status_code == 422
    body = response.json()
    assert body["created"] == 0 and body["errors"][0].startswith("row 3 (Broken): tools: “Notepad”")
    assert "nothing was imported" in body["detail"]
    assert snapshot() == (0, 0)
    response = api_upload(
        "/api/v1/prompts/import",
        {"file": upload("p.csv", BAD_ROW_CSV), "skip_invalid": "true"},
    )
    assert response.status_code == 200 and response.json()["created"] == 1
    assert len(response.json()["errors"]) == 1


@pytest.mark.parametrize(
    ("name", "content", "fmt", "message"),
    [
        ("p.csv", "name,text\nA,B\n", "", "p.csv: The CSV has no prompt column"),
        ("p.json", '{"title": "x"}', "json", "p.json: No prompt in the file fits a shape Ripple reads"),
        ("p.csv", b"", "csv", "p.csv: The file is empty."),
        ("p.csv", "title,body\nCaf\xe9,x\n".encode("latin-1"), "csv", "p.csv: The file is not UTF-8"),
        ("p.csv", "prompt\nx\n", "yaml", "p.csv: Unknown format “yaml”"),
        ("p.csv", 'title,body\nA,B\nC,"open\n', "", "p.csv: Row 3 cannot be read"),
        ("p.json", '{"prompts": [{"title": "T", "body": "' + "y" * 200_001 + '"}]}', "", "prompt 1 (T): the"),
        ("p.zip", zip_bomb(), "", "p.zip: The zip expands to"),
        ("p.csv", "title,body\nA,x\0y\n", "", "row 2 (A): the prompt text contains a NUL character"),
        ("p.md", "# Caf\xe9\n".encode("latin-1"), "markdown", "p.md: p.md is not UTF-8"),
    ],
)
def test_api_import_bad_files_give_a_clear_422(api_upload, name, content, fmt, message):
    data = {"file": upload(name, content)}
    if fmt:
        data["format"] = fmt
    response = api_upload("/api/v1/prompts/import", data)
    assert response.status_code == 422
    assert response.json()["errors"][0].startswith(message)
    assert snapshot() == (0, 0)


def test_api_import_zip_with_hostile_path(api_upload):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ok.md", "# Fine\nBody")
        archive.writestr("../../etc/cron.d/evil.md", "# Evil\nBody")
    response = api_upload("/api/v1/prompts/import", {"file": upload("p.zip", buffer.getvalue())})
    assert response.status_code == 422
    assert response.json()["errors"][0].startswith("p.zip: ../../etc/cron.d/evil.md: the zip holds a path")
    assert snapshot() == (0, 0)


def zip_with_symlink() -> bytes:
    import stat
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ok.md", "# Fine\nBody")
        link = zipfile.ZipInfo("secrets.md")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def test_api_import_zip_with_a_symlink_is_a_row_error_and_all_or_nothing(api_upload):
    response = api_upload("/api/v1/prompts/import", {"file": upload("p.zip", zip_with_symlink())})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        "secrets.md (secrets): is a symbolic link, not a file; links are not imported"
    ]
    assert snapshot() == (0, 0)
    response = api_upload(
        "/api/v1/prompts/import", {"file": upload("p.zip", zip_with_symlink()), "skip_invalid": "1"}
    )
    assert response.status_code == 200 and response.json()["created"] == 1
    assert list(Prompt.objects.values_list("title", "body")) == [("Fine", "Body")]


def test_api_import_needs_authentication(client):
    response = client.post("/api/v1/prompts/import", {"file": upload("p.csv", GOOD_CSV)})
    assert response.status_code == 401
    assert snapshot() == (0, 0)


def test_api_import_route_is_not_taken_for_a_prompt_id(api):
    assert api.get("/api/v1/prompts/import").status_code == 405
    assert api.get("/api/v1/prompts/export?format=json").status_code == 200


# --- the browser flow: upload → preview → confirm -------------------------------------------------------


def imports_folder() -> Path:
    return Path(settings.RIPPLE_HOME) / "imports"


def preview(client, text: str, name: str = "my prompts.csv", fmt: str = ""):
    return client.post(reverse("library:import"), {"file": upload(name, text), "format": fmt})


def test_import_page_explains_the_formats(member_client):
    response = member_client.get(reverse("library:import"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="import-file">File to import</label>' in html and "act,prompt" in html


def test_preview_shows_problems_and_duplicates_and_writes_nothing(member_client, member):
    make_prompt(owner=member, title="Renewal email", body="Write to {{customer}}")
    text = BAD_ROW_CSV + "Renewal email,Write to {{customer}},\nNew one,Fresh text,\nNew one,Fresh text,\n"
    before = snapshot()
    response = preview(member_client, text)
    assert response.status_code == 200
    html = response.content.decode()
    assert snapshot() == before
    assert 'id="count-new">1<' in html and 'id="count-duplicates">3<' in html
    assert 'id="count-problems">1<' in html
    assert "row 3" in html and "Notepad" in html and "is not a tool" in html
    assert "an existing prompt" in html and "Skip the rows with problems" in html
    # The upload waits in the database (any host can confirm it), not in a local folder.
    [job] = ImportJob.objects.filter(owner=member)
    assert job.status == "staged" and bytes(job.data) == text.encode() and job.name == "my prompts.csv"
    assert not imports_folder().exists() or not any(imports_folder().iterdir())


def test_confirm_is_all_or_nothing_then_skip_invalid_imports_the_rest(member_client, member):
    response = preview(member_client, BAD_ROW_CSV)
    token = response.context["token"]
    confirm = reverse("library:import_confirm", args=[token])
    blocked = member_client.post(confirm)
    assert blocked.status_code == 422
    assert "Nothing was imported" in blocked.content.decode()
    assert snapshot() == (0, 0)
    done = member_client.post(confirm, {"skip_invalid": "1"})
    assert done.status_code == 302 and done["Location"] == reverse("library:index")
    [message] = get_messages(done.wsgi_request)
    assert str(message) == "Imported 1 prompt(s) from my prompts.csv. Skipped 1 row(s) with problems."
    assert list(Prompt.objects.values_list("title", "owner")) == [("Renewal email", member.pk)]
    assert not ImportJob.objects.exists()  # cleaned up
    assert member_client.post(confirm).status_code == 404  # and cannot be replayed


def test_someone_elses_upload_token_is_404(member_client, client, other_member):
    token = preview(member_client, GOOD_CSV).context["token"]
    client.force_login(other_member)
    assert client.post(reverse("library:import_confirm", args=[token])).status_code == 404
    assert client.post(reverse("library:import_cancel", args=[token])).status_code == 404
    assert client.post(reverse("library:import_confirm", args=["..secret_key"])).status_code == 404
    assert client.post(reverse("library:import_confirm", args=["x" * 32])).status_code == 404
    assert snapshot() == (0, 0)


def test_cancel_deletes_the_upload(member_client):
    token = preview(member_client, GOOD_CSV).context["token"]
    assert ImportJob.objects.filter(pk=token, status="staged").exists()
    response = member_client.post(reverse("library:import_cancel", args=[token]))
    assert response.status_code == 302
    assert not ImportJob.objects.exists()
    assert snapshot() == (0, 0)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.csv", "name,text\nA,B\n", "p.csv: The CSV has no prompt column"),
        ("p.json", "[1, 2", "p.json: The file is not valid JSON"),
        ("p.csv", "", "p.csv: The file is empty."),
    ],
)
def test_upload_of_a_bad_file_shows_the_error_and_keeps_nothing(member_client, name, content, message):
    response = member_client.post(reverse("library:import"), {"file": upload(name, content)})
    assert response.status_code == 422
    assert message in response.content.decode().replace("&quot;", '"')
    assert snapshot() == (0, 0)
    assert not list(imports_folder().glob("*.bin"))


def test_preview_of_a_zip_with_a_symlink_lists_it_as_a_problem(member_client):
    response = member_client.post(reverse("library:import"), {"file": upload("p.zip", zip_with_symlink())})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="count-problems">1<' in html and 'id="count-new">1<' in html
    assert "is a symbolic link" in html and "/etc/passwd" not in html
    assert snapshot() == (0, 0)


def test_upload_without_a_file(member_client):
    response = member_client.post(reverse("library:import"), {"format": "csv"})
    assert response.status_code == 422 and "Choose a file to import." in response.content.decode()


def test_upload_over_the_cap_is_refused(member_client, monkeypatch):
    monkeypatch.setattr(parsers, "MAX_FILE_BYTES", 1_000)
    response = member_client.post(
        reverse("library:import"), {"file": upload("big.csv", "prompt\n" + "x\n" * 800)}
    )
    assert response.status_code == 422 and "larger than" in response.content.decode()
    assert not list(imports_folder().glob("*.bin"))


def test_import_pages_need_sign_in(client):
    response = client.get(reverse("library:import"))
    assert response.status_code == 302 and "/signin/" in response["Location"]


def test_json_round_trip_through_the_browser(member_client, member):
    document = {
        "prompts": [
            {
                "title": "Triage",
                "body": "Classify {{ticket}}",
                "tags": ["support"],
                "examples": [{"input": "Login broken", "output": "high", "changes": ""}],
                "check_output": "Re-read the ticket",
            }
        ]
    }
    token = preview(member_client, json.dumps(document), name="x.json").context["token"]
    member_client.post(reverse("library:import_confirm", args=[token]))
    prompt = Prompt.objects.get()
    assert (
        prompt.examples == document["prompts"][0]["examples"] and prompt.check_output == "Re-read the ticket"
    )


def test_inactive_owner_is_refused(tmp_path):
    person = UserFactory(is_active=False)
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV)
    with pytest.raises(CommandError, match="deactivated"):
        call_command("import_prompts", str(good), owner=person.email)


# --- the demo organization ------------------------------------------------------------------------------


def test_demo_loads_the_real_prompts_once_as_the_community_starter_pack_over_six_months():
    import random
    from datetime import timedelta

    from django.utils import timezone

    from ripple.demo.library_import import build_library_import
    from ripple.demo.people import build_people

    build_people(rng=random.Random(1), count=40)
    build_library_import(rng=random.Random(2))
    prompts = Prompt.objects.all()
    assert prompts.count() == 1513
    # Not written by the organization's people: owned by the Community account, flagged, in one collection.
    owners = set(prompts.values_list("owner__email", "community").distinct())
    assert owners == {("community@example.org", True)}
    oldest = prompts.order_by("created_at").first()
    assert oldest is not None and oldest.created_at > timezone.now() - timedelta(days=183)
    assert oldest.created_at < timezone.now() - timedelta(days=150)
    assert PromptVersion.objects.filter(number=1).count() == 1513
    build_library_import(rng=random.Random(2))
    assert Prompt.objects.count() == 1513


def test_an_upload_past_the_cap_is_not_kept(member_client, monkeypatch):
    monkeypatch.setattr(parsers, "MAX_FILE_BYTES", 100_000)
    big = upload("big.csv", "prompt\n" + "x\n" * 100_000)  # 200 kB: stopped while uploading
    response = member_client.post(reverse("library:import"), {"file": big})
    assert response.status_code == 422 and "larger than" in response.content.decode()
    huge = upload("huge.csv", "prompt\n" + "x\n" * 600_000)  # over the cap + 1 MB: refused unread
    response = member_client.post(reverse("library:import"), {"file": huge})
    assert response.status_code == 413 and "larger than" in response.content.decode()
    assert snapshot() == (0, 0) and not list(imports_folder().glob("*.bin"))


def test_the_upload_form_still_checks_csrf(client, member):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(reverse("library:import"), {"file": upload("p.csv", GOOD_CSV)})
    assert response.status_code == 403 and snapshot() == (0, 0)


def test_preview_of_the_real_file_shows_counts_and_the_sixteen_duplicates(member_client):
    response = member_client.post(
        reverse("library:import"), {"file": upload("prompts.csv", REAL.read_bytes())}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="count-new">1513<' in html and 'id="count-duplicates">16<' in html
    assert 'id="count-problems">0<' in html and "Import 1513 prompts" in html
    assert "…and 1463 more." in html
    assert snapshot() == (0, 0)


def test_api_upload_past_the_cap_is_413_and_not_kept(api_upload, monkeypatch):
    monkeypatch.setattr(parsers, "MAX_FILE_BYTES", 100_000)
    response = api_upload("/api/v1/prompts/import", {"file": upload("big.csv", "prompt\n" + "x\n" * 100_000)})
    assert response.status_code == 413 and "larger than" in response.json()["detail"]
    response = api_upload(
        "/api/v1/prompts/import", {"file": upload("huge.csv", "prompt\n" + "x\n" * 600_000)}
    )
    assert response.status_code == 413 and response.json()["created"] == 0
    assert snapshot() == (0, 0)


def test_api_import_without_a_file_and_with_a_session(api_upload, member_client):
    response = api_upload("/api/v1/prompts/import", {"format": "csv"})
    assert response.status_code == 422 and "multipart field “file”" in response.json()["detail"]
    response = member_client.post("/api/v1/prompts/import", {"file": upload("p.csv", GOOD_CSV)})
    assert response.status_code == 200 and response.json()["created"] == 2


def test_api_docs_describe_the_multipart_form(api):
    schema = api.get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/prompts/import"]["post"]["requestBody"]
    assert set(body["content"]["multipart/form-data"]["schema"]["properties"]) == {
        "file",
        "format",
        "skip_invalid",
        "background",
    }
