"""Percentages, shares, money, measures and changes: what a figure with a unit measures, and
whether it is a change of a level ("stieg um 2 Prozent") rather than the level itself."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import lexicon
from ..lexicon.vocabulary import Vocabulary
from ..models import NumberMatch
from .nouns import TOKEN, concept_key, head_noun, noun_before, noun_of, price_noun
from .numbers import is_amount_word, word_before
from .reading import Reading, joined


def percentage_reading(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading:
    subject = head_noun(text, number.end, clause[1], vocab, share=True)
    # "15 percent this year", "5 Prozent pro Jahr": a unit of time is not what is measured
    if subject is None or vocab.noun(subject).not_counted or vocab.noun(subject).duration is not None:
        subject = noun_of(text, number.start, clause[0]) or noun_before(
            text, number.start, clause[0], vocab, skip_units=True
        )
    return Reading("percentage", concept_key(subject) if subject else None, subject, unit="%")


def measure_reading(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading | None:
    """A figure with a unit of distance, depth, speed, magnitude or bearing: "70 miles off the
    coast", "in 10 km Tiefe", "a 7.8-magnitude quake", "Erdbeben der Stärke 7,8". Its category is
    ``measure`` and its concept the unit: never a count of people, compared only within its unit."""
    if not vocab.measures.groups:
        return None
    unit_word = TOKEN.match(text, number.end + len(text[number.end : number.end + 3]) - len(
        text[number.end : number.end + 3].lstrip(" -–")))
    unit = None
    if unit_word is not None and unit_word.end() <= clause[1] and vocab.measure_words.matches(unit_word.group()):
        unit = vocab.measures.key_of(unit_word.group())  # most words after a figure are no unit: one test
    if unit is None and word_before(text, number.start, clause[0]) in vocab.measure_lead_ends:
        before = " " + " ".join(text[max(clause[0], number.start - 24) : number.start].lower().split())
        unit = next((key for key, leads in vocab.measure_leads.items()
                     if any(before.endswith(" " + lead) for lead in leads)), None)
        unit_word = None
    if unit is None:
        return None
    what = noun_of(text, number.start, clause[0]) if vocab.counted_before_of else None  # "a depth of 10 km"
    if what is None and unit_word is not None and (vocab.nouns_capitalised or _linked(text, unit_word.end(), vocab)):
        what = head_noun(text, unit_word.end(), clause[1], vocab, strict=vocab.nouns_capitalised)  # "24 Tonnen Hilfsgüter", "tonnes of rice"
    subject = unit_word.group() if unit_word is not None else unit
    return Reading("measure", unit, subject, unit=unit, from_noun=True,
                   detail=concept_key(what) if what and what.lower() != unit else None)


_OF_THING = re.compile(r"\s+of\s+(?:the\s+)?([^\W\d_]+)")


@lexicon.lexicon_cache()
def _weighed(lang: str) -> dict[str, frozenset[str]]:
    return {unit: frozenset(w.lower() for w in things)
            for unit, things in lexicon.load("extract", lang).get("weighed_things", {}).items()}


def weight_reading(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading | None:
    """"3 million pounds of concrete", "300 pounds of cocaine": a currency word that is also a unit of
    weight, before "of" and a thing weighed, is a measure of that weight, not money."""
    words = number.text.split()
    unit = vocab.measures.key_of(words[-1]) if words and words[-1][0].isalpha() else None
    things = _weighed(vocab.lang).get(unit) if unit else None
    thing = _OF_THING.match(text, number.end, clause[1]) if things else None
    if thing is None or thing.group(1).lower() not in things:
        return None
    return Reading("measure", unit, words[-1], unit=unit, from_noun=True, detail=concept_key(thing.group(1)))


def _linked(text: str, end: int, vocab: Vocabulary) -> bool:
    """True if a linker ("of") follows ``end``: "110 tonnes of rice"."""
    following = text[end : end + 12].split()
    return bool(following) and following[0].lower() in vocab.linkers


def money_reading(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading:
    weight = weight_reading(text, number, clause, vocab)
    if weight is not None:
        return weight
    lo = max(clause[0], number.start - 60)
    hi = min(clause[1], number.end + 40)
    phrase = vocab.price_words.search(text, lo, hi)
    noun = price_noun(text, lo, hi, vocab)
    subject = head_noun(text, number.end, clause[1], vocab)
    if subject is not None and is_amount_word(subject, vocab.lang):
        subject = None  # "sieben statt 6,50 Euro": the currency of the next figure
    if subject is None or (phrase is not None and phrase.start() >= number.end):
        # "1000 Euro pro Jahr", "60 Cent je Aktie": the noun after is the rate's unit
        subject = noun_before(text, number.start, clause[0], vocab, skip_units=True) or subject
    if noun is not None or phrase is not None:
        # A price noun names what is priced ("den Lohn ... um 150 Euro"); after a verb ("Ein Liter
        # Diesel kostete 1,89 Euro") or a rate ("pro Jahr") the noun of the phrase does.
        if noun is None and phrase is not None and (phrase.group()[0].isupper() or subject is None):
            noun = phrase.group()
        noun = noun or subject
        return Reading("price", concept_key(noun), noun, unit=number.unit)
    return Reading("money", concept_key(subject) if subject else None, subject, unit=number.unit)


def fraction_reading(word: str, denominator: float, text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading:
    """'zwei Drittel der Parlamentarier', 'two thirds of voters': a share, as a percentage."""
    end = text.find(word, number.end, clause[1]) + len(word)
    whole = head_noun(text, end, clause[1], vocab, share=True)
    return Reading(
        "percentage", concept_key(whole) if whole else None, whole, unit="%", from_noun=True,
        factor=100.0 / denominator, end=end,
    )


def is_change(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """'stieg um 2 Prozent', 'rose by 1.5 percent': the percentage is a change, not a level; so is
    a negative percentage ("-1,2 Prozent", "−0,4 %"), as no share is below zero."""
    if number.unit == "%" and number.value < 0:
        return True
    return word_before(text, number.start, clause[0], 20) in vocab.change_markers


def is_money_change(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """'kostete um 12 Cent mehr', 'um 300 Euro teurer': a change of a price. "um" alone is not
    enough: Austrian "um 1.400 Euro" is a price ('for'); English "by" is (no such use)."""
    if not is_change(text, number, clause, vocab):
        return False
    if not vocab.money_change_needs_comparative:
        return True
    after = text[number.end : min(clause[1], number.end + 20)].split()[:2]
    return any(word.strip(".,;:").lower() in vocab.comparatives for word in after)


def is_count_change(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """'stieg um 34.000 auf 2,77 Millionen', 'ist um 5.000 gesunken', 'rose by 34,000': a change of
    a count. After "um" or "by" a verb of change must be in the clause ("kämpfen um 300 Jobs").
    A figure before a comparative and "than" is a difference too: "four more than the toll of 17",
    "zwei weniger als am Vortag"."""
    if is_difference(text, number, clause, vocab):
        return True
    if not is_change(text, number, clause, vocab):
        return False
    return vocab.change_verbs.search(text, clause[0], clause[1]) is not None


def is_difference(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """True if a comparative and a comparison lead follow a count: "four more than", "neun weniger
    als". Not a share or a sum ("mit 17,4 Prozent höher als der von Frauen" is a level), nor a
    figure an attributive lead ("mit", "with") gives a noun before it."""
    if number.kind not in ("cardinal", "decimal") or number.unit or after_attributive_lead(text, number, clause, vocab):
        return False
    after = [w.strip(".,;:").lower() for w in text[number.end : min(clause[1], number.end + 30)].split()[:2]]
    return len(after) == 2 and after[0] in vocab.comparatives and any(
        lead.split()[0] == after[1] for lead in vocab.comparison_leads)


def as_change(reading: Reading) -> Reading:
    """A change of a level is compared with changes of it, never with the level itself."""
    if reading.concept:  # a level's detail stays: the change of the toll of police officers
        return replace(reading, detail=joined(reading.detail, reading.aspect), aspect="change")
    base = concept_key(reading.subject) if reading.subject else None
    return replace(reading, concept=base, aspect="change") if base else reading


def after_attributive_lead(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """True if the number describes a noun before it: "eine Stadt mit 30.000 Einwohnern", "a city of 30,000"."""
    return word_before(text, number.start, clause[0]) in vocab.attributive_leads
