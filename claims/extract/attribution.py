"""Attribution: the source the text names for a claim ("offiziell", "Laut der Regierung",
"according to the health ministry", "said the regional governor"), read once per sentence;
a claim takes the one written nearest it (carried.py: a source named in a neighbouring sentence)."""

from __future__ import annotations

import re

from ..lexicon import lexicon_cache, load
from ..lexicon.vocabulary import Vocabulary
from .nouns import TOKEN
from .source_words import (
    APOSTROPHES,
    own_words,
    particle_verb,
    possessive_plural,
    verb_follows,
    without_verb,
)

_ARTICLES = frozenset("der die das des dem den ein eine einer eines einem einen the a an of von".split())


def attributions_in(text: str, sentence: tuple[int, int], vocab: Vocabulary) -> list[tuple[int, str]]:
    """Every attribution in a sentence as (offset, phrase as written)."""
    lo, hi = sentence
    found: list[tuple] = []
    gappable: list[int] = []  # sources whose verb a second source may leave out ("sprach von", "put the")
    # One scan for every kind of attribution word; each hit is then sorted by kind.
    for m in vocab.attribution_any.finditer(text, lo, hi):
        phrase = " ".join(m.group().split())
        if vocab.attribution_no_source.matches(phrase) or _after_article(text, m.start(), lo, vocab):
            continue  # "an estimated 150,000", "the confirmed toll": a participle before a noun names no one
        if vocab.attribution_standalone.matches(phrase):
            source = _gapped_source(text, m, vocab)
            if source and own_words(vocab.lang) & set(phrase.lower().split()):
                source = _own_source(text, m, lo, vocab) or source  # "Der Sender NHK zählte nach eigenen Angaben"
            if source:
                found.append((m.start(), source))
            continue
        if vocab.attribution_source_only.matches(phrase):
            # "An independent monitoring group put the toll at 120": the words after the source
            # are the start of a clause; the source alone is the attribution.
            source = _source_preceding(text, m, lo, hi, vocab)
            if source:
                found.append((m.start(), without_verb(source, m, vocab)))
                gappable.append(m.start())
            continue
        if vocab.attribution_before.matches(phrase):
            source = _source_after(text, m, hi, vocab)
        elif vocab.attribution_source_before.matches(phrase):
            source = _source_preceding(text, m, lo, hi, vocab)  # "Die Opposition sprach von Wahlbetrug"
            gappable.extend([m.start()] if source else [])
        elif particle_verb(text, m, hi, vocab.lang):
            # "Die EU sagte Soforthilfe ... zu": who pledged is before the verb, the noun after it is no source
            source = _source_preceding(text, m, lo, hi, vocab)
        else:
            # German puts the source after its verb ("schätzt die Polizei"), English before it
            # ("police said"): the lexicon's source_after_verb; "zufolge" always follows its source.
            forward_first = vocab.source_after_verb and not phrase.lower().endswith("zufolge")
            source = _source_around(text, m, lo, hi, vocab, forward_first)
        if source:
            found.append((m.start(), source))
    return found + _gapped_sources(text, hi, min(gappable), vocab) if gappable else found


_GAP = re.compile(r"[,;]\s+(?:(?:and|while|whereas|but|und|während|aber|doch)\s+)?")


def _gapped_sources(text: str, hi: int, first: int, vocab: Vocabulary) -> list[tuple[int, str, bool]]:
    """Second sources whose verb is left out: after a source, a comma, a noun phrase and the
    preposition that put the first source's figure ("sprach von neun Toten, die Gewerkschaft
    von zwölf"; "put the crowd at 20,000, organisers at more than 60,000")."""
    gapped = []
    for gap in _GAP.finditer(text, first, hi):
        tokens = list(TOKEN.finditer(text, gap.end(), min(hi, gap.end() + 80)))[:7]
        end = _phrase_end(tokens, 0, vocab, genitive=False)
        if not 0 < end < len(tokens) or end > 5:
            continue
        word = tokens[end].group().lower()
        words = [t.group() for t in tokens[:end]]
        if word not in vocab.attribution_gap_words or not re.search(rf"(?i)\b{word}\s", text[first : gap.start()]):
            continue
        if all(w.lower() in _ARTICLES for w in words) or (vocab.nouns_capitalised and not words[-1][0].isupper()):
            continue  # "die meisten von ihnen": no noun, no source
        gapped.append((tokens[0].start(), text[tokens[0].start() : tokens[end - 1].end()], True))
    return gapped


def _gapped_source(text: str, trigger: re.Match, vocab: Vocabulary) -> str | None:
    """A split verb around its source ("teilte das Innenministerium mit") as written when the gap
    is one noun phrase; else the noun phrase in the gap that is not a preposition's ("teilte der
    Nachrichtensender des staatlichen TV in Astana mit" gives "der Nachrichtensender des
    staatlichen TV"): a source, never a cut clause. None when the gap names no source ("gibt
    es ... an" is "there is")."""
    tokens = list(TOKEN.finditer(text, trigger.start(), trigger.end()))
    if len(tokens) < 3:
        return trigger.group()
    inner = [t for t in tokens[1:-1] if t.group().strip(_QUOTES)]  # "teilte das „Space Telescope Institute“ mit"
    i = 0
    while i < len(inner):
        word = inner[i].group()
        if not word[0].isalpha() or word.lower() in vocab.attribution_not_source:
            return None
        if word.lower() in vocab.prepositions:  # "am Montag", "in Astana": skip the phrase it governs
            i = _phrase_end(inner, i + 1, vocab, genitive=False)
            continue
        end = _phrase_end(inner, i, vocab, genitive=True)
        if end == len(inner) and i == 0:
            return trigger.group()
        while end > i and vocab.nouns_capitalised and inner[end - 1].group()[0].islower():
            end -= 1  # a phrase ends with its noun: "das Wirtschaftsministerium heute"
        if end > i and any(t.group().lower() not in _ARTICLES for t in inner[i:end]):
            return text[inner[i].start() : inner[end - 1].end()]
        return None
    return None


def _phrase_end(tokens: list[re.Match], i: int, vocab: Vocabulary, genitive: bool) -> int:
    """Where a noun phrase starting at ``tokens[i]`` ends: articles, adjectives, nouns, and with
    ``genitive`` the phrases an "of" word ("des", "der", "of") hangs on it."""
    noun = False
    while i < len(tokens):
        word = tokens[i].group()
        low = word.lower()
        if not word[0].isalpha() or low in vocab.prepositions or low in vocab.attribution_not_source:
            break
        if low in _ARTICLES:
            if noun and not (genitive and low in vocab.attribution_of_words):
                break
            noun = False
        elif vocab.nouns_capitalised and not word[0].isupper() and not low.endswith(_ADJECTIVE_ENDINGS):
            break
        else:
            noun = noun or word[0].isupper() or not vocab.nouns_capitalised
        i += 1
    return i


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_QUOTES = "„“”\"'»«‚‘’"


def _source_after(text: str, trigger: re.Match, hi: int, vocab: Vocabulary) -> str | None:
    """'laut der Regierung', 'according to the interior ministry', 'wie die Polizei mitteilte'."""
    needs_verb = trigger.group().lower() in vocab.attribution_needs_verb
    end = trigger.end()
    taken = 0
    previous = previous_low = ""
    adjective = False
    inserted = 0  # words of a phrase between an article and its adjective: "laut einer am Mittwoch veröffentlichten"
    for token in TOKEN.finditer(text, trigger.end(), min(hi, trigger.end() + 80)):
        word = token.group()
        if inserted:
            if not word[0].isalpha() or inserted == 1 and not _adjective(word, vocab):
                break  # no adjective soon after: the phrase was no source's
            inserted -= 1
            if _adjective(word, vocab):
                previous_low, adjective, inserted = word.lower(), True, 0
            continue
        if word == "." and len(previous) == 1 and previous.isupper():  # "the U.N.", "U.S. officials"
            end, previous = token.end(), word
            continue
        previous = word
        if not word[0].isalpha():
            break
        if needs_verb and vocab.attribution_verbs.matches(word):
            return text[trigger.start() : token.end()]
        if needs_verb and word.lower() in vocab.prepositions and taken:
            continue  # "wie das Statistikamt am Montag mitteilte": a time or place before the verb
        if vocab.nouns_capitalised and previous_low in _ARTICLES and word.lower() in vocab.prepositions:
            inserted = 3  # "laut einer am Mittwoch veröffentlichten Umfrage": the adjective must follow soon
            continue
        # a lower-case adjective only after an article or another adjective: "laut der jüngsten Volkszählung"
        in_phrase = (previous_low in _ARTICLES or adjective or not taken) and _adjective(word, vocab)
        if not _is_source_word(word, vocab) and not in_phrase:
            break
        previous_low, adjective = word.lower(), in_phrase
        end = token.end()
        taken += 1
        if taken >= _source_words(vocab.lang) and not needs_verb:
            break
    if needs_verb or taken == 0:
        return None
    phrase = text[trigger.start() : end]
    while phrase.rsplit(None, 1)[-1].lower() in vocab.prepositions and " " in phrase[len(trigger.group()):].strip():
        phrase = phrase.rsplit(None, 1)[0]  # "according to the ministry on" (Sunday): no source ends so
    while vocab.nouns_capitalised and phrase.rsplit(None, 1)[-1][:1].islower() and " " in phrase[len(trigger.group()):]:
        phrase = phrase.rsplit(None, 1)[0]  # a phrase ends with its noun: not "laut der jüngsten"
    if vocab.nouns_capitalised and not any(w[:1].isupper() for w in phrase[len(trigger.group()):].split()):
        return None  # "laut einer" names no one
    return phrase


@lexicon_cache()
def _source_words(lang: str) -> int:
    """The most words a source after "laut"/"according to" holds (``attribution.source_words``)."""
    return load("extract", lang)["attribution"].get("source_words", 5)


def _adjective(word: str, vocab: Vocabulary) -> bool:
    """A lower-case adjective inside a German noun phrase ("der jüngsten Volkszählung")."""
    low = word.lower()
    return (vocab.nouns_capitalised and word[0].islower() and low.endswith(_ADJECTIVE_ENDINGS)
            and low not in vocab.prepositions and low not in vocab.attribution_not_source)


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
    before = list(TOKEN.finditer(text, max(lo, trigger.start() - 120), trigger.start()))
    # "police had put the number at 19": an auxiliary or adverb stands between source and verb
    while len(before) > 1 and before[-1].group().lower() in vocab.attribution_between:
        before.pop()
    first = _words_before(before, len(before), vocab)  # "a report by the inspectorate found"
    if first == len(before) and before and before[-1].group() == ",":
        # an apposition (or below a relative clause) between source and verb: "The Observatory, an independent group, said"
        opening = _words_before(before, len(before) - 1, vocab)
        if 1 < opening < len(before) - 1 and before[opening].group().lower() in _ARTICLES and before[opening - 1].group() == ",":
            first = min(first, _words_before(before, opening - 1, vocab))
        else:  # a relative clause: "The Miners' Association, which represents contract workers, said"
            commas = [k for k in range(len(before) - 1) if before[k].group() == ","]
            k = commas[-1] if commas else -1
            start = _words_before(before, k, vocab) if k > 0 and before[k + 1].group().lower() in vocab.relative_pronouns else k
            if 0 <= start < k:  # the source without its clause, which may name anything ("which runs the hospitals")
                return f"{text[before[start].start() : before[k].start()]} {trigger.group()}"
    named = [t.group() for t in before[first:] if t.group()[0].isalpha()]
    if not named or all(w.lower() in _ARTICLES or w in vocab.attribution_back_openers for w in named):
        return None  # "after the confirmed toll", "Dies bestätigte": an article or a back-reference names no source
    return text[before[first].start() : trigger.end()]


def _own_source(text: str, trigger: re.Match, lo: int, vocab: Vocabulary) -> str | None:
    """The subject before the verb right before "nach eigenen Angaben", with the verb and the phrase: whose own count it is."""
    before = list(TOKEN.finditer(text, max(lo, trigger.start() - 80), trigger.start()))
    if len(before) < 2 or not before[-1].group().isalpha() or _is_source_word(before[-1].group(), vocab):
        return None
    first = _words_before(before, len(before) - 1, vocab)
    named = any(t.group().lower() not in _ARTICLES for t in before[first:-1])
    return text[before[first].start() : trigger.end()] if named else None  # "Der Sender NHK zählte nach eigenen Angaben"


def _after_article(text: str, start: int, lo: int, vocab: Vocabulary) -> bool:
    """English "the confirmed toll": a verb form after an article is a participle before a noun
    (German inflects it, "die bestätigte Zahl", and "der sagte" is a relative clause)."""
    before = text[max(lo, start - 8) : start].split()
    return not vocab.nouns_capitalised and bool(before) and before[-1].lower() in _ARTICLES


def _words_before(tokens: list[re.Match], end: int, vocab: Vocabulary) -> int:
    """The index of the first of up to five source words that end just before ``tokens[end]``."""
    first, floor = end, max(0, end - 5)
    while first > floor:
        word = tokens[first - 1].group()
        if word in APOSTROPHES and first >= 2 and possessive_plural(tokens[first - 2], tokens[first - 1]):
            first, floor = first - 1, max(0, floor - 1)  # "The Miners' Association said": the apostrophe of a plural
            continue
        if not (word[0].isalpha() and _is_source_word(word, vocab)):
            break
        first -= 1
    return first



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
    if verb_follows(text, end, hi, vocab):
        return None  # "but says the actual figure is higher": the words after "says" are a clause, not its source
    return text[trigger.start() : end]


def _is_source_word(word: str, vocab: Vocabulary) -> bool:
    if word.lower() in _ARTICLES:
        return True
    if vocab.nouns_capitalised:
        return word[0].isupper()
    # "the country's human rights commission", "al-Jazeera": possessives and hyphens belong to names
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    # a day or a month ends a source ("the interior ministry on Sunday")
    return letters.isalpha() and word.lower() not in vocab.attribution_not_source and word.lower() not in vocab.not_nouns
