"""Decide what a number counts: its category, concept and subject.

The category comes from the counted noun right after the number ("2200
Verletzte") or, for nouns of people in general, from a predicate near it
("16 Menschen ... ermordet"). It never comes from any word elsewhere in the
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..models import NumberMatch
from .nouns import (
    CONJUNCTIONS,
    TOKEN,
    concept_key,
    head_noun,
    noun_before,
    noun_of,
    number_of_noun,
    price_noun,
    words_before_noun,
)
from .numbers import is_amount_word, is_figure, word_before
from .predicates import PredicateHit, nearest_predicate
from ..lexicon.vocabulary import Vocabulary

_PUNCTUATION = ".,;:!?()[]{}\"'„“”»«*–-"
# Categories of what happened to people: no other verb or noun overrides them.
CASUALTIES = frozenset(("deaths", "injuries", "arrests"))
# How near (characters) a casualty verb must stand to count a noun the lexicon does not know.
CASUALTY_VERB_REACH = 25
# "246 der nach Behördenangaben 350": words between a partitive link and the whole it names.
PARTITIVE_GAP = 3
PARTITIVE_REACH = 80  # characters after a clause-opening whole ("Von 500 ...") searched for its part
PARTITIVE_NEAR = 24  # the same within a clause: "nahm von 500 Demonstranten 40 fest"
SEVERITY_REACH = 8  # words after a figure searched for how badly its injured are hurt
_INFLECTIONS = ("", "e", "en", "er", "es", "em")  # "schwere Verletzungen", "lebensgefährlichen"
_WORD = re.compile(r"\S+")
_NAME = r"[A-ZÄÖÜ][^\W\d_]*(?:[-'’][^\W\d_]+)?"
_NAME_BRACKET = re.compile(rf"(?<!\w)({_NAME})\s+({_NAME})\s?\(\Z")  # "Vuk Jeremic (" before an age
_NAME_COMMA = re.compile(rf"(?<!\w)({_NAME})\s+({_NAME}),\s?\Z")  # "Irakli Kobakhidze, " before ", 46,"


@dataclass(frozen=True, slots=True)
class Reading:
    """What a number counts."""

    category: str
    concept: str | None
    subject: str | None
    unit: str | None = None
    counted: bool = True  # False: not a claim ("Dutzende Male mehr", "zwei Gründe")
    from_noun: bool = False  # read from the counted noun, not only from a verb near it
    factor: float = 1.0  # "zwei Drittel": the number times 100/3 is a percentage
    end: int | None = None  # where the claim ends when a word after the number belongs to it


def read_number(
    text: str,
    number: NumberMatch,
    clause: tuple[int, int],
    vocab: Vocabulary,
    predicates: Callable[[], list[PredicateHit]],
) -> Reading | None:
    """Classify one number; None means it needs a neighbour (enumerations) to be understood.

    ``predicates()`` gives the predicates of the number's sentence (see find_predicates); it
    is called only when a verb may decide, as most numbers are read from their noun.
    """
    person = _bracketed_age(text, number, vocab)
    if person is not None:  # "Jeremic (40)": the age of a named person
        return Reading("count", f"age:{concept_key(person)}", person, unit="year", from_noun=True)
    age = vocab.ages.search(text, number.end, min(clause[1], number.end + 16))
    if age is not None and age.start() - number.end <= 2:
        return Reading("count", "age", age.group(), unit="year", from_noun=True)
    opener = _age_opener_before(text, number, clause, vocab)
    if opener is not None:  # "im Alter von 37 Jahren", "aged 37"
        return Reading("count", "age", opener, unit="year", from_noun=True)
    if number.kind == "percent":
        reading = _percentage(text, number, clause, vocab)
        is_points = number.text.lower().endswith(vocab.percentage_points)
        return _as_change(reading) if is_points or _is_change(text, number, clause, vocab) else reading
    if number.kind == "money" or number.kind == "vague" and number.unit not in (None, "%"):  # "Milliarden Euro"
        reading = _money(text, number, clause, vocab)
        return _as_change(reading) if _is_money_change(text, number, clause, vocab) else reading
    reading = _count_reading(text, number, clause, vocab, predicates)
    if reading is not None and number.kind == "decimal" and counts_people(reading.category, vocab):
        # No one is 7.8 people: in "Erdbeben der Stärke 7,8 ... kamen ums Leben" the figure
        # measures the noun before it.
        what = noun_before(text, number.start, clause[0], vocab) or reading.subject  # "2,5 Menschen pro Tag"
        return Reading("count", concept_key(what) if what else None, what)
    if reading is not None and _is_count_change(text, number, clause, vocab):
        return _as_change(reading)
    return reading


def _count_reading(text: str, number: NumberMatch, clause, vocab: Vocabulary, predicates) -> Reading | None:
    """What a number that is no percentage nor money counts: its noun, its verb, or a noun before it."""
    head = head_noun(text, number.end, clause[1], vocab)
    if head is not None and vocab.lang == "en" and not vocab.noun(head).known:
        # "a population of 47 million faces ...": the noun before "of" is what is counted
        before = noun_of(text, number.start, clause[0])
        category = vocab.noun(before).category if before else None
        if category is not None:
            return Reading(category.name, category.concept, before)
    if head is not None:
        return _counted(head, text, number, clause, vocab, predicates)
    found = nearest_predicate(text, number, clause, predicates(), vocab.lang)
    if found is not None and number.value >= found[1].min_value:
        _, category, phrase, _ = found
        return Reading(category.name, category.concept, phrase)
    before = _category_noun_before(text, number, clause, vocab)
    if before is not None:
        return before
    counted = number_of_noun(text, number, clause, vocab)
    if counted is not None:  # "Die Zahl der Binnenflüchtlinge stieg auf 6,5 Millionen"
        category = vocab.noun(counted).category
        if category is not None:
            return Reading(category.name, category.concept, counted, from_noun=True)
        return Reading("count", concept_key(counted), counted, from_noun=True)
    return None


def counts_people(category: str, vocab: Vocabulary) -> bool:
    """True for the lexicon's categories of people (deaths, troops, ...), not count or duration."""
    return category != "count" and any(c.name == category for c in vocab.categories)


def _age_opener_before(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> str | None:
    """The last word of an age opener ending right before the number, which must start a word:
    "im Alter von 37", not "die Veranstalter von 350.000"."""
    before = " " + text[max(clause[0], number.start - 24) : number.start].lower().rstrip()
    for opener in vocab.age_openers:
        if before.endswith(opener) and not before[-len(opener) - 1].isalnum():
            return opener.rsplit(None, 1)[-1]
    return None


def _is_change(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """'stieg um 2 Prozent', 'rose by 1.5 percent': the percentage is a change, not a level."""
    return word_before(text, number.start, clause[0], 20) in vocab.change_markers


def _is_money_change(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """'kostete um 12 Cent mehr', 'um 300 Euro teurer': a change of a price. "um" alone is not
    enough: Austrian "um 1.400 Euro" is a price ('for'); English "by" is (no such use)."""
    if not _is_change(text, number, clause, vocab):
        return False
    if vocab.lang == "en":
        return True
    after = text[number.end : min(clause[1], number.end + 20)].split()[:2]
    return any(word.strip(".,;:").lower() in vocab.comparatives for word in after)


def _is_count_change(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """'stieg um 34.000 auf 2,77 Millionen', 'ist um 5.000 gesunken', 'rose by 34,000': a change of
    a count. After "um" or "by" a verb of change must be in the clause ("kämpfen um 300 Jobs")."""
    if not _is_change(text, number, clause, vocab):
        return False
    return vocab.change_verbs.search(text, clause[0], clause[1]) is not None


def _as_change(reading: Reading) -> Reading:
    """A change of a level is compared with changes of it, never with the level itself."""
    base = reading.concept or (concept_key(reading.subject) if reading.subject else None)
    return replace(reading, concept=f"{base}:change") if base else reading


def _bracketed_age(text: str, number: NumberMatch, vocab: Vocabulary) -> str | None:
    """The surname in "Vuk Jeremic (40)", "Irakli Kobakhidze, 46, said": a person's age in brackets
    or commas after a first and last name (one capitalised word could be any German noun: "die
    Kosten (40)")."""
    closing = text[number.end : number.end + 1]
    if closing not in ("),") or not number.text.isdigit() or not 0 < number.value <= 120:
        return None
    opening = _NAME_BRACKET if closing == ")" else _NAME_COMMA
    found = opening.search(text, max(0, number.start - 60), number.start)
    if found is None or any(name.lower() in vocab.not_nouns for name in found.groups()):
        return None
    return found.group(2)


def _counted(
    head: str, text: str, number: NumberMatch, clause, vocab: Vocabulary, predicates: Callable[[], list[PredicateHit]]
) -> Reading:
    denominator = vocab.fractions.get(head.lower())
    if denominator:
        return _fraction(head, denominator, text, number, clause, vocab)
    info = vocab.noun(head)
    if info.not_counted:
        return Reading("count", None, head, counted=False)
    if info.duration is not None:
        # What lasted is named before the number ("Amtszeit von sieben Jahren", "Rentenalter auf 60
        # Jahre"); durations of different things must not be compared.
        what = noun_before(text, number.start, clause[0], vocab, skip_units=True)
        concept = f"{info.duration}:{concept_key(what)}" if what else None
        return Reading("duration", concept, head, unit=info.duration, from_noun=True)
    category = info.category
    if category is not None and _is_casualty(category.name):
        # Only a worse fate overrides a casualty noun: "Ein Gefangener starb", "zwei Verletzte
        # erlagen ... ihren Verletzungen"; the dead are never arrested.
        found = None
        if category.name != "deaths":
            at = text.find(head, number.end, clause[1])
            others = [hit for hit in predicates() if hit.start != at]  # the noun itself may be a predicate
            found = nearest_predicate(text, number, clause, others, vocab.lang)
        if found is not None and found[0] <= CASUALTY_VERB_REACH and _worse(found[1].name, category.name):
            return Reading(found[1].name, f"{found[1].concept}:{concept_key(head)}", head, from_noun=True)
        return Reading(category.name, category.concept, head, from_noun=True)
    if category is not None or info.person:
        adjective = _casualty_adjective(text, number.end, head, clause[1], vocab)
        if adjective is not None:  # "10.000 tote russische Soldaten": the dead, not the troops
            return Reading(adjective.name, _concept(adjective.concept, head, vocab), head, from_noun=True)
    if category is None and not info.person:
        # "Gunmen killed 5 villagers", "15 Palästinenser verletzt": a noun the lexicon does not
        # know takes a casualty verb right next to it, as a group of its own ("killed:villag"):
        # 5 villagers are not compared with a toll of all people, nor 600 vultures with one.
        found = nearest_predicate(text, number, clause, predicates(), vocab.lang)
        if found is not None and found[0] <= CASUALTY_VERB_REACH and _is_casualty(found[1].name):
            category = found[1]
            return Reading(category.name, f"{category.concept}:{concept_key(head)}", head, from_noun=True)
        return Reading("count", concept_key(head), head, from_noun=True)
    found = nearest_predicate(text, number, clause, predicates(), vocab.lang)
    if found is not None and (number.value < found[1].min_value or is_partitive_whole(text, number, clause, vocab, found[3])):
        found = None
    if category is not None:
        # "16 Soldaten wurden getötet": a casualty predicate beats a noun of people.
        if found and found[1].name != category.name and _is_casualty(found[1].name) and not _is_casualty(category.name):
            return _with_predicate(found[1], head, vocab)
        if (found and category.yields_to_verbs and found[1] is not category and found[0] <= CASUALTY_VERB_REACH
                and not _after_attributive_lead(text, number, clause, vocab)):
            # "30.000 Bewohner wurden evakuiert", "Tausende Einwohner gingen auf die Straße": residents
            # who did something are no population figure
            return Reading(found[1].name, found[1].concept, head, from_noun=True)
        return Reading(category.name, category.concept, head, from_noun=True)
    if info.person and found is not None:
        return _with_predicate(found[1], head, vocab)
    return Reading("count", concept_key(head), head, from_noun=True)


def is_partitive_whole(text: str, number: NumberMatch, clause, vocab: Vocabulary, verb_end: int | None = None) -> bool:
    """True if the number is the whole another figure is part of, so a verb is the part's."""
    return partitive_part(text, number, clause, vocab, verb_end) is not None


def partitive_part(text: str, number: NumberMatch, clause, vocab: Vocabulary, verb_end: int | None = None) -> int | None:
    """Where the figure stands that is part of the number, if the number is such a whole.

    A figure and a link stand before it, maybe a few words between: "32 der 4.200 Passagiere",
    "246 der nach Behördenangaben 350 Passagiere", "two of the 40 miners". Or a link opens the
    clause and a figure follows: "Von 500 Demonstranten wurden 40 festgenommen", "Of the 500
    protesters, 40 were arrested". A verb is the whole's in a relative clause or in the whole's
    phrase before a comma: "Unter den sechs Menschen, die verwundet wurden, waren drei ...",
    "Among the 120 people killed, 30 were children" (``verb_end``: its end).
    """
    lo = max(clause[0], number.start - 60)
    words = [(m.start(), m.group().lower()) for m in _WORD.finditer(text, lo, number.start)]
    if not words:
        return None
    for link in vocab.partitive_links:
        size = link.count(" ") + 1
        for gap in range(min(PARTITIVE_GAP, len(words) - size) + 1):
            at = len(words) - gap - size  # where the link starts among the words
            if any(is_figure(w, vocab.lang) or w[-1] in ",.;" for _, w in words[at + size :]):
                break  # the link belongs to another figure, or the phrase ended
            if " ".join(w for _, w in words[at : at + size]) != link:
                continue
            if at > 0 and is_figure(words[at - 1][1].rstrip(","), vocab.lang):
                return words[at - 1][0]
            # "Von (insgesamt) 500 Demonstranten wurden 40 ...", "nahm von 500 Demonstranten 40 fest"
            opens = at == 0 and link in vocab.partitive_openers and _opens_clause(text, clause[0], words[0][0])
            if not opens and gap > 0:
                continue
            end = clause[1]
            if verb_end is not None and verb_end > number.end and _relative_between(text, number.end, verb_end, vocab):
                end = min(end, verb_end)  # a verb in a relative clause is the whole's, unless the part is before it
            part = _figure_after(text, number.end, end, vocab, PARTITIVE_REACH if opens else PARTITIVE_NEAR, not opens)
            if part is not None and verb_end is not None and number.end < verb_end <= part and "," in text[verb_end:part]:
                return None  # the verb ends the whole's phrase: "Among the 120 people killed, 30 were children"
            if part is not None:
                return part
    return None


def _relative_between(text: str, start: int, end: int, vocab: Vocabulary) -> bool:
    """True if a comma or a relative pronoun stands between ``start`` and ``end``."""
    between = text[start:end]
    return "," in between or any(w.lower() in vocab.relative_pronouns for w in between.split())


def _opens_clause(text: str, clause_start: int, at: int) -> bool:
    """True if only opening punctuation, or a comma, stands between the clause start and ``at``."""
    before = text[max(clause_start, at - 40) : at].rstrip(" \t\"'„“»«(")
    return at - 40 <= clause_start and not before or before.endswith(",")


def _figure_after(text: str, start: int, end: int, vocab: Vocabulary, reach: int, stop_at_break: bool) -> int | None:
    """Where a figure stands within ``reach`` characters after ``start`` in its clause (and
    before a comma or semicolon, with ``stop_at_break``), if one does and ends no change."""
    previous = ""
    for token in TOKEN.finditer(text, start, min(end, start + reach)):
        word = token.group()
        if is_figure(word, vocab.lang):
            return None if previous.lower() in vocab.change_targets else token.start()
        if stop_at_break and word in ",;":
            return None  # "von 45.000 Teilnehmern, davon 16.000 in Duisburg": a part, after a break
        previous = word
    return None


def injury_severity(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> str | None:
    """How badly the injured the number counts are hurt ("serious", "critical", "light"), if its
    clause says: "drei Menschen wurden schwer verletzt", "zwei Schwerverletzte", "twelve slightly
    injured, three seriously"."""
    if not vocab.injury_severities:
        return None
    tokens = [t.group().lower() for t in TOKEN.finditer(text, number.end, clause[1])][:SEVERITY_REACH + 1]
    for k, word in enumerate(tokens[:SEVERITY_REACH]):
        if is_figure(word, vocab.lang) or word in ",;" or word in vocab.injury_partial:
            return None  # the next figure's or clause's words; "70 zum Teil schwer verletzt": all 70 are injured
        following = tokens[k + 1] if k + 1 < len(tokens) else "."
        for severity, level in vocab.injury_severities.items():
            if not word.startswith(severity):
                continue
            rest = word[len(severity):]
            if rest.startswith(vocab.injury_stems):  # "Schwerverletzte", "schwerstverletzt"
                return level
            if rest in _INFLECTIONS and (following.startswith(vocab.injury_stems) or following in CONJUNCTIONS
                                         or following in _PUNCTUATION):
                return level  # "schwer verletzt", "schwere Verletzungen", "drei schwer."
    return None


def _casualty_adjective(text: str, start: int, head: str, limit: int, vocab: Vocabulary):
    """The casualty category of a lower-case word between a number and its noun ("tote", "verletzte",
    "festgenommene"), or None."""
    for word in words_before_noun(text, start, head, limit):
        if word[:1].islower():
            category = vocab.noun(word).category
            if category is not None and _is_casualty(category.name):
                return category
    return None


def _fraction(word: str, denominator: float, text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading:
    """'zwei Drittel der Parlamentarier', 'two thirds of voters': a share, as a percentage."""
    end = text.find(word, number.end, clause[1]) + len(word)
    whole = head_noun(text, end, clause[1], vocab, share=True)
    return Reading(
        "percentage", concept_key(whole) if whole else None, whole, unit="%", from_noun=True,
        factor=100.0 / denominator, end=end,
    )


def _after_attributive_lead(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> bool:
    """True if the number describes a noun before it: "eine Stadt mit 30.000 Einwohnern", "a city of 30,000"."""
    return word_before(text, number.start, clause[0]) in vocab.attributive_leads


def _with_predicate(category, head: str, vocab: Vocabulary) -> Reading:
    return Reading(category.name, _concept(category.concept, head, vocab), head, from_noun=True)


def _concept(base: str, head: str, vocab: Vocabulary) -> str:
    """``killed`` for people in general, ``killed:polizist`` for a subgroup of them."""
    if vocab.noun(head).subgroup:
        return f"{base}:{concept_key(head)}"
    return base


_FATE_ORDER = ("arrests", "injuries", "deaths")


def _worse(fate: str, than: str) -> bool:
    """True if casualty category ``fate`` is worse than ``than``: arrested < injured < dead."""
    return fate in _FATE_ORDER and _FATE_ORDER.index(fate) > _FATE_ORDER.index(than)


def _is_casualty(category: str) -> bool:
    return category in CASUALTIES


def _category_noun_before(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading | None:
    """'Die Zahl der Toten stieg auf 50': the counted noun stands before the number."""
    words = text[max(clause[0], number.start - 60) : number.start].split()[-6:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i].strip(_PUNCTUATION)
        if not word or vocab.lang == "de" and not word[0].isupper() or word.lower() in vocab.not_nouns:
            continue  # German nouns are capitalised: "auszugleichen" is no compound of "Leichen"
        category = vocab.noun(word).category
        if category is not None:
            if i > 0 and is_figure(words[i - 1], vocab.lang):
                return None  # "Von den 300 Festgenommenen wurden 20 verurteilt": the 300's noun
            return Reading(category.name, category.concept, word)
    return None


def _percentage(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading:
    subject = head_noun(text, number.end, clause[1], vocab, share=True)
    # "15 percent this year", "5 Prozent pro Jahr": a unit of time is not what is measured
    if subject is None or vocab.noun(subject).not_counted or vocab.noun(subject).duration is not None:
        subject = noun_of(text, number.start, clause[0]) or noun_before(
            text, number.start, clause[0], vocab, skip_units=True
        )
    return Reading("percentage", concept_key(subject) if subject else None, subject, unit="%")


def _money(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading:
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

