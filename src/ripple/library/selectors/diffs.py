"""Differences between two versions of a prompt, line by line with the changed words marked."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

# --- diffs -------------------------------------------------------------------------------------


@dataclass
class DiffRow:
    kind: str  # "same", "del", "add", "skip"
    old_no: int | None
    new_no: int | None
    parts: list[tuple[str, bool]]  # (text, changed)


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 3
WORD_DIFF_MAX = 4000


def _word_parts(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    if len(old) > WORD_DIFF_MAX or len(new) > WORD_DIFF_MAX:
        return [(old, True)], [(new, True)]
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    old_parts: list[tuple[str, bool]] = []
    new_parts: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            old_parts.append(("".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            new_parts.append(("".join(b[j1:j2]), tag != "equal"))
    return old_parts, new_parts


def diff(old: str, new: str) -> list[DiffRow]:
    """An inline, line-by-line diff with changed words marked; long unchanged runs are folded.

    Rows hold plain text: the template escapes it, so nothing from a prompt is ever trusted as HTML.
    """
    a, b = (old or "").splitlines(), (new or "").splitlines()
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            span = list(range(i2 - i1))
            at_start, at_end = i1 == 0 and j1 == 0, i2 == len(a) and j2 == len(b)
            keep = span
            if len(span) > 2 * CONTEXT + 1:
                head = [] if at_start and not at_end else span[:CONTEXT]
                tail = [] if at_end else span[-CONTEXT:]
                keep = [*head, -1, *tail]
            for k in keep:
                if k < 0:
                    rows.append(DiffRow("skip", None, None, [("…", False)]))
                else:
                    rows.append(DiffRow("same", i1 + k + 1, j1 + k + 1, [(a[i1 + k], False)]))
            continue
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        dels: list[DiffRow] = []
        adds: list[DiffRow] = []
        for k, line in enumerate(olds):
            parts = _word_parts(line, news[k])[0] if k < paired else [(line, True)]
            dels.append(DiffRow("del", i1 + k + 1, None, parts))
        for k, line in enumerate(news):
            parts = _word_parts(olds[k], line)[1] if k < paired else [(line, True)]
            adds.append(DiffRow("add", None, j1 + k + 1, parts))
        rows += dels + adds
    return rows


@dataclass
class FieldDiff:
    label: str
    rows: list[DiffRow]


def version_diff(old: Any, new: Any) -> list[FieldDiff]:
    """What changed between two versions (or a prompt and a suggestion), field by field."""
    out = []
    for attr, label in (
        ("title", "Title"),
        ("purpose", "What it is for"),
        ("body", "Prompt"),
        ("check_output", "How to check the output"),
    ):
        before, after = getattr(old, attr, "") or "", getattr(new, attr, "") or ""
        if before != after:
            out.append(FieldDiff(label, diff(before, after)))
    return out
