"""The report's output-safety guarantees: a document's text, title, outlet or address adds nothing
to the HTML (no element, attribute, handler or link) and nothing to the Markdown (no raw HTML, link,
code span or table cell); it is shown literally instead."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.report.markdown import md
from tests.support.htmlaudit import HOSTILE_DOCS, audit, parse, visible_text


@pytest.fixture()
def reports(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in HOSTILE_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "claims.db"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db), "ingest", str(folder)]).exit_code == 0
    html, markdown = tmp_path / "report.html", tmp_path / "report.md"
    for path, fmt in ((html, "html"), (markdown, "md")):
        result = runner.invoke(app, ["--db", str(db), "report", "--format", fmt, "-o", str(path)])
        assert result.exit_code == 0, result.output
    return html.read_text(encoding="utf-8"), markdown.read_text(encoding="utf-8")


def test_hostile_documents_inject_nothing_into_the_html(reports):
    html, _ = reports
    assert audit(html) == []
    tags = parse(html).tags
    assert not [t for t, _ in tags if t in ("script", "img", "iframe")]
    assert [t for t, _ in tags].count("style") == 1  # ours
    assert all(attrs.get("aria-label", "").startswith("Timeline: ") for t, attrs in tags if t == "svg")
    assert all(not name.startswith("on") for _, attrs in tags for name in attrs)
    hrefs = [attrs["href"] for tag, attrs in tags if tag == "a"]
    assert all(h.startswith(("#", "https://example.org/")) for h in hrefs), hrefs
    assert not any("javascript" in (value or "").lower() for _, attrs in tags for value in attrs.values())
    assert re.search(r"<script", html, re.IGNORECASE) is None  # not even an element of our own


def test_hostile_text_is_shown_literally_not_dropped(reports):
    html, _ = reports
    text = visible_text(html)
    for literal in ("<script>alert('title')</script> Bericht", "<img src=x onerror=alert(1)>Kurier",
                    "[Mehr](javascript:alert(2))", '<a href="javascript:alert(3)">hier</a>',
                    "<style>body{display:none}</style>", 'Blatt" onclick="alert(1)'):
        assert literal in text
    assert "\u202e" not in html and "\x1b" not in html  # made visible, as on the terminal
    links = [attrs.get("href") for tag, attrs in parse(html).tags if tag == "a"]
    assert not any("cookie" in h or "example.org" in h for h in links)  # no http(s) address, or one with <x>: no link


def test_hostile_documents_inject_nothing_into_the_markdown(reports):
    _, markdown = reports
    assert "<" not in markdown and ">" not in markdown.replace("→", "")
    assert "\u202e" not in markdown and "\x1b" not in markdown
    assert re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", markdown) is None  # no link syntax left unescaped
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)
            assert len(cells) - 2 == len(re.split(r"(?<!\\)\|", _header_of(markdown, line))) - 2, line
        ours = re.sub(r"`[A-Za-z0-9_.-]+`", "", line)  # the report sets plain document ids as code
        assert re.search(r"(?<!\\)`", ours) is None, line


def _header_of(markdown: str, row: str) -> str:
    lines = markdown.splitlines()
    i = lines.index(row)
    while i > 0 and lines[i - 1].startswith("|"):
        i -= 1
    return lines[i]


@pytest.mark.parametrize(("text", "shown"), [
    ("a | b", "a \\| b"), ("`x`", "\\`x\\`"), ("[l](javascript:x)", "\\[l\\](javascript:x)"),
    ("<b>", "&lt;b&gt;"), ("&lt;", "&amp;lt;"), ("*x* _y_ ~z~", "\\*x\\* \\_y\\_ \\~z\\~"),
    ("# Titel", "\\# Titel"), ("zwei\nZeilen", "zwei Zeilen"), (None, ""),
])
def test_markdown_escapes_what_would_be_markup(text, shown):
    assert md(text) == shown
