"""Parts named of a toll without a verb of their own: "Mehr als 300 Menschen wurden verletzt, 99
davon akute Notfälle", "161 Menschen starben. Darunter seien 47 Zivilisten und 104 Putschisten",
"The breakdown of the death toll includes: Kunar 30, Takhar 12". Each such part is the toll's
category, told apart by its noun or place (the detail), never a rival toll."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import lexicon
from ..lexicon import word_set
from ..models import NumberMatch
from .amounts import as_change, is_difference
from .carried import attribution_at
from .nouns import TOKEN, concept_key, number_of_noun_in
from .parts import figure_before, named_part, names_a_group, part_at
from .predicates import predicates_near
from .reading import Reading, joined
from .scope import sentence_events
from .sentences import TextContext

LIST_GAP = re.compile(r"\s*(?:[^\W\d_]+\s*)?(?:,|und|and|sowie|or|oder)\s*(?:[^\W\d_]+\s+){0,2}", re.IGNORECASE)
_NAME = re.compile(r"([A-ZÄÖÜ][^\W\d_]+)\s*\Z")  # "Kunar 30": the place a breakdown's figure is of


def parts_of_tolls(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """Give the figures named as parts of a toll (see the module doc) the toll's category: a part
    named by a noun is a toll of that group (detail), a bare part a part of the whole (aspect)."""
    vocab = ctx.vocab
    tolls = {ctx.locate(n.start) for n, r in zip(numbers, readings) if r is not None and r.category in vocab.casualties}
    for i, number in enumerate(numbers):
        reading = readings[i]
        if reading is not None and (reading.category != "count" or not reading.concept) and reading.counted:
            continue
        index = ctx.locate(number.start)
        if index not in tolls and index - 1 not in tolls:
            continue  # no toll in its sentence nor the one before: most figures
        whole = _toll_of(ctx, numbers, readings, i)
        if whole is None:
            continue
        readings[i] = _part(vocab, readings[whole], reading)
        for k in range(i + 1, len(numbers)):  # "47 Zivilisten und 104 Putschisten": the list's members
            member = readings[k]
            if ctx.locate(numbers[k].start) != ctx.locate(number.start) or not LIST_GAP.fullmatch(
                    ctx.text, numbers[k - 1].end, numbers[k].start) or member is None \
                    or member.category in vocab.casualties or not member.from_noun:
                break
            readings[k] = _part(vocab, readings[whole], member)


def _part(vocab, toll: Reading, own: Reading | None) -> Reading:
    """The reading of a part of ``toll`` whose own reading (from its noun) is ``own``."""
    noun = own.subject if own is not None and own.from_noun else None
    if not noun or noun.lower() in vocab.people_in_general:
        return replace(toll, aspect="part", end=None)
    return replace(toll, subject=noun, detail=joined(toll.detail, concept_key(noun)), end=None)


def _toll_of(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None], i: int) -> int | None:
    """The casualty figure number ``i`` is named a part of: the figure before it in its sentence
    ("99 davon"), or the last of the sentence before when an inclusion word opens its sentence
    ("Darunter seien 47 ...")."""
    vocab, text = ctx.vocab, ctx.text
    index = ctx.locate(numbers[i].start)
    start = ctx.span(index)[0]
    opening = text[start : numbers[i].start].split()
    if opening and opening[0].lower().strip(",") in vocab.inclusions and index > 0 and len(opening) <= 3:
        previous = [j for j in range(i) if ctx.locate(numbers[j].start) == index - 1]
        j = previous[-1] if previous else None
    elif named_part(ctx, numbers[i]):
        j = figure_before(ctx, numbers, readings, i)
    else:
        return None
    toll = readings[j] if j is not None else None
    return j if toll is not None and toll.category in vocab.casualties and toll.aspect is None else None


def back_references(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """"Die Zahl der Toten stieg auf 264. Die Zahl war bisher mit 93 angegeben": a bare figure
    after a number word without its noun counts what the last figure of the sentence before counts."""
    vocab, text = ctx.vocab, ctx.text
    for i, number in enumerate(numbers):
        if readings[i] is not None or not vocab.number_words:
            continue
        index = ctx.locate(number.start)
        before = [w.strip(".,;:").lower() for w in text[ctx.span(index)[0] : number.start].split()]
        if index == 0 or not any(w in vocab.number_words for w in before[:3]):
            continue
        previous = [j for j in range(i) if ctx.locate(numbers[j].start) == index - 1]
        toll = readings[previous[-1]] if previous else None
        if toll is not None and toll.counted and vocab.counts_people(toll.category) and toll.aspect is None:
            readings[i] = toll


def breakdowns(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """"The breakdown of the death toll includes: Kunar 30, Takhar 12": bare figures after a colon,
    each after a name, are the toll's of the clause before the colon, one per place."""
    vocab, text = ctx.vocab, ctx.text
    for i, number in enumerate(numbers):
        if readings[i] is not None and (readings[i].category != "count" or readings[i].subject):
            continue
        start = ctx.span(ctx.locate(number.start))[0]
        colon = text.rfind(":", start, number.start)
        name = _NAME.search(text, max(colon, number.start - 30), number.start) if colon >= 0 else None
        if name is None or any(c in text[colon + 1 : number.start] for c in ".;"):
            continue
        toll = next((vocab.noun(w.strip(".,")).category for w in reversed(text[start:colon].split())
                     if vocab.noun(w.strip(".,")).category is not None), None)
        if toll is not None and toll.name in vocab.casualties:
            readings[i] = Reading(toll.name, toll.concept, name.group(1), detail=concept_key(name.group(1)))


def far_number_of(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """"The number of people confirmed dead in the partial collapse of a 12-storey building near Miami
    rose to four": a bare figure right after a level verb and its target word ("rose to", "stieg
    auf") counts what the "number of" opening its clause counts, however long the phrase; a casualty
    word inside the phrase ("confirmed dead") says what befell them."""
    vocab, text = ctx.vocab, ctx.text
    for i, number in enumerate(numbers):
        if readings[i] is not None and (readings[i].category != "count" or not vocab.noun(readings[i].subject or "").person):
            continue  # a plain count of "people" after "the number of" may still be told by a verb in its phrase
        lo, _ = ctx.clause(number)[1]
        words = text[max(lo, number.start - 30) : number.start].split()
        if len(words) < 2 or words[-1].lower() not in vocab.change_targets or not vocab.level_verbs.matches(words[-2]):
            continue
        found = None
        for found in vocab.number_of.finditer(text, lo, number.start):
            pass
        noun = number_of_noun_in(text, lo, number.start, vocab) if found is not None else None
        if noun is None:
            continue
        hits = [h for h in predicates_near(ctx, number)
                if found.end() <= h.start and h.end <= number.start and h.category.name in vocab.casualties]
        category = hits[-1].category if hits else vocab.noun(noun).category
        if category is not None:
            readings[i] = Reading(category.name, category.concept, noun)
        elif readings[i] is None:
            readings[i] = Reading("count", concept_key(noun), noun)


@lexicon.lexicon_cache()
def _counted_by(lang: str) -> list[tuple[str, tuple[str, ...], frozenset[str]]]:
    """(category, source word stems, event keys) of the categories whose people a source counts."""
    return [(name, tuple(w.rstrip("*").lower() for w in c["counted_by"]["sources"]), frozenset(c["counted_by"]["events"]))
            for name, c in lexicon.load("extract", lang)["categories"].items() if c.get("counted_by")]


def counted_by_organisers(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """"eine Woche zuvor hatten die Veranstalter 1,03 Millionen Menschen gezählt", in a sentence of a
    demonstration: people in general counted by a protest's organisers (the figure's source or a word
    of its clause before it) take part in it (``counted_by`` of a category in extract.yaml)."""
    vocab, rules = ctx.vocab, _counted_by(ctx.lang)
    for i, number in enumerate(numbers):
        reading = readings[i]
        if not rules or reading is None or reading.category != "count" or (reading.subject or "").lower() not in vocab.people_in_general:
            continue
        index, clause = ctx.clause(number)
        # who counted: the figure's source, or the subject of its clause ("hatten die Veranstalter ... gezählt")
        source = f"{attribution_at(ctx, index, number.start) or ''} {ctx.text[clause[0] : number.start]}".lower()
        events = {e[2] for e in sentence_events(ctx.text, ctx.span(index), vocab)}
        for name, sources, keys in rules:
            category = next((c for c in vocab.categories if c.name == name), None)
            if category and events & keys and any(w.startswith(sources) for w in re.findall(r"[^\W\d_]+", source)):
                readings[i] = Reading(category.name, category.concept, reading.subject, from_noun=reading.from_noun)
                break


def groups_named_by_copula(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """A part of a toll that a copula names as a group is a toll of that group, beside the whole:
    "Of the 17 dead, six were children", "Seven of the dead were children", "Sechs der Toten
    waren Kinder" are dead children (detail "childr", "kind"), like "Among the dead were two
    children"; a part named no group ("Seven of the dead were identified") keeps its reading."""
    vocab, text = ctx.vocab, ctx.text
    if not word_set("extract", vocab.lang, "copulas"):
        return
    for i, number in enumerate(numbers):
        reading, base, after = readings[i], None, None
        if reading is not None and reading.category in vocab.casualties and reading.detail is None \
                and reading.aspect is None and reading.subject:
            after = _after_partitive(text, number.end, reading.subject, vocab)  # "Seven of the dead"
            base = reading if after is not None else None
        elif reading is None or reading.category == "count" and not reading.from_noun:
            whole = figure_before(ctx, numbers, readings, i)
            of = readings[whole] if whole is not None else None
            if of is not None and of.category in vocab.casualties and of.aspect is None \
                    and part_at(ctx, numbers[whole]) == number.start:  # "Of the 17 dead, six"
                base, after = of, number.end
        noun = _copula_noun(text, after, ctx.span(ctx.locate(number.start))[1], vocab) if base else None
        if noun is not None:
            detail = concept_key(noun.rsplit(None, 1)[-1])  # "police officers" as "officers", as elsewhere
            readings[i] = replace(base, subject=noun, detail=joined(base.detail, detail), end=None)


def _after_partitive(text: str, start: int, subject: str, vocab) -> int | None:
    """Where "of the dead" ends right after a figure ("Seven of the dead"), or None."""
    words = list(TOKEN.finditer(text, start, start + 60))[:4]
    for link in vocab.partitive_links:
        size = len(link.split())
        if len(words) > size and " ".join(w.group().lower() for w in words[:size]) == link \
                and words[size].group() == subject:
            return words[size].end()
    return None


def _copula_noun(text: str, start: int, end: int, vocab) -> str | None:
    """The noun of a group right after a copula at ``start`` ("were children", "waren Kinder")."""
    words = [t.group() for t in TOKEN.finditer(text, start, min(end, start + 60))][:3]
    if len(words) < 2 or words[0].lower() not in word_set("extract", vocab.lang, "copulas"):
        return None
    for noun in ([" ".join(words[1:3])] if len(words) == 3 else []) + [words[1]]:
        info = vocab.noun(noun)
        if info.subgroup and noun.lower() not in vocab.people_in_general or info.person and names_a_group(vocab, noun):
            return noun  # "were children", "were police officers" (a noun of the police is still a group)
    return None


def differences(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """A figure that took its reading from a neighbour ("21 bodies ..., four more than the toll of
    17") and is a difference ("four more than") is a change of what it counts, never its level."""
    for i, number in enumerate(numbers):
        reading = readings[i]
        if reading is not None and reading.aspect != "change" and is_difference(
                ctx.text, number, ctx.clause(number)[1], ctx.vocab):
            readings[i] = as_change(reading)
