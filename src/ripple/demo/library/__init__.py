"""The demo organization's library: prompts each department wrote for its own work, improved over
six months — versions, forks across departments, reuses with minutes saved, ratings, suggested
edits and curated collections. Deterministic for an rng; a second run adds nothing."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from ripple.demo.library.prompts import COLLECTIONS, DAYS, FORKS, PROMPTS, REUSE_NOTES
from ripple.library import actions
from ripple.library.models import Favourite, Prompt, Reuse
from ripple.people.models import User


def _when(rng: random.Random, now: datetime, *, after: datetime) -> datetime:
    span = max((now - after).total_seconds(), 3600)
    return after + timedelta(seconds=rng.uniform(600, span))


def build_library(*, rng: random.Random) -> None:
    """Add six months of realistic library activity; does nothing if it is already there."""
    if Prompt.objects.filter(title=PROMPTS[0].title, forked_from__isnull=True).exists():
        return
    people = list(User.objects.filter(is_active=True).select_related("department").order_by("id"))
    if len(people) < 10:
        return
    by_dept: dict[str, list[User]] = {}
    for person in people:
        if person.department:
            by_dept.setdefault(person.department.name, []).append(person)
    now = timezone.now()
    start = now - timedelta(days=DAYS)
    member = next((p for p in people if p.email == "member@example.org"), people[0])
    created: dict[str, Prompt] = {}

    for n, spec in enumerate(PROMPTS):
        authors = by_dept.get(spec.department) or people
        author = member if spec.title == "Follow-up email after a demo" else rng.choice(authors)
        at = start + timedelta(days=rng.uniform(0, DAYS * 0.6), minutes=n)
        prompt = actions.prompt_create(
            actor=author,
            title=spec.title,
            body=spec.body,
            purpose=spec.purpose,
            tools=spec.tools,
            department=author.department,
            tags=spec.tags,
            examples=spec.examples,
            check_output=spec.check,
            at=at,
        )
        if spec.revision:
            extra, note = spec.revision
            actions.prompt_update(
                actor=author, prompt=prompt, body=prompt.body + extra, note=note, at=_when(rng, now, after=at)
            )
        created[spec.title] = prompt

    for source_title, dept, title, extra in FORKS:
        source = created[source_title]
        forker = rng.choice([p for p in by_dept.get(dept, people) if p.pk != source.owner_id] or people)
        at = _when(rng, now, after=source.created_at)
        fork = actions.prompt_fork(actor=forker, prompt=source, title=title, at=at)
        actions.prompt_update(
            actor=forker,
            prompt=fork,
            body=fork.body + extra,
            note=f"Adapted for {dept}",
            at=at + timedelta(minutes=20),
        )
        created[title] = fork

    popularity = {spec.title: spec.popularity for spec in PROMPTS}
    for prompt in sorted(created.values(), key=lambda p: p.pk):
        weight = popularity.get(prompt.title, 0.8)
        home = prompt.department.name if prompt.department else ""
        for _ in range(int(rng.uniform(0, 9) * weight)):
            local = rng.random() < 0.6 and by_dept.get(home)
            person = rng.choice(by_dept[home] if local else people)
            if person.pk == prompt.owner_id:
                continue
            at = _when(rng, now, after=prompt.created_at)
            actions.reuse_record(
                actor=person,
                prompt=prompt,
                minutes_saved=rng.choice([5, 10, 15, 15, 20, 25, 30, 30, 45, 60, 90]),
                note=rng.choice(REUSE_NOTES),
                at=at,
            )
            if rng.random() < 0.45:
                actions.rating_set(
                    actor=person, prompt=prompt, stars=rng.choices([3, 4, 5], [1, 3, 4])[0], at=at
                )

    # Suggested edits: two accepted (credited versions), one declined, two waiting.
    suggestion_specs = [
        ("Excel formula explainer", "Also say which Excel versions support the functions used.", "accept"),
        ("Structured interview questions", "", "accept"),
        ("Social post from a release note", "Add three relevant hashtags at the end.", "decline"),
        ("Incident postmortem draft", "Add a 'detection' section: how we found out.", "open"),
        ("Discovery call prep in ten minutes", "Ask for the buyer's success metric too.", "open"),
    ]
    for title, addition, outcome in suggestion_specs:
        prompt = created[title]
        author = rng.choice([p for p in people if p.pk != prompt.owner_id])
        at = _when(rng, now, after=prompt.updated_at)
        check = (
            prompt.check_output or "Ask a colleague who interviews often to sanity-check the strong answers."
        )
        suggestion = actions.suggestion_create(
            actor=author,
            prompt=prompt,
            title=prompt.title,
            body=prompt.body + (f"\n{addition}" if addition else ""),
            purpose=prompt.purpose,
            check_output=check,
            note=addition or "Adds how to check the output",
            at=at,
        )
        if outcome == "accept":
            actions.suggestion_accept(
                actor=prompt.owner,
                suggestion=suggestion,
                response="Great idea, thanks!",
                at=at + timedelta(hours=5),
            )
        elif outcome == "decline":
            actions.suggestion_decline(
                actor=prompt.owner,
                suggestion=suggestion,
                response="Our brand guide asks for no hashtags, but thank you.",
                at=at + timedelta(hours=20),
            )

    for dept, title, description, titles in COLLECTIONS:
        curator = rng.choice(by_dept.get(dept) or people)
        at = start + timedelta(days=DAYS * 0.7)
        collection = actions.collection_create(actor=curator, title=title, description=description, at=at)
        for prompt_title in titles:
            actions.collection_add(actor=curator, collection=collection, prompt=created[prompt_title], at=at)


def build_favourites(*, rng: random.Random) -> None:
    """People star the prompts they reuse most (and a few they just like); once only."""
    if Favourite.objects.exists():
        return
    pairs = set(
        Reuse.objects.values_list("person_id", "prompt_id").distinct().order_by("person_id", "prompt_id")
    )
    popular = list(Prompt.objects.filter(visibility="everyone").order_by("-reuse_count", "id")[:40])
    people = list(User.objects.filter(is_active=True).order_by("id").values_list("id", flat=True))
    for person_id in people:
        for prompt in rng.sample(popular, k=min(len(popular), rng.choice([0, 0, 1, 2, 3]))):
            pairs.add((person_id, prompt.pk))
    Favourite.objects.bulk_create(
        [Favourite(person_id=person_id, prompt_id=prompt_id) for person_id, prompt_id in sorted(pairs)],
        ignore_conflicts=True,
    )
