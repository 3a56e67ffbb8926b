"""Read the context of a claim: its event time (scope), its source (attribution)
and, for dates, the event they date."""

from __future__ import annotations

import re

from ..models import DateMatch
from .nouns import TOKEN
from ..lexicon.vocabulary import Vocabulary

_ARTICLES = frozenset("der die das des dem den ein eine einer eines einem einen the a an of von".split())
# Words that open a phrase about what happened *before* the dated event:
# "Nach tagelangen Protesten gingen am 6. Januar ...", "..., nachdem die Behörden ...".
_BEFORE_PHRASE = re.compile(
    r"(?i)(?<!\w)(?:nachdem|after|following|seitdem|since)\b[^,;:.]*|(?<!\w)nach\s+(?:\w+\s+){0,2}\w+"
)
_CLAUSE_BREAK = re.compile(r"[;:–—]|\s-\s")
CLAUSE_REACH = 300  # characters searched for a clause break on each side of a claim
EVENT_REACH = 60  # events this close to a date are preferred to the rest of the sentence


def date_scope(date: DateMatch) -> str:
    """The event time a date stands for: its month, or its year at year precision."""
    value = date.low or date.value
    return value[:4] if date.precision == "year" else value[:7]


def clause_bounds(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The part of the sentence around [start, end) between semicolons, colons and dashes."""
    lo, hi = sentence
    for found in _CLAUSE_BREAK.finditer(text, max(lo, start - CLAUSE_REACH), start):
        lo = found.end()
    after = _CLAUSE_BREAK.search(text, end, min(hi, end + CLAUSE_REACH))
    if after:
        hi = after.start()
    return lo, hi


def sentence_events(text: str, sentence: tuple[int, int], vocab: Vocabulary) -> list[tuple[int, int, str, str]]:
    """(start, rank, event key, word as written) of the events named in a sentence.

    Events in phrases about what came before ("nach den Protesten", "nachdem ...")
    are left out: they did not happen on the date.
    """
    lo, hi = sentence
    masked = [(m.start(), m.end()) for m in _BEFORE_PHRASE.finditer(text, lo, hi)]
    ranks = {key: rank for rank, (key, _) in enumerate(vocab.events.groups)}
    events = []
    for found in vocab.event_words.finditer(text, lo, hi):
        if any(a <= found.start() < b for a, b in masked):
            continue
        key = vocab.events.key_of(found.group(), compound=True) or _phrase_key(found.group(), vocab)
        if key is not None:
            events.append((found.start(), ranks[key], key, found.group()))
    return events


def event_of(
    events: list[tuple[int, int, str, str]], date_start: int, other_dates: tuple[int, ...] = ()
) -> tuple[str, str] | None:
    """(event key, word as written) for the event a date dates.

    An event with another date of the sentence (``other_dates``, their starts) between it
    and this date is that date's: in "The general strike began on January 3 and the curfew
    lasted from January 5 to 19" the second date is the curfew's. Of the rest, events
    within EVENT_REACH characters of the date come first; among the candidates the event
    listed first in the lexicon wins, so specific events beat generic protests.
    """
    own = [e for e in events if not any(min(e[0], date_start) < d < max(e[0], date_start) for d in other_dates)]
    events = own or events
    near = [e for e in events if abs(e[0] - date_start) <= EVENT_REACH]
    best = min(near or events, key=lambda e: (e[1], abs(e[0] - date_start)), default=None)
    return (best[2], best[3]) if best else None


def _phrase_key(phrase: str, vocab: Vocabulary) -> str | None:
    lowered = " ".join(phrase.lower().split())
    for key, matcher in vocab.events.groups:
        if any(True for _ in matcher.finditer(lowered)):
            return key
    return None


def nearest_attribution(found: list[tuple[int, str]], near: int) -> str | None:
    """Of the attributions in a sentence, the one written nearest offset ``near``."""
    if not found:
        return None
    return min(found, key=lambda item: abs(item[0] - near))[1]


def attributions_in(text: str, sentence: tuple[int, int], vocab: Vocabulary) -> list[tuple[int, str]]:
    """Every attribution in a sentence as (offset, phrase as written)."""
    lo, hi = sentence
    found: list[tuple[int, str]] = []
    # One scan for every kind of attribution word; each hit is then sorted by kind.
    for m in vocab.attribution_any.finditer(text, lo, hi):
        phrase = " ".join(m.group().split())
        if vocab.attribution_standalone.matches(phrase):
            found.append((m.start(), m.group()))
            continue
        if vocab.attribution_before.matches(phrase):
            source = _source_after(text, m, hi, vocab)
        elif vocab.attribution_source_before.matches(phrase):
            source = _source_preceding(text, m, lo, hi, vocab)  # "Die Opposition sprach von Wahlbetrug"
        else:
            # German puts the source after its verb ("schätzt die Polizei"), English before it
            # ("police said"); "zufolge" always follows its source.
            forward_first = vocab.lang == "de" and not phrase.lower().endswith("zufolge")
            source = _source_around(text, m, lo, hi, vocab, forward_first)
        if source:
            found.append((m.start(), source))
    return found


def _source_after(text: str, trigger: re.Match, hi: int, vocab: Vocabulary) -> str | None:
    """'laut der Regierung', 'according to the interior ministry', 'wie die Polizei mitteilte'."""
    needs_verb = trigger.group().lower() in vocab.attribution_needs_verb
    end = trigger.end()
    taken = 0
    previous = ""
    for token in TOKEN.finditer(text, trigger.end(), min(hi, trigger.end() + 80)):
        word = token.group()
        if word == "." and len(previous) == 1 and previous.isupper():  # "the U.N.", "U.S. officials"
            end, previous = token.end(), word
            continue
        previous = word
        if not word[0].isalpha():
            break
        if needs_verb and vocab.attribution_verbs.matches(word):
            return text[trigger.start() : token.end()]
        if not _is_source_word(word, vocab):
            break
        end = token.end()
        taken += 1
        if taken >= 5:
            break
    if needs_verb or taken == 0:
        return None
    return text[trigger.start() : end]


def _source_around(
    text: str, trigger: re.Match, lo: int, hi: int, vocab: Vocabulary, forward_first: bool = False
) -> str | None:
    """'dem Innenministerium zufolge', 'police said', 'schätzt die Polizei', 'sagte ein Polizeisprecher'."""
    sides = (_source_following, _source_preceding) if forward_first else (_source_preceding, _source_following)
    for side in sides:
        phrase = side(text, trigger, lo, hi, vocab)
        if phrase:
            return phrase
    return None


def _source_preceding(text: str, trigger: re.Match, lo: int, hi: int, vocab: Vocabulary) -> str | None:
    before = [t for t in TOKEN.finditer(text, max(lo, trigger.start() - 60), trigger.start())]
    start = trigger.start()
    for token in reversed(before[-4:]):
        if not token.group()[0].isalpha() or not _is_source_word(token.group(), vocab):
            break
        start = token.start()
    return text[start : trigger.end()] if start < trigger.start() else None


def _source_following(text: str, trigger: re.Match, lo: int, hi: int, vocab: Vocabulary) -> str | None:
    words = []
    end = trigger.end()
    for count, token in enumerate(TOKEN.finditer(text, trigger.end(), min(hi, trigger.end() + 60))):
        if count >= 4 or not token.group()[0].isalpha() or not _is_source_word(token.group(), vocab):
            break
        words.append(token.group())
        end = token.end()
    # An article alone ("sagte die") names no source.
    if not any(w.lower() not in _ARTICLES for w in words):
        return None
    if _verb_follows(text, end, hi, vocab):
        return None  # "but says the actual figure is higher": the words after "says" are a clause, not its source
    return text[trigger.start() : end]


def _verb_follows(text: str, end: int, hi: int, vocab: Vocabulary) -> bool:
    """True if one of the lexicon's clause verbs follows ``end``: the words before it are a clause's subject."""
    following = TOKEN.search(text, end, hi)
    return following is not None and following.group().lower() in vocab.attribution_clause_verbs


def _is_source_word(word: str, vocab: Vocabulary) -> bool:
    if word.lower() in _ARTICLES:
        return True
    if vocab.lang == "de":
        return word[0].isupper()
    # "the country's human rights commission", "al-Jazeera": possessives and hyphens belong to names
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    return letters.isalpha() and word.lower() not in vocab.attribution_not_source


def points_to_present(text: str, sentence: tuple[int, int], vocab: Vocabulary) -> bool:
    """True if a word in the sentence anchors it in the report's present ('heute', 'now')."""
    return vocab.present_markers.search(text, *sentence) is not None


def back_reference_start(text: str, sentence: tuple[int, int], vocab: Vocabulary) -> int | None:
    """Where the first word pointing back in time ('damals', 'at the time') stands in the sentence, or None."""
    lo, hi = sentence
    found = vocab.back_references.search(text, lo, hi)
    return None if found is None else found.start()
