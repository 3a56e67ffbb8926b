"""The report as Markdown, to paste into a ticket or a newsroom chat.

Every document-derived string goes through ``md``: control characters and line breaks become
visible or spaces (``render.neutralise``), ``&``, ``<`` and ``>`` become entities (no raw HTML, no
autolink), and the characters that make Markdown (`` ` ``, ``*``, ``_``, ``[``, ``]``, ``|``, ``#``,
``~``, ``\\``) are escaped with a backslash, so a document's text can make no link, code span,
emphasis or table cell. Sources are rows here (a chat is narrow); every source of a group has its row.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..compare import SEVERITY
from ..render import neutralise
from .data import GroupReport, ReportData, Source, StoryReport
from .html import story_label
from .matrix import agreement

_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]|#~"}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})


def md(value: object) -> str:
    """``value`` as inert Markdown text on one line."""
    if value is None or value == "":
        return ""
    return neutralise(value).translate(_ESCAPES)


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(head: list[str], rows: list[list[object]], right: tuple[int, ...] = ()) -> list[str]:
    rule = ["---:" if i in right else "---" for i in range(len(head))]
    return [_row(*head), _row(*rule), *(_row(*r) for r in rows), ""]


def _status(status: str) -> str:
    return md(status.replace("_", " "))


def _figures(group: GroupReport, source: Source) -> list[object]:
    """One row for a source: its figures as written, as read and who it says gives them."""
    figures = group.figures[source.doc_id]
    said = []
    for f in figures:
        who = md(f.claim.attribution)
        if f.source_line:
            who = f"{who} ({md(f.source_line)})" if who else md(f.source_line)
        if who and who not in said:
            said.append(who)
    doc = f"`{source.doc_id}`" if _plain(source.doc_id) else md(source.doc_id)
    return [md(source.name) or "—", md(source.title) or "—", doc, md(source.date) or "undated",
            "; ".join(md(f.claim.text) for f in figures), "; ".join(md(f.reads_as) for f in figures),
            "; ".join(said) or "—"]


def _plain(text: str) -> bool:
    return text.isascii() and all(c.isalnum() or c in "-_." for c in text)


def _story(story: StoryReport, data: ReportData) -> list[str]:
    lines = [f"## {md(story_label(story, data))}", ""]
    counts = Counter(g.group.status for g in story.groups)
    summary = ", ".join(f"{counts[s]} {_status(s)}" for s in SEVERITY if counts[s])
    lines += [f"{len(story.sources)} sources, {len(story.groups)} groups" + (f": {summary}" if summary else ""), ""]
    if not story.sources:
        return [*lines, "No documents: run `claims ingest PATH` first.", ""]
    lines += ["### Sources, in publication order", ""]
    lines += _table(["#", "Source", "Title", "Document", "Published"],
                    [[i, md(s.name) or "—", md(s.title) or "—", md(s.doc_id), md(s.date) or "undated"]
                     for i, s in enumerate(story.sources, 1)], right=(0,))
    multi = [g for g in story.groups if g.multi_source]
    singles = [g for g in story.groups if not g.multi_source]
    if multi:
        lines += ["### Groups several sources speak of", ""]
        lines += _table(["#", "What", "Scope", "Status", "Sources"],
                        [[i, md(g.what), md(g.group.scope) or "?", _status(g.group.status), len(g.sources)]
                         for i, g in enumerate(multi, 1)], right=(0, 4))
        for i, g in enumerate(multi, 1):
            lines += [f"#### {i}. {md(g.what)} · {md(g.group.scope) or 'time unknown'}: {_status(g.group.status)}", ""]
            if g.group.explanation:
                lines += [md(g.group.explanation), ""]
            rows = [_figures(g, source) for source in g.sources]
            lines += _table(["Source", "Title", "Document", "Published", "Figure", "Reads as", "Attribution"], rows)
            if g.n_claims > g.shown_claims:
                lines += [f"{g.shown_claims} of {g.n_claims} claims shown.", ""]
        pairs = [p for p in agreement(multi, story.sources) if p.shared]
        if pairs:
            lines += ["### Agreement between sources", ""]
            lines += _table(["Source A", "Source B", "Shared", "Agree", "Compatible", "Update", "Conflict"],
                            [[_name(p.a), _name(p.b), p.shared, p.agree, p.compatible, p.update, p.conflict]
                             for p in pairs], right=(2, 3, 4, 5, 6))
    if singles:
        lines += ["### Said by one source only", ""]
        rows = []
        for g in singles:
            source = g.sources[0]
            texts = "; ".join(md(f.claim.text) for f in g.figures[source.doc_id])
            rows.append([md(g.what), md(g.group.scope) or "?", _name(source), texts])
        lines += _table(["What", "Scope", "Source", "Figure"], rows)
    return lines


def _name(source: Source) -> str:
    return f"{md(source.name)} ({md(source.doc_id)})" if source.name else md(source.doc_id)


def render_markdown(data: ReportData, title: str = "Claims report") -> str:
    """The whole report as Markdown (no source texts: each figure is quoted as written)."""
    n_sources = len({s.doc_id for story in data.stories for s in story.sources})
    n_groups = sum(len(story.groups) for story in data.stories)
    lines = [f"# {md(title)}", "", f"{n_sources} sources, {n_groups} groups; store {md(Path(data.store).name)}", ""]
    for story in data.stories:
        lines += _story(story, data)
    return "\n".join(lines).rstrip("\n") + "\n"
