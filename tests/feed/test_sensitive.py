"""The secret and personal-data detector, and the warning with a redact option before posting."""

from __future__ import annotations

import re
from re import _constants as _sre
from re import _parser

import pytest
from django.urls import reverse

from ripple.feed import sensitive
from ripple.feed.models import Post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, kind",
    [
        ("key: sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123", "api_key"),
        ("sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "api_key"),
        ("OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwx", "api_key"),
        ("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "token"),
        ("xoxb-1234567890-abcdefghij", "token"),
        ("AKIAIOSFODNN7EXAMPLE", "token"),
        ("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345", "token"),
        (
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "token",
        ),
        ("password = hunter2hunter2", "token"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "private_key"),
        ("write to jane.doe+ai@corp.example.co.uk today", "email"),
        ("call me on +44 20 7946 0958", "phone"),
        ("US office (415) 555-2671", "phone"),
        ("mobile 415-555-2671", "phone"),
        ("card 4111 1111 1111 1111 exp 12/29", "card"),
        ("amex 3782-822463-10005", "card"),
        ("4242424242424242", "card"),
    ],
)
def test_detects(text, kind):
    found = sensitive.detect(text)
    assert [f.kind for f in found] == [kind], found


@pytest.mark.parametrize(
    "text",
    [
        "Saved 45 minutes on 2026-11-26 with 3 prompts",
        "Invoice 1234567890123 is not a card (fails Luhn)",
        "0000 0000 0000 0000",
        "Python 3.11.4 and Django 5.2",
        "sk-short",
        "the task-list has 12 items",
        "email me at maya at example dot org",
        "@maya thanks!",
        "ratio 1.30 and 12:30 meeting in room 101",
        "version v2.1.0-rc1",
        "",
    ],
)
def test_ignores_ordinary_text(text):
    assert sensitive.detect(text) == []


def test_redact_replaces_every_finding_and_keeps_the_rest():
    text = "Mail bob@example.com the key sk-abcdefghijklmnopqrstuvwx1234 and card 4111-1111-1111-1111."
    assert sensitive.redact(text) == (
        "Mail [redacted email] the key [redacted API key] and card [redacted card number]."
    )


def test_preview_does_not_repeat_the_secret():
    finding = sensitive.detect("sk-abcdefghijklmnopqrstuvwx1234")[0]
    assert "abcdefghijkl" not in finding.preview


def test_luhn():
    assert sensitive.luhn_ok("4111111111111111") and not sensitive.luhn_ok("4111111111111112")


def test_form_warns_and_offers_redact(member_client):
    data = {
        "kind": "tip",
        "title": "My transcript",
        "body": "It said: use sk-abcdefghijklmnopqrstuvwx1234 ok",
    }
    warned = member_client.post(reverse("feed:new"), data)
    assert warned.status_code == 200 and Post.objects.count() == 0
    content = warned.content.decode()
    assert "Redact and post" in content and "an API key" in content.lower() or "API key" in content
    assert "abcdefghijklmnop" not in content.split("sensitive-warning")[1].split("</ul>")[0]
    member_client.post(reverse("feed:new"), {**data, "sensitive": "redact"})
    post = Post.objects.get()
    assert "sk-abc" not in post.body and "[redacted API key]" in post.body


def test_the_warning_offers_exactly_redact_or_edit(member_client):
    data = {"kind": "tip", "title": "Contact", "body": "Ask helpdesk@example.org"}
    for extra in ({}, {"sensitive": "keep"}):  # "post as is" is no longer a choice in the form
        warned = member_client.post(reverse("feed:new"), {**data, **extra}).content.decode()
        assert Post.objects.count() == 0
    choices = warned.split('class="sensitive-warning"')[1].split("</div>")[0]
    assert re.findall(r"<(?:button|a) [^>]*>([^<]+)</", choices) == ["Redact and post", "Edit"]
    assert 'href="#id_body">Edit<' in choices
    # Edited so nothing looks private: posted without a warning.
    member_client.post(reverse("feed:new"), {**data, "body": "Ask the helpdesk"})
    assert Post.objects.get().body == "Ask the helpdesk"


SECRET_KEY_TEXT = "Here is my key sk-live-abcdefghijklmnopqrstuvwx1234 for the demo"


def test_api_refuses_a_secret_naming_the_field(api):
    response = api.post("/api/v1/posts", {"kind": "tip", "title": "Transcript", "body": SECRET_KEY_TEXT})
    assert response.status_code == 422 and Post.objects.count() == 0
    errors = response.json()["errors"]
    assert list(errors) == ["body"] and "an API key" in errors["body"][0]
    assert "allow_sensitive" in errors["body"][0] and "abcdefghijklmnop" not in response.content.decode()


def test_api_redacts_or_posts_as_is_when_asked(api):
    redacted = api.post(
        "/api/v1/posts", {"kind": "tip", "title": "Transcript", "body": SECRET_KEY_TEXT, "redact": True}
    )
    assert redacted.status_code == 201 and "[redacted API key]" in redacted.json()["body"]
    as_is = api.post(
        "/api/v1/posts",
        {"kind": "tip", "title": "Contact", "body": "Mail helpdesk@example.org", "allow_sensitive": True},
    )
    assert as_is.status_code == 201 and as_is.json()["body"] == "Mail helpdesk@example.org"
    plain = api.post("/api/v1/posts", {"kind": "tip", "title": "Plain", "body": "Nothing private"})
    assert plain.status_code == 201 and Post.objects.count() == 3


def test_live_check_partial(member_client):
    response = member_client.post(
        reverse("feed:check"), {"body": "phone +1 415 555 2671"}, headers={"HX-Request": "true"}
    )
    assert "A phone number" in response.content.decode()
    quiet = member_client.post(
        reverse("feed:check"), {"body": "nothing here"}, headers={"HX-Request": "true"}
    )
    assert "sensitive-warning" not in quiet.content.decode()


# --- hostile input: no pattern can scan quadratically or backtrack exponentially ---------------------
#
# Not timed: each pattern's parsed structure is checked for the two shapes that make a regex slow on a
# long hostile input, and the checker itself is shown to catch both on known-bad patterns.
#   1. Exponential: an unbounded repeat inside an unbounded repeat, where the inner one can also match
#      what separates the outer one's turns (`(a+)+`, `(\w+\s?)*`).
#   2. Quadratic: an unbounded repeat that can run over the pattern's own start ("sk-sk-sk-…" for
#      `sk-(?:\w+-)*\w{16,}`) and is followed by something that can still fail, so every start
#      scans to the end of the run and fails. Safe when a start cannot follow the repeat's characters
#      (a leading `(?<![…])` or `\b` whose class holds them all) or when only optional or zero-width
#      parts follow.

_UNIVERSE = frozenset(chr(c) for c in range(256)) | frozenset("éß€日")
_CATEGORY = {
    _sre.CATEGORY_DIGIT: frozenset(c for c in _UNIVERSE if c.isdigit()),
    _sre.CATEGORY_SPACE: frozenset(c for c in _UNIVERSE if c.isspace()),
    _sre.CATEGORY_WORD: frozenset(c for c in _UNIVERSE if c.isalnum() or c == "_"),
}
_CATEGORY |= {
    _sre.CATEGORY_NOT_DIGIT: _UNIVERSE - _CATEGORY[_sre.CATEGORY_DIGIT],
    _sre.CATEGORY_NOT_SPACE: _UNIVERSE - _CATEGORY[_sre.CATEGORY_SPACE],
    _sre.CATEGORY_NOT_WORD: _UNIVERSE - _CATEGORY[_sre.CATEGORY_WORD],
}
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def _chars(items, nocase: bool) -> frozenset[str]:
    """Every character the (sub)pattern `items` can consume."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            out.add(chr(av))
        elif op is _sre.NOT_LITERAL or op is _sre.ANY:
            out |= _UNIVERSE - ({chr(av)} if op is _sre.NOT_LITERAL else set())
        elif op is _sre.IN:
            members: set[str] = set()
            negate = False
            for kind, value in av:
                if kind is _sre.NEGATE:
                    negate = True
                elif kind is _sre.LITERAL:
                    members.add(chr(value))
                elif kind is _sre.RANGE:
                    members |= {chr(c) for c in range(value[0], value[1] + 1)}
                elif kind is _sre.CATEGORY:
                    members |= _CATEGORY[value]
            out |= (_UNIVERSE - members) if negate else members
        elif op in _REPEATS:
            out |= _chars(av[2], nocase)
        elif op is _sre.SUBPATTERN:
            out |= _chars(av[3], nocase)
        elif op is _sre.BRANCH:
            for branch in av[1]:
                out |= _chars(branch, nocase)
    if nocase:
        out |= {c.swapcase() for c in out}
    return frozenset(out)


def _required(items) -> bool:
    """Whether `items` must consume at least one character (so a match can still fail there)."""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN):
            return True
        if op in _REPEATS and av[0] > 0 and _required(av[2]):
            return True
        if op is _sre.SUBPATTERN and _required(av[3]):
            return True
        if op is _sre.BRANCH and all(_required(b) for b in av[1]):
            return True
    return False


def _unbounded(op, av) -> bool:
    return op in _REPEATS and av[1] == _sre.MAXREPEAT


def _flat(items) -> list:
    """`items` with groups opened: (a+)b is a+ then b."""
    out = []
    for op, av in items:
        out += _flat(av[3]) if op is _sre.SUBPATTERN else [(op, av)]
    return out


def _nested(items, nocase: bool) -> list[str]:
    problems = []
    for op, av in items:
        if op in _REPEATS:
            body = _flat(av[2])
            inner_unbounded = [(o, a) for o, a in body if _unbounded(o, a)]
            if _unbounded(op, av) and inner_unbounded:
                separators = [(o, a) for o, a in body if not _unbounded(o, a) and _required([(o, a)])]
                for _op, a in inner_unbounded:
                    inner = _chars(a[2], nocase)
                    if not any(not (_chars([sep], nocase) & inner) for sep in separators):
                        problems.append("an unbounded repeat inside an unbounded repeat with nothing between")
            problems += _nested(body, nocase)
        elif op is _sre.SUBPATTERN:
            problems += _nested(av[3], nocase)
        elif op is _sre.BRANCH:
            for branch in av[1]:
                problems += _nested(branch, nocase)
    return problems


def redos_problems(pattern: re.Pattern[str]) -> list[str]:
    nocase = bool(pattern.flags & re.IGNORECASE)
    seq = list(_parser.parse(pattern.pattern, pattern.flags))
    problems = _nested(seq, nocase)
    guard: frozenset[str] = frozenset()
    prefix: set[str] = set()
    for index, (op, av) in enumerate(seq):
        if op is _sre.ASSERT_NOT and av[0] == -1:
            guard |= _chars(av[1], nocase)
        elif op is _sre.AT and av is _sre.AT_BOUNDARY:
            guard |= _CATEGORY[_sre.CATEGORY_WORD]
        elif _unbounded(op, av):
            rest = seq[index + 1 :]
            scanned = _chars([(op, av)], nocase)
            runs_over_start = not prefix or prefix <= scanned  # no prefix: it starts anywhere it can run
            if runs_over_start and _required(rest) and not scanned <= guard:
                problems.append(f"repeat #{index} can run over the pattern's start and then fail")
        elif op in (_sre.LITERAL, _sre.IN, _sre.BRANCH, _sre.SUBPATTERN) and not any(
            _unbounded(o, a) for o, a in seq[:index]
        ):
            prefix |= _chars([(op, av)], nocase)
    return problems


ALL_PATTERNS = [p for _, _, p in sensitive._PATTERNS] + [sensitive._CARD, sensitive._PHONE]


@pytest.mark.parametrize("pattern", ALL_PATTERNS, ids=lambda p: p.pattern[:40])
def test_no_pattern_can_backtrack_badly(pattern):
    assert redos_problems(pattern) == []


@pytest.mark.parametrize(
    "bad",
    [
        r"(a+)+b",
        r"(\w+\s?)*$",
        r"\b(?:sk|rk|pk)-(?:[A-Za-z0-9_]+-)*[A-Za-z0-9_]{16,}\b",  # the API-key pattern before: "sk-" * 8000
        r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        r"[\w.]+@example\.org",
    ],
)
def test_the_backtracking_check_catches_known_bad_shapes(bad):
    assert redos_problems(re.compile(bad)) != []


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("a." * 12500, set()),
        ("1-" * 12500, set()),
        ("12 " * 8000, {"phone"}),  # runs of digit groups do look like phone numbers
        ("a@b." * 6000, set()),
        ("x.y-" * 6000, set()),
        ("sk-" * 8000, set()),
        ("eyJaaaaaaaa-" * 2000, set()),
    ],
)
def test_hostile_long_input_is_read_right(text, kinds):
    assert {f.kind for f in sensitive.detect(text)} == kinds
