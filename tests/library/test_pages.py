"""The library's pages through the real HTTP endpoints."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.core.models import LearningEvent
from ripple.library import actions
from ripple.library.models import Collection, Prompt, PromptVersion, Reuse, Suggestion
from ripple.notifications.models import Notification
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def test_library_lists_visible_prompts_with_counts(member_client, member, other_member):
    shown = make_prompt(other_member, title="Renewal email", tags=["email"])
    make_prompt(other_member, title="Secret plan", visibility="private")
    actions.reuse_record(actor=member, prompt=shown, minutes_saved=25)
    response = member_client.get(reverse("library:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Renewal email" in html and "Secret plan" not in html
    assert "25 min" in html and "#email" in html


def test_empty_library_invites_the_first_prompt(member_client):
    html = member_client.get(reverse("library:index")).content.decode()
    assert "waiting for its first prompt" in html and reverse("library:prompt_new") in html


def test_search_page_and_htmx_partial(member_client, other_member):
    make_prompt(other_member, title="Redline an NDA", body="Review this contract clause: {{clause}}")
    make_prompt(other_member, title="Weekly status update", body="Summarise my week")
    response = member_client.get(reverse("library:index"), {"q": "contract"})
    html = response.content.decode()
    assert "Redline an NDA" in html and "Weekly status" not in html and "<mark>" in html
    partial = member_client.get(
        reverse("library:index"), {"q": "contract"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert b"<html" not in partial.content and b"Redline an NDA" in partial.content
    none = member_client.get(reverse("library:index"), {"q": "zebra"}).content.decode()
    assert "No prompt matches" in none


def test_filters_by_tool_tag_department_and_mine(member_client, member, other_member):
    legal = DepartmentFactory(name="Legal")
    make_prompt(other_member, title="Copilot one", tools=["Microsoft Copilot"], tags=["Excel"])
    make_prompt(other_member, title="Claude one", tools=["Claude"], department=legal, tags=["excel-ish"])
    make_prompt(member, title="My own", tools=["Claude"])
    get = lambda **p: member_client.get(reverse("library:index"), p).content.decode()  # noqa: E731
    assert "Copilot one" in get(tool="Microsoft Copilot") and "Claude one" not in get(
        tool="Microsoft Copilot"
    )
    assert "Copilot one" in get(tag="excel") and "Claude one" not in get(tag="excel")
    assert "Claude one" in get(department=str(legal.pk)) and "Copilot one" not in get(
        department=str(legal.pk)
    )
    assert "My own" in get(mine="1") and "Claude one" not in get(mine="1")


def test_bad_cursor_starts_over(member_client):
    assert member_client.get(reverse("library:index"), {"cursor": "!!"}).status_code == 302


def test_share_a_prompt_with_examples(member_client, member):
    response = member_client.post(
        reverse("library:prompt_new"),
        {
            "title": "Board summary",
            "purpose": "For monthly board packs",
            "body": "Summarise {{report}} for the board in a {{tone:crisp|warm}} tone.",
            "tools": ["Claude", "ChatGPT"],
            "tags": "finance, board",
            "check_output": "Tie every number back to the report.",
            "visibility": "everyone",
            "example_1_input": "Q3 report",
            "example_1_output": "Revenue up 4%…",
            "example_1_changes": "Shortened it",
        },
    )
    prompt = Prompt.objects.get(title="Board summary")
    assert response.status_code == 302 and response["Location"] == prompt.get_absolute_url()
    assert prompt.tools == ["Claude", "ChatGPT"] and prompt.tag_list == ["finance", "board"]
    assert prompt.examples == [{"input": "Q3 report", "output": "Revenue up 4%…", "changes": "Shortened it"}]


def test_share_form_shows_variable_errors_with_position(member_client):
    response = member_client.post(
        reverse("library:prompt_new"), {"title": "Broken", "body": "Hello\n{{name", "visibility": "everyone"}
    )
    assert response.status_code == 200
    assert "Line 2, column 1" in response.content.decode()
    assert not Prompt.objects.exists()


def test_prompt_page_has_use_form_choices_and_nudge(member_client, other_member):
    prompt = make_prompt(
        other_member, body="Write to {{name}} in a {{tone:warm|formal}} tone.", check_output=""
    )
    html = member_client.get(prompt.get_absolute_url()).content.decode()
    select = '<select id="var-2" data-var="tone" name="var:tone" form="reuse-form">'
    assert select + "<option>warm</option><option>formal</option></select>" in html
    assert "How to check the output is missing" in html and "Suggest it" in html
    assert "Write to {{name}} in a warm tone." in html  # filled with defaults before any script runs
    assert "<script>" not in html and "onsubmit" not in html


def test_private_prompt_pages_are_404_for_others(client, other_member):
    sales = DepartmentFactory(name="Sales")
    owner = UserFactory(department=sales)
    private = make_prompt(owner, visibility="private")
    dept = make_prompt(owner, visibility="department")
    client.force_login(other_member)
    for prompt in (private, dept):
        for name in ("prompt", "prompt_edit", "prompt_history", "prompt_lineage", "suggestion_new"):
            assert client.get(reverse(f"library:{name}", args=[prompt.pk])).status_code == 404, name
        for name in ("prompt_fork", "prompt_reuse", "prompt_rate"):
            assert client.post(reverse(f"library:{name}", args=[prompt.pk])).status_code == 404, name
    assert not Reuse.objects.exists() and Prompt.objects.count() == 2


def test_edit_makes_a_version_and_only_owner_may(client, member, other_member):
    prompt = make_prompt(member)
    client.force_login(other_member)
    assert client.get(reverse("library:prompt_edit", args=[prompt.pk])).status_code == 403
    client.force_login(member)
    data = {
        "title": prompt.title,
        "body": prompt.body + "\nKeep it short.",
        "visibility": "everyone",
        "tools": ["ChatGPT"],
        "check_output": prompt.check_output,
        "purpose": prompt.purpose,
        "note": "Shorter",
    }
    assert client.post(reverse("library:prompt_edit", args=[prompt.pk]), data).status_code == 302
    prompt.refresh_from_db()
    assert prompt.version == 2
    history = client.get(reverse("library:prompt_history", args=[prompt.pk])).content.decode()
    assert "<ins>Keep it short.</ins>" in history or "Keep it short." in history
    assert "Shorter" in history
    first = client.get(reverse("library:prompt_history", args=[prompt.pk]), {"from": 0, "to": 1})
    assert first.status_code == 200 and "how it was first shared" in first.content.decode()
    assert client.get(reverse("library:prompt_history", args=[prompt.pk]), {"to": 9}).status_code == 404


def test_fork_reuse_rate_through_the_pages(member_client, member, other_member):
    prompt = make_prompt(other_member)
    response = member_client.post(
        reverse("library:prompt_fork", args=[prompt.pk]),
        {"title": "My copy", "body": prompt.body, "visibility": "everyone"},
    )
    fork = Prompt.objects.get(forked_from=prompt)
    assert response["Location"] == reverse("library:prompt", args=[fork.pk]) and fork.owner == member
    member_client.post(
        reverse("library:prompt_reuse", args=[prompt.pk]), {"minutes_saved": "30", "note": "QBR"}
    )
    member_client.post(reverse("library:prompt_rate", args=[prompt.pk]), {"stars": "4"})
    prompt.refresh_from_db()
    assert (prompt.reuse_count, prompt.minutes_saved_total, prompt.rating_avg, prompt.fork_count) == (
        1,
        30,
        4.0,
        1,
    )
    kinds = set(
        LearningEvent.objects.filter(source=other_member, learner=member).values_list("kind", flat=True)
    )
    assert kinds == {"fork", "reuse"}
    assert Notification.objects.filter(recipient=other_member).count() == 2


def test_suggestion_flow_accept(client, member, other_member):
    prompt = make_prompt(other_member, check_output="")
    client.force_login(member)
    client.post(
        reverse("library:suggestion_new", args=[prompt.pk]),
        {"title": prompt.title, "body": prompt.body, "purpose": prompt.purpose,
         "check_output": "Compare against the CRM.", "note": "Adds a check"},
    )  # fmt: skip
    suggestion = Suggestion.objects.get()
    page = client.get(reverse("library:suggestion", args=[prompt.pk, suggestion.pk])).content.decode()
    assert "Compare against the CRM." in page and "Accept as version" not in page
    assert (
        client.post(
            reverse("library:suggestion", args=[prompt.pk, suggestion.pk]), {"decision": "accept"}
        ).status_code
        == 403
    )
    client.force_login(other_member)
    response = client.post(
        reverse("library:suggestion", args=[prompt.pk, suggestion.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    prompt.refresh_from_db()
    assert prompt.version == 2 and prompt.check_output == "Compare against the CRM."
    assert PromptVersion.objects.get(prompt=prompt, number=2).author == member
    assert LearningEvent.objects.filter(kind="suggestion", learner=other_member, source=member).exists()
    assert Notification.objects.filter(recipient=member, kind="suggestion_resolved").exists()


def test_lineage_page_shows_family_across_departments(client):
    sales, legal, hr = (DepartmentFactory(name=n) for n in ("Sales", "Legal", "HR"))
    ana, bo, cy = UserFactory(department=sales), UserFactory(department=legal), UserFactory(department=hr)
    original = make_prompt(ana, title="Original", department=sales)
    child = actions.prompt_fork(actor=bo, prompt=original, title="Legal take")
    hidden = actions.prompt_fork(actor=cy, prompt=child, title="HR secret")
    actions.prompt_update(actor=cy, prompt=hidden, visibility="private")
    grandchild = actions.prompt_fork(actor=cy, prompt=hidden, title="HR public")
    actions.prompt_update(actor=cy, prompt=grandchild, visibility="everyone")
    client.force_login(ana)
    html = client.get(reverse("library:prompt_lineage", args=[grandchild.pk])).content.decode()
    assert "Original" in html and "Legal take" in html and "HR public" in html
    assert "HR secret" not in html and "via a prompt you can" in html
    assert "Legal" in html and "Sales" in html


def test_collections_create_add_remove_and_privacy(client, member, other_member):
    prompt = make_prompt(other_member)
    client.force_login(member)
    response = client.post(
        reverse("library:collection_new"),
        {
            "title": "Sales starter pack",
            "description": "Start here",
            "visibility": "everyone",
            "add_prompt": prompt.pk,
        },
    )
    collection = Collection.objects.get()
    assert response.status_code == 302 and collection.prompt_count == 1
    html = client.get(collection.get_absolute_url()).content.decode()
    assert prompt.title in html
    client.post(reverse("library:collection_remove", args=[collection.pk, prompt.pk]))
    collection.refresh_from_db()
    assert collection.prompt_count == 0
    secret = actions.collection_create(actor=member, title="Hush list", visibility="private")
    client.force_login(other_member)
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert "Hush list" not in client.get(reverse("library:collections")).content.decode()
    assert (
        client.post(
            reverse("library:collection_add", args=[prompt.pk]), {"collection": collection.pk}
        ).status_code
        == 403
    )


def test_a_malformed_stored_body_still_shows(member_client, api, other_member):
    prompt = Prompt.objects.create(title="Bulk loaded", body="Use {{ $json['x'] }} here", owner=other_member)
    html = member_client.get(prompt.get_absolute_url()).content.decode()
    assert "Use {{ $json[&#x27;x&#x27;] }} here" in html
    assert api.get(f"/api/v1/prompts/{prompt.pk}").json()["variables"] == []


def test_profile_lists_only_the_prompts_the_viewer_may_see(client, member, other_member):
    from tests.factories import DepartmentFactory

    make_prompt(other_member, title="Shared with all")
    make_prompt(other_member, title="Only for my department", visibility="department",
                department=DepartmentFactory(name="Elsewhere"))  # fmt: skip
    make_prompt(other_member, title="My draft", visibility="private")
    client.force_login(member)
    html = client.get(f"/library/people/{other_member.pk}/").content.decode()
    assert "Shared with all" in html and "1 prompt in the library" in html
    assert "Only for my department" not in html and "My draft" not in html
    own = client.get(f"/library/people/{member.pk}/").content.decode()
    assert "You have not shared a prompt yet" in own
    assert client.get("/library/people/999999/").status_code == 404
    assert 'hx-get="/library/people/' in client.get(f"/people/{other_member.pk}/").content.decode()


def test_prompt_card_shows_and_escapes_every_part(member_client, member, other_member):
    """The card is built in Python (library.cards): every value escaped, nothing lost."""
    legal = DepartmentFactory(name="Legal & <Risk>")
    other_member.name = "Dana <b>O'Neil</b>"
    other_member.department = member.department = legal
    other_member.save()
    member.save()
    shown = make_prompt(
        other_member,
        title="Clause <script>alert(1)</script> check",
        purpose="Purpose with <i>markup</i> & " + "long " * 60,
        tools=["Claude"],
        tags=["a&b", "c d", "<x>", "four", "fifth-hidden"],
        department=legal,
        visibility="department",
        check_output="",
    )
    actions.reuse_record(actor=member, prompt=shown, minutes_saved=150)
    html = member_client.get(reverse("library:index")).content.decode()
    card = html[html.index('<article class="prompt-card">') :]
    card = card[: card.index("</article>")]
    assert f'href="{reverse("library:prompt", args=[shown.pk])}"' in card
    assert "Clause &lt;script&gt;alert(1)&lt;/script&gt; check" in card and "<script>" not in card
    assert "Legal &amp; &lt;Risk&gt; only" in card  # the department badge
    assert "Purpose with &lt;i&gt;markup&lt;/i&gt; &amp;" in card and "…" in card  # truncated at 180
    assert '<span class="chip chip-tool">Claude</span>' in card
    assert '?tag=a%26b">#a&amp;b</a>' in card and '?tag=c%20d">#c d</a>' in card
    assert '?tag=%3Cx%3E">#&lt;x&gt;</a>' in card and "fifth-hidden" not in card  # four tags at most
    assert "Dana &lt;b&gt;O&#x27;Neil&lt;/b&gt;" in card and ">D&lt;</span>" in card  # name, initials escaped
    assert 'title="Reused 1 time"' in card and "2.5 h" in card and "Not rated yet" in card
    assert "No “how to check the output” yet" in card
    found = member_client.get(reverse("library:index"), {"q": "clause"}).content.decode()
    assert '<p class="prompt-card-snippet">' in found or "<mark>" in found
