"""A claim's source when its own sentence names none: the next sentence names it ("... auf 52
gestiegen. Das teilte das Ministerium mit."), or the sentence goes on with the figures of the one
before ("... the minister said. Another 62 people were injured")."""

from __future__ import annotations

from ..lexicon import lexicon_cache, load
from .attribution import attributions_in
from .nouns import TOKEN
from .sentences import TextContext
from .source_words import nearest_attribution

BACK_REACH = 12  # "Das teilte", "Dies sagte": the attribution follows the opener at once


def attribution_at(ctx: TextContext, index: int, offset: int) -> str | None:
    """The source of a claim at ``offset`` in sentence ``index``: the attribution nearest it, or
    that of a next sentence which names the source of this one ("... auf 52 gestiegen. Das teilte
    das Ministerium mit."). A sentence without one that goes on with the figures of the sentence
    before ("... Health Minister Joseph Banda said. Another 62 people were injured", ``continuing``
    openers) keeps that sentence's last source."""
    found = ctx.per_sentence("attributions", index, attributions_in)
    if not found and index + 1 < len(ctx.sentences.starts) and not ctx.new_paragraph(index + 1):
        found = _told_in_next(ctx, index + 1)
    if not found and index > 0 and _continues(ctx, index):
        before = ctx.per_sentence("attributions", index - 1, attributions_in)
        return before[-1][1] if before else None
    return nearest_attribution(found, offset)


def _told_in_next(ctx: TextContext, index: int) -> list[tuple]:
    """The first attribution of sentence ``index`` when the sentence opens with a back-reference
    ("Das", "Dies") right before it: the source of the sentence before."""
    lo, hi = ctx.span(index)
    opener = TOKEN.match(ctx.text, lo)
    if opener is None or opener.group() not in ctx.vocab.attribution_back_openers:
        return []
    found = ctx.per_sentence("attributions", index, attributions_in)
    return [item[:2] for item in found[:1] if item[0] - opener.end() <= BACK_REACH]


@lexicon_cache(maxsize=4)
def _openers(lang: str) -> tuple[str, ...]:
    return tuple(" ".join(w.lower().split()) + " " for w in load("extract", lang)["attribution"].get("continuing", ()))


def _continues(ctx: TextContext, index: int) -> bool:
    """True if sentence ``index`` opens with a word that goes on with the sentence before ("Another")."""
    start = ctx.span(index)[0]
    opening = " ".join(ctx.text[start : start + 40].lower().split()) + " "
    return any(opening.startswith(o) for o in _openers(ctx.vocab.lang))
