from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ripple.core.markdown import render


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ("[click](JaVaScRiPt:alert(1))", "avascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ('<div style="position:fixed">x</div>', "style="),
        ("![x](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html"),
        ("<svg onload=alert(1)>", "onload"),
        ('<form action="https://evil.example"><input name=x></form>', "<form"),
    ],
)
def test_render_strips_dangerous_markup(source, forbidden):
    for tag, attrs in elements(render(source)):
        assert tag not in {"script", "iframe", "style", "form", "input", "object", "embed", "svg"} or (
            tag == "input" and dict(attrs).get("type") == "checkbox"
        )
        for name, value in attrs:
            assert not name.startswith("on") and name != "style"
            assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:"))


def test_raw_html_in_markdown_shows_as_text():
    assert render("<script>alert(1)</script>").strip() == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_sanitize_strips_dangerous_html_directly():
    from ripple.core.markdown import sanitize

    html = sanitize(
        '<a href="javascript:alert(1)" onclick="x()">a</a><img src=x onerror=alert(1)><script>x</script>'
    )
    for tag, attrs in elements(html):
        assert tag != "script"
        for name, value in attrs:
            assert not name.startswith("on") and not (value or "").startswith("javascript:")


def test_render_keeps_markdown_features():
    html = render(
        "# Title\n\n**bold** and `code`\n\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[link](https://example.org)"
    )
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html and "<code>code</code>" in html
    assert "<table>" in html and 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'type="checkbox"' in html


def test_render_highlights_fenced_code_and_escapes_it():
    html = render("```python\ndef f():\n    return '<b>'\n```")
    assert "hl-k" in html  # a Pygments keyword class
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_render_empty_and_none():
    assert render("") == "" and render(None) == ""  # type: ignore[arg-type]
