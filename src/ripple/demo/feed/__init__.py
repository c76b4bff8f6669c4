"""The demo organization's feed: six months of wins, tips, questions, AI fails and demos across
departments, with replies, accepted answers, anonymous questions, reactions and kudos.

Deterministic for a seed (dates are relative to today) and idempotent: nothing is added when the
first demo post already exists.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from ripple.demo.feed.chatter import REPLIES, REPLIES_BY_KIND, TASKS, kudos_messages
from ripple.demo.feed.stories import DAYS, POSTS, Spec
from ripple.feed import actions
from ripple.feed.models import Emoji, Post
from ripple.notifications.actions import without_emails
from ripple.people.models import User


def build_feed(*, rng: random.Random) -> None:
    """Add six months of realistic feed activity; does nothing if it is already there."""
    if Post.objects.filter(title=POSTS[0].title).exists():
        return
    people = list(User.objects.filter(is_active=True).select_related("department").order_by("id"))
    if len(people) < 10:
        return
    by_dept: dict[str, list[User]] = {}
    for person in people:
        if person.department:
            by_dept.setdefault(person.department.name, []).append(person)
    facilitators = [p for p in people if p.is_facilitator] or people[:3]
    member = next((p for p in people if p.email == "member@example.org"), people[0])
    now = timezone.now()
    start = now - timedelta(days=DAYS)

    plan: list[tuple[float, Spec]] = [(rng.uniform(2, DAYS - 1), spec) for spec in POSTS]
    seen: set[str] = set()
    for dept, tasks in TASKS.items():
        for week in range(0, DAYS // 7, 2):
            task, tool, minutes = tasks[week % len(tasks)]
            day = week * 7 + rng.uniform(0, 6)
            kind = rng.choice(["win", "win", "tip", "question"])
            variant = rng.randrange(3)
            if kind == "win":
                title = [f"{task.capitalize()} with {tool}", f"{task.capitalize()} in half the time",
                         f"First drafts of {task} from {tool}"][variant]  # fmt: skip
                spec = Spec(
                    "win", title,
                    f"Used {tool} for {task} this week. First draft in minutes; I reviewed and adjusted the details.",  # noqa: E501
                    tool, minutes + rng.randint(-5, 10), (task,), department=dept,
                )  # fmt: skip
            elif kind == "tip":
                title = [f"Tip for {task}: give an example first", f"{task.capitalize()}: ask for three options",  # noqa: E501
                         f"{task.capitalize()}: paste your template before the request"][variant]  # fmt: skip
                body = [f"For {task}, paste one good example before asking. {tool} copies the structure.",
                        f"Ask {tool} for three versions of your {task}, then combine the best parts.",
                        f"Start with your team's template for {task}; the output needs far fewer edits."][variant]  # fmt: skip  # noqa: E501
                spec = Spec("tip", title, body, topics=(task,), department=dept)
            else:
                title = [f"Anyone using AI for {task}?", f"Best prompt for {task}?",
                         f"How do you speed up {task}?"][variant]  # fmt: skip
                spec = Spec(
                    "question", title, f"I spend hours on {task}. Has anyone found a prompt or tool that works?",  # noqa: E501
                    topics=(task,), anonymous=rng.random() < 0.25, department=dept,
                    answers=(f"Yes — {tool} with a template works well for {task}. I will share mine.",),
                )  # fmt: skip
            if spec.title in seen:
                continue
            seen.add(spec.title)
            plan.append((min(day, DAYS - 0.5), spec))
    plan.sort(key=lambda item: item[0])

    with without_emails():
        for n, (day, spec) in enumerate(plan):
            at = start + timedelta(days=day)
            authors = by_dept.get(spec.department) or people
            author = member if n == 3 else rng.choice(authors)
            fail = spec.fail or ("", "", "", "")
            post = actions.post_create(
                actor=author,
                kind=spec.kind,
                title=spec.title,
                body=spec.body,
                tool=spec.tool,
                minutes_saved=max(spec.minutes, 0),
                anonymous=spec.anonymous,
                department=author.department,
                topics=spec.topics,
                at=at,
                fail_asked=fail[0],
                fail_wrong=fail[1],
                fail_noticed=fail[2],
                fail_lesson=fail[3],
            )
            when = at
            answers = []
            for text in spec.answers:
                when += timedelta(hours=rng.uniform(1, 30))
                if when >= now:
                    break
                answers.append(actions.reply_create(actor=rng.choice(people), post=post, body=text, at=when))
            for _ in range(rng.randint(0, 3)):
                when += timedelta(hours=rng.uniform(1, 48))
                if when >= now:
                    break
                actions.reply_create(
                    actor=rng.choice(people),
                    post=post,
                    body=rng.choice(REPLIES + REPLIES_BY_KIND[spec.kind]),
                    at=when,
                )
            reactors = rng.sample(people, k=rng.randint(0, 12))
            for person in reactors:
                emoji = (
                    "tried"
                    if spec.kind in ("tip", "win") and rng.random() < 0.4
                    else rng.choice(Emoji.values)
                )
                actions.reaction_set(
                    actor=person, post=post, emoji=emoji, at=min(when + timedelta(hours=1), now)
                )
            if spec.kind == "question" and answers and rng.random() < 0.75:
                actions.answer_accept(
                    actor=author if rng.random() < 0.85 else facilitators[0], post=post, reply=answers[0]
                )
        messages = kudos_messages(rng, 48)
        for i in range(48):
            giver = rng.choice(people)
            receivers = [p for p in rng.sample(people, k=rng.choice([1, 1, 2])) if p.pk != giver.pk]
            if not receivers:
                continue
            actions.kudos_give(
                actor=giver,
                recipients=receivers,
                message=messages[i],
                at=start + timedelta(days=DAYS * (i + rng.random()) / 48),
            )
