"""Words that count a category only where its event is told (``only_at_events`` of a category
in extract.yaml): "rund 6.000 Teilnehmer" of a demonstration are protesters, "10.000
Teilnehmer" of a study, a conference or a chess tournament a plain count; "5,000 people took
part in the march" are protesters, "120 rescue workers were taking part in the operation" not.

A figure of such a category read from one of these nouns, or whose only verbs of the category
are these predicates, stays of the category when its sentence or the few before tell the event
(its event word, or a verb of the category that is not one of these), or a source that counts
only such events (a protest's organisers, a union, the police) is named in its sentence. Else it
is a plain count of its noun."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..lexicon.wordlists import WordMatcher
from ..models import NumberMatch
from .carried import attribution_at
from .nouns import TOKEN, concept_key
from .predicates import find_predicates, predicates_near
from .reading import Reading
from .scope import sentence_events
from .sentences import TextContext


@dataclass(frozen=True, slots=True)
class _Rule:
    category: str
    nouns: tuple[str, ...]  # lower-case stems
    predicates: WordMatcher
    events: frozenset[str]
    sentences_before: int
    sources: tuple[str, ...]  # lower-case stems

    def bound(self, hit) -> bool:
        """True if the predicate hit is one of the event-bound predicates."""
        return self.predicates.matches(" ".join(hit.phrase.split()))


@lexicon.lexicon_cache()
def _rules(lang: str) -> list[_Rule]:
    """The event-bound words of each category that has them."""
    rules = []
    for name, category in lexicon.load("extract", lang)["categories"].items():
        rule = category.get("only_at_events")
        if rule:
            rules.append(_Rule(name, _stems(rule.get("nouns", ())), WordMatcher(rule.get("predicates", ())),
                               frozenset(rule["events"]), rule["sentences_before"], _stems(rule.get("sources", ()))))
    return rules


def _stems(words) -> tuple[str, ...]:
    return tuple(w.rstrip("*").lower() for w in words)


def words_outside_their_events(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """Make a plain count of each figure read from event-bound words only, away from its event."""
    rules = _rules(ctx.lang)
    if not rules:
        return
    for i, number in enumerate(numbers):
        reading = readings[i]
        if reading is None or not reading.subject:
            continue
        subject = reading.subject.lower()
        rule = next((r for r in rules if r.category == reading.category), None)
        if rule is None:
            continue
        hits = [hit for hit in predicates_near(ctx, number) if hit.category.name == rule.category]
        if any(not rule.bound(hit) for hit in hits):
            continue  # "demonstrierten", "marched": a verb of the category itself
        from_noun = subject.startswith(rule.nouns) if rule.nouns else False
        if not from_noun and (not hits or ctx.vocab.noun(reading.subject).category is not None):
            continue  # read from a noun of the category ("Demonstranten nahmen teil") or from elsewhere
        if rule.sources and _counted_by(ctx, number, rule.sources):
            continue
        index = ctx.locate(number.start)
        if not any(_tells(ctx, k, rule) for k in range(max(0, index - rule.sentences_before), index + 1)):
            readings[i] = Reading("count", concept_key(reading.subject), reading.subject, from_noun=True,
                                  end=reading.end, detail=reading.detail)


def _tells(ctx: TextContext, index: int, rule: _Rule) -> bool:
    """Sentence ``index`` names one of the rule's events, or has a verb or a noun of its category
    that is not event-bound ("demonstrierten über 1.000 Menschen", "Die Demonstranten")."""
    if any(event[2] in rule.events for event in sentence_events(ctx.text, ctx.span(index), ctx.vocab)):
        return True
    hits = ctx.per_sentence("category predicates", index, find_predicates)
    if any(hit.category.name == rule.category and not rule.bound(hit) for hit in hits):
        return True
    words = TOKEN.findall(ctx.text, *ctx.span(index))
    return any(ctx.vocab.noun(w).category is not None and ctx.vocab.noun(w).category.name == rule.category
               and not w.lower().startswith(rule.nouns or ("\0",)) for w in words if w[:1].isalpha())


def _counted_by(ctx: TextContext, number: NumberMatch, sources: tuple[str, ...]) -> bool:
    """The figure's sentence names one of ``sources`` as a source or a subject ("Die Veranstalter
    sprachen von 2.000 Teilnehmern", "Das Ministerium sprach von 20.000 Teilnehmern, die
    Organisatoren von 60.000")."""
    index = ctx.locate(number.start)
    lo, hi = ctx.span(index)
    said = f"{attribution_at(ctx, index, number.start) or ''} {ctx.text[lo:hi]}".lower()
    return any(word.startswith(sources) for word in re.findall(r"[^\W\d_]+", said))
