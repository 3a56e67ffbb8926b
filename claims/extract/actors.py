"""Actors: the party a figure belongs to, by one canonical name across languages
(lexicon/data/actors.yaml). Members of an enumeration named by states ("Russland 3.000,
Weißrussland 500 ... Soldaten") are those states' figures, and so is a contingent a state sends
("Russia sent about 2,500 troops", "1.450 russische Fallschirmjäger")."""

from __future__ import annotations

import re

from ..lexicon import lexicon_cache, load
from ..models import NumberMatch
from .nouns import words_before_noun
from .reading import Reading
from .sentences import TextContext

# The name just before a number, allowing a verb in between ("Russia sent 3,000"); a state
# sending a contingent may take an auxiliary too ("Russia has sent 3,000").
_ACTOR_BEFORE = re.compile(r"([A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?)\s+(?:(?!und\b|and\b|oder\b|or\b)[a-zäöüß]+\s+)?$")
_STATE_BEFORE = re.compile(
    r"([A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?)\s+(?:(?!und\b|and\b|oder\b|or\b)[a-zäöüß]+\s+){0,2}$")


def actors_of(
    ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None], links: list[str | None]
) -> list[str | None]:
    """The canonical actor of each number, or None. ``links`` are the names between neighbouring
    members of an enumeration (see enumerations.enumeration_links)."""
    actors: list[str | None] = [None] * len(numbers)
    for i, names in enumerate(links):
        if names and names[0].isupper():  # each member is named: the names are actors
            actors[i] = actors[i] or _actor_before(ctx, numbers[i])
            actors[i + 1] = actors[i + 1] or _actor_before(ctx, numbers[i + 1])
    for i, reading in enumerate(readings):
        # "Russia sent about 2,500 troops": one state's contribution, not the force's total.
        # Only for contingents: a population or toll "in Kasachstan" is the country's own figure.
        if actors[i] is None and reading is not None and reading.category in ctx.vocab.contingents:
            actors[i] = _nationality(ctx, numbers[i], reading) or canonical_actor(_actor_before(ctx, numbers[i], _STATE_BEFORE))
    return [canonical_actor(actor) or actor for actor in actors]


def _nationality(ctx: TextContext, number: NumberMatch, reading: Reading) -> str | None:
    """The state an adjective between the number and its noun names: "1,450 Russian paratroopers"."""
    if not reading.subject:
        return None
    for word in words_before_noun(ctx.text, number.end, reading.subject, number.end + 60):
        actor = actor_of_adjective(word)
        if actor is not None:
            return actor
    return None


def _actor_before(ctx: TextContext, number: NumberMatch, pattern: re.Pattern = _ACTOR_BEFORE) -> str | None:
    """The name written just before a number, as written."""
    found = pattern.search(ctx.text, max(0, number.start - 40), number.start)
    if found is None:
        return None
    words = found.group(1).split()
    # "Der Eintritt kostet 5 Euro": a capitalised article or pronoun opens a sentence, it names no one
    openers, not_nouns = ctx.vocab.sentence_openers, ctx.vocab.not_nouns
    while words and (words[0].lower() in openers or words[0].lower() in not_nouns):
        words.pop(0)
    return " ".join(words) or None


@lexicon_cache(maxsize=1)
def _names() -> dict[str, str]:
    data = load("actors")
    names = {}
    for canonical, written in data["actors"].items():
        for name in [canonical, *written]:
            names[name.casefold()] = canonical
    return names


@lexicon_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    data = load("actors")
    endings = data.get("adjective_endings", [])
    forms = {}
    for canonical, written in data.get("adjectives", {}).items():
        for word in written:
            stem = word.rstrip("*")
            for form in [stem + e for e in endings] if word.endswith("*") else [word]:
                forms[form.casefold()] = canonical
    return forms


def actor_of_adjective(word: str) -> str | None:
    """The canonical actor an adjective of nationality names ("russische" -> "Russia"), or None."""
    return _adjectives().get(word.strip().casefold())


def canonical_actor(name: str | None) -> str | None:
    """The canonical name of a state or alliance as written ("Russland" -> "Russia"), or None."""
    if not name:
        return None
    return _names().get(name.strip().casefold())
