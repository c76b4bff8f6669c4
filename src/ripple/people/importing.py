"""Parse a people CSV (email,name,department,team,title,manager_email) into checked rows.

Parsing never touches the database; people.actions.people_import does the writing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ripple.core import uploads

REQUIRED_COLUMNS = ("email", "name")
OPTIONAL_COLUMNS = ("department", "team", "title", "manager_email")
MAX_BYTES = 5 * uploads.MB
MAX_ROWS = 20_000
LIMITS = {"email": 254, "name": 120, "department": 80, "team": 80, "title": 120, "manager_email": 254}


# The file as a whole cannot be read (wrong shape, encoding, size): core.uploads' error, for what it
# reads, and this module's for the rest.
ImportFileError = uploads.UploadError


@dataclass
class PersonRow:
    line: int
    email: str
    name: str
    department: str = ""
    team: str = ""
    title: str = ""
    manager_email: str = ""
    errors: list[str] = field(default_factory=list)

    def error_line(self) -> str:
        return f"row {self.line} ({self.email or 'no email'}): " + "; ".join(self.errors)


def parse_people_csv(stream: IO[bytes]) -> list[PersonRow]:
    """Read and check every row; raises ImportFileError for a file that is not a people CSV at all."""
    text = uploads.text_stream(stream, limit=MAX_BYTES)  # read as it is parsed: capped, UTF-8 checked
    reader = csv.DictReader(text, strict=True)
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise ImportFileError(f"The header row cannot be read: {exc}.") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            "Missing column(s): "
            + ", ".join(missing)
            + ". Expected: email,name,department,team,title,manager_email."
        )
    reader.fieldnames = header
    rows: list[PersonRow] = []
    seen: dict[str, int] = {}
    try:
        for record in reader:
            line = reader.line_num
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(f"The file has more than {MAX_ROWS} rows; split it.")
            if None in record:
                rows.append(
                    PersonRow(line=line, email="", name="", errors=["has more fields than the header"])
                )
                continue
            values = {k: (record.get(k) or "").strip() for k in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
            row = PersonRow(
                line=line,
                email=values["email"].lower(),
                name=values["name"],
                department=values["department"],
                team=values["team"],
                title=values["title"],
                manager_email=values["manager_email"].lower(),
            )
            _check(row, values, seen)
            rows.append(row)
    except csv.Error as exc:
        raise ImportFileError(f"Line {reader.line_num} cannot be read: {exc}.") from exc
    if not rows:
        raise ImportFileError("The file has a header but no people.")
    return rows


def _check(row: PersonRow, values: dict[str, str], seen: dict[str, int]) -> None:
    for column, limit in LIMITS.items():
        if len(values[column]) > limit:
            row.errors.append(f"{column} is longer than {limit} characters")
    if not row.email:
        row.errors.append("email is empty")
    else:
        try:
            validate_email(row.email)
        except ValidationError:
            row.errors.append(f"'{row.email}' is not a valid email")
    if not row.name:
        row.errors.append("name is empty")
    if row.team and not row.department:
        row.errors.append("a team needs a department")
    if row.manager_email:
        try:
            validate_email(row.manager_email)
        except ValidationError:
            row.errors.append(f"manager_email '{row.manager_email}' is not a valid email")
        if row.manager_email == row.email:
            row.errors.append("a person cannot be their own manager")
    if row.email in seen:
        row.errors.append(f"duplicate of row {seen[row.email]}")
    elif row.email:
        seen[row.email] = row.line
