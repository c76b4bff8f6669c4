"""Challenges in a real browser: enter with a new prompt, vote, be refused a vote for one's own entry,
take a vote back, and see the results (chart and table) once voting has closed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ripple.challenges.models import Submission, Vote
from tests.challenges.conftest import enter, make_challenge, set_phase
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_enter_vote_refused_self_vote_and_results(live_server, sign_in):
    host = UserFactory(name="Hana Host", role="facilitator")
    challenge = make_challenge(host, votes_per_member=2)
    others = [enter(challenge, UserFactory(name=f"Entrant {i}"), title=f"Other entry {i}") for i in range(2)]
    me = UserFactory(name="Vera Voter")
    page = sign_in(me)
    page.goto(f"{live_server.url}/challenges/")
    page.get_by_role("link", name=challenge.title).click()
    page.get_by_role("link", name="Enter").click()
    page.get_by_label("Entry title").fill("My weekly report bot")
    page.get_by_label("Or share a new prompt: its title").fill("Weekly report in ten minutes")
    page.get_by_label("The prompt").fill("Summarise these notes into a weekly report: {notes}")
    page.get_by_label("Demo link").fill("not a link")
    page.get_by_role("button", name="Submit entry").click()
    expect(page.get_by_text("Give a full web address")).to_be_visible()
    assert not Submission.objects.filter(title="My weekly report bot").exists()
    page.get_by_label("Demo link").fill("https://video.example.org/mine")
    page.get_by_role("button", name="Submit entry").click()
    expect(page.get_by_text("Your entry is in.")).to_be_visible()
    mine = Submission.objects.get(title="My weekly report bot")
    assert mine.prompts.get().title == "Weekly report in ten minutes"

    set_phase(challenge, "voting")
    page.goto(f"{live_server.url}{challenge.get_absolute_url()}")
    expect(page.locator("#votes-left")).to_contain_text("2 of 2")
    expect(page.locator(f"#entry-{mine.pk}")).to_contain_text("Your entry")
    page.get_by_role("button", name="Vote for Other entry 0").click()
    expect(page.get_by_text("You voted for “Other entry 0”")).to_be_visible()
    expect(page.locator("#votes-left")).to_contain_text("1 of 2")
    # The page offers no vote button on one's own entry; a forged POST is refused with a reason.
    page.goto(f"{live_server.url}{mine.get_absolute_url()}")
    expect(page.get_by_text("You cannot vote for your own entry.")).to_be_visible()
    page.evaluate(
        """(url) => { const f = document.createElement('form'); f.method = 'post'; f.action = url;
        const t = document.createElement('input'); t.type = 'hidden'; t.name = 'csrfmiddlewaretoken';
        t.value = document.querySelector('meta[name=csrf-token], input[name=csrfmiddlewaretoken]')?.content
          || document.querySelector('input[name=csrfmiddlewaretoken]')?.value || '';
        f.appendChild(t); document.body.appendChild(f); f.submit(); }""",
        f"/challenges/{challenge.pk}/entries/{mine.pk}/vote/",
    )
    expect(page.get_by_text("You cannot vote for an entry you are on")).to_be_visible()
    assert not Vote.objects.filter(submission=mine).exists()
    page.get_by_role("button", name="Take back your vote for Other entry 0").click()
    expect(page.get_by_text("taken back")).to_be_visible()
    page.get_by_role("button", name="Vote for Other entry 1").click()
    expect(page.get_by_text("You voted for “Other entry 1”")).to_be_visible()
    page.goto(f"{live_server.url}/challenges/{challenge.pk}/results/")
    expect(page.get_by_text("Results are hidden until voting closes")).to_be_visible()

    set_phase(challenge, "closed")
    page.goto(f"{live_server.url}{challenge.get_absolute_url()}")
    page.get_by_role("link", name="See the results").click()
    table = page.locator("#people-table")
    expect(table.locator("tbody tr").first).to_contain_text(others[1].title)
    expect(table.locator("tbody tr").first).to_contain_text("1")
    expect(page.locator("canvas[data-chart=votes]")).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=votes]'))"
    )


def test_challenge_pages_fit_a_phone_and_pass_axe(live_server, sign_in):
    from ripple.challenges import actions, selectors
    from tests.e2e.test_every_screen import DESKTOP, PHONE, axe_violations

    host = UserFactory(name="Hana Host", role="facilitator")
    judge = UserFactory(name="Jo Judge")
    challenge = make_challenge(host, judges=[judge], rules="No customer data in prompts.")
    entries = [
        enter(challenge, UserFactory(), title=f"An entry with a title long enough to wrap on a phone {i}",
              new_prompt_title="Report", new_prompt_body="Summarise {notes}", demo_url="https://example.org/a/long/path")
        for i in range(3)
    ]  # fmt: skip
    set_phase(challenge, "voting")
    for e in entries:
        actions.scores_set(actor=judge, submission=e, scores={c.pk: 4 for c in selectors.criteria(challenge)})
    page = sign_in(judge)
    open_paths = [
        challenge.get_absolute_url(),
        entries[0].get_absolute_url(),
        f"/challenges/{challenge.pk}/results/",
    ]
    closed_paths = ["/challenges/", f"/challenges/{challenge.pk}/results/"]
    problems = []
    for paths, phase in ((open_paths, "voting"), (closed_paths, "closed")):
        set_phase(challenge, phase)
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            for path in paths:
                page.goto(live_server.url + path)
                page.wait_for_load_state("networkidle")
                if page.evaluate("document.documentElement.scrollWidth - innerWidth") > 0:
                    problems.append(f"{path} is wider than the screen at {size['width']}")
                problems += [
                    f"{path} @{size['width']}: {v['id']} {v['nodes']}"
                    for v in axe_violations(page)
                    # the shell's account menu (core) is checked by test_every_screen, not here
                    if v["impact"] in ("serious", "critical") and v["nodes"] != ["summary"]
                ]
    assert problems == []
