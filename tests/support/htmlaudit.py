"""What an HTML report may contain, checked by parsing it: no script, no handler, no foreign link.

``audit(html)`` returns the problems found (an empty list for a safe report) and is shared by the
report's tests and its browser test. It reads the HTML with the standard library's parser, the way
a browser tokenises it: tags, attributes and text apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that run code, load something, or take the page somewhere.
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "link", "img", "base", "form", "frame", "frameset",
                  "audio", "video", "source", "input", "button", "foreignobject", "use", "image", "animate", "set"}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data", "poster", "srcset"}


@dataclass
class Parsed:
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.parsed.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.parsed.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        (self.parsed.styles if self._in_style else self.parsed.text).append(data)


def parse(html: str) -> Parsed:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.parsed


def _squeezed(value: str) -> str:
    """The value as a URL parser reads its scheme: without whitespace and controls, lower case."""
    return "".join(c for c in value if c > " ").lower()


def audit(html: str) -> list[str]:
    """Every unsafe or foreign thing in ``html``; every fragment link must name an id of the page."""
    parsed = parse(html)
    problems, ids, fragments = [], [], []
    for tag, attrs in parsed.tags:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}> element")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            problems.append("meta refresh")
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on"):
                problems.append(f"event handler {name}= on <{tag}>")
            if name == "style":
                problems.append(f"style attribute on <{tag}>")
            if "javascript:" in _squeezed(value) or "vbscript:" in _squeezed(value):
                problems.append(f"script URL in {name}= on <{tag}>")
            if name in URL_ATTRIBUTES:
                if value.startswith("#"):
                    fragments.append(value[1:])
                elif not (tag == "a" and _squeezed(value).startswith(("https://", "http://"))):
                    problems.append(f"{name}={value!r} on <{tag}>")
            if name == "id":
                ids.append(value)
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    missing = sorted(set(fragments) - set(ids))
    if missing:
        problems.append(f"links to missing ids: {missing[:5]}")
    for css in parsed.styles:
        if "url(" in css or "@import" in css or "expression(" in css:
            problems.append("the stylesheet loads something")
    return problems


def visible_text(html: str) -> str:
    return "".join(parse(html).text)


# Two reports of one event whose metadata and text try every way into a page: script elements,
# event handlers, javascript: links as HTML and as Markdown, a quote that closes an attribute,
# style that hides the page, table pipes, code spans, bidi overrides and a terminal escape.
HOSTILE_DOCS = {
    "kurier.md": (
        "---\n"
        "title: \"<script>alert('title')</script> Bericht | `code` [mehr](javascript:alert(9))\"\n"
        "source: \"<img src=x onerror=alert(1)>Kurier\"\n"
        "url: \"javascript:alert(document.cookie)\"\n"
        "date: 2022-01-10\n"
        "---\n"
        "Laut <b onmouseover=\"alert(1)\">Polizei</b> wurden mindestens 12 Menschen <script>alert(1)</script>"
        " getötet.\n\n"
        "[Mehr](javascript:alert(2)) und <a href=\"javascript:alert(3)\">hier</a>: 40 Demonstranten wurden"
        " festgenommen | `rm -rf` *fett* _kursiv_ <iframe src=\"https://evil.example/\"></iframe>.\n"
    ),
    "blatt.md": (
        "---\n"
        "title: Zweiter Bericht <style>body{display:none}</style>\n"
        "source: \"Blatt\\\" onclick=\\\"alert(1)\"\n"
        "url: https://example.org/bericht?id=<x>\n"
        "date: 2022-01-12\n"
        "---\n"
        "Nach Angaben der <svg onload=alert(1)>Regierung</svg> wurden 15 Menschen getötet \u202eesrever\u202c.\n\n"
        "Die Polizei nahm 55 Demonstranten fest <img src=x onerror=\"alert('x')\"> \x1b[31m rot.\n"
    ),
}
