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


@lru_cache(maxsize=200_000)
def bridge_concept(word: str, lang: str) -> str | None:
    """The bridge's concept of a word of ``lang`` ("Hochwasserlage", "de" -> "flood"), else None."""
    table, prefixes, heads = _bridge(lang)
    folded = word.casefold()
    concept = table.get(folded)
    if concept is None and prefixes is not None and folded[:3] in heads:
        match = prefixes.match(folded)
        if match is not None:
            concept = table[match.lastgroup]
    return concept


@lru_cache(maxsize=4)
def _stemmer(lang: str):
    import Stemmer  # PyStemmer: the Snowball stemmers in C

    return Stemmer.Stemmer(_STEMMERS.get(lang, "english"))


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """Casefolded, without accents: "Galați" -> "galati", "Mareș" -> "mares"."""
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
    stop = _stopwords(lang)
    outlet = {w.casefold() for w in _WORD.findall(source or "")}
    actors = _actor_names()
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
    for word, n in words.items():
        if len(word) < min_len:
            continue
        folded = word.casefold()
        if folded in stop or folded in outlet:
            continue
        concept = bridge_concept(word, lang)
        if concept is not None:  # "Hochwasser" and "floods" are one term; a German noun weighs as a name still
            counts["b:" + concept] += n
            if word[0].isupper() and folded not in lower:
                is_name.add("b:" + concept)
            continue
        if word[0].isupper() and folded not in lower:
            name = name_key(word)
            name = actors.get(name, name)
            key = "n:" + name
            counts[key] += n
            is_name.add(key)
            rank = (not word.isupper(), n)  # "Goma" rather than the dateline's "GOMA"
            if forms.get(key, ((False, 0), ""))[0] < rank:
                forms[key] = (rank, word[:-2] if word.endswith(("'s", "’s")) else word)
            if len(name) > prefix and name not in bridged:  # "Serbien" and "Serbia" share "p:serbi"
                counts["p:" + name[:prefix]] += n
        else:
            plain.append((folded, n))
    for key in _events(text, lang):  # "Generalstreik" and "general strike" are one event in any language
        counts["e:" + key] += 1
    stems = _stemmer(lang).stemWords([folded for folded, _ in plain]) if plain else []
    for stem, (folded, n) in zip(stems, plain):
        key = "w:" + stem
        counts[key] += n
    title_names = {actors.get(name_key(w), name_key(w)) for w in title_words}
    title_stems = _stemmer(lang).stemWords([w.casefold() for w in title_words])
    title_keys = {"b:" + c for c in (bridge_concept(w, lang) for w in title_words) if c}
    title_keys |= {"n:" + n for n in title_names} | {"p:" + n[:prefix] for n in title_names} | {"w:" + s for s in title_stems}
    weights = {}
    for key, n in counts.items():
        weight = 1.0 + math.log(n)
        if key in is_name:
            weight *= settings["name_weight"]
        if key in title_keys:
            weight *= settings["title_weight"]
        weights[key] = weight
    return Terms(weights, {key: word for key, (_n, word) in forms.items()})


def _events(text: str, lang: str) -> list[str]:
    from ..lexicon.vocabulary import vocabulary

    vocab = vocabulary(lang)
    broader = load("stories").get("bridge", {}).get("broader_events", {})
    keys = [vocab.events.key_of(m.group(), compound=True) for m in vocab.event_words.finditer(text)]
    keys += [broader[key] for key in keys if key in broader]  # a general strike is a strike too
    return [key for key in keys if key is not None]

