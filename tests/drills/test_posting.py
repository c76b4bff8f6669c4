"""Posting a drill (facilitators): the key from quotes, line numbers or offsets; bad keys refused whole;
list and page query counts flat."""

from __future__ import annotations

import pytest

from ripple.drills.models import Drill, Flaw
from tests.drills.conftest import OUTPUT, attempt, make_drill, span
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CODE = "def last(items):\n    return items[len(items)]\n"


def test_facilitator_posts_a_drill_through_the_page(client, fay):
    client.force_login(fay)
    assert client.get("/drills/new/").status_code == 200
    r = client.post(
        "/drills/new/",
        {
            "title": "Last item", "kind": "code", "language": "python", "tool": "Copilot",
            "prompt": "Return the last item.", "output": CODE, "space": "", "week": "",
            "flaw_1_lines": "2", "flaw_1_explanation": "Off by one: len(items) is past the end.",
            "flaw_1_severity": "critical",
        },
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:3000]
    drill = Drill.objects.get()
    flaw = Flaw.objects.get()
    assert drill.output[flaw.start : flaw.end] == "    return items[len(items)]"
    page = client.get(drill.get_absolute_url()).content.decode()
    assert "Off by one" in page  # the author sees the key
    assert 'class="drill-output is-code"' in page


def test_members_cannot_post(member_client, api, member):
    assert member_client.get("/drills/new/").status_code == 403
    r = api.post("/api/v1/drills", {"title": "x", "prompt": "p", "output": "o"})
    assert r.status_code == 403 and not Drill.objects.exists()


def test_api_post_with_offsets_and_quotes(client, fay):
    client.force_login(fay)
    body = {
        "title": "Churn", "prompt": "Summarise.", "output": OUTPUT.replace("\n", "\r\n"),
        "flaws": [
            {**span("40%"), "explanation": "wrong", "severity": "major"},
            {"quote": "Retention at Scale", "explanation": "invented"},
        ],
    }  # fmt: skip
    r = client.post("/api/v1/drills", body, content_type="application/json")
    assert r.status_code == 201, r.json()
    out = r.json()
    assert out["output"] == OUTPUT  # line endings normalised
    assert [f["quote"] for f in out["key"]] == ["40%", "Retention at Scale"]


@pytest.mark.parametrize(
    ("flaw", "message"),
    [
        ({"start": 0, "end": 9999, "explanation": "x"}, "outside the text"),
        ({"quote": "absent words", "explanation": "x"}, "does not appear"),
        ({"quote": "40%", "explanation": ""}, "explanation is required"),
        ({"quote": "40%", "explanation": "x", "occurrence": 3}, "does not appear"),
    ],
)
def test_a_bad_key_is_refused_whole(client, fay, flaw, message):
    client.force_login(fay)
    body = {
        "title": "t",
        "prompt": "p",
        "output": OUTPUT,
        "flaws": [{"quote": "Q3", "explanation": "ok"}, flaw],
    }
    r = client.post("/api/v1/drills", body, content_type="application/json")
    assert r.status_code == 422
    assert message in " ".join(r.json()["errors"]["flaws"])
    assert not Drill.objects.exists() and not Flaw.objects.exists()


def test_a_week_needs_a_space(client, fay):
    client.force_login(fay)
    r = client.post(
        "/api/v1/drills",
        {"title": "t", "prompt": "p", "output": "o", "week": 2},
        content_type="application/json",
    )
    assert r.status_code == 422 and "week" in r.json()["errors"]


def test_page_form_bad_key_shows_errors(client, fay):
    client.force_login(fay)
    r = client.post(
        "/drills/new/",
        {"title": "t", "kind": "text", "prompt": "p", "output": "hello", "flaw_1_quote": "bye",
         "flaw_1_explanation": "x", "flaw_1_severity": "major"},
    )  # fmt: skip
    assert r.status_code == 400 and "does not appear" in r.content.decode()
    assert not Drill.objects.exists()


def test_list_and_drill_pages_have_flat_query_counts(member_client, member, fay, queries):
    first = make_drill(fay)
    attempt(member, first, [span("40%")], 70)
    for _ in range(5):  # past k, so the drill's figures are shown before and after
        attempt(UserFactory(), first, [span("Q3")], 60)

    def grow():
        for i in range(25):
            d = make_drill(fay, title=f"Drill {i}")
            attempt(UserFactory(), d, [span("40%")], 80)
            attempt(member, d, [], 50 + i)
        for _ in range(25):
            attempt(UserFactory(), first, [span("40%"), span("Q3")], 90)

    def measure():
        return (
            queries.count(member_client, "/drills/")
            + queries.count(member_client, f"/drills/{first.pk}/")
            + queries.count(member_client, "/drills/calibration/")
        )

    queries.flat(measure, grow, exactly=16)  # list + drill page + calibration, at 1 and 26 drills
