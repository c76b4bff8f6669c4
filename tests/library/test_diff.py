"""Version diffs: lines with changed words marked, long unchanged runs folded, text never trusted as HTML."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from ripple.library import actions
from ripple.library.selectors import diff, version_diff
from tests.library.factories import make_prompt


def _text(row) -> str:
    return "".join(text for text, _ in row.parts)


def test_changed_words_are_marked_inside_a_changed_line():
    rows = diff("Write a short email to the client.", "Write a warm email to the client.")
    assert [r.kind for r in rows] == ["del", "add"]
    assert ("short", True) in rows[0].parts and ("warm", True) in rows[1].parts
    assert _text(rows[1]) == "Write a warm email to the client."
    assert not any(changed for text, changed in rows[1].parts if "client" in text)


def test_long_unchanged_runs_fold_but_keep_context_before_an_addition_at_the_end():
    old = "\n".join(f"line {i}" for i in range(1, 9))
    rows = diff(old, old + "\nnew last line")
    assert [r.kind for r in rows] == ["skip", "same", "same", "same", "add"]
    assert [r.new_no for r in rows[1:4]] == [6, 7, 8] and rows[-1].new_no == 9


def test_fold_in_the_middle_keeps_three_lines_each_side():
    old = "\n".join(f"line {i}" for i in range(1, 21))
    new = old.replace("line 1\n", "first\n", 1).replace("line 20", "last")
    kinds = [r.kind for r in diff(old, new)]
    assert kinds == ["del", "add", "same", "same", "same", "skip", "same", "same", "same", "del", "add"]


def test_version_diff_lists_only_changed_fields_and_keeps_markup_as_text():
    old = SimpleNamespace(title="T", purpose="", body="<b>hi</b>", check_output="")
    new = SimpleNamespace(title="T", purpose="", body="<script>x</script>", check_output="Check it")
    changes = version_diff(old, new)
    assert [c.label for c in changes] == ["Prompt", "How to check the output"]
    assert _text(changes[0].rows[-1]) == "<script>x</script>"  # plain text: the template escapes it


@pytest.mark.django_db
def test_history_page_escapes_prompt_text(member_client, member):
    prompt = make_prompt(member, body="Say hi")
    actions.prompt_update(actor=member, prompt=prompt, body="Say <script>alert(1)</script>")
    html = member_client.get(reverse("library:prompt_history", args=[prompt.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
