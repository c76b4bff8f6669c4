"""Near-duplicates in the import preview: the same (or nearly the same) title by the library's search
ranking and a very similar body, flagged (not skipped); exact duplicates are still skipped. The
pairs are real: prompts.chat's export holds "Note-Taking assistant" and "Note-Taking Assistant" (one
typo fixed), and same-titled prompts with different text ("Life Coach" / "Life coach")."""

from __future__ import annotations

import csv
import io
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ripple.library import importing
from ripple.library.importing import PROMPTS_CHAT_CSV, selectors
from ripple.library.models import Prompt
from tests.library.test_import import upload

pytestmark = pytest.mark.django_db


def real(title: str) -> list[dict[str, str]]:
    """The rows of prompts-chat.csv titled `title` (exactly), in file order."""
    csv.field_size_limit(sys.maxsize)
    with PROMPTS_CHAT_CSV.open(newline="", encoding="utf-8") as stream:
        return [row for row in csv.DictReader(stream) if row["act"] == title]


def as_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "body"])
    for row in rows:
        writer.writerow([row["act"], row["prompt"]])
    return out.getvalue()


def have(actor, rows: list[dict[str, str]]) -> list[Prompt]:
    parsed = importing.parse(io.BytesIO(as_csv(rows).encode()), "csv")
    return importing.import_rows(actor=actor, rows=parsed).created


def preview_html(client, rows: list[dict[str, str]]) -> str:
    response = client.post(reverse("library:import"), {"file": upload("mine.csv", as_csv(rows))})
    assert response.status_code == 200
    return response.content.decode()


NOTE_A, NOTE_B = real("Note-Taking assistant")[0], real("Note-Taking Assistant")[0]
COACH_A, COACH_B = real("Life Coach")[0], real("Life coach")[0]


def test_the_real_pairs_are_what_the_tests_say():
    assert NOTE_A["prompt"] != NOTE_B["prompt"] and "seperated" in NOTE_A["prompt"]
    assert NOTE_A["prompt"].replace("seperated", "separated") == NOTE_B["prompt"]
    assert COACH_A["prompt"][:200] != COACH_B["prompt"][:200]


def test_a_near_duplicate_of_an_existing_prompt_is_flagged_with_a_link_and_still_imported(
    member_client, member
):
    existing = have(member, [NOTE_A, COACH_A])[0]
    html = preview_html(member_client, [NOTE_B, COACH_B])
    assert 'id="count-near">1<' in html and 'id="count-new">2<' in html
    assert "Nearly the same as a prompt you have" in html
    assert existing.get_absolute_url() in html and "Note-Taking assistant" in html
    near = html.split('id="import-near"')[1].split("</table>")[0]
    assert "Note-Taking Assistant" in near and "Life coach" not in near  # same title, different text
    token = html.split("/library/import/")[1].split("/confirm/")[0]
    member_client.post(reverse("library:import_confirm", args=[token]))
    assert Prompt.objects.filter(title="Note-Taking Assistant").exists()  # flagged, not skipped


def test_exact_duplicates_are_still_skipped_not_flagged(member_client, member):
    have(member, [NOTE_A])
    html = preview_html(member_client, [NOTE_A])
    assert 'id="count-duplicates">1<' in html and 'id="count-new">0<' in html and "count-near" not in html


def test_a_near_duplicate_of_an_earlier_row_in_the_same_file(member):
    rows = importing.parse(io.BytesIO(as_csv([NOTE_A, COACH_A, NOTE_B, COACH_B]).encode()), "csv")
    selectors.check_rows(actor=member, rows=rows, near=True)
    assert [r.near_duplicate_of for r in rows] == ["", "", rows[0].where, ""]


def test_one_word_more_in_the_title_and_the_same_text_is_near(member):
    have(member, [NOTE_A])
    edited = {**NOTE_B, "act": "Act as a Note-Taking Assistant"}  # "act": one word more
    far = {**NOTE_B, "act": "Meeting minutes writer"}  # the same text under another title: not flagged
    rows = selectors.check_rows(
        actor=member, rows=importing.parse(io.BytesIO(as_csv([edited, far]).encode()), "csv"), near=True
    )
    assert rows[0].near_duplicate_of == "“Note-Taking assistant”" and rows[1].near_duplicate_of == ""


def test_only_prompts_the_person_can_see_count(member, other_member):
    mine = have(other_member, [NOTE_A])[0]
    Prompt.objects.filter(pk=mine.pk).update(visibility="private")
    rows = importing.parse(io.BytesIO(as_csv([NOTE_B]).encode()), "csv")
    selectors.check_rows(actor=member, rows=rows, near=True)
    assert rows[0].near_duplicate_of == "" and rows[0].near_duplicate_id is None


def test_queries_do_not_grow_with_the_file_only_with_distinct_close_titles(member):
    """One scan of the visible titles, one ranked query per distinct close title, one for the bodies:
    a file of 40 or 400 unrelated rows besides the near-duplicates costs the same."""
    have(member, [NOTE_A, COACH_A])
    csv.field_size_limit(sys.maxsize)
    with PROMPTS_CHAT_CSV.open(newline="", encoding="utf-8") as stream:
        others = [
            r
            for r in csv.DictReader(stream)
            if r["act"].casefold() not in ("note-taking assistant", "life coach")
        ]

    def measure(unrelated: int) -> int:
        rows = importing.parse(io.BytesIO(as_csv([NOTE_B, NOTE_B | {"prompt": NOTE_B["prompt"] + " Thanks."},
                                                   *others[:unrelated]]).encode()), "csv")  # fmt: skip
        with CaptureQueriesContext(connection) as ctx:
            selectors.near_duplicates(actor=member, rows=rows)
        assert rows[0].near_duplicate_of and rows[1].near_duplicate_of
        return len(ctx.captured_queries)

    assert measure(40) == measure(400) == 3  # titles, one ranking ("Note-Taking Assistant" once), bodies
