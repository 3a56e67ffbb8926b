"""A source text as HTML, with the sentences of its figures set apart and each figure's span marked.

Every character of the document goes through ``markupsafe.escape`` (after control characters and
bidi overrides are made visible, one for one, as on the terminal): the text can add no element, no
attribute and no link. The only markup is ours: ``<span class="sent">`` around a sentence that holds
a figure, ``<mark id=...>`` around the figure, whose id the report's tables link to.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..models import Claim
from ..render import neutralise
from .data import anchor


def _marks(text: str, claims: list[Claim]) -> list[tuple[int, int, list[str]]]:
    """The claims' spans that match the text, overlapping ones merged: (start, end, claim ids)."""
    spans = sorted((c.start, c.end, c.claim_id) for c in claims
                   if 0 <= c.start < c.end <= len(text) and text[c.start:c.end] == c.text)
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, claim_id in spans:
        if merged and start < merged[-1][1]:
            first, last, ids = merged[-1]
            if claim_id not in ids:
                ids.append(claim_id)
            merged[-1] = (first, max(last, end), ids)
        else:
            merged.append((start, end, [claim_id]))
    return merged


def _sentences(text: str, claims: list[Claim], marks: list[tuple[int, int, list[str]]]) -> list[tuple[int, int]]:
    """The sentences of the claims that match the text, without overlaps and not cutting a mark."""
    found = sorted({(c.sentence_start, c.sentence_start + len(c.sentence)) for c in claims if c.sentence
                    and text[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence})
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if kept and start < kept[-1][1]:
            continue
        if any(m_start < start < m_end or m_start < end < m_end for m_start, m_end, _ in marks):
            continue
        kept.append((start, end))
    return kept


def marked_text(text: str, claims: list[Claim], notes: dict[str, tuple[str, str]] | None = None) -> Markup:
    """``text`` escaped, its figures' sentences in ``span.sent`` and their spans in ``mark`` with ids.

    ``notes`` (claim id -> a tooltip and the id of its group's card) makes a marked figure a link
    back to the report's table, with the tooltip saying what the figure is read as."""
    notes = notes or {}
    shown = neutralise(text, multiline=True)  # same length: offsets still hold
    marks = _marks(text, claims)
    sentences = _sentences(text, claims, marks)
    out: list[str] = []
    position = 0

    def region(start: int, end: int) -> None:
        nonlocal position
        for m_start, m_end, ids in marks:
            if m_start >= start and m_end <= end and m_start >= position:
                out.append(escape(shown[position:m_start]))
                extra = "".join(Markup('<span id="{}"></span>').format(anchor("c", i)) for i in ids[1:])
                figure = shown[m_start:m_end]
                note = notes.get(ids[0])
                if note is not None:
                    figure = Markup('<a href="#{}" title="{}">{}</a>').format(note[1], note[0], figure)
                out.append(Markup('<mark id="{}">{}{}</mark>').format(anchor("c", ids[0]), Markup(extra), figure))
                position = m_end
        out.append(escape(shown[position:end]))
        position = end

    for start, end in sentences:
        region(position, start)
        out.append(Markup('<span class="sent">'))
        region(start, end)
        out.append(Markup("</span>"))
    region(position, len(shown))
    return Markup("").join(out)


def marked_ids(text: str, claims: list[Claim]) -> set[str]:
    """The ids of the claims whose span ``marked_text`` marks (the others link to their document)."""
    return {claim_id for _, _, ids in _marks(text, claims) for claim_id in ids}
