"""The `{% url %}` that reverses once per name gives exactly what Django's own tag gives."""

from __future__ import annotations

import pytest
from django.template import Context, Engine, engines
from django.urls import NoReverseMatch, set_script_prefix

DJANGO = Engine(builtins=["django.template.defaulttags"])  # Django's own tag, for comparison
RIPPLE = engines["django"].engine

CASES = [
    ("{% url 'feed:index' %}", {}),
    ("{% url 'feed:post' pk %}", {"pk": 42}),
    ("{% url 'feed:post' pk %}|{% url 'feed:post' 7 %}", {"pk": 0}),
    ("{% url 'library:collection_remove' a b %}", {"a": 3, "b": 12345678901}),
    ("{% url 'people:profile' person_id=5 %}", {}),  # keyword arguments: Django's path
    ("{% url 'people:password_reset_confirm' 'abc' 'set-password' %}", {}),  # text arguments
    ("{% url 'feed:post' pk as link %}[{{ link }}]", {"pk": 9}),
    ("{% url 'feed:nope' as link %}[{{ link }}]", {}),
]


@pytest.mark.parametrize(("source", "values"), CASES)
def test_same_output_as_djangos_tag(source, values):
    expected = DJANGO.from_string(source).render(Context(values))
    assert RIPPLE.from_string(source).render(Context(values)) == expected
    assert RIPPLE.from_string(source).render(Context(values)) == expected  # from the kept pattern


def test_script_prefix_is_part_of_the_key():
    source = "{% url 'feed:post' 3 %}"
    try:
        set_script_prefix("/ripple/")
        assert RIPPLE.from_string(source).render(Context()) == "/ripple/feed/posts/3/"
    finally:
        set_script_prefix("/")
    assert RIPPLE.from_string(source).render(Context()) == "/feed/posts/3/"


def test_unknown_names_still_raise():
    with pytest.raises(NoReverseMatch):
        RIPPLE.from_string("{% url 'feed:nope' 3 %}").render(Context())
