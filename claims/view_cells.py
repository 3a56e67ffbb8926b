"""What the query views print of a group and its claims: a status in its colour, a label, a
claim as written with its place and source line, a source's cell and a source's name."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from .compare import QueryResult
from .compare.sources import source_line
from .models import Claim
from .render import neutralise, safe_text

MAX_CELL_CLAIMS = 3
STATUS_STYLE = {
    "agree": "green", "sum_agree": "green", "compatible": "yellow", "update": "yellow",
    "conflict": "bold red", "sum_conflict": "bold red", "single": "dim",
}


def status_text(status: str) -> Text:
    """A status as the views print it, in its colour."""
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


def outlet_of(doc: str, result: QueryResult) -> str | None:
    """The source the document's front matter names, if any."""
    return getattr(result.documents.get(doc), "source", None)


def source_order(result: QueryResult) -> list[str]:
    """The documents of the groups shown, by publication date (undated last), then id."""
    docs = {c.doc for v in result.groups for c in v.claims}
    return sorted(docs, key=lambda d: (getattr(result.documents.get(d), "date", None) or "9999", d))


def plain_table() -> Table:
    """The borderless table every query view prints."""
    return Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)


def by_doc(claims: list[Claim]) -> dict[str, list[Claim]]:
    """The claims of each document, in the order given."""
    found: dict[str, list[Claim]] = {}
    for claim in claims:
        found.setdefault(claim.doc, []).append(claim)
    return found
