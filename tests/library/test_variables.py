from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ripple.library.variables import Variable, escape_malformed, fill, parse_variables


def test_parses_plain_default_and_choice_variables_in_order():
    body = "Write to {{name}} about {{topic:pricing}} in a {{tone:friendly|formal}} tone. Thanks, {{name}}."
    assert parse_variables(body) == [
        Variable("name", offset=9),
        Variable("topic", default="pricing", offset=24),
        Variable("tone", default="friendly", choices=("friendly", "formal"), offset=47),
    ]


def test_names_may_hold_spaces_and_punctuation_and_are_case_insensitive():
    variables = parse_variables("{{ customer name }} {{Customer Name}} {{CGI-1.output}} {{a/b}}")
    assert [v.name for v in variables] == ["customer name", "CGI-1.output", "a/b"]


def test_a_later_occurrence_may_give_the_default_once():
    (v,) = parse_variables("{{x}} and {{x:5}}")
    assert v.default == "5"


@pytest.mark.parametrize(
    ("body", "where", "words"),
    [
        ("Hello {{name", "Line 1, column 7", "never closed"),
        ("a\nb {{}}", "Line 2, column 3", "no name"),
        ("x {{ $json['a'] }}", "Line 1, column 3", "not a valid variable"),
        ("{{1st}}", "Line 1, column 1", "not a valid variable"),
        ("{{a {{b}}", "Line 1, column 1", "not closed before"),
        ("{{a:}}", "Line 1, column 1", "no default"),
        ("{{a:x||y}}", "Line 1, column 1", "empty choice"),
        ("{{a:x|x}}", "Line 1, column 1", "same choice twice"),
        ("{{a:1}}\n  {{a:2}}", "Line 2, column 3", "different default"),
        ("{{a\n}}", "Line 1, column 1", "one line"),
    ],
)
def test_malformed_variables_name_their_position(body, where, words):
    with pytest.raises(ValidationError) as exc:
        parse_variables(body)
    assert exc.value.messages[0].startswith(where) and words in exc.value.messages[0]


def test_escaped_braces_are_text():
    assert parse_variables(r"Use \{{literal}} and {{real}}") == [Variable("real", offset=21)]
    assert fill(r"Use \{{literal}} and {{real}}", {"real": "x"}) == "Use {{literal}} and x"


def test_fill_uses_values_then_defaults_and_keeps_unfilled_blanks():
    body = "To {{name}} re {{topic:pricing}} ({{tone:warm|formal}}) — {{name}}; {{sign}}"
    assert fill(body, {"NAME": "Ana", "tone": "formal", "sign": "  "}) == (
        "To Ana re pricing (formal) — Ana; {{sign}}"
    )


def test_escape_malformed_keeps_real_variables():
    body = "Name: {{ $json['name'] }} for {{audience}} and {{#1.x#}}"
    escaped = escape_malformed(body)
    assert [v.name for v in parse_variables(escaped)] == ["audience"]
    assert fill(escaped, {"audience": "devs"}) == "Name: {{ $json['name'] }} for devs and {{#1.x#}}"
