"""Decide what a number counts: its category, concept and subject.

The category comes from the counted noun right after the number ("2200
Verletzte") or, for nouns of people in general, from a predicate near it
("16 Menschen ... ermordet"). It never comes from any word elsewhere in the
sentence. Percentages, shares and money are read in amounts.py.
"""

from __future__ import annotations

from ..lexicon.vocabulary import Vocabulary
from ..models import NumberMatch
from .ages import age_opener_before, bracketed_age
from .amounts import (
    after_attributive_lead,
    as_change,
    fraction_reading,
    is_change,
    is_count_change,
    is_money_change,
    measure_reading,
    money_reading,
    percentage_reading,
)
from .noise import is_identifier
from .nouns import (
    concept_key,
    head_noun,
    noun_before,
    noun_of,
    number_of_noun,
    number_of_noun_in,
    words_before_noun,
)
from .numbers import is_figure, word_before
from .parts import is_partitive_whole
from .predicates import among_predicate, nearest_predicate, predicates_near
from .reading import Reading
from .sentences import TextContext
from .totals import number_of_total

_PUNCTUATION = ".,;:!?()[]{}\"'„“”»«*–-"

# How near (characters) a casualty verb must stand to count a noun the lexicon does not know.
CASUALTY_VERB_REACH = 25

def read(ctx: TextContext, number: NumberMatch) -> Reading | None:
    """What ``number`` counts; None means it needs a neighbour (enumerations) to be understood."""
    if is_identifier(ctx, number):
        return Reading("count", None, None, counted=False)
    return _read_number(ctx, number, ctx.clause(number)[1])


def _read_number(ctx: TextContext, number: NumberMatch, clause: tuple[int, int]) -> Reading | None:
    """Classify one number in its clause; the predicates of its sentence are read only when a
    verb may decide, as most numbers are read from their noun."""
    text, vocab = ctx.text, ctx.vocab
    person = bracketed_age(text, number, vocab)
    if person is not None:  # "Jeremic (40)": the age of a named person
        return Reading("count", "age", person, unit="year", from_noun=True, detail=concept_key(person))
    age = vocab.ages.search(text, number.end, min(clause[1], number.end + 16))
    if age is not None and age.start() - number.end <= 2:
        return Reading("count", "age", age.group(), unit="year", from_noun=True)
    opener = age_opener_before(text, number, clause, vocab)
    if opener is not None:  # "im Alter von 37 Jahren", "aged 37"
        return Reading("count", "age", opener, unit="year", from_noun=True)
    measure = measure_reading(text, number, clause, vocab) if number.kind in ("cardinal", "decimal") else None
    if measure is not None:  # "70 miles off the coast", "der Stärke 7,8": a unit, never people
        return measure
    if number.kind == "percent":
        reading = percentage_reading(text, number, clause, vocab)
        is_points = number.text.lower().endswith(vocab.percentage_points)
        return as_change(reading) if is_points or is_change(text, number, clause, vocab) else reading
    if number.kind == "money" or number.kind == "vague" and number.unit not in (None, "%"):  # "Milliarden Euro"
        reading = money_reading(text, number, clause, vocab)
        return as_change(reading) if is_money_change(text, number, clause, vocab) else reading
    reading = _count_reading(ctx, number, clause)
    if reading is not None and number.kind == "decimal" and vocab.counts_people(reading.category):
        # No one is 7.8 people: in "Erdbeben der Stärke 7,8 ... kamen ums Leben" the figure
        # measures the noun before it.
        what = noun_before(text, number.start, clause[0], vocab) or reading.subject  # "2,5 Menschen pro Tag"
        return Reading("count", concept_key(what) if what else None, what)
    if reading is not None and is_count_change(text, number, clause, vocab):
        return as_change(reading)
    return reading


def _count_reading(ctx: TextContext, number: NumberMatch, clause) -> Reading | None:
    """What a number that is no percentage nor money counts: its noun, its verb, or a noun before it."""
    text, vocab = ctx.text, ctx.vocab
    head = head_noun(text, number.end, clause[1], vocab)
    if head is not None and vocab.counted_before_of and not vocab.noun(head).known:
        # "a population of 47 million faces ...": the noun before "of" is what is counted
        before = noun_of(text, number.start, clause[0])
        category = vocab.noun(before).category if before else None
        if category is not None and number.value >= category.min_value:  # not "citizens of 16 countries"
            return Reading(category.name, category.concept, before)
    if text.startswith("-", number.end):
        after = text[number.end + 1 : number.end + 40].split(None, 1)
        glued = after[0].split("-", 1)[0].strip(_PUNCTUATION) if after else ""
        unit = vocab.durations.key_of(glued) if glued else None
        if unit is not None:  # "nach 14-stündiger Debatte": a duration
            return Reading("duration", unit, glued, unit=unit, from_noun=True, detail=concept_key(head) if head else None)
        if head is not None and "-" in head and vocab.noun(glued).category is not None:
            head = glued  # "390.000-Einwohner-Stadt": the figure counts the first part
    if head is not None:
        return _counted(ctx, head, number, clause)
    found = nearest_predicate(text, number, clause, predicates_near(ctx, number), vocab.lang)
    if found is not None and found[3] <= number.start:
        # "erlagen ihren Verletzungen, damit stieg die Zahl der Toten auf 16", "out alive, raising the number
        # of survivors to 28": a casualty noun (not "while police estimated it at") or a "number of" between
        between = _category_noun_before(text, number, (max(clause[0], found[3]), clause[1]), vocab)
        if between is not None and between.category in vocab.casualties:
            return between
        found = None if number_of_noun_in(text, max(clause[0], found[3]), number.start, vocab) else found
    if found is not None and number.value >= found[1].min_value:
        _, category, phrase, end = found
        # "raised to 136 the number of its people who died" (not "Zahl der bei dem Anschlag Getöteten")
        named = number_of_noun_in(text, *((number.end, end - len(phrase)) if end > number.end else (clause[0], end - len(phrase))), vocab)
        phrase = named if named and vocab.noun(named).known else _gap_closed(phrase)
        return Reading(category.name, category.concept, phrase)
    before = _category_noun_before(text, number, clause, vocab)
    if before is not None:
        return before
    counted = number_of_noun(text, number, clause, vocab)
    if counted is not None:  # "Die Zahl der Binnenflüchtlinge stieg auf 6,5 Millionen"
        category = vocab.noun(counted).category
        if category is not None:
            return Reading(category.name, category.concept, counted, from_noun=True)
    return number_of_total(ctx, number, clause) or (  # "The number of people killed in ... rose to 14"
        Reading("count", concept_key(counted), counted, from_noun=True) if counted is not None else None)


def _counted(ctx: TextContext, head: str, number: NumberMatch, clause) -> Reading:
    text, vocab = ctx.text, ctx.vocab
    denominator = vocab.fractions.get(head.lower())
    if denominator:
        return fraction_reading(head, denominator, text, number, clause, vocab)
    info = vocab.noun(head)
    if info.not_counted:
        return Reading("count", None, head, counted=False)
    if info.duration is not None:
        # What lasted is named before the number ("Amtszeit von sieben Jahren", "Rentenalter auf 60
        # Jahre"); durations of different things must not be compared.
        what = noun_before(text, number.start, clause[0], vocab, skip_units=True)
        if not what:
            return Reading("duration", None, head, unit=info.duration, from_noun=True)
        return Reading("duration", info.duration, head, unit=info.duration, from_noun=True, detail=concept_key(what))
    category = info.category
    if category is not None and number.value < category.min_value and info.person:
        category = None  # "21 Dorfbewohner werden vermisst": too few for a place, people
    if category is not None and category.name in vocab.casualties:
        # Only a worse fate overrides a casualty noun: "Ein Gefangener starb", "zwei Verletzte
        # erlagen ... ihren Verletzungen"; the dead are never arrested.
        found = None
        if category.name != vocab.fates[-1]:
            at = text.find(head, number.end, clause[1])
            others = [hit for hit in predicates_near(ctx, number) if hit.start != at]  # the noun itself may be a predicate
            found = nearest_predicate(text, number, clause, others, vocab.lang)
        if found is not None and found[0] <= CASUALTY_VERB_REACH and _worse(vocab, found[1].name, category.name):
            return Reading(found[1].name, found[1].concept, head, from_noun=True, detail=concept_key(head))
        return Reading(category.name, category.concept, head, from_noun=True)
    if category is not None or info.person:
        adjective = _casualty_adjective(text, number.end, head, clause[1], vocab)
        if adjective is not None:  # "10.000 tote russische Soldaten": the dead, not the troops
            at = text.find(head, number.end, clause[1]) + len(head)  # the verb after the noun, not the adjective
            found = nearest_predicate(text, number, clause, [h for h in predicates_near(ctx, number) if h.start >= at], vocab.lang)
            if found and found[0] <= CASUALTY_VERB_REACH + at - number.end and _worse(vocab, found[1].name, adjective.name):
                adjective = found[1]  # "Zwei schwer verletzte Bergleute starben": a worse fate overrides
            return Reading(adjective.name, adjective.concept, head, from_noun=True, detail=_subgroup(head, vocab))
    if category is None and not info.person:
        # "Gunmen killed 5 villagers", "15 Palästinenser verletzt": a noun the lexicon does not know takes a casualty
        # verb right next to it, or an "among" phrase before it, as a group of its own ("killed", "villag"): 5 villagers
        # are not compared with a toll of all people, nor 600 vultures with one ("Unter den Vermissten sind neun Argentinier").
        found = nearest_predicate(text, number, clause, predicates_near(ctx, number), vocab.lang)
        if found is not None and found[0] <= CASUALTY_VERB_REACH and found[1].name in vocab.befall_any \
                and word_before(text, number.start, clause[0]) not in vocab.prepositions \
                and not is_partitive_whole(text, number, clause, vocab, found[3]):  # "taken to three hospitals";
            category = found[1]  # "Von den 10.000 Infizierten starben 800": the verb is the part's
        if (category := category or among_predicate(ctx, number, clause)) is not None:
            return Reading(category.name, category.concept, head, from_noun=True, detail=concept_key(head))
        return Reading("count", concept_key(head), head, from_noun=True)
    found = nearest_predicate(text, number, clause, predicates_near(ctx, number), vocab.lang)
    if found is not None and (number.value < found[1].min_value or is_partitive_whole(text, number, clause, vocab, found[3])):
        found = None
    if category is not None:
        # "16 Soldaten wurden getötet": a casualty predicate beats a noun of people.
        casualties = vocab.casualties
        if found and found[1].name != category.name and found[1].name in casualties and category.name not in casualties:
            return _with_predicate(found[1], head, vocab)
        if (found and category.yields_to_verbs and found[1] is not category and found[0] <= CASUALTY_VERB_REACH
                and (not after_attributive_lead(text, number, clause, vocab) or _lead_is_predicates(text, number, found))):
            # "30.000 Bewohner wurden evakuiert", "Tausende Einwohner gingen auf die Straße": residents
            # who did something are no population figure
            return Reading(found[1].name, found[1].concept, head, from_noun=True)
        return Reading(category.name, category.concept, head, from_noun=True)
    general = head.lower() in vocab.people_in_general or info.subgroup  # people in general or a subgroup of them
    if info.person and found is not None and not (found[1].general_only and not general):
        return _with_predicate(found[1], head, vocab)  # not "60,000 rescue workers were sent": no troops
    category = _whole_before_lead(text, number, clause, vocab) if info.person else None
    if category is None and head.lower() in vocab.strength_nouns and number.value > 1 and vocab.strength_cues.search(
            text, *ctx.span(ctx.locate(number.start))):  # "Das Kontingent umfasst 2.250 Mann"
        category = next((c for c in vocab.categories if c.name == vocab.strength_category), None)
    if category is not None and category.name not in vocab.casualties:  # "die Truppe mit 1.800 Männern"
        return Reading(category.name, category.concept, head, from_noun=True)
    return Reading("count", concept_key(head), head, from_noun=True)


def _lead_is_predicates(text: str, number: NumberMatch, found) -> bool:
    """The lead before the number ends the predicate found ("the evacuation of 60,000 residents",
    "die Evakuierung von 60.000 Einwohnern"), so the number is the predicate's, not the town's."""
    return found[3] <= number.start and not text[found[3] : number.start].strip()


def _whole_before_lead(text: str, number: NumberMatch, clause, vocab: Vocabulary):
    """The category of the noun right before an attributive lead before the number: "die Truppe
    mit 1.800 Männern" counts troops (the men are the troop's strength)."""
    if not after_attributive_lead(text, number, clause, vocab):
        return None
    words = text[max(clause[0], number.start - 60) : number.start].split()
    return vocab.noun(words[-2].strip(_PUNCTUATION)).category if len(words) >= 2 else None


def _casualty_adjective(text: str, start: int, head: str, limit: int, vocab: Vocabulary):
    """The casualty category of a lower-case word between a number and its noun ("tote", "verletzte",
    "festgenommene"), or None."""
    for word in words_before_noun(text, start, head, limit):
        if word[:1].islower():
            category = vocab.noun(word).category
            if category is not None and category.name in vocab.casualties:
                return category
    return None


def _gap_closed(phrase: str) -> str:
    """A split verb as its subject names it: "nahmen … teil", not "nahmen 250.000 Menschen an der
    Kundgebung teil" (the gap holds another figure and its noun)."""
    words = phrase.split()
    return f"{words[0]} … {words[-1]}" if len(words) > 3 and any(ch.isdigit() for ch in phrase) else phrase


def _with_predicate(category, head: str, vocab: Vocabulary) -> Reading:
    return Reading(category.name, category.concept, head, from_noun=True, detail=_subgroup(head, vocab))


def _subgroup(head: str, vocab: Vocabulary) -> str | None:
    """No detail for people in general, ``polizist`` for a subgroup of them (killed police officers)."""
    # "police officers" (a noun of two words) are a subgroup as "officers" are
    return concept_key(head.rsplit(None, 1)[-1]) if vocab.noun(head).subgroup else None


def _worse(vocab: Vocabulary, fate: str, than: str) -> bool:
    """True if casualty category ``fate`` is worse than ``than`` (the lexicon's fates run from the
    mildest to the worst: arrested < injured < dead)."""
    return fate in vocab.fates and vocab.fates.index(fate) > vocab.fates.index(than)


def _category_noun_before(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> Reading | None:
    """'Die Zahl der Toten stieg auf 50': the counted noun stands before the number; farther back
    than six words ("The death toll from the earthquakes in Turkey and Syria has passed 11,000")
    only with no other figure between."""
    words = text[max(clause[0], number.start - 90) : number.start].split()[-10:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i].strip(_PUNCTUATION)
        if len(words) - i > 6 and is_figure(word, vocab.lang):
            return None
        if not word or vocab.nouns_capitalised and not word[0].isupper() or word.lower() in vocab.not_nouns:
            continue  # German nouns are capitalised: "auszugleichen" is no compound of "Leichen"
        category = vocab.noun(word).category
        if category is not None:
            if i > 0 and is_figure(words[i - 1], vocab.lang):
                return None  # "Von den 300 Festgenommenen wurden 20 verurteilt": the 300's noun
            return Reading(category.name, category.concept, word)
    return None
