"""The side-by-side view of ``claims query``: one row per group, one column per source shown.

The columns are the sources of the groups shown (never other documents of the store), in
order of publication, each headed by the source's name from its front matter (else its
title, else its id) and its date; a line under the table gives each column's id in full. A cell gives the values as written, each
with the source line the text names ("52 (ministry)"). When the columns do not fit the
console, the table folds into one row per claim (source, value, attribution, date, id), so
no source of a group shown is ever hidden (a huge group shows each source's distinct values; a
narrow console gets lines instead of a table). Groups with a story (``Group.story``) come under
a heading per story.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .compare import QueryResult, claim_interval
from .compare.sources import source_line
from .models import Claim
from .render import neutralise, safe_text

LABEL_WIDTH = 26
SOURCE_MIN_WIDTH = 11  # fits a date and a short value; longer ones wrap
SOURCE_MAX_WIDTH = 40
GAP = 2
MAX_CELL_CLAIMS = 3
TITLE_MAX = 26  # a title standing for a source is cut to two lines of the folded view's Source column
SAYS_WIDTH = 18  # the folded view's column of values
FOLD_MAX_ROWS = 12  # a folded group of more claims shows each source's distinct values only
STACK_BELOW = 90  # narrower consoles get the folded view as lines, not as a table of slivers
STATUS_STYLE = {
    "agree": "green", "sum_agree": "green", "compatible": "yellow", "update": "yellow",
    "conflict": "bold red", "sum_conflict": "bold red", "single": "dim",
}


def status_text(status: str) -> Text:
    return Text(status.replace("_", " "), style=STATUS_STYLE.get(status, ""))


def what(label: str, scope: str | None) -> str:
    """The label without its `` · scope`` tail (the views show the scope in its own column)."""
    tail = f" · {scope}"
    return label[: -len(tail)] if scope and label.endswith(tail) else label


def said(claim: Claim, outlet: str | None = None) -> str:
    """A claim as written, with its place and the source line the text names: ``52 (ministry)``;
    ``outlet`` (the document's source) stands for an attribution the text does not give."""
    text = neutralise(claim.text)
    notes = [claim.place] if claim.place else []
    line = source_line(claim.attribution, outlet)
    if line.named:
        notes.append(line.kind or line.label)
    return f"{text} ({', '.join(neutralise(n) for n in notes)})" if notes else text


def cell(claims: list[Claim], outlet: str | None = None) -> str:
    """The values one source gives: ``52 (ministry); 71 (monitor)``."""
    texts = list(dict.fromkeys(said(c, outlet) for c in claims))
    shown = "; ".join(texts[:MAX_CELL_CLAIMS])
    if len(texts) > MAX_CELL_CLAIMS:
        shown += f" (+{len(texts) - MAX_CELL_CLAIMS})"
    return safe_text(shown)


def source_name(doc: str, documents: dict) -> str:
    """The source of a document as its front matter names it, else its title, else its id."""
    meta = documents.get(doc)
    return (getattr(meta, "source", None) or getattr(meta, "title", None) or doc) if meta else doc


def _outlet(doc: str, result: QueryResult) -> str | None:
    return getattr(result.documents.get(doc), "source", None)


def source_order(result: QueryResult) -> list[str]:
    """The documents of the groups shown, by publication date (undated last), then id."""
    docs = {c.doc for v in result.groups for c in v.claims}
    return sorted(docs, key=lambda d: (getattr(result.documents.get(d), "date", None) or "9999", d))


def render_query(result: QueryResult, console: Console) -> None:
    """One row per group and one column per source, or one row per claim when the sources do not fit."""
    if result.mode == "topic":
        about = ", ".join(result.topics) + " → " + ", ".join(result.categories)
        console.print(f"Query: {safe_text(result.text)}  [dim]({safe_text(about)})[/dim]", soft_wrap=True)
    else:
        console.print(f"Query: {safe_text(result.text)}  [dim](full-text search)[/dim]", soft_wrap=True)
    if not result.groups:
        console.print(safe_text(result.no_match()), soft_wrap=True)
        return
    number = 0
    shown = []
    for story, views in _by_story(result):
        shown.extend(views)
        if story and story in result.stories:  # a heading per story when the groups shown are of several
            console.print(f"[bold]Story {safe_text(story)}: {safe_text(result.stories[story])}[/bold]", soft_wrap=True)
        docs = sorted({c.doc for v in views for c in v.claims}, key=source_order(result).index)
        cells = [{doc: cell(claims, _outlet(doc, result)) for doc, claims in _by_doc(v.claims).items()} for v in views]
        widths = _source_widths(cells, docs, console.width - _fixed_width(views) - GAP * len(docs))
        if widths is not None:
            console.print(_wide_table(result, views, cells, docs, widths, number))
            names = [(source_name(d, result.documents), d) for d in docs]
            legend = "; ".join(d if name == d else f"{name} = {d}" for name, d in names)
            console.print(Text(f"Sources: {neutralise(legend)}", style="dim"))
        elif console.width < STACK_BELOW:
            _print_stacked(result, views, number, console)
        else:
            console.print(_folded_table(result, views, number))
        number += len(views)
    _notes(result, shown, console)


def _by_story(result: QueryResult) -> list[tuple[str | None, list]]:
    chunks: dict[str | None, list] = {}
    for view in result.groups:
        chunks.setdefault(getattr(view.group, "story", None), []).append(view)
    return list(chunks.items())


def _fixed_width(views: list) -> int:
    label = min(LABEL_WIDTH, max(len("What"), *(len(what(v.group.label, v.group.scope)) for v in views)))
    scope = max(len("Scope"), *(len(v.group.scope or "?") for v in views))
    status = max(len("Status"), *(len(v.group.status.replace("_", " ")) for v in views))
    return len(str(len(views))) + 1 + label + scope + status + 4 * GAP


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)


def _by_doc(claims: list[Claim]) -> dict[str, list[Claim]]:
    found: dict[str, list[Claim]] = {}
    for claim in claims:
        found.setdefault(claim.doc, []).append(claim)
    return found


def _source_widths(cells: list[dict[str, str]], docs: list[str], budget: int) -> dict[str, int] | None:
    """The width of each source's column (``cells``: each group's text by source), or None when
    the columns do not fit: fewer than ``SOURCE_MIN_WIDTH`` each, or too narrow for a cell's
    longest word ("(government)" would break inside the word; the folded view gives it room)."""
    if len(docs) * SOURCE_MIN_WIDTH > budget:
        return None
    natural = {doc: SOURCE_MIN_WIDTH for doc in docs}
    longest_word = dict.fromkeys(docs, 0)
    for row in cells:
        for doc, text in row.items():
            natural[doc] = max(natural[doc], min(SOURCE_MAX_WIDTH, len(text)))
            # a word longer than the folded view's Says column breaks in either view
            longest_word[doc] = max([longest_word[doc]] + [len(w) for w in text.split() if len(w) <= SAYS_WIDTH])
    level = max(natural.values())
    while level > SOURCE_MIN_WIDTH and sum(min(w, level) for w in natural.values()) > budget:
        level -= 1
    widths = {doc: min(natural[doc], level) for doc in docs}
    return widths if all(widths[doc] >= longest_word[doc] for doc in docs) else None


def _wide_table(result: QueryResult, views: list, cells: list[dict[str, str]], docs: list[str], widths: dict[str, int],
                first: int) -> Table:
    table = _table()
    table.add_column("#", justify="right", no_wrap=True)
    label_width = min(LABEL_WIDTH, max(len(what(v.group.label, v.group.scope)) for v in views))
    table.add_column("What", min_width=label_width, max_width=LABEL_WIDTH, overflow="fold")
    table.add_column("Scope", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for doc in docs:
        meta = result.documents.get(doc)
        date = (getattr(meta, "date", None) or "undated") if meta else ""
        width = widths[doc]
        # A long title is cut to its column (the line under the table names each column in full).
        header = Text(f"{_cut(neutralise(source_name(doc, result.documents)), width)}\n{neutralise(date)}")
        table.add_column(header, width=width, overflow="fold")
    for i, (view, row) in enumerate(zip(views, cells), start=first + 1):
        g = view.group
        table.add_row(str(i), safe_text(what(g.label, g.scope)), safe_text(g.scope or "?"), status_text(g.status),
                      *(row.get(doc, cell([])) for doc in docs))
    return table


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def folded_rows(claims: list[Claim], order: list[str]) -> tuple[list[Claim], int]:
    """The claims a folded group shows, in source order, and how many it leaves out. Up to
    ``FOLD_MAX_ROWS`` all; beyond, each source's distinct values (its lowest and its highest when
    it gives more), so every source of the group stays visible with the range it reports."""
    rank = {doc: i for i, doc in enumerate(order)}
    ordered = sorted(claims, key=lambda c: (rank[c.doc], c.start))
    if len(ordered) <= FOLD_MAX_ROWS:
        return ordered, 0
    kept: list[Claim] = []
    for own in _by_doc(ordered).values():
        first_of: dict[str, Claim] = {}
        for c in own:
            first_of.setdefault(said(c), c)
        distinct = list(first_of.values())
        if len(distinct) > 2:
            lowest = min(distinct, key=lambda c: claim_interval(c)[0])
            highest = max(distinct, key=lambda c: claim_interval(c)[0])
            distinct = sorted({lowest.claim_id: lowest, highest.claim_id: highest}.values(), key=lambda c: c.start)
        kept.extend(distinct)
    return kept, len(ordered) - len(kept)


def _claim_fields(claim: Claim, result: QueryResult) -> tuple[str, str, str, str]:
    """Source, report date, what it says and its attribution as written (the line is in Says)."""
    meta = result.documents.get(claim.doc)
    outlet = _outlet(claim.doc, result)
    line = source_line(claim.attribution, outlet)
    name = source_name(claim.doc, result.documents)
    name = name if outlet or name == claim.doc else _cut_words(name, TITLE_MAX)  # a title stands for the source
    return (name, (getattr(meta, "date", None) or "undated") if meta else "?",
            said(claim, outlet), neutralise(claim.attribution) if claim.attribution else line.label)


def _cut_words(text: str, limit: int) -> str:
    """``text`` cut after its last whole word within ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    kept = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[: limit - 1]
    return kept.rstrip(" :,;-") + "…"


def _left_out(hidden: int) -> str:
    return f"{hidden} more claims repeat these sources' values (claims show ID, or --json)"


def _folded_table(result: QueryResult, views: list, first: int) -> Table:
    """One row per claim: the group on its first row, then source, date, value, attribution and id."""
    table = _table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("What · Status", max_width=20, overflow="fold")
    table.add_column("Source", max_width=14, overflow="fold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Says", max_width=SAYS_WIDTH, overflow="fold")
    table.add_column("Attribution", ratio=1, min_width=16, overflow="fold")
    table.add_column("Claim", no_wrap=True)
    order = source_order(result)
    for i, view in enumerate(views, start=first + 1):
        g = view.group
        claims, hidden = folded_rows(view.claims, order)
        for n, claim in enumerate(claims):
            head = Text(f"{what(g.label, g.scope)} · {g.scope or '?'} · ") if n == 0 else Text("")
            if n == 0:
                head.append_text(status_text(g.status))
            source, date, says, attribution = _claim_fields(claim, result)
            last = n == len(claims) - 1 and not hidden
            table.add_row(str(i) if n == 0 else "", head, safe_text(source), safe_text(date), safe_text(says),
                          safe_text(attribution), claim.claim_id, end_section=last)
        if hidden:
            table.add_row("", "", "", "", "", Text(_left_out(hidden), style="dim"), "", end_section=True)
    return table


def _print_stacked(result: QueryResult, views: list, first: int, console: Console) -> None:
    """The folded view for a narrow console: a line per group, then an indented line per claim
    that wraps at spaces (a table would cut every column to slivers)."""
    order = source_order(result)
    for i, view in enumerate(views, start=first + 1):
        g = view.group
        head = Text(f"{i} {what(g.label, g.scope)} · {g.scope or '?'} · ", style="bold")
        head.append_text(status_text(g.status))
        console.print(head)
        claims, hidden = folded_rows(view.claims, order)
        for claim in claims:
            source, date, says, attribution = _claim_fields(claim, result)
            line = Text()
            line.append(f"{neutralise(source)}, {neutralise(date)}: ", style="bold")
            line.append(f"{says} · {attribution} · {claim.claim_id[:8]}")  # Text: never read as markup
            console.print(Padding(line, (0, 0, 0, 2), expand=False))  # wrapped lines keep the indent
        if hidden:
            console.print(Padding(Text(_left_out(hidden), style="dim"), (0, 0, 0, 2), expand=False))


def _notes(result: QueryResult, shown: list, console: Console) -> None:
    for i, view in enumerate(shown, start=1):
        if view.group.status != "single":
            line = Text(f"{i:>2} ")
            line.append_text(status_text(view.group.status))
            line.append(": " + neutralise(view.group.explanation))
            console.print(line)
    for i, view in enumerate(shown, start=1):
        if view.n_claims > len(view.claims):
            loaded = len({c.doc for c in view.claims})
            unseen = f", {view.n_docs - loaded} sources not loaded" if view.n_docs > loaded else ""
            console.print(f"[dim]{i:>2}: {len(view.claims)} of {view.n_claims} claims loaded, the first of each "
                          f"source{unseen}; `claims export --format json` has them all.[/dim]")
    more = result.total_groups - len(result.groups)
    if more:
        console.print(f"[dim]{more} more groups not shown; use --json or --limit.[/dim]")
