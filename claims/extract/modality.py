"""Projections: figures a source says a count could or is expected to reach, not what it is
("the toll could reach 20,000", "is expected to rise to more than 50", "die Zahl der Toten könnte
auf 18.000 bis 20.000 steigen", "rechnen damit, dass die Zahl auf mehr als 10.000 steigen wird").

A figure is a projection when a verb of growth (``projections.verbs`` of extract.yaml, in its
infinitive: "reach", "rise", "steigen") stands right before it or right after it, and a word of
modality (``projections.modals``: "could", "expected", "könnte", "dürfte", "rechnen") before that
verb, both in the figure's clause. The claim keeps its category and gets the aspect
"projection": it is compared only with projections, never as a reported toll.
"""

from __future__ import annotations

import re

from ..lexicon import lexicon_cache
from ..lexicon.loader import load
from ..models import NumberMatch

VERB_REACH = 30  # characters between the verb and the figure ("could rise to as many as 20,000")
MODAL_REACH = 60  # characters between the modal word and the verb or the figure
_WORD = re.compile(r"[^\W\d_]+")
_BREAKS = ",;:!?()"  # a verb across these is another clause's


def is_projection(text: str, number: NumberMatch, clause: tuple[int, int], lang: str) -> bool:
    """True if ``number`` is what a count could or is expected to reach."""
    modals, verbs = _words(lang)
    if not modals or not verbs:
        return False
    lo = max(clause[0], number.start - VERB_REACH)
    lo = max([lo] + [i + 1 for i in range(lo, number.start) if text[i] in _BREAKS])
    before = [(m.start(), m.group().lower()) for m in _WORD.finditer(text, lo, number.start)]
    verb_at = next((at for at, word in reversed(before) if word in verbs), None)
    if verb_at is None:  # "auf 18.000 bis 20.000 steigen": the verb after the figure
        hi = min(clause[1], number.end + VERB_REACH)
        hi = next((i for i in range(number.end, hi) if text[i] in _BREAKS), hi)
        after = list(_WORD.finditer(text, number.end, hi))
        if not any(m.group().lower() in verbs for m in after[:2]):  # "auf 20.000 steigen", "1.000 Menschen sterben"
            return False
        verb_at = number.start
    window = text[max(clause[0], verb_at - MODAL_REACH) : verb_at]
    return any(word.lower() in modals for word in _WORD.findall(window))


@lexicon_cache()
def _words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    settings = load("extract", lang).get("projections", {})
    return (frozenset(w.lower() for w in settings.get("modals", ())),
            frozenset(w.lower() for w in settings.get("verbs", ())))
