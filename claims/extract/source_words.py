"""Words around a source phrase that attribution.py reads, and which of a sentence's sources a
figure takes (nearest_attribution): the apostrophe of a plural inside a source ("The Miners'
Association said"), a particle that makes a speech verb another verb ("Die EU sagte Soforthilfe
... zu": ``attribution.separated_particles`` of extract.yaml), the words of a source's own count
("nach eigenen Angaben"), a clause verb after a source and auxiliaries before its verb."""

from __future__ import annotations

import re

from ..lexicon import lexicon_cache
from ..lexicon.loader import load
from ..lexicon.vocabulary import Vocabulary
from .nouns import TOKEN

_CLAUSE_END = re.compile(r"[,;:](?=\s)")
APOSTROPHES = ("'", "’")


def possessive_plural(word: re.Match, mark: re.Match) -> bool:
    """True when ``mark`` is the apostrophe glued to a plural ending in s ("Workers'"), followed by a word."""
    return word.end() == mark.start() and word.group()[-1:] in "sS" and word.group()[:1].isalpha()


def particle_verb(text: str, trigger: re.Match, hi: int, lang: str) -> bool:
    """True when the verb's clause ends with a separated particle that makes it another verb
    ("sagte ... zu", "sagte ... ab": ``attribution.separated_particles``)."""
    particles = _particles(lang).get(trigger.group().strip().lower())
    if not particles:
        return False  # "Einer Umfrage zufolge lehnen 68 Prozent die Reform ab": the particle is another verb's
    stop = _CLAUSE_END.search(text, trigger.end(), hi)  # not the comma of "5,2 Millionen"
    end = stop.start() if stop else hi
    words = text[trigger.end() : end].rstrip(" .!?\"“”").split()
    return len(words) > 1 and words[-1].lower() in particles


@lexicon_cache()
def _particles(lang: str) -> dict[str, frozenset[str]]:
    table = load("extract", lang)["attribution"].get("separated_particles", {})
    return {verb.lower(): frozenset(p.lower() for p in words) for verb, words in table.items()}


@lexicon_cache()
def own_words(lang: str) -> frozenset[str]:
    """Words of a source's own count ("nach eigenen Angaben"): the source is the clause's subject."""
    return frozenset(w.lower() for w in load("extract", lang)["attribution"].get("own_words", ()))


def nearest_attribution(found: list[tuple], near: int) -> str | None:
    """Of the attributions in a sentence, the one written nearest offset ``near``; a second
    source with its verb left out (marked by a third item) only for the figures after it."""
    usable = [item for item in found if len(item) < 3 or item[0] <= near]
    if not usable:
        return None
    return min(usable, key=lambda item: abs(item[0] - near))[1]


def without_verb(source: str, trigger: re.Match, vocab: Vocabulary) -> str:
    """The source of "police had put the": the words before the verb and its auxiliaries."""
    words = source[: len(source) - len(trigger.group())].split()
    while len(words) > 1 and words[-1].lower() in vocab.attribution_between:
        words.pop()
    return " ".join(words)


def verb_follows(text: str, end: int, hi: int, vocab: Vocabulary) -> bool:
    """True if one of the lexicon's clause verbs follows ``end``: the words before it are a clause's subject."""
    following = TOKEN.search(text, end, hi)
    return following is not None and following.group().lower() in vocab.attribution_clause_verbs
