"""The write of an import: every valid, new row becomes a prompt, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ripple.library import actions
from ripple.library.importing.rows import PromptRow
from ripple.library.importing.selectors import check_rows
from ripple.library.models import Prompt
from ripple.people.models import Department, User


@dataclass
class ImportResult:
    """What an import did (or, when nothing was written, would have done)."""

    created: list[Prompt] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # exact duplicates, one line each
    errors: list[str] = field(default_factory=list)  # rows with problems, one line each
    written: bool = False

    def summary(self) -> dict[str, Any]:
        return {"created": len(self.created), "skipped": len(self.skipped), "errors": self.errors}


@transaction.atomic
def import_rows(
    *,
    actor: User,
    rows: list[PromptRow],
    skip_invalid: bool = False,
    owners: Iterable[User] | None = None,
    dates: Iterable[datetime] | None = None,
) -> ImportResult:
    """Create a prompt (version 1) for every valid row that is not an exact duplicate, in one
    transaction. All-or-nothing: any row with a problem means nothing is written, unless
    `skip_invalid`. `owners`/`dates` (the demo) give each created prompt its owner and creation time."""

    check_rows(actor=actor, rows=rows)
    result = ImportResult(
        errors=[r.error_line() for r in rows if r.errors],
        skipped=[r.duplicate_line() for r in rows if r.duplicate_of],
    )
    if result.errors and not skip_invalid:
        return result
    owner_iter = iter(owners) if owners is not None else None
    date_iter = iter(dates) if dates is not None else None
    departments = {
        d.pk: d for d in Department.objects.filter(pk__in={r.department_id for r in rows} - {None})
    }
    for row in rows:
        if row.errors or row.duplicate_of:
            continue
        owner = next(owner_iter) if owner_iter is not None else actor
        at = next(date_iter) if date_iter is not None else None
        try:  # prompt_create is atomic: a row that fails leaves nothing behind
            prompt = actions.prompt_create(
                actor=owner,
                title=row.title,
                body=row.body,
                purpose=row.purpose,
                tools=row.tools,
                department=departments.get(row.department_id) if row.department_id else None,
                tags=row.tags,
                examples=row.examples,
                check_output=row.check_output,
                visibility=row.visibility,
                origin_url=row.origin_url,
                origin_label=row.origin_label,
                note="Imported",
                at=at,
            )
        except ValidationError as exc:
            row.errors.extend(_messages(exc))
            result.errors.append(row.error_line())
            if not skip_invalid:
                transaction.set_rollback(True)
                result.created = []
                return result
            continue
        result.created.append(prompt)
    result.written = True
    return result


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{name}: {'; '.join(msgs)}" if name != "__all__" else "; ".join(msgs)
            for name, msgs in exc.message_dict.items()
        ]
    return list(exc.messages)
