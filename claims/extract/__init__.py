"""Text -> claims: the extraction stage.

``extract_claims`` is a pure function with no database. ``_extract`` is a plain sequence of
stages, each in its own module and each taking the per-text context (sentences.TextContext):
find numbers and dates (numbers/, dates/), drop noise (noise.py) and decide which bare years are
counts (years.py), add casualties of one (singulars.py), share units across pairs and
enumerations (enumerations.py), decide what each number counts (classify.py with ages.py, amounts.py), let
enumeration members and bare numbers share readings, name actors (actors.py), find parts of
wholes (parts.py), and build the claims with their event time (scope.py) and source
(attribution.py) in builder.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..errors import UnsupportedLanguage
from ..lexicon import LANGUAGES
from ..lexicon.language import detect_language
from ..lexicon.vocabulary import vocabulary
from ..models import MAX_CLAIMS, Claim, claim_id_for
from .actors import actors_of
from .builder import date_claims, number_claims
from .classify import read
from .dates import find_dates
from .enumerations import (
    borrow_readings,
    enumeration_links,
    share_readings,
    share_units,
)
from .event_bound import words_outside_their_events
from .inclusions import (
    back_references,
    breakdowns,
    counted_by_organisers,
    differences,
    far_number_of,
    groups_named_by_copula,
    parts_of_tolls,
)
from .nobody import find_nobody, without_nobody
from .noise import NoiseChecker, is_identifier, is_metadata_date, is_ordinal
from .numbers import find_numbers
from .parts import parts_keep_their_whole, parts_of_wholes, people_among_casualties
from .places import add_places
from .presence import fate_states, last_parts, phrase_states
from .scope import find_scope_dates
from .sentences import TextContext, split_sentences
from .singulars import find_singulars
from .years import resolve_years, without_yearless_dates

__all__ = ["CHUNK_CHARS", "extract_claims"]

CHUNK_CHARS = 200_000  # longer documents are read a chunk at a time


def extract_claims(text: str, *, lang: str | None = None, doc_date: str | date | None = None) -> list[Claim]:
    """Every quantitative and dated claim in ``text``, in document order.

    ``lang`` is "de" or "en" (guessed when None). ``doc_date`` is the
    publication date (ISO string at day, month or year precision, or a
    ``datetime.date``); year-less dates are resolved against it and it is the
    default event time of the claims.
    """
    lang = lang or detect_language(text)
    if lang not in LANGUAGES:
        raise UnsupportedLanguage(f"language {lang!r} is not supported; use one of {', '.join(LANGUAGES)}")
    as_of = doc_date.isoformat() if isinstance(doc_date, date) else doc_date
    if len(text) <= CHUNK_CHARS:
        return _extract(text, lang, as_of)[:MAX_CLAIMS]
    # A very long document is read a chunk at a time, cut between sentences: what a claim
    # means is decided within its sentence, and memory stays bounded however long the text.
    claims: list[Claim] = []
    for start, end in _chunks(text):
        claims.extend(_shifted(claim, start) for claim in _extract(text[start:end], lang, as_of))
        if len(claims) >= MAX_CLAIMS:
            break
    return claims[:MAX_CLAIMS]


def _chunks(text: str):
    """(start, end) pieces of at most CHUNK_CHARS, ending at a paragraph, a sentence or a space."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            floor = end - CHUNK_CHARS // 10
            for mark in ("\n\n", ". ", "\n", " "):
                cut = text.rfind(mark, floor, end)
                if cut > start:
                    end = cut + len(mark)
                    break
        yield start, end
        start = end


def _shifted(claim: Claim, offset: int) -> Claim:
    start, end = claim.start + offset, claim.end + offset
    return replace(
        claim, start=start, end=end, sentence_start=claim.sentence_start + offset, claim_id=claim_id_for("", start, end)
    )


def _extract(text: str, lang: str, as_of: str | None) -> list[Claim]:
    vocab = vocabulary(lang)
    noise = NoiseChecker(text)
    sentences = split_sentences(text, vocab)
    numbers = [n for n in find_numbers(text, lang) if n.kind != "ordinal" and not noise.overlaps(n.start, n.end)]
    numbers, dates = resolve_years(text, numbers, find_dates(text, lang, as_of), vocab)
    if as_of is None:
        numbers = without_yearless_dates(text, lang, numbers, find_dates)
    # Metadata dates go only after numbers inside them are gone: "January 7, 2022" is no count of 7.
    dates = [d for d in dates if not is_metadata_date(text, d, noise, vocab)]
    numbers = sorted(numbers + find_singulars(text, numbers, sentences, vocab), key=lambda n: n.start)
    numbers = without_nobody(numbers, find_nobody(text, numbers, sentences, vocab))
    ctx = TextContext(text, vocab, sentences, dates, as_of)
    find_scope_dates(ctx)
    # Ordinals and the numbers of names ("Bundesautobahn 6", "Nr. 5") count nothing and take no verb.
    numbers = [n for n in share_units(ctx, numbers) if not is_ordinal(ctx, n) and not is_identifier(ctx, n)]
    ctx.set_numbers(numbers)
    readings = [read(ctx, number) for number in numbers]
    links = enumeration_links(ctx, numbers)
    share_readings(vocab, readings, links)
    breakdowns(ctx, numbers, readings)
    back_references(ctx, numbers, readings)
    far_number_of(ctx, numbers, readings)
    borrow_readings(ctx, numbers, readings)
    counted_by_organisers(ctx, numbers, readings)
    words_outside_their_events(ctx, numbers, readings)
    differences(ctx, numbers, readings)
    actors = actors_of(ctx, numbers, readings, links)
    people_among_casualties(ctx, numbers, readings)
    parts_keep_their_whole(ctx, numbers, readings)
    parts_of_tolls(ctx, numbers, readings)
    groups_named_by_copula(ctx, numbers, readings)
    phrase_states(ctx, numbers, readings)
    fate_states(ctx, numbers, readings)
    last_parts(ctx, numbers, readings)
    parts = parts_of_wholes(ctx, numbers, readings, actors)
    claims = add_places(ctx, number_claims(ctx, numbers, readings, actors, parts)) + date_claims(ctx, dates)
    claims.sort(key=lambda c: (c.start, c.end))
    return claims
