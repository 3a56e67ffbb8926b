"""Nouns that count a category only where its event is told: "rund 6.000 Teilnehmer" of a
demonstration are protesters, "10.000 Teilnehmer" of a study, a conference or a chess
tournament a plain count (``event_nouns`` of a category in extract.yaml)."""

from __future__ import annotations

import re

from .. import lexicon
from ..models import NumberMatch
from .carried import attribution_at
from .nouns import concept_key
from .predicates import find_predicates, predicates_near
from .reading import Reading
from .scope import sentence_events
from .sentences import TextContext


@lexicon.lexicon_cache()
def _rules(lang: str) -> list[tuple[str, tuple[str, ...], frozenset[str], int, tuple[str, ...]]]:
    """(category, noun stems, event keys, sentences before, source stems) of the categories with
    event nouns."""
    rules = []
    for name, category in lexicon.load("extract", lang)["categories"].items():
        if category.get("event_nouns"):
            rule = category["event_nouns"]
            stems = tuple(w.rstrip("*").lower() for w in rule["nouns"])
            sources = tuple(w.rstrip("*").lower() for w in rule.get("sources", ()))
            rules.append((name, stems, frozenset(rule["events"]), rule["sentences_before"], sources))
    return rules


def nouns_outside_their_events(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """A figure read from an event noun alone, with no verb of its category in its sentence, no
    source that counts only such events, and no event or verb of it in that sentence or the few
    before, is a plain count of that noun."""
    rules = _rules(ctx.lang)
    if not rules:
        return
    for i, number in enumerate(numbers):
        reading = readings[i]
        if reading is None or not reading.subject:
            continue
        subject = reading.subject.lower()
        for name, stems, events, reach, sources in rules:
            if reading.category != name or not subject.startswith(stems):
                continue
            if any(hit.category.name == name for hit in predicates_near(ctx, number)) \
                    or sources and _counted_by(ctx, number, sources):
                break
            index = ctx.locate(number.start)
            if not any(_tells(ctx, k, name, events) for k in range(max(0, index - reach), index + 1)):
                readings[i] = Reading("count", concept_key(reading.subject), reading.subject, from_noun=True,
                                      end=reading.end, detail=reading.detail)
            break


def _tells(ctx: TextContext, index: int, category: str, events: frozenset[str]) -> bool:
    """Sentence ``index`` names one of ``events`` or has a verb of ``category`` ("demonstrierten
    über 1.000 Menschen")."""
    if any(event[2] in events for event in sentence_events(ctx.text, ctx.span(index), ctx.vocab)):
        return True
    hits = ctx.per_sentence("category predicates", index, find_predicates)
    return any(hit.category.name == category for hit in hits)


def _counted_by(ctx: TextContext, number: NumberMatch, sources: tuple[str, ...]) -> bool:
    """The figure's sentence names one of ``sources`` as a source or a subject ("Die Veranstalter
    sprachen von 2.000 Teilnehmern", "Das Ministerium sprach von 20.000 Teilnehmern, die
    Organisatoren von 60.000")."""
    index = ctx.locate(number.start)
    lo, hi = ctx.span(index)
    said = f"{attribution_at(ctx, index, number.start) or ''} {ctx.text[lo:hi]}".lower()
    return any(word.startswith(sources) for word in re.findall(r"[^\W\d_]+", said))
