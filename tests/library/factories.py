"""Library factories: prompts are made through `prompt_create`, so versions and search rows exist."""

from __future__ import annotations

from typing import Any

from ripple.library import actions
from ripple.library.models import Prompt
from tests.factories import UserFactory


def make_prompt(owner: Any = None, **fields: Any) -> Prompt:
    fields.setdefault("title", "Summarise a customer call")
    fields.setdefault("body", "Summarise this call for {{customer:Acme}}:\n\n{{notes}}")
    fields.setdefault("purpose", "Turn rough call notes into a crisp summary.")
    fields.setdefault("tools", ["ChatGPT"])
    fields.setdefault("check_output", "Check every number against the notes.")
    return actions.prompt_create(actor=owner or UserFactory(), **fields)
