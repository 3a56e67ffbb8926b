"""Who a figure counts, by a phrase beside it. A plain count takes the state a phrase names
("31 miners were underground", "raising the number of survivors to 28": ``state_phrases`` of
extract.yaml), a concept of its own, no toll and no rival of another; a toll's figure of those
still in a state ("58 remained in hospital": ``fate_states``) and the last of a count ("the last
four trapped miners": ``last_words``) are parts. On board, a state whose verbs compete with the
categories', is extract.yaml's ``count_states`` (vocabulary.py, predicates.py); a capacity
("licensed for 120 passengers") is builder.is_capacity."""

from __future__ import annotations

from dataclasses import replace

from ..lexicon import lexicon_cache, load, word_set
from ..lexicon.wordlists import WordMatcher
from ..models import NumberMatch
from .nouns import CONJUNCTIONS, TOKEN, concept_key
from .numbers import is_figure
from .reading import Reading
from .sentences import TextContext

NOUN_WORDS = 2  # words between a figure and the state after it: its noun ("210 people on board")
BEFORE_WORDS = 1  # words between a state before a figure and the figure ("survivors to 28")
REACH = 50  # characters searched on each side


@lexicon_cache(maxsize=8)
def _states(lang: str, key: str = "state_phrases") -> tuple[tuple[str, WordMatcher], ...]:
    return tuple((concept, WordMatcher(words)) for concept, words in load("extract", lang).get(key, {}).items())


def fate_states(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """A toll's figure of those still in a state ("58 people remained in hospital", "zwölf Verletzte
    liegen noch im Krankenhaus": ``fate_states``) is a part of the toll with that detail, never a
    rival toll of the injured."""
    states = _states(ctx.vocab.lang, "fate_states")
    for i, number in enumerate(numbers):
        reading = readings[i]
        if not states or reading is None or reading.category not in ctx.vocab.casualties or reading.detail or reading.aspect:
            continue
        hi = ctx.clause(number)[1][1]
        found = _state_after(ctx.text, number, min(hi, number.end + REACH), states)
        if found is not None:
            readings[i] = replace(reading, detail=found[0], end=None)


def phrase_states(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """Give the plain counts a state stands beside its concept (see the module doc); a noun of
    particular people stays its detail ("zwei Besatzungsmitglieder an Bord"), people in general none."""
    states = _states(ctx.vocab.lang)
    if not states:
        return
    vocab, text = ctx.vocab, ctx.text
    for i, number in enumerate(numbers):
        reading = readings[i]
        lo, hi = ctx.clause(number)[1]
        if reading is not None and not _own_noun(text, number, reading) and reading.counted and not reading.unit:
            # a figure without a noun that took a neighbour's reading: a state right before it decides
            # ("60,000 people had gathered at the stadium, which holds about 49,800")
            found = _state_near(text, number, max(lo, number.start - REACH), number.start, states, vocab.lang)
            if found is not None:
                readings[i] = Reading("count", found[0], found[1])
            continue
        if reading is not None and (reading.category != "count" or not reading.counted or reading.aspect
                                    or reading.concept and not reading.from_noun or reading.unit):
            continue
        found = _state_near(text, number, max(lo, number.start - REACH), min(hi, number.end + REACH), states, vocab.lang)
        if found is None:
            continue
        concept, phrase = found
        noun = reading.subject if reading is not None and reading.from_noun else None
        info = vocab.noun(noun) if noun else None
        # miners, passengers, spectators are the people there; crew members and police officers a group
        general = info is None or info.person and not info.subgroup or info.category is not None
        detail = None if general or noun.lower() in vocab.people_in_general else concept_key(noun)
        base = reading or Reading("count", None, phrase)
        readings[i] = replace(base, concept=concept, detail=detail, subject=noun or phrase)


def _own_noun(text: str, number: NumberMatch, reading: Reading) -> bool:
    """True if the reading's subject is the figure's own noun, or it has none (not a neighbour's)."""
    if not reading.subject or not reading.from_noun:
        return reading.subject is None or reading.category == "count"
    return reading.subject in text[number.end : number.end + 40 + len(reading.subject)]


def _state_near(text: str, number: NumberMatch, lo: int, hi: int, states, lang: str) -> tuple[str, str] | None:
    """(concept, phrase) of a state right after the figure and its noun, or right before the figure."""
    for concept, matcher in states:  # right before the figure first: "the number of survivors to 28"
        for found in matcher.finditer(text, lo, number.start):
            between = [t.group() for t in TOKEN.finditer(text, found.end(), number.start)]
            if len(between) <= BEFORE_WORDS and not any(is_figure(t, lang) or not t[0].isalpha() for t in between):
                return concept, found.group()
    return _state_after(text, number, hi, states)


def _state_after(text: str, number: NumberMatch, hi: int, states) -> tuple[str, str] | None:
    """(concept, phrase) of a state right after the figure and its noun ("210 people on board")."""
    for concept, matcher in states:
        for found in matcher.finditer(text, number.end, hi):
            between = [t.group() for t in TOKEN.finditer(text, number.end, found.start())]
            if len(between) <= NOUN_WORDS and all(t[0].isalpha() and t.lower() not in CONJUNCTIONS for t in between):
                return concept, found.group()
            break
    return None


def last_parts(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """"the last four trapped miners were brought out alive", "die letzten vier Bergleute wurden
    gerettet": the last of a growing count are a part of it (aspect "part"), never a lower rival
    figure of it. Of the missing the last are what is left ("die letzten zwei Vermissten"): only
    plain counts take the rule."""
    words = word_set("extract", ctx.vocab.lang, "last_words")
    for i, number in enumerate(numbers):
        reading = readings[i]
        if not words or reading is None or reading.aspect or not reading.concept or reading.category != "count" \
                or not (reading.subject and ctx.vocab.noun(reading.subject).person):
            continue  # "die letzten zehn Spiele" are recent games, no part of a count of people
        before = [t.group().lower() for t in TOKEN.finditer(ctx.text, max(0, number.start - 20), number.start)]
        if before and before[-1] in words:
            readings[i] = replace(reading, aspect="part")
