"""The words of a document that say which event it tells of, with their weights.

A document's terms are its content words: letters only, at least ``min_word_length`` of them,
not in the stopwords of its language (``stories.yaml``). A word written with a capital, and never
in lower case in the same document, is a name (a place, a person, a ship;
in German also a noun): its key is the casefolded word without accents and without a genitive or
possessive ``s`` ("Kasachstans", "Galați" -> "kasachstan", "galati"), the same in both
languages, so that a German and an English report of one ferry share "kalehe", "bukavu",
"lusamba". A word of the bilingual bridge (``stories.yaml``: "Hochwasser" and "floods",
"Generalstreik" and "strike", "Fähre" and "ferry") is its concept's term in both languages, and a
place the languages write differently ("Bukarest", "Bucharest") one name. Every other word is stemmed by the Snowball stemmer of its language (PyStemmer:
"floods" and "flood", "Überschwemmungen" and "Überschwemmung" are one term). Names weigh
``name_weight``, words of the title ``title_weight`` times more.

The weight of a term is ``(1 + log(count)) * boosts``; how rare it is across the store comes
later (``cluster.py``), because it depends on the other documents.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import lexicon_cache, load

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STEMMERS = {"de": "german", "en": "english"}


@dataclass(frozen=True, slots=True)
class Terms:
    """A document's terms: weight by term key, and the form of each name as most often written."""

    weights: dict[str, float]
    forms: dict[str, str]  # name key -> the name as most often written ("Kalehe")


@lexicon_cache(maxsize=4)
def _stopwords(lang: str) -> frozenset[str]:
    words = load("stories")["stopwords"].get(lang, [])
    return frozenset(_fold(w) for w in words) | frozenset(w.casefold() for w in words)


@lexicon_cache(maxsize=1)
def _actor_names() -> dict[str, str]:
    """Name key -> the canonical actor of actors.yaml, or the place of the bridge (stories.yaml):
    "kasachstan" and "kazakhstan", "bukarest" and "bucharest" are one term."""
    names = {}
    for canonical, spellings in load("actors")["actors"].items():
        for spelling in spellings:
            if " " not in spelling and "-" not in spelling:
                names[name_key(spelling)] = name_key(canonical.replace(" ", ""))
    for place, forms in load("stories").get("bridge", {}).get("names", {}).items():
        names.update((name_key(form), name_key(place)) for form in forms)
    return names


@lexicon_cache(maxsize=1)
def _bridged_places() -> frozenset[str]:
    return frozenset(name_key(place) for place in load("stories").get("bridge", {}).get("names", {}))


@lexicon_cache(maxsize=4)
def _bridge(lang: str) -> tuple[dict[str, str], re.Pattern | None, frozenset[str]]:
    """The bridge's words of ``lang`` (stories.yaml): casefolded word -> concept, a pattern of
    the prefixes ("hochwasser*") whose matching group names the concept's index, and the first
    three letters of the prefixes (a word that begins otherwise is not tried)."""
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for concept, words in load("stories").get("bridge", {}).get("words", {}).items():
        for word in words.get(lang, []):
            if word.endswith("*"):
                prefixes.append((word[:-1].casefold(), concept))
            else:
                exact[word.casefold()] = concept
    prefixes.sort(key=lambda pc: (-len(pc[0]), pc[0]))
    concepts = [c for _p, c in prefixes]
    pattern = "|".join(f"(?P<b{i}>{re.escape(p)})" for i, (p, _c) in enumerate(prefixes))
    compiled = re.compile(pattern) if prefixes else None
    heads = frozenset(p[:3] for p, _c in prefixes)
    return {**exact, **{f"b{i}": c for i, c in enumerate(concepts)}}, compiled, heads


@lexicon_cache(maxsize=200_000)
def bridge_concept(word: str, lang: str) -> str | None:
    """The bridge's concept of a word of ``lang`` ("Hochwasserlage", "de" -> "flood"), else None."""
    return _concept(word.casefold(), lang)


def _concept(folded: str, lang: str) -> str | None:
    """``bridge_concept`` of a casefolded word."""
    table, prefixes, heads = _bridge(lang)
    concept = table.get(folded)
    if concept is None and prefixes is not None and folded[:3] in heads:
        match = prefixes.match(folded)
        if match is not None:
            concept = table[match.lastgroup]
    return concept


@lru_cache(maxsize=4)
def _stemmer(lang: str):
    import Stemmer  # PyStemmer: the Snowball stemmers in C

    return Stemmer.Stemmer(_STEMMERS.get(lang, "english"), 0)  # no cache of its own: each word is stemmed once (_readings)


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """Casefolded, without accents: "Galați" -> "galati", "Mareș" -> "mares"."""
    if word.isascii():
        return word.casefold()  # nothing to decompose
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(word: str) -> str:
    """The key of a name, the same in every language: folded, without a genitive or possessive s."""
    key = _fold(word)
    for tail in ("'s", "’s"):
        if key.endswith(tail):
            return key[: -len(tail)]
    if len(key) > 5 and key.endswith("s") and key[-2] not in "aeiousy":
        return key[:-1]  # "kasachstans" -> "kasachstan"; not "mares", "tunis"
    return key


@lexicon_cache(maxsize=1)
def _boilerplate():
    return [re.compile(pattern, re.IGNORECASE | re.MULTILINE) for pattern in load("stories")["boilerplate"]]


def document_terms(text: str, lang: str, title: str | None, settings: dict, source: str | None = None) -> Terms:
    """The weighted terms of one document (see the module docstring); the words of ``source`` (the
    outlet) and the boilerplate of ``stories.yaml`` are left out."""
    for pattern in _boilerplate():
        text = pattern.sub(" ", text)
    outlet = {w.casefold() for w in _WORD.findall(source or "")}
    bridged = _bridged_places()  # one name in both languages already: its first letters add nothing
    prefix = settings["name_prefix"]
    min_len = settings["min_word_length"]
    words = Counter(_WORD.findall(text))  # each distinct word is read once, however often it occurs
    lower = {w for w in words if w[0].islower()}
    counts: Counter = Counter()
    is_name: set[str] = set()
    forms: dict[str, tuple[tuple[bool, int], str]] = {}  # name key -> (rank, the form written most often)
    plain: list[tuple[str, int]] = []
    title_words = set(_WORD.findall(title or ""))
    readings = _readings(lang)
    for word, n in words.items():
        if len(word) < min_len:
            continue
        reading = readings.get(word)
        if reading is None:
            reading = _read_word(word, lang, readings)
        folded, stopped, key, name, form, stem_key = reading
        if stopped or folded in outlet:
            continue
        if name is None:  # a lower-case word, or one the bridge reads
            if key is None:
                plain.append((stem_key, n))
                continue
            counts[key] += n  # "Hochwasser" and "floods" are one term; a German noun weighs as a name still
            if form is not None and folded not in lower:
                is_name.add(key)
            continue
        if folded not in lower:
            counts[key] += n
            is_name.add(key)
            rank = (form[0], n)  # "Goma" rather than the dateline's "GOMA"
            if forms.get(key, ((False, 0), ""))[0] < rank:
                forms[key] = (rank, form[1])
            if len(name) > prefix and name not in bridged:  # "Serbien" and "Serbia" share "p:serbi"
                counts["p:" + name[:prefix]] += n
        else:  # capitalised here, and in lower case elsewhere in the document: a word, not a name
            plain.append((stem_key or _stem_key(word, reading, lang, readings), n))
    for key in _events(text, lang):  # "Generalstreik" and "general strike" are one event in any language
        counts["e:" + key] += 1
    for key, n in plain:
        counts[key] += n
    actors = _actor_names()
    title_names = {actors.get(name_key(w), name_key(w)) for w in title_words}
    title_stems = _stemmer(lang).stemWords([w.casefold() for w in title_words])
    title_keys = {"b:" + c for c in (bridge_concept(w, lang) for w in title_words) if c}
    title_keys |= {"n:" + n for n in title_names} | {"p:" + n[:prefix] for n in title_names} | {"w:" + s for s in title_stems}
    weights = {}
    for key, n in counts.items():
        weight = _LOG_WEIGHTS[n] if n < len(_LOG_WEIGHTS) else 1.0 + math.log(n)
        if key in is_name:
            weight *= settings["name_weight"]
        if key in title_keys:
            weight *= settings["title_weight"]
        weights[key] = weight
    return Terms(weights, {key: word for key, (_n, word) in forms.items()})


_LOG_WEIGHTS = tuple(1.0 + math.log(n) if n else 0.0 for n in range(256))  # 1 + log(count) of small counts
READINGS_LIMIT = 200_000  # words whose reading is kept per language; news repeats its words


@lexicon_cache(maxsize=4)
def _readings(lang: str) -> dict[str, tuple]:
    """word -> its reading (``_read_word``), filled as documents are read, forgotten with the lexicons."""
    return {}


def _read_word(word: str, lang: str, readings: dict[str, tuple]) -> tuple:
    """What of a word does not depend on its document: (casefolded, a stopword?, its key, its
    name key or None, its form, its stem's key): a bridge word's key ("b:flood") with a form only
    when it is capitalised, a capitalised word's name key ("n:kasachstan") with its form's (rank,
    written form), else no key; the stem's key ("w:flood") is the word's term when it is no bridge
    word and no name (in lower case; a capitalised word's is read when a document also writes it
    in lower case, ``_stem_key``)."""
    folded = word.casefold()
    stopped = folded in _stopwords(lang)
    upper = word[0].isupper()
    concept = _concept(folded, lang)
    if concept is not None:
        reading = (folded, stopped, "b:" + concept, None, True if upper else None, None)
    elif upper:
        name = name_key(word)
        name = _actor_names().get(name, name)
        form = (not word.isupper(), word[:-2] if word.endswith(("'s", "’s")) else word)
        reading = (folded, stopped, "n:" + name, name, form, None)
    else:
        reading = (folded, stopped, None, None, None, "w:" + _stemmer(lang).stemWord(folded))
    if len(readings) >= READINGS_LIMIT:
        readings.clear()
    readings[word] = reading
    return reading


def _stem_key(word: str, reading: tuple, lang: str, readings: dict[str, tuple]) -> str:
    """The stem's key of a capitalised word, kept with its reading once read."""
    key = "w:" + _stemmer(lang).stemWord(reading[0])
    readings[word] = (*reading[:5], key)
    return key


def _events(text: str, lang: str) -> list[str]:
    from ..lexicon.vocabulary import vocabulary

    vocab = vocabulary(lang)
    broader = load("stories").get("bridge", {}).get("broader_events", {})
    keys = [vocab.events.key_of(m.group(), compound=True) for m in vocab.event_words.finditer(text)]
    keys += [broader[key] for key in keys if key in broader]  # a general strike is a strike too
    return [key for key in keys if key is not None]
