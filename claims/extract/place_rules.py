"""The compiled place rules of a language (lexicon ``places.yaml``), read by ``places.py``: the
pattern of a place phrase (a capitalised name after a place preposition, or a name with a region
noun before or after it), the words that end a figure's clause or make it a whole, the seats of
sources, anaphors and possessives that point back to a place, and the joiners of two places."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..lexicon import load
from ..lexicon.loader import lexicon_cache
from ..lexicon.vocabulary import vocabulary

_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:\.(?=\s+[A-ZÀ-ÖØ-Þ]))?(?:-[\w'’]+)*"


def _name(words: int) -> str:
    """A capitalised name of at most ``words`` words ("St. Louis", "Süd-Kivu", "Lake Kivu")."""
    return rf"{_WORD}(?:\s+{_WORD}){{0,{max(0, words - 1)}}}"


class PlaceRules(NamedTuple):
    categories: frozenset
    reach_before: int
    reach_after: int
    pattern: re.Pattern
    boundary: re.Pattern
    not_places: frozenset
    facilities: frozenset
    openers: frozenset
    not_endings: tuple
    national: re.Pattern
    relative: re.Pattern
    owner_categories: frozenset
    owner: re.Pattern | None
    not_names: frozenset  # function words that open a sentence: "Insgesamt hat das Land ..."
    name_before_noun: bool
    region_nouns: frozenset
    bare_prepositions: frozenset
    seats: tuple
    anaphors: frozenset  # "dort", "there": the last place before the figure in its sentence
    not_anaphor_before: frozenset  # "there were": existential, no place
    possessive: re.Pattern | None  # "the state's": a region noun pointing back to a name
    possessor: re.Pattern | None  # "North Rhine-Westphalia's": the name it points back to
    joined: re.Pattern | None  # "and" before a second place phrase: "in Kalehe and on Idjwi island"
    event_totals: frozenset = frozenset()  # "Zahl", "toll": after an earlier event's place, the figure is the whole


def _alternation(words: list[str], ignore_case: bool = True) -> str:
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


@lexicon_cache(maxsize=4)
def rules(lang: str) -> PlaceRules:
    """The compiled place rules of ``lang``."""
    data = load("places")
    words = data["languages"][lang]
    preps = _alternation(words["prepositions"])
    region_preps = _alternation(words["region_prepositions"] + words["prepositions"])
    nouns = _alternation(words["region_nouns"] + words["facility_nouns"])
    if words["compound_nouns"]:  # "Kleinstadt", "Kreiskrankenhaus": a region noun ends a compound
        nouns = rf"(?:[A-ZÄÖÜ][a-zäöüß]*?)?{nouns}"
    # "im benachbarten Kreis Vaslui"; a place adjective names the place: "im Osloer Regierungsviertel"
    adjective = r"(?:[a-zäöüß]+(?:en|er|es|em|e|al|an|ing|ern)\s+|(?P<adjname>[A-ZÄÖÜ][a-zäöüß]+er)\s+)?"
    name = _name(words["name_words"])
    # "in neighbouring Belgium", "in flood-hit Pakistan": where names are the only capitalised words; not
    # "in eastern Romania", a part of the place named
    name_adjective = r"(?:[a-z]+(?:-[a-z]+)*(?:ing|ed|hit|torn|stricken)\s+)?" if words["name_before_noun"] else ""
    before = (rf"|{region_preps}\s+(?P<name2>{name})\s+(?P<noun2>{nouns})(?![\w-])" if words["name_before_noun"]
              else "|(?P<name2>(?!))(?P<noun2>(?!))")
    pattern = re.compile(
        rf"(?<![\w-])(?:"
        rf"{region_preps}\s+(?:(?:a|one|einem|einer)\s+)?{adjective}(?P<noun>{nouns})(?![\w-])(?:\s+(?i:of|von|de))?(?:\s+(?P<name>{name}))?"
        rf"{before}"
        rf"|{preps}\s+{name_adjective}(?P<name3>{name}))"
    )
    boundary = re.compile(rf"(?<![\w-]){_alternation(words['boundaries'])}(?![\w-])|[,;:()\d]")
    national = re.compile(rf"(?<![\w-]){_alternation(words['national_words'])}(?![\w-])")
    relative = re.compile(rf"\s*,\s*{_alternation(words['relatives'])}(?![\w-])[^,;:]*,")
    sources = load("sources")["lines"]
    seats = tuple(sorted({w.casefold() for line in sources.values() for kind in line["kinds"].values()
                          for w in kind.get("words", []) + kind.get("stems", [])}))
    return PlaceRules(
        frozenset(data["categories"]), data["reach_before"], data["reach_after"], pattern, boundary,
        frozenset(w.casefold() for w in words["not_places"]), frozenset(w.casefold() for w in words["facility_nouns"]),
        frozenset(w.casefold() for w in words["openers"]), tuple(words["not_place_endings"]), national, relative,
        frozenset(data.get("owner_categories", [])), _owner_pattern(words, nouns, name),
        vocabulary(lang).not_nouns | vocabulary(lang).sentence_openers,
        words["name_before_noun"], frozenset(w.casefold() for w in words["region_nouns"]),
        frozenset(w.casefold() for w in words["prepositions"]), seats,
        frozenset(w.casefold() for w in words.get("anaphors", [])),
        frozenset(w.casefold() for w in words.get("not_anaphor_before", [])),
        *_possessive_patterns(words),
        _joined_pattern(words),
        frozenset(w.casefold() for w in words.get("event_totals", [])),
    )


def _owner_pattern(words: dict, nouns: str, name: str) -> re.Pattern | None:
    """The name that opens a sentence as the owner of its figure: "Der Kreis Galați hat"."""
    if not words.get("owner_links"):
        return None
    articles = _alternation(words.get("owner_articles", []) or ["(?!)"])
    links = "|".join(r"\s*," if w == "," else r"\s+" + r"\s+".join(map(re.escape, w.split())) for w in words["owner_links"])
    return re.compile(rf"(?:{articles}\s+(?P<noun>{nouns})\s+(?:(?i:of|von)\s+)?)?(?P<name>{name})(?=(?i:{links})(?![\w-]))")


def _possessive_patterns(words: dict) -> tuple[re.Pattern | None, re.Pattern | None]:
    """"the state's" (a region noun with a possessive ending) and "North Rhine-Westphalia's" (a name with one)."""
    endings = words.get("possessive_endings", [])
    if not endings:
        return None, None
    ending = _alternation(endings)
    return (re.compile(rf"(?<![\w-])(?i:the)\s+{_alternation(words['region_nouns'])}{ending}(?![\w-])"),
            re.compile(rf"(?<![\w-])({_name(words['name_words'])}){ending}(?![\w-])"))


def _joined_pattern(words: dict) -> re.Pattern | None:
    """A joiner and the start of a second place: "and on Idjwi", "und auf der Insel" (German
    capitalises nouns, so there a preposition must come first: "und Hunderte" is no place;
    "and two in Bukavu" is a second figure's)."""
    if not words.get("joiners"):
        return None
    leads = {w for phrase in words["prepositions"] + words["region_prepositions"] for w in phrase.split()}
    lead = rf"(?:{_alternation(sorted(leads))}\s+){{{1 if words['compound_nouns'] else 0},2}}"
    return re.compile(rf"\s*(?:,\s*)?{_alternation(words['joiners'])}\s+{lead}{_WORD}")
