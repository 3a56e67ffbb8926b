"""Rich views of groups: the side-by-side query table, the conflicts list, the diff report.

Each function prints to the Console it is given and does nothing else.
Document-derived strings (claim text, labels, explanations, ids, outlets) go
through ``render.safe_text`` so that markup or escape codes in a document are
shown literally. Colour carries the status, and the status is always also
written out, so the views read the same without colour.
"""

from __future__ import annotations

import re
from collections import Counter

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .compare import DiffResult
from .compare.query import describe_filter
from .query_view import render_query
from .render import neutralise, safe_text
from .store import GroupView
from .view_cells import STATUS_STYLE, cell, status_text, what

__all__ = ["STATUS_STYLE", "cell", "render_conflicts", "render_diff", "render_query", "status_text", "what"]

LABEL_WIDTH = 26
_ID_TOKEN = re.compile(r"[^\s(),;]+")  # the words of an explanation, as ids are written in it


def sources_line(view: GroupView) -> str | None:
    """``sources: a, b, c``: the documents of a group's claims and how many more it has, when its
    explanation does not name them all (None then). An id counts as named only whole: the
    explanation of ``reuters/2024-03-21`` does not name ``2024-03-21``."""
    docs = list(dict.fromkeys(c.doc for c in view.claims))
    more = view.n_docs - len(docs)
    named = set(_ID_TOKEN.findall(view.group.explanation or ""))
    if more <= 0 and all(d in named for d in docs):
        return None
    return "sources: " + ", ".join(neutralise(d) for d in docs) + (f" and {more} more" if more > 0 else "")


def render_conflicts(views: list[GroupView], console: Console, claim_filter=None) -> None:
    """Groups whose sources disagree, worst first, each with why."""
    if not views and claim_filter:
        console.print(safe_text(f"No conflicts among the claims with {describe_filter(claim_filter)[2:]}."))
        return
    if not views:
        console.print("No conflicts: every group agrees, is compatible or has one source.")
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("What", max_width=LABEL_WIDTH, overflow="fold")
    table.add_column("Scope", no_wrap=True)
    table.add_column("Docs", justify="right", no_wrap=True)
    table.add_column("Why", ratio=1, overflow="fold")
    for i, view in enumerate(views, start=1):
        g = view.group
        why = Text(neutralise(g.explanation or ""))
        sources = sources_line(view)
        if sources:
            why.append("\n" + sources, style="dim")  # the sources beyond the deciding pair
        table.add_row(str(i), status_text(g.status), safe_text(what(g.label, g.scope)), safe_text(g.scope or "?"),
                      str(view.n_docs), why)
    console.print(table)
    counts = Counter(v.group.status for v in views)
    console.print(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()))


def render_diff(result: DiffResult, console: Console) -> None:
    """Shared groups with their status, then what only one of the two documents says."""
    a, b = result.doc_a.doc_id, result.doc_b.doc_id
    names = {a: a, b: b}  # ids in full: they are pasted into other commands
    console.print(f"[bold]A[/bold] {safe_text(a)} · {safe_text(result.doc_a.source or '—')} · "
                  f"{safe_text(result.doc_a.date or 'undated')}", soft_wrap=True)
    console.print(f"[bold]B[/bold] {safe_text(b)} · {safe_text(result.doc_b.source or '—')} · "
                  f"{safe_text(result.doc_b.date or 'undated')}", soft_wrap=True)
    if result.shared:
        table = Table(title="Shared", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
        table.add_column("What", max_width=LABEL_WIDTH, overflow="fold")
        table.add_column("Scope", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        table.add_column(f"A {safe_text(names[a])}", ratio=1, overflow="fold")
        table.add_column(f"B {safe_text(names[b])}", ratio=1, overflow="fold")
        for group, in_a, in_b in result.shared:
            table.add_row(safe_text(what(group.label, group.scope)), safe_text(group.scope or "?"),
                          status_text(group.status), cell(in_a), cell(in_b))
        console.print(table)
    for title, items in ((f"Only in A ({names[a]})", result.only_a), (f"Only in B ({names[b]})", result.only_b)):
        if not items:
            continue
        table = Table(title=safe_text(title), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                      pad_edge=False)
        table.add_column("What", max_width=LABEL_WIDTH, overflow="fold")
        table.add_column("Scope", no_wrap=True)
        table.add_column("Says", ratio=1, overflow="fold")
        for group, claims in items:
            table.add_row(safe_text(what(group.label, group.scope)), safe_text(group.scope or "?"), cell(claims))
        console.print(table)
    console.print(safe_text(result.summary))
