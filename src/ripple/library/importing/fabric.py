"""Fabric patterns (danielmiessler/fabric) in a zip: `patterns/<name>/system.md`, optional `user.md`.

The folder name is the title and `system.md` the prompt; a non-empty `user.md` follows it under a
"## User" heading (what Fabric puts before the person's input). READMEs, other files and empty files
are skipped, not errors: that is what a patterns folder holds. A pattern whose system.md is empty is
skipped too. The zip is read through core.uploads.iter_zip with the same guards as any zip.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath
from typing import IO

from ripple.core import uploads
from ripple.library.importing.dialects import translate_braces
from ripple.library.importing.rows import PromptRow, fill_row

LABEL = "Fabric"
FILES = ("system.md", "user.md")


def _pattern_file(name: str) -> bool:
    path = PurePosixPath(name)
    return path.name.lower() in FILES and len(path.parts) >= 2


def is_fabric(stream: IO[bytes]) -> bool:
    """The zip holds at least one `<folder>/system.md`: read its directory only, nothing else."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False  # iter_zip says what is wrong with it
    finally:
        stream.seek(0)
    return any(PurePosixPath(n).name.lower() == "system.md" and "/" in n.strip("/") for n in names)


def parse_patterns(stream: IO[bytes], *, limits: uploads.ZipLimits) -> list[PromptRow]:
    rows: list[PromptRow] = []
    folders: dict[str, dict[str, uploads.ZipMember]] = {}
    for member in uploads.iter_zip(stream, limits=limits, wanted=_pattern_file):
        path = PurePosixPath(member.name)
        folders.setdefault(str(path.parent), {})[path.name.lower()] = member
    for folder, files in folders.items():
        title = PurePosixPath(folder).name
        problems = [f"{m.name} {m.problem}" for m in files.values() if m.problem]
        if problems:  # a symbolic link: never read, reported with the pattern
            rows.append(PromptRow(where=f"{folder}/", title=title, errors=problems))
            continue
        system = files.get("system.md")
        if system is None:
            continue  # a user.md alone is no pattern
        system_text = uploads.decode_utf8(system.data, system.name).strip()
        if not system_text:
            continue  # an empty pattern: skipped, not an error
        body = system_text
        user = files.get("user.md")
        user_text = uploads.decode_utf8(user.data, user.name).strip() if user is not None else ""
        if user_text:
            body += f"\n\n## User\n\n{user_text}"
        row = PromptRow(where=system.name)
        fill_row(row, {"title": title, "body": translate_braces(body), "origin_label": LABEL})
        rows.append(row)
    if not rows:
        raise uploads.UploadError("The zip's Fabric patterns are all empty: no system.md has any text.")
    return rows
