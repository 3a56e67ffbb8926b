"""``claims show``: one claim with its sentence (the span highlighted), every field, its source
line as the views read it, and the group and story it is compared in."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .models import Claim
from .render import format_number, format_value, neutralise, safe_text

if TYPE_CHECKING:
    from rich.console import Group as RenderGroup
    from rich.text import Text

    from .compare import ClaimContext

SENTENCE_CONTEXT_CHARS = 300


def highlighted_sentence(claim: Claim, *, markers: bool) -> Text:
    """The claim's sentence with its span highlighted (reverse video), or set in ⟦…⟧ when ``markers``."""
    from rich.text import Text

    sentence = neutralise(claim.sentence, multiline=False)
    start = claim.start - claim.sentence_start
    end = claim.end - claim.sentence_start
    if not (0 <= start <= end <= len(sentence)) or claim.sentence[start:end] != claim.text:
        start = claim.sentence.find(claim.text)
        end = start + len(claim.text)
    if start < 0:
        return Text(sentence)
    left = max(0, start - SENTENCE_CONTEXT_CHARS)
    right = min(len(sentence), end + SENTENCE_CONTEXT_CHARS)
    text = Text("…" if left else "")
    text.append(sentence[left:start])
    span = sentence[start:end]
    text.append(f"⟦{span}⟧" if markers else span, style="bold reverse")
    text.append(sentence[end:right])
    if right < len(sentence):
        text.append("…")
    return text


def claim_view(context: ClaimContext, *, markers: bool) -> RenderGroup:
    """The claim, its document's title and date, every field, and where it is compared."""
    from rich.console import Group as RenderGroup
    from rich.table import Table
    from rich.text import Text

    from .compare.sources import source_line  # the lexicon of source lines, no comparison stage
    from .view_cells import what

    claim, doc = context.claim, context.document
    fields = Table(box=None, show_header=False, pad_edge=False)
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    for field in dataclasses.fields(claim):
        name, value = field.name, getattr(claim, field.name)
        if name == "sentence":
            continue
        shown = format_number(value) if name.startswith("value") else value
        fields.add_row(name, safe_text(shown) if shown not in (None, "") else "[dim]—[/dim]")
    fields.add_row("reads as", safe_text(format_value(claim)))
    # a figure the text gives no source for is the outlet's, as every view reads it
    fields.add_row("source line", safe_text(source_line(claim.attribution, doc.source).label))
    group = context.group
    if group is not None:
        status = group.status.replace("_", " ")
        label = what(group.label, group.scope)
        fields.add_row("group", safe_text(f"{label} · {group.scope or '?'} · {status} ({group.group_id})"))
        if group.explanation and group.status != "single":
            fields.add_row("why", safe_text(group.explanation))
    else:
        fields.add_row("group", "[dim]none yet (claims group)[/dim]")
    if context.story is not None:
        fields.add_row("story", safe_text(f"{context.story.story_id}: {context.story.label}"))
    header = Text.assemble(("Claim ", "bold"), (claim.claim_id, "bold"), f" · {neutralise(claim.doc)}")
    about = [f"„{neutralise(doc.title)}“" if doc.title else "", neutralise(doc.date or "date unknown")]
    header.append(" · " + ", ".join(part for part in about if part), style="dim")
    return RenderGroup(header, highlighted_sentence(claim, markers=markers), Text(""), fields)
