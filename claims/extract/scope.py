"""Event time (scope): the time a claim is about, and the event a date dates.

A date in the claim's sentence (one right after the figure first), a year named relative to
the report, an earlier sentence's date when the sentence points back ("damals"), for a toll
the dated event the sentence before tells of, or the report's month. A date a figure is
compared with ("höher als 2019") or one of a thing ("Autos der 1960er-Jahre") gives no time.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .. import lexicon
from ..lexicon.vocabulary import Vocabulary
from ..models import DateMatch
from .nouns import CONJUNCTIONS
from .parts import included
from .sentences import TextContext

# Between a figure and a date attached to it: at most one word, its noun ("64,3 Prozent im Dezember").
_ATTACHED_DATE_GAP = re.compile(r"\s+(?:[^\W\d_]+\s+)?")
# Words that open a phrase about what happened *before* the dated event:
# "Nach tagelangen Protesten gingen am 6. Januar ...", "..., nachdem die Behörden ...".
_BEFORE_PHRASE = re.compile(
    r"(?i)(?<!\w)(?:nachdem|after|following|seitdem|since)\b[^,;:.]*|(?<!\w)nach\s+(?:\w+\s+){0,2}\w+"
)


EVENT_REACH = 60  # events this close to a date are preferred to the rest of the sentence


PAIR_WORDS = 6  # "seit dem 5. Januar und bis zum 19. Januar": two dates this close share their event


def find_scope_dates(ctx: TextContext) -> None:
    """Set ``ctx.scope_dates``: per sentence, the dates that may give a claim its time; not those
    a figure is compared with, nor those of things ("Autos der 1960er-Jahre"), nor those that
    start a count ("seit dem 26. September": the figure is of the report's time)."""
    ctx.scope_dates = {
        index: [d for d in found if not d.attributive and not _baseline(ctx, d) and not count_start(ctx, d)]
        for index, found in ctx.dates_by_sentence.items()
    }


SINCE_REACH = 6  # words between "since" and a date it starts: "since a general strike began on March 18"


@lexicon.lexicon_cache()
def _count_start_words(lang: str) -> tuple[frozenset[str], frozenset[str], re.Pattern | None, frozenset[str]]:
    words = lexicon.load("dates", lang).get("count_start", {})
    relatives = sorted(words.get("unless_relative", []), key=len, reverse=True)
    relative = re.compile(r"\s*,\s*(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in relatives)
                          + r")(?!\w)", re.IGNORECASE) if relatives else None
    return (*(frozenset(w.lower() for w in words.get(key, [])) for key in ("since", "unless_before")), relative,
            frozenset(w.lower() for w in words.get("earlier_level", [])))


def count_start(ctx: TextContext, date: DateMatch) -> bool:
    """True if ``date`` starts a count that runs to the report's time: "since 26 September", "seit
    dem 26. September", "since a general strike began on March 18"; not "since 2013, when 96 died",
    nor a dated event with a relative clause of its own ("since the flood of 1962, which killed 315")."""
    since, unless, relative, _ = _count_start_words(ctx.lang)
    if not since:
        return False
    lo = max(ctx.sentences.starts[ctx.locate(date.start)], date.start - 80)
    led = date.text.split(None, 1)[0].lower() in since
    if not led:
        tail = ctx.text[lo : date.start]
        cut = max((m.end() for m in _CLAUSE_END.finditer(tail)), default=0)
        led = any(w.lower() in since for w in _WORD.findall(tail[cut:])[-SINCE_REACH:])
    if not led:
        return False
    after = _NEXT_WORD.match(ctx.text, date.end)
    if relative is not None and relative.match(ctx.text, date.end):
        return False
    return not (after and after[1].lower() in unless)


_WORD = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"[\s,]*([^\W\d_]+)")
_CLAUSE_END = re.compile(r"[,;:!?()\"„“”]|\.(?=\s)")


def scope_of(ctx: TextContext, index: int, start: int, end: int, category: str | None = None) -> str | None:
    """The event time of a claim: a date in its sentence, a 'damals' pointing back, the event
    the sentence before told of, or the report's.

    A 'damals' before the claim wins over a 'heute' after it: in "Damals waren 1.500 Helfer im
    Einsatz, heute sind es 3.000" the 1.500 are of the earlier time.
    """
    back_reference = ctx.per_sentence("back_reference", index, back_reference_start)
    points_back = back_reference is not None and back_reference < start
    own = _sentence_scope(ctx, index, (start, end), today_allowed=not points_back)
    if own is not None:
        return own
    if back_reference is not None:
        for back in range(index - 1, max(-1, index - 4), -1):
            earlier = _sentence_scope(ctx, back, None)
            if earlier is not None:
                return earlier
            if ctx.new_paragraph(back):
                break  # "dabei" points to the sentence before, not across a paragraph to an older date
    if category in ctx.vocab.casualties:
        return _told_before(ctx, index) or ctx.default_scope
    return ctx.default_scope


def _told_before(ctx: TextContext, index: int) -> str | None:
    """The time of the event the sentence before tells of, when this one goes on with its toll:
    "In December 2011, police opened fire on striking oil workers. At least 14 were killed."
    Not when this sentence points to the present ("heute", "now")."""
    if index == 0 or not ctx.per_sentence("events", index - 1, sentence_events):
        return None
    earlier = _sentence_scope(ctx, index - 1, None)
    if earlier is None or earlier == ctx.default_scope:
        return None
    return None if ctx.per_sentence("present", index, points_to_present) else earlier


def _baseline(ctx: TextContext, date: DateMatch) -> bool:
    """True if ``date`` is what a figure is compared with: "höher als 2019", "than in 2019"."""
    vocab = ctx.vocab
    sentence_start = ctx.sentences.starts[ctx.locate(date.start)]
    window = max(sentence_start, date.start - 24)
    words = ctx.text[window : date.start].lower().split()
    before = " ".join(words)
    for lead in vocab.comparison_leads:
        if before != lead and not before.endswith(" " + lead):
            continue
        if lead not in vocab.temporal_conjunctions:
            return True
        # "höher als 2019" compares; "Als im Juli 2005 ..." and ", als 1993 ..." tell when
        size = lead.count(" ") + 1
        opens_sentence = len(words) == size and window == sentence_start
        return not (opens_sentence or len(words) > size and words[-size - 1].endswith(","))
    return False


def _attached(ctx: TextContext, end: int, date: DateMatch) -> bool:
    """True if ``date`` follows the figure ending at ``end`` as its own: "40.000 im Jahr 2004"."""
    lead = date.text.split(None, 1)[0].lower()
    return lead in ctx.vocab.attached_date_leads and _ATTACHED_DATE_GAP.fullmatch(ctx.text, end, date.start) is not None


def _sentence_scope(ctx: TextContext, index: int, span: tuple[int, int] | None, today_allowed: bool = True) -> str | None:
    """The scope a date of sentence ``index`` gives the claim at ``span`` (any claim if None)."""
    dates = ctx.scope_dates.get(index)
    if not dates:
        return None
    if span is None:
        return date_scope(dates[0])
    start, end = span
    after = min((d for d in dates if d.start >= end), key=lambda d: d.start, default=None)
    usable_after = after is not None and (today_allowed or after.value != ctx.as_of)
    # "lag im Januar bei 57,7 Prozent, nach 64,3 Prozent im Dezember": the 64,3 are December's.
    if usable_after and _attached(ctx, end, after):
        return date_scope(after)
    before = [d for d in dates if d.end <= start]
    if before:
        return date_scope(before[-1])
    # A date after the claim dates it only if no other number stands between them:
    # in "67.3 percent, up from 61 percent in 2019" the year is the 61's.
    if not usable_after or any(start < other < after.start and not included(ctx, other) for other in ctx.number_starts):
        return None
    return date_scope(after)


def date_scope(date: DateMatch) -> str:
    """Its month, or its year at year precision (a night's value is the day named: January 1)."""
    value = date.value
    return value[:4] if date.precision == "year" else value[:7]


def sentence_events(text: str, sentence: tuple[int, int], vocab: Vocabulary) -> list[tuple[int, int, str, str, tuple]]:
    """(start, rank, event key, word as written, before-phrase) of the events named in a sentence.

    An event in a phrase about what came before ("nach den Protesten", "nachdem ...", "since
    the collapse") did not happen on a date outside that phrase: its last element is the
    phrase's (start, end), empty for the others. A date inside the phrase ("since the collapse
    on 10 September") is still that event's.
    """
    lo, hi = sentence
    masked = [(m.start(), m.end()) for m in _BEFORE_PHRASE.finditer(text, lo, hi)]
    ranks = {key: rank for rank, (key, _) in enumerate(vocab.events.groups)}
    events = []
    for found in vocab.event_words.finditer(text, lo, hi):
        phrase = next(((a, b) for a, b in masked if a <= found.start() < b), ())
        key = vocab.events.key_of(found.group(), compound=True) or _phrase_key(found.group(), vocab)
        if key is not None:
            events.append((found.start(), ranks[key], key, found.group(), phrase))
    return events


def event_of(
    events: list[tuple[int, int, str, str, tuple]], date_start: int, other_dates: tuple[int, ...] = (),
    text: str | None = None, date_end: int | None = None,
) -> tuple[str, str] | None:
    """(event key, word as written) for the event a date dates.

    Events in a phrase about what came before count only for a date inside that phrase. An
    event with another date of the sentence (``other_dates``, their starts) between it and
    this date is that date's, unless the two dates are a pair (PAIR_WORDS): in "The general strike began on January 3 and the curfew
    lasted from January 5 to 19" the second date is the curfew's. An event right before the
    date ("three days of mourning on Monday", with ``text``) is its event. Of the rest,
    events within EVENT_REACH characters of the date come first; among the candidates the
    event listed first in the lexicon wins, so specific events beat generic protests.
    """
    named = [e for e in events if not e[4] or e[4][0] <= date_start < e[4][1]]
    if not named and text is not None and date_end is not None:
        # "31 miners were trapped on Tuesday after a shaft collapsed": a clause that names no event
        # of its own is dated by what it came right after, the phrase opening right after its date or
        # its verb ("am Dienstag eingeschlossen, nachdem"; not "1963 untertauchte und nach der Verhaftung")
        named = [e for e in events if e[4] and e[4][0] >= date_end and _next_to(text[date_end : e[4][0]])]
    events = named
    own = [e for e in events if not any(min(e[0], date_start) < d < max(e[0], date_start) for d in other_dates)]
    if not own and text is not None:  # "seit dem 5. Januar und bis zum 19. Januar": a pair shares its event
        between = [d for d in other_dates if d < date_start]
        own = events if between and len(text[between[-1] : date_start].split()) <= PAIR_WORDS else []
    events = own
    if text is not None:
        right_before = [e for e in events if e[0] < date_start and not text[e[0] + len(e[3]):date_start].strip()]
        if right_before:
            return right_before[-1][2], right_before[-1][3]
    near = [e for e in events if abs(e[0] - date_start) <= EVENT_REACH]
    best = min(near or events, key=lambda e: (e[1], abs(e[0] - date_start)), default=None)
    return (best[2], best[3]) if best else None


def _next_to(gap: str) -> bool:
    words = _WORD.findall(gap)
    return not words or len(words) == 1 and words[0].lower() not in CONJUNCTIONS


SPEECH_GAP_WORDS = 4  # "police said in a statement on Tuesday": words between a verb of speech and its date


def counted_on(ctx: TextContext, date: DateMatch) -> bool:
    """True if ``date`` follows a figure a count rose to or from, with nothing between ("the toll rose
    to 23 on Tuesday", "up from 72 on Wednesday night"): the day the figure was counted, no event's
    date. Not "raised prices by 15 percent on 1 March", whose date is the rise's."""
    before = ctx.text[max(0, date.start - 20) : date.start]
    end = date.start - (len(before) - len(before.rstrip()))
    if end not in ctx.number_ends:
        return False
    i = bisect_right(ctx.number_starts, end) - 1
    if i < 0:
        return False
    words = ctx.text[max(0, ctx.number_starts[i] - 12) : ctx.number_starts[i]].split()
    return bool(words) and (words[-1].lower() in ctx.vocab.change_targets or words[-1].lower() in _count_start_words(ctx.lang)[3])


def spoken_on(ctx: TextContext, date: DateMatch) -> bool:
    """True if ``date`` is the day a source spoke ("police said on Tuesday", "teilte das
    Ministerium am Donnerstag mit", "Am Dienstag erklärte die Polizei"), not the date of an event:
    a verb of speech before it in its clause (at most SPEECH_GAP_WORDS words between) or right
    after it (at most one word), no conjunction, punctuation or event between."""
    vocab = ctx.vocab
    lo = max(ctx.sentences.starts[ctx.locate(date.start)], date.start - 80)
    verb = None
    for verb in vocab.speech_verbs.finditer(ctx.text, lo, date.start):
        pass
    if verb is not None and _speech_gap(vocab, ctx.text[verb.end() : date.start], SPEECH_GAP_WORDS):
        return True
    after = vocab.speech_verbs.search(ctx.text, date.end, min(len(ctx.text), date.end + 40))
    if after is None:
        return False
    gap = ctx.text[date.end : after.start()]
    if not ctx.text[lo : date.start].strip():  # "On Monday, police said": a comma only after a date opening the sentence
        gap = gap.lstrip().removeprefix(",")
    return _speech_gap(vocab, gap, 1)  # "Am Dienstag erklärte die Polizei"


def _speech_gap(vocab: Vocabulary, gap: str, most: int) -> bool:
    words = gap.split()
    return (len(words) <= most and not _SPEECH_GAP_BREAK.search(gap)
            and not any(w.lower() in vocab.speech_gap_stops for w in words) and vocab.event_words.search(gap) is None)


_SPEECH_GAP_BREAK = re.compile(r"[,;:()\[\]\"„“”«»–—]")


def _phrase_key(phrase: str, vocab: Vocabulary) -> str | None:
    lowered = " ".join(phrase.lower().split())
    for key, matcher in vocab.events.groups:
        if any(True for _ in matcher.finditer(lowered)):
            return key
    return None


def points_to_present(text: str, sentence: tuple[int, int], vocab: Vocabulary) -> bool:
    """True if a word in the sentence anchors it in the report's present ('heute', 'now')."""
    return vocab.present_markers.search(text, *sentence) is not None


def back_reference_start(text: str, sentence: tuple[int, int], vocab: Vocabulary) -> int | None:
    """Where the first word pointing back in time ('damals', 'at the time') stands in the sentence, or None."""
    lo, hi = sentence
    found = vocab.back_references.search(text, lo, hi)
    return None if found is None else found.start()
