"""Import prompts from the files people already have: CSV, JSON and a zip of Markdown files.

Two steps, so a person can see what will happen before anything is written:

1. `parse(stream, fmt, name=...)` (parsers.py, rows.py) reads the file into `PromptRow`s with
   per-row problems. It never touches the database, streams the input and stops at a size cap; the
   safe reading (caps, zip guards, UTF-8) is core.uploads.
2. `check_rows(actor=..., rows=...)` (selectors.py) looks at the database, read only: departments,
   and exact duplicates (same title and body) of prompts the person can see or of an earlier row.
   `import_rows(actor=..., rows=..., skip_invalid=...)` (actions.py) then writes, in one
   transaction: all-or-nothing unless `skip_invalid`.

The browser's upload → preview → confirm is views.py (URLs in the "library" namespace, included
from library/urls.py); the API's POST /prompts/import is api.py. The limits (MAX_FILE_BYTES, …)
live in parsers.py and are read there when a file is parsed.
"""

from ripple.library.importing.actions import ImportResult, import_rows
from ripple.library.importing.parsers import (
    FORMATS,
    PROMPTS_CHAT_CSV,
    PROMPTS_CHAT_LABEL,
    detect_format,
    parse,
    parse_csv,
    parse_json,
    parse_markdown,
)
from ripple.library.importing.rows import ImportFileError, PromptRow
from ripple.library.importing.selectors import check_rows

__all__ = [
    "FORMATS",
    "PROMPTS_CHAT_CSV",
    "PROMPTS_CHAT_LABEL",
    "ImportFileError",
    "ImportResult",
    "PromptRow",
    "check_rows",
    "detect_format",
    "import_rows",
    "parse",
    "parse_csv",
    "parse_json",
    "parse_markdown",
]
