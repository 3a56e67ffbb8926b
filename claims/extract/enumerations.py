"""Enumerations and pairings: figures that share what one of them says.

Members of an enumeration share the unit of the first ("Germany pledged 2 billion euros and
France 1.5 billion") and the reading taken from a counted noun ("Russland 3.000, ... Armenien
70 Soldaten", "Russia sent 3,000 troops, Belarus 500"); a bare number paired with another takes
its unit ("sieben statt 6,50 Euro"); a figure without a noun or verb of its own counts what the
figure before it counts ("HRW sprach von mehr als 10.000", "against a police estimate of 240,000").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon.vocabulary import Vocabulary
from ..models import NumberMatch
from .nouns import is_counted_noun
from .numbers import parse_number
from .parts import figure_before, part_at
from .reading import Reading
from .sentences import TextContext

# "Russland 3.000, Weißrussland 500 ... und Armenien 70 Soldaten": what lies between two members
# of an enumeration; the first member may carry the counted noun ("Russia sent 3,000 troops, Belarus 500").
_ENUMERATION_GAP = re.compile(
    r"\s*(?P<noun>[^\W\d_][\w-]*\s*)?(?:,|und|and|sowie|&|,\s*und|,\s*and)\s*(?P<names>(?:[^\W\d_][\w-]*\s+){0,3})"
)
_PAIRING = re.compile(
    r"\s*(?:statt|anstatt|auf|oder|bis|bzw\.|beziehungsweise|und|gegenüber|to|or|and|instead of|rather than|"
    r"compared with|compared to|versus|vs\.?|-|–)\s*",
    re.IGNORECASE,
)
BORROW_REACH = 150  # how far back in its sentence a bare number looks for what it counts
_COUNT_KINDS = ("cardinal", "vague")


def share_units(ctx: TextContext, numbers: list[NumberMatch]) -> list[NumberMatch]:
    """'sieben statt 6,50 Euro', 'um 62 beziehungsweise 46 Prozent', 'von 120 auf 132 Euro':
    a bare number takes the unit of the number it is paired with; in an enumeration of named
    members ("Germany pledged 2 billion euros and France 1.5 billion") the later members take
    the unit of the first."""
    text = ctx.text
    shared = list(numbers)
    for i in range(1, len(shared)):
        first, second = shared[i - 1], shared[i]
        if first.unit is None or second.unit is not None or second.kind not in ("cardinal", "decimal"):
            continue
        gap = _ENUMERATION_GAP.fullmatch(text, first.end, second.start)
        if gap and gap.group("names")[:1].isupper():
            shared[i] = replace(second, unit=first.unit, kind=first.kind)
    for i in range(len(shared) - 2, -1, -1):
        first, second = shared[i], shared[i + 1]
        if first.unit is not None or second.unit is None or first.kind not in ("cardinal", "decimal"):
            continue
        if not _PAIRING.fullmatch(text[first.end : second.start]):
            continue
        bare_second = (
            parse_number(text[second.number_start : second.number_end], ctx.lang) if second.number_start >= 0 else None
        )
        scale = second.value / bare_second if bare_second else 1.0
        shared[i] = replace(
            first,
            value=first.value * scale,
            low=None if first.low is None else first.low * scale,
            high=None if first.high is None else first.high * scale,
            unit=second.unit,
            kind=second.kind,
        )
    return shared


def enumeration_links(ctx: TextContext, numbers: list[NumberMatch]) -> list[str | None]:
    """For each pair of neighbouring numbers, the words naming the second if both are members
    of one enumeration, else None."""
    return [_enumeration_names(ctx, a, b) for a, b in zip(numbers, numbers[1:])]


def _enumeration_names(ctx: TextContext, first: NumberMatch, second: NumberMatch) -> str | None:
    gap = ctx.text[first.end : second.start]
    if len(gap) > 40 or first.kind != second.kind:
        return None
    if ctx.locate(first.start) != ctx.locate(second.start):
        return None
    found = _ENUMERATION_GAP.fullmatch(gap)
    if not found:
        return None
    noun, names = (found.group("noun") or "").strip(), found.group("names")
    # Between members stand only the first member's noun and the next member's name
    # ("3,000 troops, Belarus 500"), not verbs ("100.000 gestoßen und hatten drei").
    vocab = ctx.vocab
    if noun and not (noun[0].isupper() if vocab.nouns_capitalised else is_counted_noun(noun, vocab)):
        return None
    if names and not names[0].isupper():
        return None
    if noun and not names:
        return None  # "Of the 500 protesters, 40 were arrested": the 40 are no member of a list
    return names


def share_readings(vocab: Vocabulary, readings: list[Reading | None], links: list[str | None]) -> None:
    """Members of an enumeration share the reading taken from a counted noun: the noun follows
    the last member in German ("Russland 3.000, ... Armenien 70 Soldaten") and the first in
    English ("Russia sent 3,000 troops, Belarus 500")."""
    for order in (range(len(links) - 1, -1, -1), range(len(links))):
        for i in order:
            if links[i] is None:
                continue
            a, b = (i, i + 1) if order.step < 0 else (i + 1, i)  # a borrows from b
            if _weaker(vocab, readings[a], readings[b]):
                readings[a] = readings[b]


def _weaker(vocab: Vocabulary, mine: Reading | None, theirs: Reading | None) -> bool:
    """True if an enumeration member should take its neighbour's reading instead of its own.

    A casualty verb of its own keeps a member's reading against another casualty: in "starben
    12 Menschen, 40 wurden verletzt" the 40 are injured, not dead.
    """
    if theirs is None or not theirs.counted:
        return False
    if mine is not None and mine.category != theirs.category and {mine.category, theirs.category} <= vocab.casualties:
        return False
    return mine is None or (not mine.from_noun and theirs.from_noun)


def borrow_readings(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """A number still unread ("..., Human Rights Watch sprach von mehr als 10.000.") takes the
    reading of the figure before it (see _reading_before)."""
    for i, reading in enumerate(readings):
        if reading is None:
            readings[i] = _reading_before(ctx, numbers, readings, i)
        elif _rival_estimate(ctx, numbers[i]):  # "..., against a police estimate of 240,000": not police
            readings[i] = _reading_before(ctx, numbers, readings, i) or reading
        elif reading.category == "count" and i and readings[i - 1] is not None and readings[i - 1].category != "count" \
                and places_listed(ctx, numbers[i - 1], numbers[i]):
            readings[i] = readings[i - 1]  # "55 of them in Wajima and 23 in Suzu": not "the number of people"


def _rival_estimate(ctx: TextContext, number: NumberMatch) -> bool:
    """True for a bare figure right after a number word and its linker ("a police estimate of
    240,000", "eine Schätzung der Polizei von 5.000" is not): what stands before that word is who
    estimated, not what is counted."""
    words = ctx.text[max(0, number.start - 40) : number.start].lower().split()
    after = ctx.text[number.end : number.end + 2].strip()
    return len(words) >= 2 and words[-1] in ctx.vocab.linkers and words[-2] in ctx.vocab.number_words \
        and (not after or not after[0].isalpha())


def _reading_before(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None], i: int) -> Reading | None:
    """A bare number (no noun, no verb of its own) counts what the figure before it in its
    sentence counts: "Die Zahl der Festnahmen wurde mit 9.900 angegeben, HRW sprach von
    mehr als 10.000"."""
    # The nearest figure that counts something decides: after "2.500 Einsatzkräften", "1.600
    # davon" are not the participants named before them.
    j = figure_before(ctx, numbers, readings, i, BORROW_REACH)
    if j is None or part_at(ctx, numbers[j]) is not None and not places_listed(ctx, numbers[j], numbers[i]):
        return None  # "Von den 300 Festgenommenen wurden 20 verurteilt": a part, not more arrests
    reading = readings[j]
    if reading.category in ("count", "duration", "measure"):
        return None  # not durations: a bare number after "drei Jahre" is seldom a number of years, nor of km
    # an article standing for one of them: "davon 47 in Nordrhein-Westfalen und einer in Bayern" (singulars.py)
    same_kind = numbers[j].kind in _COUNT_KINDS and numbers[i].kind in (*_COUNT_KINDS, "article")
    return reading if same_kind else None


_PLACE_AFTER = r"[^\W\d_]+\s+[A-ZÀ-ÖØ-Þ][\w'’-]*"  # "in Wajima", "in Nordrhein-Westfalen"
_LISTED_BEFORE = re.compile(rf"\s+(?P<prep>[^\W\d_]+)\s+[A-ZÀ-ÖØ-Þ][\w'’-]*\s*(?:,|\s(?:and|und|sowie))\s+\Z")


def places_listed(ctx: TextContext, before: NumberMatch, number: NumberMatch) -> bool:
    """True when two figures list places with one preposition ("55 of them in Wajima and 23 in
    Suzu", "davon 47 in Nordrhein-Westfalen und 12 in Bayern"): the second is the next part of
    the breakdown the first opened, and counts what it counts."""
    gap = _LISTED_BEFORE.fullmatch(ctx.text, before.end, number.start)
    if gap is None:  # the part's own words may stand between: "55 of them in Wajima and"
        gap = _LISTED_BEFORE.search(ctx.text, before.end, number.start)
        if gap is None or len(ctx.text[before.end : gap.start()].split()) > 2:
            return False
    after = re.match(_PLACE_AFTER, ctx.text[number.end : number.end + 60].lstrip())
    return after is not None and after.group().split()[0].lower() == gap.group("prep").lower() \
        and gap.group("prep").lower() in ctx.vocab.prepositions
