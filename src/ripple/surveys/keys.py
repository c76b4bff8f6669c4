"""Keyed pseudonyms (HMAC-SHA256 with a key derived from SECRET_KEY, or SURVEY_KEY when set).

* `respondent_key(round, user)` lets a person find their own answers to change them until the round is
  sealed; it is erased then.
* `pair_key(pair_id, user)` links one person's before and after answers (pair_id = the before round's id)
  without the user id; it is stored only in rounds that are part of a pair.
Without the key neither can be turned back into a person (ADR 0011).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def _secret() -> bytes:
    explicit = getattr(settings, "SURVEY_KEY", "")
    base = explicit or settings.SECRET_KEY
    return hashlib.sha256(b"ripple.surveys:" + base.encode()).digest()


def _mac(*parts: object) -> str:
    message = ":".join(str(p) for p in parts).encode()
    return hmac.new(_secret(), message, hashlib.sha256).hexdigest()


def respondent_key(*, round_id: int, user_id: int) -> str:
    return _mac("respondent", round_id, user_id)


def pair_key(*, pair_id: int, user_id: int) -> str:
    return _mac("pair", pair_id, user_id)


def shuffle_key(*, round_id: int, text: str) -> str:
    """A stable, meaningless order for free-text answers (not the order they arrived)."""
    return _mac("shuffle", round_id, text)
