"""Spot text that looks like a secret or personal data before it is posted, and redact it.

People paste AI transcripts; those carry API keys, tokens, email addresses, phone numbers and card
numbers. Detection is deliberately conservative for numbers (cards must pass the Luhn check, phones
need enough digits and a phone-like shape) so ordinary figures such as "saved 45 minutes" or
"2026-11-26" are not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    start: int
    end: int
    text: str

    @property
    def preview(self) -> str:
        """The match with its middle masked, so the warning itself does not repeat the secret."""
        raw = self.text
        if len(raw) <= 6:
            return "•" * len(raw)
        return raw[:3] + "…" + raw[-2:]


# Quantifiers are bounded, and a repeat that could run over the pattern's own start ("sk-sk-sk-…") is
# guarded by a look-behind, so a long hostile input cannot make a pattern scan quadratically
# (tests/feed/test_sensitive.py checks every pattern's structure).
_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    ("private_key", "a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)")),  # noqa: E501
    ("api_key", "an API key", re.compile(r"(?<![\w-])(?:sk|rk|pk)-(?:[A-Za-z0-9_]+-)*[A-Za-z0-9_]{16,}\b")),
    ("api_key", "an API key", re.compile(r"\bsk-ant-[A-Za-z0-9_\-]{16,}")),
    ("token", "an access token", re.compile(r"\b(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{20,}\b")),
    # Slack's other forms: xoxe- (refresh/export file tokens, also "xoxe.xoxp-1-…"), xoxc- (client), in
    # file URLs as "?t=xoxe-…"; and OpenAI-style keys with any dashed prefix ("sk-proj-…", "sk-svcacct-…").
    ("token", "an access token", re.compile(r"\bxox[abposecr](?:\.xox[abposecr])?-[A-Za-z0-9.\-]{8,250}")),
    ("token", "an access token", re.compile(r"(?<=[?&]t=)xox[a-z]-[A-Za-z0-9.%\-]{6,250}")),
    (
        "api_key",
        "an API key",
        re.compile(r"(?<![\w-])sk-(?=[A-Za-z0-9_\-]{0,200}\d)[A-Za-z0-9][A-Za-z0-9_\-]{19,200}"),
    ),
    ("token", "an access token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b")),
    ("token", "an access token", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
    ("token", "an access token", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("token", "an access token", re.compile(r"\brpl_[A-Za-z0-9_\-]{20,}\b")),
    ("token", "an access token", re.compile(r"(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b")),  # noqa: E501
    ("token", "an access token", re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/\-]{20,}=*")),
    ("token", "a password or secret", re.compile(r"(?i)\b(?:password|passwd|secret|api[_-]?key|token)\s*[:=]\s*[\"']?[^\s\"']{8,}")),  # noqa: E501
    ("email", "an email address", re.compile(r"\b[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}\b")),  # noqa: E501
]  # fmt: skip

# The prefilter: pattern i of _PATTERNS can only match when one of these literals is in the text (for
# the case-insensitive ones, marked True, in the lowercased text, and only when the text is ASCII, where
# case-insensitive matching is plain ASCII case folding); a pattern whose literals are absent is not run.
_NEEDLES: list[tuple[tuple[str, ...], bool]] = [
    (("-----BEGIN",), False),
    (("k-",), False),
    (("sk-ant-",), False),
    (("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), False),
    (("xox",), False),
    (("xox",), False),
    (("sk-",), False),
    (("xox",), False),
    (("AKIA",), False),
    (("AIza",), False),
    (("rpl_",), False),
    (("eyJ",), False),
    (("bearer",), True),
    (("passw", "secret", "api", "token"), True),
    (("@",), False),
]
# Card numbers: 13–19 digits, optionally grouped by spaces or dashes.
_CARD = re.compile(r"(?<![\d\w])(?:\d[ -]?){12,18}\d(?![\d\w])")
# Phones: an optional +country code, then groups; judged by digit count below.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{1,4}\)[\s.\-]?)?\d{2,4}(?:[\s.\-]\d{2,4}){1,4}(?![\w])"
)
_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{2}[./-]\d{2}[./-]\d{2,4}$")


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum every payment card number passes."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _overlaps(findings: list[Finding], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in findings)


# The same literals as one pattern each, and all of them together: most text has none of them.
_GUARDED = [
    (*p, re.compile("|".join(map(re.escape, n))), folded)
    for p, (n, folded) in zip(_PATTERNS, _NEEDLES, strict=True)
]
_ANY_CASED = re.compile("|".join(g.pattern for *_p, g, folded in _GUARDED if not folded))
_FOLDED = tuple(n for needles, folded in _NEEDLES if folded for n in needles)
# Every literal of _ANY_CASED holds one of these: text with none of them cannot match it (a few `in`
# tests are cheaper than the alternation).
_CASED_HINTS = ("-", "_", "@", "xox", "AKIA", "AIza", "eyJ")
assert all(any(h in n for h in _CASED_HINTS) for ns, folded in _NEEDLES if not folded for n in ns)  # noqa: S101


def _cased_hit(text: str) -> bool:
    """Whether `text` holds a literal of a case-sensitive pattern (`_ANY_CASED.search(text)`)."""
    for hint in _CASED_HINTS:
        if hint in text:
            return _ANY_CASED.search(text) is not None
    return False


def _folded_hit(low: str) -> bool:
    """Whether lowercased `low` holds a literal of a case-insensitive pattern."""
    return any(needle in low for needle in _FOLDED)


def _digits(text: str) -> int:
    """How many of the ASCII `text`'s characters are digits."""
    raw = text.encode("ascii")
    return len(raw) - len(raw.translate(None, b"0123456789"))


def detect(text: str, *, prefilter: bool = True) -> list[Finding]:
    """Everything in `text` that looks like a secret or personal data, in order of position.
    `prefilter` (on by default) skips the patterns that cannot match; the tests compare both."""
    text = text or ""
    ascii_text = prefilter and text.isascii()
    count = _digits(text) if ascii_text else 99
    low = text.lower() if ascii_text else None
    if ascii_text and count < 9 and not _cased_hit(text) and not _folded_hit(low or ""):
        return []
    found: list[Finding] = []
    for kind, label, pattern, guard, folded in _GUARDED:
        hay = (low if folded else text) if prefilter else None  # None: run the pattern anyway
        if hay is not None and not guard.search(hay):
            continue
        for m in pattern.finditer(text):
            if not _overlaps(found, m.start(), m.end()):
                found.append(Finding(kind, label, m.start(), m.end(), m.group(0)))
    # A card has 13 digits or more, a phone 9 or more: fewer in the whole (ASCII) text, neither can match.
    for m in _CARD.finditer(text) if count >= 13 else ():
        digits = re.sub(r"\D", "", m.group(0))
        looks_like_card = 13 <= len(digits) <= 19 and luhn_ok(digits) and len(set(digits)) > 1
        if looks_like_card and not _overlaps(found, m.start(), m.end()):
            found.append(Finding("card", "a card number", m.start(), m.end(), m.group(0)))
    for m in _PHONE.finditer(text) if count >= 9 else ():
        raw = m.group(0)
        digits = re.sub(r"\D", "", raw)
        if _DATE_LIKE.match(raw) or not (9 <= len(digits) <= 15):
            continue
        # A bare run of digit groups without a + or parentheses needs at least 10 digits to count.
        if not raw.startswith(("+", "(")) and len(digits) < 10:
            continue
        if not _overlaps(found, m.start(), m.end()):
            found.append(Finding("phone", "a phone number", m.start(), m.end(), raw))
    return sorted(found, key=lambda f: f.start)


REDACTED = {
    "private_key": "[redacted private key]",
    "api_key": "[redacted API key]",
    "token": "[redacted secret]",
    "email": "[redacted email]",
    "card": "[redacted card number]",
    "phone": "[redacted phone]",
}


def redact(text: str, *, prefilter: bool = True) -> str:
    """`text` with every finding replaced by a placeholder such as “[redacted API key]”."""
    text = text or ""
    findings = detect(text, prefilter=prefilter)
    if not findings:
        return text
    out, pos = [], 0
    for f in findings:
        out.append(text[pos : f.start])
        out.append(REDACTED[f.kind])
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def summary(texts: list[str]) -> list[Finding]:
    """Findings across several fields (title, body, ...), for one warning."""
    return [f for t in texts for f in detect(t)]


def problems(fields: Mapping[str, str]) -> dict[str, str]:
    """For each field whose text looks sensitive, one sentence naming what ("an API key and an email
    address") without repeating it; fields that look fine are left out."""
    out: dict[str, str] = {}
    for name, text in fields.items():
        labels = list(dict.fromkeys(f.label for f in detect(text)))
        if labels:
            listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
            out[name] = f"This looks like it contains {listed}."
    return out
