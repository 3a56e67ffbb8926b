"""Find the words around a number that say what it counts or measures.

These look-ups return words as written; what a word means (its category, a person, a
unit of time) is the vocabulary's. Where nouns are capitalised (German: the lexicon's
``nouns_capitalised``) look-ups pass lower-case adjectives; elsewhere the last word of a
noun phrase is its head.
"""

from __future__ import annotations

import re

from ..lexicon.tokens import normalise_token
from ..lexicon.vocabulary import Vocabulary
from ..models import NumberMatch
from .numbers import is_amount_word

TOKEN = re.compile(r"[^\W\d_](?:[\w*:/'’-]*[^\W_])?|\d[\d.,]*|[^\w\s]")
# A conjunction ends the noun phrase of a number: "Tadschikistan 200 und Armenien 70 Soldaten".
CONJUNCTIONS = frozenset("und oder sowie bzw beziehungsweise and or nor".split())
_EN_STOP = frozenset(
    "the a an and or but were was is are be been being have has had will would could should may might "
    "in on at by for with from to as than that this these those which who who whom it its their there "
    "more less over under about nearly almost some up down out into after before during while "
    "them whom us you they we he she".split()
)
_EN_DETERMINERS = frozenset("the a an its their his her our all these those this that".split())
# German adjectives/participles that may stand between a number and its noun.
MAX_SKIPPED = 3
_OF_BEFORE = re.compile(r"([^\W\d_]+)\s+of\s+\Z")  # "population of ", "a death toll of "
# Crude German/English plural and case endings, removed to build concept keys.
_ENDING = re.compile(r"(?:innen|en|er|es|e|n|s)$")
_NOT_LETTER = re.compile(r"[\W\d_]+")


def concept_key(word: str) -> str:
    """A normalised key for a noun: lower case, no gender suffix, no plural ending."""
    base = _NOT_LETTER.sub("", normalise_token(word).split("'")[0].split("’")[0])
    stripped = _ENDING.sub("", base)
    return stripped if len(stripped) >= 4 else base


def head_noun(
    text: str, start: int, limit: int, vocab: Vocabulary, strict: bool = False, share: bool = False
) -> str | None:
    """The noun the number before ``start`` counts, or None.

    German nouns are capitalised, so adjectives in between are skipped. In
    English the first lexicon noun within a few words wins; a determiner after
    "of" is passed ("of the protesters"), and for a ``share`` also right after it
    ("half the population"). ``strict`` allows no words in between (used to tell
    "2011 wurde" from "2000 Soldaten").
    """
    skipped = 0
    phrase_head = None
    may_skip_determiner = share
    part_of = False  # "two of ...": a linker right after the number
    for token in TOKEN.finditer(text, start, min(limit, start + 120)):
        word = token.group()
        if not word[0].isalnum():
            if word in "-–" and skipped == 0:
                continue
            return phrase_head
        lowered = word.lower()
        if lowered in CONJUNCTIONS or lowered in vocab.prepositions:
            if phrase_head is not None and lowered in CONJUNCTIONS and not vocab.nouns_capitalised \
                    and not phrase_head.lower().endswith("s"):  # a singular modifier: "army and police officers"
                return _coordinated_head(text, token.end(), limit, vocab) or phrase_head
            return phrase_head
        if lowered in vocab.linkers and not strict:
            may_skip_determiner = True
            part_of = part_of or (phrase_head is None and skipped == 0)
            continue
        if may_skip_determiner and lowered in _EN_DETERMINERS and phrase_head is None:
            continue
        may_skip_determiner = False
        if vocab.nouns_capitalised:
            if word[0].isupper() and share and is_amount_word(word, vocab.lang):
                continue  # "die Hälfte der 19 Millionen Einwohner": the people, not the millions
            if word[0].isupper():
                # "auf 233 Sonntag": no weekday nor function word is what a number counts
                if word.lower() in vocab.not_nouns and not vocab.noun(word).person:
                    return None
                return _phrase_head(text, token.end(), word, vocab)
        else:
            if _is_known_noun(word, vocab) or lowered in vocab.fractions:  # "two thirds of voters": the share
                if phrase_head is not None and _names_other(f"{phrase_head} {word}", word, vocab):
                    return f"{phrase_head} {word}"  # "14,000 security forces": no troops
                return _compound_head(text, token.end(), word, vocab)
            if word[0].isdigit() and part_of:
                return None  # "two of the roughly 40 miners": the part's noun is the whole's, after it
            if lowered in _EN_STOP or lowered in vocab.not_nouns or word[0].isdigit() or is_verb(word, vocab) \
                    or is_adverb(word, vocab) or _is_participle(text, token.end(), word, phrase_head, vocab):
                # "10,000 gathered", "thousands marched", "164 reported": a verb, not what is counted
                return phrase_head
            # The last word of a run is the head of its noun phrase: "74 military facilities".
            if phrase_head is not None and _names_other(f"{phrase_head} {word}", word, vocab):
                return f"{phrase_head} {word}"  # "160 security personnel"
            phrase_head = word
        skipped += 1
        if strict or skipped > MAX_SKIPPED:
            return phrase_head
    return phrase_head  # in German always None: only English noun runs have a last word


def _coordinated_head(text: str, end: int, limit: int, vocab: Vocabulary) -> str | None:
    """The counted noun of a phrase coordinated with the unknown word before it: "14,000 army and
    public security forces", "3,000 army and police personnel" count the forces, not the army."""
    following = _next_word(text, end)
    if following is None or is_verb(following.group(), vocab):
        return None  # "5 herders and wounded 12": another clause
    head = head_noun(text, end, limit, vocab)
    return head if head is not None and vocab.noun(head).category is not None else None


def _phrase_head(text: str, end: int, word: str, vocab: Vocabulary) -> str:
    """A German noun and the word after it when the lexicon knows them as one counted noun:
    "3.000 Mann starke Truppe" counts troops, not men."""
    if word.lower() not in vocab.phrase_noun_starts:
        return word
    following = _next_word(text, end)
    if following is not None and following.group()[0].islower():
        phrase = f"{word} {following.group()}"
        if vocab.noun(phrase).category is not None:
            return phrase
    return word


def _compound_head(text: str, end: int, word: str, vocab: Vocabulary) -> str:
    """English compounds end in their head: in "three police officers" a known noun right
    after the known ``word`` (which ends at ``end``) is what is counted."""
    following = _next_word(text, end)
    if following is not None and _modifies(word, following.group(), vocab):
        return following.group()  # "two passenger trains": a singular noun before a plural is its modifier
    if following is not None and _is_known_noun(following.group(), vocab) and not is_verb(following.group(), vocab):
        phrase = f"{word} {following.group()}"  # "police officers" are security forces, "officers" people
        return phrase if _names_other(phrase, following.group(), vocab) else following.group()
    return word


def _modifies(word: str, following: str, vocab: Vocabulary) -> bool:
    """True if the known singular ``word`` modifies the unknown plural noun after it ("passenger
    trains", "police vans"): lower case, ending in -s, no verb, adverb or function word."""
    lowered = following.lower()
    return (not word.lower().endswith("s") and word.lower() not in vocab.people_in_general and following.islower()
            and lowered.endswith("s") and len(lowered) > 3 and not _is_known_noun(following, vocab)
            and lowered not in _EN_STOP and lowered not in vocab.not_nouns and lowered not in vocab.prepositions
            and not is_verb(following, vocab) and not is_adverb(following, vocab))


def _names_other(phrase: str, head: str, vocab: Vocabulary) -> bool:
    """True if the lexicon knows ``phrase`` (two words ending in ``head``) as a noun of another
    category than ``head`` alone: "security forces" are no "forces"."""
    category = vocab.noun(phrase).category
    return category is not None and category is not vocab.noun(head).category


def _next_word(text: str, end: int) -> re.Match | None:
    """The token right after ``end`` when a single space separates them, else None."""
    return TOKEN.match(text, end + 1) if text[end : end + 1] == " " else None


def words_before_noun(text: str, start: int, noun: str, limit: int) -> list[str]:
    """The words between a number ending at ``start`` and its ``noun`` ("1,450 [Russian]
    paratroopers", "10.000 [tote russische] Soldaten"); none if the noun is not found before ``limit``."""
    end = text.find(noun, start, limit)
    return [t.group() for t in TOKEN.finditer(text, start, end)] if end > start else []


def is_verb(word: str, vocab: Vocabulary) -> bool:
    """An English verb of the lexicons: a category predicate, a level or a reporting verb."""
    return vocab.predicates.matches(word) or vocab.level_verbs.matches(word) or vocab.attribution_verbs.matches(word)


def _is_participle(text: str, end: int, word: str, phrase_head: str | None, vocab: Vocabulary) -> bool:
    """An English participle after a number ("863 recorded on Friday", "12 schoolgirls trampled"):
    a lower-case word with a verb ending after a noun, or before no noun ("12 armed men" is a noun phrase)."""
    if not vocab.verb_endings or not word[0].islower() or len(word) <= 4 or not word.endswith(vocab.verb_endings):
        return False
    if phrase_head is not None:
        return True
    following = _next_word(text, end)
    return following is None or not following.group()[0].isalpha() or following.group().lower() in _EN_STOP \
        or following.group().lower() in vocab.prepositions


def is_adverb(word: str, vocab: Vocabulary) -> bool:
    """An English adverb by its ending ("seriously", "reportedly"), unless a noun ends alike."""
    lowered = word.lower()
    return word[0].islower() and lowered.endswith(vocab.adverb_endings) and lowered not in vocab.nouns_like_adverbs


def _is_known_noun(word: str, vocab: Vocabulary) -> bool:
    return vocab.noun(word).known


def is_counted_noun(word: str | None, vocab: Vocabulary) -> bool:
    """True if ``word`` names something numbers count (people, troops, time units...)."""
    return word is not None and _is_known_noun(word, vocab)


# "Die Zahl der Toten nach den Überschwemmungen im Osten Rumäniens ist nach Angaben des
# Innenministeriums auf 131 gestiegen": a place and a source may stand between noun and figure.
NUMBER_OF_REACH = 140


def number_of_noun(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> str | None:
    """The noun after 'Zahl der' / 'number of' before the number in its clause, or None."""
    return number_of_noun_in(text, max(clause[0], number.start - NUMBER_OF_REACH), number.start, vocab)


def number_of_noun_in(text: str, lo: int, hi: int, vocab: Vocabulary) -> str | None:
    """The noun after the last 'Zahl der' / 'number of' between ``lo`` and ``hi``, or None
    ("raised to 136 the number of its people who died": people)."""
    found = None
    for found in vocab.number_of.finditer(text, lo, hi):
        pass
    if found is None:
        return None
    phrase_head = None
    for token in TOKEN.finditer(text, found.end(), hi):
        word = token.group()
        if vocab.nouns_capitalised:
            if not word[0].isalpha():
                return None
            if word[0].isupper():
                return word  # "der Zahl der neu registrierten Flüchtlinge": adjectives are lower case
        elif not word[0].isalpha() or word.lower() in vocab.prepositions or is_verb(word, vocab) \
                or word.lower() in vocab.relative_pronouns:
            return phrase_head  # "the number of displaced people rose to": the last word before the verb
        elif word.lower() not in _EN_DETERMINERS:
            phrase_head = word
    return phrase_head


def price_noun(text: str, lo: int, hi: int, vocab: Vocabulary) -> str | None:
    for token in TOKEN.finditer(text, lo, hi):
        word = token.group()
        if vocab.nouns_capitalised and not word[0].isupper():
            continue  # "kostete" is the verb; the thing priced is a noun
        if word[0].isalpha() and len(word) > 4 and vocab.price_words.matches_head(word):
            return word
    return None


def noun_of(text: str, start: int, clause_start: int) -> str | None:
    """'inflation of 54.6 percent', 'a turnout of 62 percent': the noun just before 'of'."""
    found = _OF_BEFORE.search(text, max(clause_start, start - 40), start)
    return found.group(1) if found and found.group(1).lower() not in _EN_STOP else None


def noun_before(
    text: str, start: int, clause_start: int, vocab: Vocabulary, skip_units: bool = False
) -> str | None:
    """The noun nearest before ``start`` in the clause; ``skip_units`` passes over units of time and
    currencies ("Rentenalter auf 60 Jahre für Männer und 58": the 58 is also the Rentenalter's)."""
    tokens = [t.group() for t in TOKEN.finditer(text, max(clause_start, start - 80), start)]
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i]
        if not word[0].isalpha() or len(word) <= 2 or word.lower() in vocab.prepositions:
            continue
        info = vocab.noun(word)
        if skip_units and (info.duration is not None or is_amount_word(word, vocab.lang)) or info.not_counted:
            continue  # "to 8.4 percent" after "by 1.5 percent": 'percent' is what neither measures
        # "Die Inflation lag im Dezember bei 7,9 Prozent": a noun in a prepositional phrase
        # is seldom what the number measures.
        if i > 0 and tokens[i - 1].lower() in vocab.prepositions:
            continue
        if vocab.nouns_capitalised:
            if word[0].isupper() and word.lower() not in vocab.not_nouns:
                return word
        elif word.lower() not in _EN_STOP and not vocab.level_verbs.matches(word):
            return word  # "inflation reached 8.4%": the noun, not the verb
    return None

