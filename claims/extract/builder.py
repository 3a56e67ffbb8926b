"""Claims from what the rules read: each number with its reading, actor and part becomes a
claim with its event time, attribution and sentence; each date a claim of the event it dates."""

from __future__ import annotations

from dataclasses import replace

from ..models import Claim, DateMatch, NumberMatch, claim_id_for
from .carried import attribution_at
from .modality import is_projection
from .nobody import nobody_categories
from .noise import in_idiom, is_bare_fraction, is_name_number
from .nouns import concept_key
from .reading import Reading
from .scope import (
    counted_on,
    date_scope,
    event_of,
    scope_of,
    sentence_events,
    spoken_on,
)
from .sentences import TextContext
from .severity import injury_severity


def number_claims(
    ctx: TextContext,
    numbers: list[NumberMatch],
    readings: list[Reading | None],
    actors: list[str | None],
    parts: dict[int, tuple[str | None, str | None]],
) -> list[Claim]:
    """The claims of the numbers that count something; ``parts`` gives the detail and aspect of a part."""
    claims = []
    for i, (number, reading, actor) in enumerate(zip(numbers, readings, actors)):
        if reading is None:
            if actor is None and is_name_number(ctx, number):
                continue
            reading = Reading("count", None, None)
        if not reading.counted or number.kind != "none" and in_idiom(ctx, number) or is_bare_fraction(number, reading.category):
            continue
        if number.kind == "article" and reading.category not in ctx.vocab.casualties:
            continue  # "ein Mensch" counts only as a casualty
        if number.kind == "none" and reading.category not in nobody_categories(ctx.vocab.lang):
            continue  # "niemand" counts only what befell people
        claims.append(_number_claim(ctx, number, reading, actor, part=parts.get(i)))
    return claims


def _number_claim(
    ctx: TextContext, number: NumberMatch, reading: Reading, actor: str | None,
    part: tuple[str | None, str | None] | None,
) -> Claim:
    index = ctx.locate(number.start)
    span = ctx.span(index)
    unit = reading.unit if reading.unit is not None else number.unit
    if reading.end is not None and reading.end > number.end:
        number = replace(number, end=reading.end, text=ctx.text[number.start : reading.end])
    value, low, high = (None if v is None else v * reading.factor for v in (number.value, number.low, number.high))
    detail, aspect = reading.detail, reading.aspect
    if reading.category == ctx.vocab.graded_category and reading.concept and detail is None and aspect is None:
        detail = injury_severity(ctx.text, number, ctx.clause(number)[1], ctx.vocab)  # "drei schwer verletzt"
    if part and detail is None and aspect is None:
        detail, aspect = part  # "200 verletzt, 30 von ihnen im Krankenhaus": never compared with the whole
    if detail is None and aspect is None and reading.subject and _state_of_some(reading, ctx):
        detail = concept_key(reading.subject)  # "103 Passagiere und sieben Crewmitglieder an Bord": two counts
    counts = reading.concept and (reading.category == "count" or ctx.vocab.counts_people(reading.category))
    category, concept = reading.category, reading.concept
    if aspect is None and counts and is_capacity(ctx.text, number, ctx.clause(number)[1], ctx.vocab):
        # "licensed for 120 passengers", "für 120 Passagiere zugelassen", "which holds about 49,800":
        # a count of what a thing may hold, one concept in every language, compared only with capacities
        category, concept, aspect = "count", "capacity", "capacity"
        own = concept_key(reading.subject) if reading.subject else None
        # passengers are who it holds (no detail); a noun of no people is what it holds ("32 Gigabyte")
        detail = own if own and not ctx.vocab.noun(reading.subject).known else (None if detail == own else detail)
    if aspect is None and concept and is_projection(ctx.text, number, ctx.clause(number)[1], ctx.vocab.lang):
        aspect = "projection"  # "the toll could reach 20,000": compared only with projections
    return _claim(
        ctx, number, category, value, low, high, unit, number.qualifier,
        index, span, subject=reading.subject, concept=concept, detail=detail, aspect=aspect, actor=actor,
        scope=scope_of(ctx, index, number.start, number.end, reading.category), kind="number",
    )


def _state_of_some(reading: Reading, ctx: TextContext) -> bool:
    """True if the reading counts a state ("on board") of a named group of people, not people in general."""
    vocab = ctx.vocab
    if not any(c.state and c.concept == reading.concept for c in vocab.categories):
        return False
    return reading.subject.lower() not in vocab.people_in_general and vocab.noun(reading.subject).known


def is_capacity(text: str, number: NumberMatch, clause: tuple[int, int], vocab) -> bool:
    """True if the figure says how many a thing may hold ("licensed for 120 passengers", "für
    120 Passagiere zugelassen"), not how many there were."""
    before = " ".join(text[max(clause[0], number.start - 30) : number.start].lower().split())
    if any(before.endswith(lead) and (len(before) == len(lead) or not before[-len(lead) - 1].isalnum())
           for lead in vocab.capacity_before):
        return True
    after = text[number.end : min(clause[1], number.end + 40)].split()[1:3]  # the noun, then the word after it
    return any(word.strip(".,;:").lower() in vocab.capacity_after for word in after)


def date_claims(ctx: TextContext, dates: list[DateMatch]) -> list[Claim]:
    """A claim of each date, labelled by the event it dates."""
    claims = []
    vocab = ctx.vocab
    for found in dates:
        index = ctx.locate(found.start)
        span = ctx.span(index)
        others = tuple(d.start for d in ctx.dates_by_sentence.get(index, ()) if d is not found)
        # "police said on Tuesday", "rose to 23 on Tuesday": the day a source spoke or counted, no event's
        event = None if spoken_on(ctx, found) or counted_on(ctx, found) else \
            event_of(ctx.per_sentence("events", index, sentence_events), found.start, others, ctx.text, found.end)
        low, high = date_bounds(found)
        concept = event[0] if event else None
        # "bis mindestens 19. Januar" dates the end, not the start
        aspect = "end" if concept and found.text.lower().startswith(vocab.until_words) else None
        # Protests or clashes on two days are two events, not a conflict about one date.
        occasion = found.value if concept and concept in vocab.recurring_events else None
        claims.append(
            _claim(
                ctx, found, "date", found.value, low, high, None, found.qualifier, index, span,
                subject=event[1] if event else None, concept=concept, aspect=aspect, occasion=occasion,
                actor=None, scope=date_scope(found), kind="date",
            )
        )
    return claims


def date_bounds(found: DateMatch) -> tuple[str | None, str | None]:
    """The interval a date asserts: 'seit dem 2. Januar' has no end, 'bis zum 19. Januar' no start."""
    low = found.low or found.value
    high = found.high or found.value
    if found.qualifier == "at_least":
        return low, None
    if found.qualifier == "at_most":
        return None, high
    return low, high


def _claim(ctx, match, category, value, low, high, unit, qualifier, index, span, *, subject, concept, actor, scope, kind,
           detail=None, aspect=None, occasion=None):
    start, end = span
    if match.end > end:  # a match may run over a sentence break ("15\n Prozent"): its sentence covers both
        end = max(end, ctx.span(ctx.locate(max(match.start, match.end - 1)))[1])
    return Claim(
        claim_id=claim_id_for("", match.start, match.end),
        doc="",
        category=category,
        value=value,
        value_low=low,
        value_high=high,
        unit=unit,
        qualifier=qualifier,
        text=match.text,
        start=match.start,
        end=match.end,
        sentence=ctx.sentence_text(start, end),
        sentence_start=start,
        subject=subject,
        scope=scope,
        attribution=attribution_at(ctx, index, match.start),
        actor=actor,
        kind=kind,
        lang=ctx.lang,
        as_of=ctx.as_of,
        concept=concept,
        detail=detail,
        aspect=aspect,
        occasion=occasion,
    )
