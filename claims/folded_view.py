"""The folded views of ``claims query``, for groups whose sources do not fit side by side: a
table of one row per claim (source, date, value, attribution, id), or on a narrow console one
line per claim. Every source of a group stays visible; a huge group shows each source's
distinct values."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .compare import QueryResult, claim_interval
from .compare.sources import source_line
from .models import Claim
from .render import neutralise, safe_text
from .view_cells import by_doc, outlet_of, plain_table, said, source_name, source_order, status_text, what

TITLE_MAX = 26  # a title standing for a source is cut to two lines of the folded view's Source column
SAYS_WIDTH = 18  # the folded view's column of values
SOURCE_CAP = 24  # the folded view's Source column widens to fit a document id up to this long
ATTRIBUTION_CAP = 22
FOLD_LEAST = {"what": 14, "says": 13, "attribution": 12, "source": 12}  # the narrowest a column gets, in cutting order
GAP = 2
FOLD_MAX_ROWS = 12  # a folded group of more claims shows each source's distinct values only


def folded_rows(claims: list[Claim], order: list[str]) -> tuple[list[Claim], int]:
    """The claims a folded group shows, in source order, and how many it leaves out. Up to
    ``FOLD_MAX_ROWS`` all; beyond, each source's distinct values (its lowest and its highest when
    it gives more), so every source of the group stays visible with the range it reports."""
    rank = {doc: i for i, doc in enumerate(order)}
    ordered = sorted(claims, key=lambda c: (rank[c.doc], c.start))
    if len(ordered) <= FOLD_MAX_ROWS:
        return ordered, 0
    kept: list[Claim] = []
    for own in by_doc(ordered).values():
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
    outlet = outlet_of(claim.doc, result)
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


def folded_table(result: QueryResult, views: list, first: int, width: int) -> Table | None:
    """One row per claim: the group on its first row, then source, date, value, attribution and id,
    in ``width`` columns. The Source and Attribution columns are as wide as their longest word (up
    to a cap) when the width allows, so a document id or a source's name is not broken inside a
    word; the dates and claim ids are never cut. None when even the narrowest columns would
    break a source's name or id: the stacked lines serve such a console better."""
    order = source_order(result)
    rows: list[tuple] = []
    for i, view in enumerate(views, start=first + 1):
        g = view.group
        claims, hidden = folded_rows(view.claims, order)
        for n, claim in enumerate(claims):
            head = Text(f"{what(g.label, g.scope)} · {g.scope or '?'} · ") if n == 0 else Text("")
            if n == 0:
                head.append_text(status_text(g.status))
            source, date, says, attribution = (safe_text(field) for field in _claim_fields(claim, result))
            rows.append((str(i) if n == 0 else "", head, source, date, says, attribution, claim.claim_id,
                         n == len(claims) - 1 and not hidden))
        if hidden:
            rows.append(("", "", "", "", "", Text(_left_out(hidden), style="dim"), "", True))
    fixed = [max(len(str(row[k])) for row in rows + [("#", "", "", "Date", "", "", "Claim")]) for k in (0, 3, 6)]
    wanted = {"what": 20, "source": _longest_word((r[2] for r in rows), 14, SOURCE_CAP), "says": SAYS_WIDTH,
              "attribution": _longest_word((r[5] for r in rows if isinstance(r[5], str)), 16, ATTRIBUTION_CAP)}
    fitted = _fit(wanted, FOLD_LEAST, width - sum(fixed) - 6 * GAP)
    if fitted["source"] < wanted["source"]:
        return None
    table = plain_table()
    table.add_column("#", justify="right", no_wrap=True, width=fixed[0])
    table.add_column("What · Status", width=fitted["what"], overflow="fold")
    table.add_column("Source", width=fitted["source"], overflow="fold")
    table.add_column("Date", no_wrap=True, width=fixed[1])
    table.add_column("Says", width=fitted["says"], overflow="fold")
    table.add_column("Attribution", min_width=fitted["attribution"], ratio=1, overflow="fold")
    table.add_column("Claim", no_wrap=True, width=fixed[2])
    for *cells, last in rows:
        table.add_row(*cells, end_section=last)
    return table


def _longest_word(texts, least: int, cap: int) -> int:
    """The width that fits the longest word of ``texts``, at least ``least`` and at most ``cap``."""
    longest = max((len(word) for text in texts for word in text.split()), default=0)
    return max(least, min(longest, cap))


def _fit(wanted: dict[str, int], least: dict[str, int], budget: int) -> dict[str, int]:
    """Column widths as ``wanted`` when they fit ``budget``, else cut toward their ``least`` one
    column after the other in the order of ``least``: the label and the values wrap at spaces
    anyway, the source's name is cut last."""
    fitted = dict(wanted)
    excess = sum(fitted.values()) - budget
    for name in least:
        if excess <= 0:
            break
        cut = min(excess, max(0, fitted[name] - least[name]))
        fitted[name] -= cut
        excess -= cut
    return fitted


def print_stacked(result: QueryResult, views: list, first: int, console: Console) -> None:
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
