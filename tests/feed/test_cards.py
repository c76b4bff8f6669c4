"""Feed cards: avatar, Markdown-free excerpt, kind, reactions as emoji, replies, solved state; the
Unanswered / Unsolved tabs; why a question is one I could answer; nothing leaks from anonymous or
hidden posts."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ripple.feed import actions
from ripple.feed.selectors import cards
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _card(html: str, title: str) -> str:
    """The <article> of the card titled `title`."""
    for article in re.findall(r"<article class=\"post-card.*?</article>", html, re.S):
        if title in article:
            return article
    raise AssertionError(f"no card titled {title!r}")


def test_card_shows_avatar_excerpt_kind_reactions_replies(member_client, member, other_member, make_post):
    author = UserFactory(name="Priya Patel")
    post = make_post(
        author, kind="tip", title="Rubrics first",
        body="**Ask for a rubric** before the summary, then [check it](https://example.org) with `diff`.\n\n"
        "Second paragraph.",
    )  # fmt: skip
    actions.reaction_set(actor=member, post=post, emoji="applause", on=True)
    actions.reaction_set(actor=other_member, post=post, emoji="applause", on=True)
    actions.reaction_set(actor=other_member, post=post, emoji="insight", on=True)
    actions.reply_create(actor=other_member, post=post, body="Works for me")
    card = _card(member_client.get(reverse("feed:index")).content.decode(), "Rubrics first")
    assert 'class="avatar avatar-sm"' in card and ">PP</span>" in card
    assert "Ask for a rubric before the summary, then check it with diff. Second paragraph." in card
    assert "**" not in card and "](https" not in card
    assert 'badge-kind kind-tip">Tip<' in card
    # Reactions as the emoji people gave, with counts; mine marked; none shown that nobody gave.
    assert re.search(r'reaction-count is-mine" title="Applause"><span aria-hidden="true">👏</span> 2', card)
    assert re.search(r'reaction-count" title="Insightful"><span aria-hidden="true">💡</span> 1', card)
    assert "🙏" not in card
    assert "1 reply" in card


def test_question_cards_say_solved_or_unsolved(member_client, member, other_member, make_post):
    solved = make_post(member, kind="question", title="Solved one")
    answer = actions.reply_create(actor=other_member, post=solved, body="Do this")
    actions.answer_accept(actor=member, post=solved, reply=answer)
    make_post(member, kind="question", title="Open one")
    html = member_client.get(reverse("feed:index")).content.decode()
    assert ">Solved<" in _card(html, "Solved one") and ">Unsolved<" in _card(html, "Open one")


def test_excerpt_is_plain_text_cut_at_a_word():
    html = "<p>" + "word " * 100 + "</p><pre><code>secret_code()</code></pre>"
    text = cards.excerpt(html)
    assert text.endswith("word…") and len(text) <= cards.EXCERPT_CHARS + 1 and "<" not in text
    assert cards.excerpt("<p>Tom &amp; Jerry</p><pre>code</pre><p>after</p>") == "Tom & Jerry after"
    assert cards.excerpt("<h3>What I asked</h3><p>Which article?</p>") == "What I asked: Which article?"


def test_unanswered_means_no_reply_and_unsolved_means_no_accepted_answer(
    member_client, member, other_member, make_post
):
    make_post(member, kind="question", title="Nobody replied")
    replied = make_post(member, kind="question", title="Replied not accepted")
    actions.reply_create(actor=other_member, post=replied, body="Maybe this?")
    accepted = make_post(member, kind="question", title="Accepted answer")
    reply = actions.reply_create(actor=other_member, post=accepted, body="This")
    actions.answer_accept(actor=member, post=accepted, reply=reply)

    def titles(tab: str) -> list[str]:
        return [p.title for p in member_client.get(reverse("feed:index"), {"tab": tab}).context["posts"]]

    assert titles("unanswered") == ["Nobody replied"]
    assert titles("unsolved") == ["Replied not accepted", "Nobody replied"]
    html = member_client.get(reverse("feed:index"), {"tab": "unsolved"}).content.decode()
    assert 'href="?tab=unsolved" aria-current="page">Unsolved<' in html


@pytest.mark.parametrize("tab", ["new", "unsolved", "for-me"])
def test_card_pages_query_count_is_constant_with_reactions(member_client, member, make_post, tab, queries):
    member.skills = "excel"
    member.save()
    first = make_post(UserFactory(), kind="question", title="Excel first", body="excel")
    actions.reaction_set(actor=member, post=first, emoji="thanks", on=True)
    people = [UserFactory() for _ in range(5)]
    # "Questions I could answer" fills up to 20 from the skills first, then from the rest (one more
    # query): measured once the skills alone fill it.
    start = 20 if tab == "for-me" else 0

    def grow(start: int = 0, end: int = 30) -> None:
        for i in range(start, end):
            post = make_post(people[i % 5], kind="question", title=f"Excel {i}", body="excel **pivot**")
            for person in people[:3]:
                actions.reaction_set(actor=person, post=post, emoji="applause", on=True)
            actions.reply_create(actor=people[(i + 1) % 5], post=post, body="a reply")

    grow(0, start)
    exactly = {"new": 8, "unsolved": 7, "for-me": 7}[tab]  # 1: the community filter
    queries.flat(
        lambda: queries.count(member_client, reverse("feed:index"), {"tab": tab}),
        lambda: grow(start, start + 30),
        exactly=exactly,
    )


def test_questions_i_could_answer_say_why(client, make_post):
    finance = DepartmentFactory(name="Finance")
    me = UserFactory(skills="Excel, pivot tables", department=finance)
    asker = UserFactory(department=finance)
    make_post(UserFactory(), kind="question", title="VLOOKUP in Excel keeps failing", body="Help with excel")
    make_post(asker, kind="question", title="Quarter close checklist", body="What do you use?",
              department=finance.pk)  # fmt: skip
    make_post(UserFactory(), kind="question", title="Anything else", body="Unrelated")
    client.force_login(me)
    response = client.get(reverse("feed:index"), {"tab": "for-me"})
    why = {p.title: p.why for p in response.context["posts"]}
    assert why["VLOOKUP in Excel keeps failing"] == "You listed Excel"
    assert why["Quarter close checklist"] == "Asked in your department, Finance"
    assert why["Anything else"].startswith("Still open")
    assert "You listed Excel" in _card(response.content.decode(), "VLOOKUP in Excel")


# --- privacy ------------------------------------------------------------------------------------

SECRET = "Quentin Quietasker"


def test_anonymous_card_shows_a_neutral_avatar_never_the_author(client, other_member, make_post):
    asker = UserFactory(name=SECRET, skills="excel")
    make_post(asker, kind="question", title="Shy question", body="Is it stupid to ask?", anonymous=True)
    other_member.skills = "excel"
    other_member.save()
    client.force_login(other_member)
    for tab in ("new", "unanswered", "unsolved", "for-me"):
        html = client.get(reverse("feed:index"), {"tab": tab}).content.decode()
        card = _card(html, "Shy question")
        assert "avatar-anon" in card and ">QQ<" not in card and SECRET not in html, tab
        assert f'data-hue="{asker.pk * 47 % 360}"' not in card
        assert "Is it stupid to ask?" in card  # the excerpt is the body, which the post page shows too
    # Even its author sees the neutral avatar on the card (the name is shown to them alone).
    client.force_login(asker)
    card = _card(client.get(reverse("feed:index")).content.decode(), "Shy question")
    assert "avatar-anon" in card and ">QQ<" not in card and "anonymous to others" in card


def test_reactions_on_a_hidden_post_are_nowhere(client, member, other_member, facilitator, make_post):
    hidden = make_post(other_member, kind="tip", title="Hidden tip", body="Removed text")
    actions.reaction_set(actor=member, post=hidden, emoji="laugh", on=True)
    actions.post_moderate(actor=facilitator, post=hidden, action="hide")
    make_post(other_member, kind="tip", title="Visible tip", body="Fine")
    client.force_login(member)
    html = client.get(reverse("feed:index")).content.decode()
    assert "Hidden tip" not in html and "😄" not in html and "Removed text" not in html
    assert client.post(reverse("feed:react", args=[hidden.pk]), {"emoji": "laugh"}).status_code == 404


def test_card_escapes_every_value_and_hides_an_anonymous_author(member_client, member, make_post):
    """The card is built in Python (feed.postcard): every value escaped, the hidden author never shown."""
    sales = DepartmentFactory(name="Sales & <Ops>")
    author = UserFactory(name="Zoë <i>Q</i>", department=sales)
    win = make_post(
        author, kind="win", title="Saved <script>alert(1)</script> hours", body="It <b>worked</b> & fast.",
        minutes_saved=150, topics=["a&b", "<x>"], department=sales,
    )  # fmt: skip
    actions.reaction_set(actor=member, post=win, emoji="applause", on=True)
    hidden = make_post(author, kind="question", title="Is this right?", anonymous=True)
    page = member_client.get(reverse("feed:index")).content.decode()
    card = _card(page, "Saved &lt;script&gt;")
    assert "<script>" not in card and "Saved &lt;script&gt;alert(1)&lt;/script&gt; hours" in card
    assert (
        "Zoë &lt;i&gt;Q&lt;/i&gt;" in card and f'href="{reverse("people:profile", args=[author.pk])}"' in card
    )
    assert "· Sales &amp; &lt;Ops&gt;" in card and "· saved 2.5 h" in card
    assert "It &lt;b&gt;worked&lt;/b&gt; &amp; fast." in card or "It worked &amp; fast." in card
    assert '?topic=ab">#ab</a>' in card and '?topic=x">#x</a>' in card  # topics are kept as slugs
    assert 'class="reaction-count is-mine"' in card and "0 replies" in card
    assert f'href="{reverse("feed:post", args=[win.pk])}"' in card
    question = _card(page, "Is this right?")
    assert "Zoë" not in question and '<span class="anon">Anonymous</span>' in question
    assert "avatar-anon" in question and "Unsolved" in question
    assert reverse("people:profile", args=[author.pk]) not in question and hidden.title in question
    mine = UserFactory()
    mine_post = make_post(mine, kind="question", title="My own secret", anonymous=True)
    member_client.force_login(mine)
    own = _card(member_client.get(reverse("feed:index")).content.decode(), "My own secret")
    assert "anonymous to others" in own and mine_post.title in own
