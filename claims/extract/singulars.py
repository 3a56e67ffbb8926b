"""Casualties of one, written with an article: "einen Toten", "eine Festnahme", "Dabei kam ein
Mensch ums Leben", "A police officer was killed".

Articles stand in every sentence: they are found by scans that start with literal characters,
and only an article before a noun of people or a casualty noun is read further. Each one kept
becomes a NumberMatch of 1 (kind "article") that the classifier reads like any figure;
extraction keeps it only if it counts casualties.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import lexicon_cache
from ..lexicon.vocabulary import Vocabulary, vocabulary
from ..models import NumberMatch
from .nouns import TOKEN
from .parts import one_of_them
from .predicates import PredicateHit, crossing_penalty, find_predicates, shares_verb
from .sentences import Sentences, clause_bounds

MAX_ADJECTIVES = 2  # "ein weiterer Soldat", "eine 34-jährige Frau", "a young police officer"
# A German noun is capitalised; lower-case words (and "34-jährige") before it are adjectives.
_GLUED_ADJECTIVE = re.compile(r"\s+\d[\d.,]*-[^\W\d_][\w-]*")  # "a 23-year-old student", "a 12-storey building"
_GERMAN_NOUN = re.compile(rf"\s+(?:[^\W_A-ZÄÖÜ][\w-]*\s+){{0,{MAX_ADJECTIVES}}}([A-ZÄÖÜ][\w-]*)")


def find_singulars(text: str, numbers: list[NumberMatch], sentences: Sentences, vocab: Vocabulary) -> list[NumberMatch]:
    """Articles that count one casualty, as NumberMatches of value 1, in text order.

    An article counts when its noun is a casualty noun of one ("einen Toten"), or when its noun
    names people ("ein Mensch") and it is what stands nearest a casualty verb: in "Ein Mann tötete
    drei Menschen" the three are nearer, and they are the dead.
    """
    found: dict[int, NumberMatch] = {}
    people: dict[tuple[int, int], list] = {}  # clause -> [(article, end of its noun)]
    starts = [n.start for n in numbers]
    for article in _articles(text, vocab.lang):
        if _elliptic(text, numbers, starts, article, vocab):
            found[article.start()] = _one(article)  # "davon 47 in Nordrhein-Westfalen und einer in Bayern"
            continue
        noun = _noun_after(text, article.end(), vocab)
        if noun is None or _near_figure(text, numbers, starts, article.start(), noun[1]):
            continue  # "a handful of soldiers", "eine 3000 Mann starke Truppe": the figure counts
        info = vocab.noun(noun[0])
        one = vocab.singular_nouns.matches(noun[0])
        if not (one or info.person or info.category is not None):
            continue
        sentence = sentences.span(sentences.locate(article.start()))
        clause = clause_bounds(text, article.start(), article.end(), sentence)
        if _after_preposition(text, article.start(), clause[0], vocab):
            continue  # "von einem Polizisten erschossen": the agent, not the victim
        if one:
            if not one_of_them(text, article.end(), noun[1], vocab):  # "einer der Verletzten": one of them
                found[article.start()] = _one(article)
        else:
            people.setdefault(clause, []).append((article, noun[1]))
    for clause, candidates in people.items():
        verbs = [hit for hit in find_predicates(text, clause, vocab) if _casualty_verb(hit, text, vocab, clause[0])]
        if not verbs:
            continue
        first, last = bisect_left(starts, clause[0]), bisect_left(starts, clause[1])
        # a figure glued to an adjective ("A 23-year-old student died") counts no one the verb could tell of
        figures = [(n.start, n.end, None) for n in numbers[first:last] if text[n.end : n.end + 1] != "-"]
        counters = figures + [(a.start(), noun_end, a) for a, noun_end in candidates]
        for verb in verbs:
            nearest = _nearest(text, verb, counters, vocab.lang)
            if nearest is not None:
                found.setdefault(nearest.start(), _one(nearest))
            for article, noun_end in candidates:  # "Eine Frau wurde leicht, ein Mann schwer verletzt"
                if noun_end <= verb.start and shares_verb(text, noun_end, verb.start, vocab.lang):
                    found.setdefault(article.start(), _one(article))
    return [found[start] for start in sorted(found)]


_ELLIPTIC_BEFORE = re.compile(r"(?P<prep>[^\W\d_]+)\s+[A-ZÀ-ÖØ-Þ][\w'’-]*\s*(?:,|\s(?:und|and|sowie))\s+\Z")


def _elliptic(text: str, numbers: list[NumberMatch], starts: list[int], article: re.Match, vocab: Vocabulary) -> bool:
    """True for an article standing for one of what the figure before it counts, in an enumeration
    of places: "davon 47 in Nordrhein-Westfalen und einer in Bayern" (the same preposition before
    both places, a figure right before the first)."""
    after = re.match(r"\s+([^\W\d_]+)\s+[A-ZÀ-ÖØ-Þ]", text[article.end() : article.end() + 40])
    i = bisect_left(starts, article.start()) - 1
    if after is None or after.group(1).lower() not in vocab.prepositions or i < 0:
        return False
    before = _ELLIPTIC_BEFORE.search(text, numbers[i].end, article.start())
    return before is not None and before.start() - numbers[i].end <= 1 and before.group("prep").lower() == after.group(1).lower()


def _near_figure(text: str, numbers: list[NumberMatch], starts: list[int], start: int, end: int) -> bool:
    """True if a figure overlaps [start, end): the article is part of it or stands before it.
    A figure glued to an adjective ("eine 40-jährige Frau") is no count."""
    i = bisect_left(starts, end) - 1
    if i < 0 or numbers[i].end <= start:
        return False
    return numbers[i].start < start or text[numbers[i].end : numbers[i].end + 1] != "-"


def _articles(text: str, lang: str):
    """The articles of ``text`` that start a word, in no particular order."""
    for scan in _article_scans(lang):
        for found in scan.finditer(text):
            if found.start() == 0 or not text[found.start() - 1].isalnum():
                yield found


def _nearest(text: str, verb: PredicateHit, counters: list, lang: str) -> re.Match | None:
    """The article whose phrase stands nearest ``verb``, or None if a figure stands nearer.

    Ties go to figures, then to phrases after the verb ("Dabei starb ein Mensch").
    """
    best = None
    for start, end, article in counters:
        if end <= verb.start:
            penalty, gap, after = crossing_penalty(text, end, verb.start, lang), verb.start - end, 1
        elif start >= verb.end:
            penalty, gap, after = crossing_penalty(text, verb.end, start, lang), start - verb.end, 0
        elif article is not None:
            penalty, gap, after = 0, 0, 0  # an adjective in the phrase: "einen schwer verletzten Mann"
        else:
            continue
        if penalty is None or article is not None and penalty:
            continue  # an article reaches no verb across a comma or a conjunction
        rank = (gap + penalty, article is not None, after)
        if best is None or rank < best[0]:
            best = (rank, article)
    return best[1] if best else None


def _one(article: re.Match) -> NumberMatch:
    start, end = article.span()
    return NumberMatch(start=start, end=end, text=article.group(), value=1.0, low=1.0, high=1.0,
                       qualifier="exact", unit=None, kind="article", number_start=start, number_end=end)


def _after_preposition(text: str, start: int, lo: int, vocab: Vocabulary) -> bool:
    before = text[max(lo, start - 20) : start].split()
    return bool(before) and (before[-1].lower() in vocab.prepositions or before[-1].lower() in vocab.agent_words)


def _noun_after(text: str, start: int, vocab: Vocabulary) -> tuple[str, int] | None:
    """The noun an article belongs to, with its end. Where nouns are capitalised (German): the first
    capitalised word after at most two lower-case ones ("ein weiterer Soldat"). Elsewhere: the last
    noun the lexicon knows among the next three words ("a police officer"), as other words may be
    adjectives."""
    if vocab.nouns_capitalised:
        found = _GERMAN_NOUN.match(text, start)
        return (found.group(1), found.end()) if found else None
    glued = _GLUED_ADJECTIVE.match(text, start)
    start = glued.end() if glued else start  # "a 23-year-old student": the age is an adjective
    best = None
    for position, token in enumerate(TOKEN.finditer(text, start, start + 80)):
        word = token.group()
        if not word[0].isalnum() or position > MAX_ADJECTIVES:
            break
        if vocab.noun(word).known or vocab.singular_nouns.matches(word):
            best = (word, token.end())
        elif best is not None:
            return None if _modifies_next(word, vocab) else best
    return best


def _modifies_next(word: str, vocab: Vocabulary) -> bool:
    """True if the lower-case ``word`` after a noun makes that noun a modifier: "a passenger
    ferry" is no passenger. Verbs, adverbs and function words end the phrase ("a passenger died")."""
    lower = word.lower()
    if not word.isalpha() or word != lower or not vocab.noun_followers:
        return False
    if lower in vocab.noun_followers or any(lower.endswith(e[1:]) for e in vocab.noun_followers if e[:1] == "-"):
        return False
    closed = (vocab.prepositions, vocab.relative_pronouns, vocab.auxiliaries, vocab.attribution_not_source,
              vocab.attribution_clause_verbs)
    if any(lower in words for words in closed):
        return False
    return not any(m.matches(lower) for m in (vocab.finite_verbs, vocab.predicates, vocab.level_verbs, vocab.speech_verbs))


def _casualty_verb(hit: PredicateHit, text: str, vocab: Vocabulary, clause_start: int) -> bool:
    if hit.category.name not in vocab.casualties:
        return False
    # "den Festgenommenen": a noun of the people counted, not what befell them
    return not (text[hit.start].isupper() and hit.start > clause_start and vocab.noun(hit.phrase).category is not None)


@lexicon_cache()
def _article_scans(lang: str) -> tuple[re.Pattern, ...]:
    """Patterns for the articles, each starting with literal characters: the regex engine skips
    ahead to a literal quickly, to a character class slowly. Lower-case and capitalised forms
    are scanned apart, and the word start is checked in Python."""
    forms = sorted(vocabulary(lang).singular_articles, key=len, reverse=True)
    if not forms:
        return ()
    lower = "|".join(re.escape(form) for form in forms)
    upper = "|".join(re.escape(form[:1].upper() + form[1:]) for form in forms)
    return tuple(re.compile(rf"(?:{alternation})(?!\w)") for alternation in (lower, upper))
