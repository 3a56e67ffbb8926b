"""Rich views of groups: the side-by-side query table, the conflicts list, the diff report.

Each function prints to the Console it is given and does nothing else.
Document-derived strings (claim text, labels, explanations, ids, outlets) go
through ``render.safe_text`` so that markup or escape codes in a document are
shown literally. Colour carries the status, and the status is always also
written out, so the views read the same without colour.
"""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .compare import DiffResult, QueryResult
from .compare.query import describe_filter
from .models import Claim
from .render import neutralise, safe_text
from .store import GroupView

STATUS_STYLE = {
    "agree": "green",
    "sum_agree": "green",
    "compatible": "yellow",
    "update": "yellow",
    "conflict": "bold red",
    "sum_conflict": "bold red",
    "single": "dim",
}
LABEL_WIDTH = 26
SOURCE_MIN_WIDTH = 11  # fits a date and a shortened outlet
SOURCE_MAX_WIDTH = 40  # a longer claim as written wraps within its column
GAP = 2  # columns are set two spaces apart
MAX_CELL_CLAIMS = 3
OUTLET_WIDTH = SOURCE_MIN_WIDTH


def status_text(status: str) -> Text:
    return Text(status.replace("_", " "), style=STATUS_STYLE.get(status, ""))


def short_ids(doc_ids: list[str], minimum: int = 3) -> dict[str, str]:
    """Shortest prefixes (at least ``minimum`` characters) that tell the given ids apart."""
    result = {}
    for doc in doc_ids:
        n = min(minimum, len(doc))
        while n < len(doc) and any(o != doc and o.startswith(doc[:n]) for o in doc_ids):
            n += 1
        result[doc] = doc[:n]
    return result


def shorten(text: str, names: dict[str, str]) -> str:
    """``text`` with full document ids replaced by their short forms (longest ids first)."""
    for doc in sorted(names, key=len, reverse=True):
        if names[doc] != doc:
            text = text.replace(doc, names[doc])
    return text


def what(label: str, scope: str | None) -> str:
    """The label without its `` · scope`` tail (the views show the scope in its own column)."""
    tail = f" · {scope}"
    return label[: -len(tail)] if scope and label.endswith(tail) else label


def cell(claims: list[Claim]) -> str:
    """The values one source gives, as written: ``weit über 160; 160``."""
    texts = list(dict.fromkeys(neutralise(c.text) for c in claims))
    shown = "; ".join(texts[:MAX_CELL_CLAIMS])
    if len(texts) > MAX_CELL_CLAIMS:
        shown += f" (+{len(texts) - MAX_CELL_CLAIMS})"
    return safe_text(shown)


def _ranked_sources(result: QueryResult) -> list[str]:
    """The sources of the groups, those in most groups first."""
    in_groups = Counter(doc for v in result.groups for doc in {c.doc for c in v.claims})
    return sorted(in_groups, key=lambda d: (-in_groups[d], d))


def render_query(result: QueryResult, console: Console) -> None:
    """One row per group, one column per source; the status says whether they agree."""
    if result.mode == "topic":
        about = ", ".join(result.topics) + " → " + ", ".join(result.categories)
        console.print(f"Query: {safe_text(result.text)}  [dim]({safe_text(about)})[/dim]", soft_wrap=True)
    else:
        console.print(f"Query: {safe_text(result.text)}  [dim](full-text search)[/dim]", soft_wrap=True)
    if not result.groups:
        console.print(safe_text(result.no_match()), soft_wrap=True)
        return
    ranked = _ranked_sources(result)
    names = short_ids(sorted(result.documents) or ranked)
    # Source columns get fixed widths that share the room beside the fixed columns: left to
    # itself rich lays wide cells out past the terminal's edge, where they are cut off. As
    # many sources as fit at SOURCE_MIN_WIDTH are shown; a note names the others.
    room = console.width - _fixed_width(result)
    count = max(1, min(len(ranked), room // (SOURCE_MIN_WIDTH + GAP)))
    docs = sorted(ranked[:count])
    widths = _source_widths(result, docs, room - GAP * len(docs))
    console.print(_query_table(result, docs, names, widths))
    _notes(result, docs, names, console)


def _source_widths(result: QueryResult, docs: list[str], budget: int) -> dict[str, int]:
    """Each source's natural width (its longest cell), the widest capped first until all fit."""
    natural = {doc: SOURCE_MIN_WIDTH for doc in docs}
    for view in result.groups:
        by_doc: dict[str, list[Claim]] = {}
        for claim in view.claims:
            by_doc.setdefault(claim.doc, []).append(claim)
        for doc in docs:
            if doc in by_doc:
                natural[doc] = max(natural[doc], min(SOURCE_MAX_WIDTH, len(cell(by_doc[doc]))))
    level = max(natural.values())
    while level > SOURCE_MIN_WIDTH and sum(min(w, level) for w in natural.values()) > budget:
        level -= 1
    return {doc: min(width, level) for doc, width in natural.items()}


def _fixed_width(result: QueryResult) -> int:
    """Width of the #, What, Scope and Status columns with their gaps."""
    label = min(LABEL_WIDTH, max(len("What"), *(len(what(v.group.label, v.group.scope)) for v in result.groups)))
    scope = max(len("Scope"), *(len(v.group.scope or "?") for v in result.groups))
    status = max(len("Status"), *(len(v.group.status.replace("_", " ")) for v in result.groups))
    number = len(str(len(result.groups)))
    return number + label + scope + status + 4 * GAP


def _query_table(result: QueryResult, docs: list[str], names: dict[str, str], widths: dict[str, int]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column("#", justify="right", no_wrap=True)
    label_width = min(LABEL_WIDTH, max(len(what(v.group.label, v.group.scope)) for v in result.groups))
    table.add_column("What", min_width=label_width, max_width=LABEL_WIDTH, overflow="fold")
    table.add_column("Scope", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for doc in docs:
        meta = result.documents.get(doc)
        outlet = (getattr(meta, "source", None) or "—") if meta else "—"
        if len(outlet) > OUTLET_WIDTH:
            outlet = outlet[: OUTLET_WIDTH - 1] + "…"
        date = (getattr(meta, "date", None) or "undated") if meta else ""
        header = f"{safe_text(names.get(doc, doc))}\n{safe_text(outlet)}\n{safe_text(date)}"
        table.add_column(header, width=widths[doc], overflow="fold")
    for i, view in enumerate(result.groups, start=1):
        by_doc: dict[str, list[Claim]] = {}
        for claim in view.claims:
            by_doc.setdefault(claim.doc, []).append(claim)
        g = view.group
        table.add_row(
            str(i), safe_text(what(g.label, g.scope)), safe_text(g.scope or "?"), status_text(g.status),
            *(cell(by_doc.get(doc, [])) for doc in docs),
        )
    return table


def _notes(result: QueryResult, docs: list[str], names: dict[str, str], console: Console) -> None:
    for i, view in enumerate(result.groups, start=1):
        if view.group.status != "single":
            line = Text(f"{i:>2} ")
            line.append_text(status_text(view.group.status))
            line.append(": " + neutralise(shorten(view.group.explanation, names)))
            console.print(line)
    hidden = len({c.doc for v in result.groups for c in v.claims} - set(docs))
    more = result.total_groups - len(result.groups)
    if hidden or more:
        bits = [f"{more} more groups" if more else "", f"{hidden} more sources" if hidden else ""]
        console.print(f"[dim]{' and '.join(b for b in bits if b)} not shown; use --json or --limit.[/dim]")


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
    names = short_ids(sorted({c.doc for v in views for c in v.claims}))
    for i, view in enumerate(views, start=1):
        g = view.group
        table.add_row(str(i), status_text(g.status), safe_text(what(g.label, g.scope)), safe_text(g.scope or "?"),
                      str(view.n_docs), safe_text(shorten(g.explanation, names)))
    console.print(table)
    counts = Counter(v.group.status for v in views)
    console.print(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()))


def render_diff(result: DiffResult, console: Console) -> None:
    """Shared groups with their status, then what only one of the two documents says."""
    a, b = result.doc_a.doc_id, result.doc_b.doc_id
    names = short_ids([a, b])
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
    console.print(safe_text(shorten(result.summary, names)), soft_wrap=True)
