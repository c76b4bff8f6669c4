"""The spread of one prompt: who reused, forked or improved it (and its forks), from whom, and the
departments it reached week by week. Reads the ledger for that prompt only (indexed by object)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ripple.core.models import LearningEvent
from ripple.insights.selectors.groups import Namer, department_groups
from ripple.insights.weeks import week_of
from ripple.library.access import visible_prompts
from ripple.library.models import Prompt
from ripple.people.models import User

DEPTH = 4  # forks of forks followed this far


def spread(viewer: User, prompt: Prompt) -> dict[str, Any]:
    """`prompt` is one the viewer may see (library.access.access_prompt)."""
    family = {prompt.pk: prompt.owner_id}
    frontier = [prompt.pk]
    for _ in range(DEPTH):
        forks = list(
            visible_prompts(viewer).filter(forked_from_id__in=frontier).values_list("pk", "owner_id")
        )
        frontier = [pk for pk, _o in forks if pk not in family]
        family.update(forks)
        if not frontier:
            break
    events = list(
        LearningEvent.objects.filter(object_type="library.prompt", object_id__in=list(family))
        .exclude(source__isnull=True)
        .order_by("created_at", "id")
        .values_list("kind", "learner_id", "source_id", "learner_department_id", "object_id", "created_at")
    )
    groups = department_groups()
    namer = Namer(viewer.pk, groups).load({prompt.owner_id} | {e[1] for e in events} | {e[2] for e in events})
    root = namer.node(prompt.owner_id)
    parent: dict[str, str] = {}
    first: dict[str, dict[str, Any]] = {}
    reached: dict[Any, Any] = {}  # department group -> first week
    weekly: dict[Any, dict[str, Any]] = defaultdict(
        lambda: {"reuse": 0, "fork": 0, "suggestion": 0, "new": set()}
    )
    owner_group = groups.of(namer.people.get(prompt.owner_id, ("", 0, True))[1])
    reached[owner_group] = None
    for kind, learner, source, ldept, _obj, at in events:
        week = week_of(at)
        weekly[week][kind if kind in ("reuse", "fork", "suggestion") else "reuse"] += 1
        node, src = namer.node(learner), namer.node(source)
        group = groups.of(ldept)
        if group not in reached:
            reached[group] = week
            weekly[week]["new"].add(groups.label.get(group, ""))
        if node != root and node not in first:
            first[node] = {"at": at, "kind": kind}
            parent[node] = src if src != node else root
    children: dict[str, list[str]] = defaultdict(list)
    for node, up in parent.items():
        children[up if up in first or up == root else root].append(node)

    def tree(node: str, depth: int = 0) -> dict[str, Any]:
        kids = (
            []
            if depth > 12
            else [tree(c, depth + 1) for c in sorted(children.get(node, []), key=lambda c: first[c]["at"])]
        )
        info = first.get(node, {})
        return {
            "id": node,
            "label": namer.label(node),
            "person_id": namer.person_id(node),
            "department": groups.label.get(namer.group(node), ""),
            "kind": info.get("kind", "owner"),
            "at": info.get("at"),
            "children": kids,
        }

    timeline, total = [], 0
    for week in sorted(weekly):
        w = weekly[week]
        total += len(w["new"])
        timeline.append(
            {
                "week": week,
                "reuses": w["reuse"],
                "forks": w["fork"],
                "suggestions": w["suggestion"],
                "new_departments": sorted(w["new"]),
                "departments_reached": total + 1,
            }
        )
    return {
        "prompt": {"id": prompt.pk, "title": prompt.title},
        "people": len(first),
        "departments": len(reached),
        "events": len(events),
        "timeline": timeline,
        "tree": tree(root),
    }
