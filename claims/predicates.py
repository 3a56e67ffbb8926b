"""Category predicates: the verbs and phrases that tell what happened to the counted
("16 Menschen ... ermordet", "nahm ... 1.200 Demonstranten fest"), found once per sentence
and matched to the number nearest them in its clause."""

from __future__ import annotations

from dataclasses import dataclass

from .models import NumberMatch
from .nouns import CONJUNCTIONS, TOKEN
from .numbers import parse_number
from .vocabulary import Vocabulary

# How far (in characters) a predicate may stand from the number it explains.
PREDICATE_REACH = 90


@dataclass(frozen=True, slots=True)
class PredicateHit:
    start: int
    end: int
    category: object  # vocabulary.Category
    phrase: str


def find_predicates(text: str, span: tuple[int, int], vocab: Vocabulary) -> list[PredicateHit]:
    """Every category predicate in a sentence, found in one scan (shared by its numbers)."""
    hits = []
    for found in vocab.predicates.finditer(text, *span):
        phrase = " ".join(found.group().split())
        category = next((c for c in vocab.categories if c.predicates.matches(phrase)), None)
        if category is not None:
            hits.append(PredicateHit(found.start(), found.end(), category, found.group()))
    return hits


def nearest_predicate(text: str, number: NumberMatch, clause: tuple[int, int], hits: list[PredicateHit], lang: str):
    """(distance, category, phrase) of the predicate nearest the number in its clause, or None."""
    lo = max(clause[0], number.start - PREDICATE_REACH)
    hi = min(clause[1], number.end + PREDICATE_REACH)
    best = None
    for hit in hits:
        if hit.start < lo or hit.end > hi or number.start <= hit.start < number.end:
            continue
        if hit.start < number.start and hit.end >= number.end:
            distance = 0  # a split verb around the number: "nahm ... 1.200 Demonstranten fest"
        elif hit.start >= number.end:
            penalty = crossing_penalty(text, number.end, hit.start, lang)
            distance = None if penalty is None else hit.start - number.end + penalty
        else:
            penalty = crossing_penalty(text, hit.end, number.start, lang)
            distance = None if penalty is None else number.start - hit.end + penalty
        if distance is None:
            continue
        if best is None or distance < best[0]:
            best = (distance, hit.category, hit.phrase)
    return best


def crossing_penalty(text: str, lo: int, hi: int, lang: str) -> int | None:
    """How much farther a predicate counts when something stands between it and the number.

    Across a conjunction and another number it is that number's ('100.000 gestoßen und
    drei Personen festgenommen'): None, it does not apply. Across a conjunction or a comma
    alone it applies only when nothing nearer does ('35 getötet und 120 weitere verletzt',
    '16 Menschen von Polizisten oder Schlägern ermordet', '30 getötet, darunter fünf Polizisten').
    """
    between = text[lo:hi]
    tokens = [t.group() for t in TOKEN.finditer(between)]
    if any(t.lower() in CONJUNCTIONS for t in tokens):
        if any(t[0].isdigit() or (t.isalpha() and parse_number(t, lang) is not None) for t in tokens):
            return None
        return PREDICATE_REACH
    return PREDICATE_REACH if "," in between else 0
