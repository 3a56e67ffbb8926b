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

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .compare import QueryResult
from .folded_view import SAYS_WIDTH, folded_table, print_stacked
from .render import neutralise, safe_text
from .view_cells import by_doc, cell, outlet_of, plain_table, source_name, source_order, status_text, what

LABEL_WIDTH = 26
SOURCE_MIN_WIDTH = 11  # fits a date and a short value; longer ones wrap
SOURCE_MAX_WIDTH = 40
GAP = 2
STACK_BELOW = 90  # narrower consoles get the folded view as lines, not as a table of slivers



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
        cells = [{doc: cell(claims, outlet_of(doc, result)) for doc, claims in by_doc(v.claims).items()} for v in views]
        widths = _source_widths(cells, docs, console.width - _fixed_width(views) - GAP * len(docs))
        if widths is not None:
            console.print(_wide_table(result, views, cells, docs, widths, number))
            names = [(source_name(d, result.documents), d) for d in docs]
            legend = "; ".join(d if name == d else f"{name} = {d}" for name, d in names)
            console.print(Text(f"Sources: {neutralise(legend)}", style="dim"))
        else:
            folded = folded_table(result, views, number, console.width) if console.width >= STACK_BELOW else None
            if folded is None:
                print_stacked(result, views, number, console)
            else:
                console.print(folded)
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
    table = plain_table()
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
