"""Import a CSV with a bad row in the browser: preview with the problem, all-or-nothing, then skip it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ripple.library.models import ImportJob, Prompt
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSV = (
    "title,body,tools\n"
    "Renewal email,Write a renewal email to {{customer}},ChatGPT\n"
    "Broken tool,This row names a tool Ripple does not know,Notepad\n"
    "Call summary,Summarise these call notes: {{notes}},Claude\n"
)


@pytest.fixture(autouse=True)
def _own_ripple_home(settings, tmp_path):
    settings.RIPPLE_HOME = tmp_path


def test_import_csv_with_a_bad_row_shows_the_preview_then_skips_it(live_server, sign_in, tmp_path):
    me = UserFactory(name="Maya Member")
    page = sign_in(me)
    csv_file = tmp_path / "team prompts.csv"
    csv_file.write_text(CSV)

    page.goto(f"{live_server.url}/library/import/")
    expect(page.get_by_role("heading", name="Import prompts")).to_be_visible()
    page.get_by_label("File to import").set_input_files(str(csv_file))
    page.get_by_label("Format").select_option("csv")
    page.get_by_role("button", name="Preview import").click()

    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(page.locator("#count-new")).to_have_text("2")
    expect(page.locator("#count-problems")).to_have_text("1")
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("row 3")
    expect(problems).to_contain_text("“Notepad” is not a tool")
    assert Prompt.objects.count() == 0  # a preview writes nothing

    page.get_by_role("button", name="Import 2 prompts").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    assert Prompt.objects.count() == 0  # all-or-nothing by default

    page.get_by_label("Skip the rows with problems and import the rest").check()
    page.get_by_role("button", name="Import 2 prompts").click()
    expect(page.get_by_text("Imported 2 prompt(s) from team prompts.csv.")).to_be_visible()
    assert sorted(Prompt.objects.values_list("title", flat=True)) == ["Call summary", "Renewal email"]


def test_import_of_a_file_that_is_not_a_prompt_csv_says_why(live_server, sign_in, tmp_path):
    page = sign_in(UserFactory())
    bad = tmp_path / "contacts.csv"
    bad.write_text("name,email\nAda,ada@example.org\n")
    page.goto(f"{live_server.url}/library/import/")
    page.get_by_label("File to import").set_input_files(str(bad))
    page.get_by_role("button", name="Preview import").click()
    expect(page.get_by_role("alert")).to_contain_text("contacts.csv: The CSV has no prompt column")
    assert Prompt.objects.count() == 0


def test_cancel_from_the_preview_imports_nothing(live_server, sign_in, tmp_path):
    page = sign_in(UserFactory())
    csv_file = tmp_path / "p.csv"
    csv_file.write_text(CSV)
    page.goto(f"{live_server.url}/library/import/")
    page.get_by_label("File to import").set_input_files(str(csv_file))
    page.get_by_role("button", name="Preview import").click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_text("Import cancelled; nothing was imported.")).to_be_visible()
    assert Prompt.objects.count() == 0
    assert not ImportJob.objects.exists()  # the staged upload (in the database) is gone


def test_a_background_import_page_updates_itself_until_done(live_server, sign_in):
    me = UserFactory(name="Maya Member")
    page = sign_in(me)
    job = ImportJob.objects.create(owner=me, name="big.csv", format="csv", status="running", rows_total=500)
    page.goto(f"{live_server.url}/library/import/jobs/{job.pk}/")
    expect(page.get_by_role("heading", name="Importing", exact=True)).to_be_visible()
    expect(page.locator("#job-rows")).to_have_text("500")
    url = page.url
    ImportJob.objects.filter(pk=job.pk).update(rows_total=4_000)  # the worker reads on
    expect(page.locator("#job-rows")).to_have_text("4000", timeout=5_000)
    ImportJob.objects.filter(pk=job.pk).update(
        status="done", rows_written=3_990, skipped=10, result={"detail": "Imported 3990 prompt(s)."}
    )
    expect(page.locator("#job-detail")).to_have_text("Imported 3990 prompt(s).", timeout=5_000)
    expect(page.locator("#job-written")).to_have_text("3990")
    assert page.url == url  # no reload, no navigation: HTMX swapped the region
