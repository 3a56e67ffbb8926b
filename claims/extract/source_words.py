"""Words around a source phrase that attribution.py reads: the apostrophe of a plural inside a
source ("The Miners' Association said") and a particle that makes a speech verb another verb
("Die EU sagte Soforthilfe ... zu": ``attribution.separated_particles`` of extract.yaml)."""

from __future__ import annotations

import re

from ..lexicon import lexicon_cache
from ..lexicon.loader import load

_CLAUSE_END = re.compile(r"[,;:](?=\s)")
APOSTROPHES = ("'", "’")


def possessive_plural(word: re.Match, mark: re.Match) -> bool:
    """True when ``mark`` is the apostrophe glued to a plural ending in s ("Workers'"), followed by a word."""
    return word.end() == mark.start() and word.group()[-1:] in "sS" and word.group()[:1].isalpha()


def particle_verb(text: str, trigger: re.Match, hi: int, lang: str) -> bool:
    """True when the verb's clause ends with a separated particle that makes it another verb
    ("sagte ... zu", "sagte ... ab": ``attribution.separated_particles``)."""
    particles = _particles(lang)
    if not particles or " " in trigger.group().strip():
        return False
    stop = _CLAUSE_END.search(text, trigger.end(), hi)  # not the comma of "5,2 Millionen"
    end = stop.start() if stop else hi
    words = text[trigger.end() : end].rstrip(" .!?\"“”").split()
    return len(words) > 1 and words[-1].lower() in particles


@lexicon_cache()
def _particles(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load("extract", lang)["attribution"].get("separated_particles", ()))
