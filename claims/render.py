"""Rich tables and views for the CLI; no I/O beyond the Console each function is given.

Every string that comes from a document (claim text, sentence, title, file
name, error messages naming files) goes through ``safe_text()`` before it
reaches a console: rich markup in it is shown literally, and control
characters (ANSI escape sequences start with ESC), C1 controls and bidi
overrides are replaced by visible stand-ins, one character for one, so that a
document can neither colour, move, hyperlink nor reorder what the terminal shows.
Consoles come from ``make_console()``: no emoji codes, no automatic highlighting.
Commands that print only lines (ingest) take ``line_console()``, which writes plain
text without loading rich when the output cannot show colour anyway.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from .models import Claim

# rich is loaded with the first console, table or text that needs it: a command that
# prints plain lines (ingest into a pipe) starts without it.
if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

ID_CHARS = 8  # claim ids shown in tables; 16**8 ids make a clash in one store unlikely

_QUALIFIER_SIGNS = {
    "approx": "≈ ",
    "at_least": "≥ ",
    "more_than": "> ",
    "at_most": "≤ ",
    "less_than": "< ",
}


def _control_map(multiline: bool) -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20)}  # ␀ … ␟: ESC shows as ␛
    table[0x7F] = "\u2421"  # ␡
    table.update({c: "\ufffd" for c in range(0x80, 0xA0)})
    # Bidi embeddings, overrides and isolates can reorder what is shown.
    table.update({c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
    table.update({0x2028: " ", 0x2029: " ", 0x0D: " "})
    if multiline:
        table[0x0A] = "\n"
        table[0x09] = "\t"
    else:
        table.update({0x0A: " ", 0x09: " "})
    return table


_SINGLE_LINE = _control_map(multiline=False)
_MULTILINE = _control_map(multiline=True)


def neutralise(value: object, *, multiline: bool = False) -> str:
    """``value`` as text with every control character replaced by a visible one; same length."""
    return str(value).translate(_MULTILINE if multiline else _SINGLE_LINE)


def safe_text(value: object, *, multiline: bool = False) -> str:
    """Document-derived ``value`` made safe to print as rich markup: literal, inert, one line by default."""
    if value is None:
        return ""
    from rich.markup import escape

    return escape(neutralise(value, multiline=multiline))


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for claims output; colour follows the terminal and NO_COLOR (rich's own rules)."""
    from rich.console import Console

    return Console(stderr=stderr, emoji=False, highlight=False, width=width)


class PlainLines:
    """Writes one-line messages as plain text, as a rich console does where it cannot colour."""

    is_terminal = False

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write_line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


def line_console(*, stderr: bool = False) -> Console | PlainLines:
    """Where messages go for a command that prints only lines: plain text when rich would
    not colour them (no terminal, colour not forced; rich's rules), else a rich console."""
    stream = sys.stderr if stderr else sys.stdout
    forced = os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR", "") != ""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        terminal = False
    return make_console(stderr=stderr) if forced or terminal else PlainLines(stream)


def print_error(console: Console | PlainLines, message: str) -> None:
    _print_labelled(console, message, "Error:", "bold red")


def print_warning(console: Console | PlainLines, message: str) -> None:
    _print_labelled(console, message, "Warning:", "yellow")


def print_line(console: Console | PlainLines, message: str) -> None:
    _print_labelled(console, message)


def _print_labelled(console: Console | PlainLines, message: str, label: str = "", style: str = "") -> None:
    """One line of document-derived ``message``, after a label in ``style`` where rich can colour it."""
    if isinstance(console, PlainLines):
        console.write_line(f"{label} {neutralise(message)}" if label else neutralise(message))
    elif label:
        console.print(f"[{style}]{label}[/{style}] {safe_text(message)}", soft_wrap=True)
    else:
        console.print(safe_text(message), soft_wrap=True)


def format_number(value: object) -> str:
    """A value as plain text: integers without ``.0``, no thousands separators, dates as given."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return "" if value is None else str(value)


def format_value(claim: Claim) -> str:
    """The claim's value as a reader would write it: ``≥ 2200``, ``150–200``, ``4.2 %``."""
    low, high = claim.value_low, claim.value_high
    if claim.qualifier in ("range", "vague") and low is not None and high is not None and low != high:
        text = f"{format_number(low)}–{format_number(high)}"
        if claim.qualifier == "vague":
            text = f"~ {text}"
    elif claim.qualifier in ("range", "vague") and (low is None) != (high is None):
        text = f"≥ {format_number(low)}" if high is None else f"≤ {format_number(high)}"
    else:
        text = _QUALIFIER_SIGNS.get(claim.qualifier, "") + format_number(claim.value)
    if claim.unit:
        text += f" {claim.unit}"
    return text


def stories_table(stories: Iterable, width: int = 100) -> Table:
    """Stories, one line each: id, label, number of documents, date span (first to last report)."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("Story", no_wrap=True)
    table.add_column("Label", no_wrap=True, overflow="ellipsis", max_width=max(16, width // 2))
    table.add_column("Docs", justify="right", no_wrap=True)
    table.add_column("Span", no_wrap=True)
    for story in stories:
        span = f"{story.first} – {story.last}" if story.first and story.last and story.first != story.last else (
            story.first or "[dim]undated[/dim]")
        table.add_row(safe_text(story.story_id), safe_text(story.label), str(len(story.doc_ids)),
                      span if span.startswith("[dim]") else safe_text(span))
    return table


def docs_table(docs: Iterable, width: int = 100) -> Table:
    """Documents, one line each: title (or, dimmed, the first words), source, date, language, claim count.

    ``width`` is the console width; titles are cut to fit it so no other column is squeezed.
    """
    docs = list(docs)
    with_source = any(doc.source for doc in docs)
    id_width = max([len("Document"), *(len(doc.doc_id) for doc in docs)])
    id_width = min(id_width, max(12, width // 3))  # ids are pasted back into commands: cut only when they cannot fit
    fixed = id_width + len("2024-03-12") + len("Lang") + len("Claims") + (16 if with_source else 0)
    title_width = max(12, width - fixed - 3 * (6 if with_source else 5))
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("Document", no_wrap=True, min_width=id_width, max_width=id_width, overflow="ellipsis")
    table.add_column("Title", no_wrap=True, overflow="ellipsis")
    if with_source:
        table.add_column("Source", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("Published", no_wrap=True, min_width=len("2024-03-12"))
    table.add_column("Lang", no_wrap=True)
    table.add_column("Claims", justify="right", no_wrap=True)
    for doc in docs:
        if doc.title:
            title = safe_text(_fit(doc.title, title_width))
        elif getattr(doc, "lead", None):
            title = f"[dim italic]{safe_text(_fit(doc.lead, title_width))}[/dim italic]"
        else:
            title = "[dim]—[/dim]"
        cells = [safe_text(doc.doc_id), title]
        if with_source:
            cells.append(safe_text(doc.source) or "[dim]—[/dim]")
        cells += [safe_text(doc.date) or "[dim]unknown[/dim]", safe_text(doc.lang), str(doc.n_claims)]
        table.add_row(*cells)
    return table


def _fit(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def claims_table(claims: Iterable[Claim], *, show_doc: bool = True, doc_ids: Iterable[str] = ()) -> Table:
    """Claims, one per row; the Claim column is the claim's text and, after ·, what it counts.
    With the store's ``doc_ids`` the Doc column prints each id as the shortest prefix that a
    command takes for it (documents.pasteable_ids), else whole."""
    from rich import box
    from rich.table import Table

    from .documents.ids import pasteable_ids

    doc_labels = pasteable_ids(doc_ids) if show_doc else {}
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    # Claim ids are never cut (an id with an ellipsis cannot be pasted back); a narrow console
    # wraps the other columns instead.
    table.add_column("ID", no_wrap=True, width=ID_CHARS)  # a unique prefix; `claims show` accepts it
    if show_doc:
        table.add_column("Doc", overflow="fold")  # pasteable: a unique prefix or the whole id
    table.add_column("Category", overflow="fold")
    table.add_column("Value", overflow="fold")
    table.add_column("Claim", ratio=1, overflow="fold")
    table.add_column("Scope", overflow="fold")
    for claim in claims:
        said = safe_text(claim.text)
        if claim.subject and claim.subject not in claim.text:
            said += f" [dim]· {safe_text(claim.subject)}[/dim]"
        if claim.actor:
            said += f" [dim]({safe_text(claim.actor)})[/dim]"
        cells = [claim.claim_id[:ID_CHARS]]
        if show_doc:
            cells.append(safe_text(doc_labels.get(claim.doc, claim.doc)))
        cells += [safe_text(claim.category), safe_text(format_value(claim)), said, safe_text(claim.scope)]
        table.add_row(*cells)
    return table
