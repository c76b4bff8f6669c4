from __future__ import annotations

import pytest

from ripple.feed import actions


@pytest.fixture
def make_post(db):
    """Create a post through the real action (so counters, topics and follows are set)."""

    def make(
        author, *, kind="tip", title="Use a rubric to check summaries", body="Ask for a rubric first.", **kw
    ):
        return actions.post_create(actor=author, kind=kind, title=title, body=body, **kw)

    return make
