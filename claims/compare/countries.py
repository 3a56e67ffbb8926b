"""Figures of another country within one story: neither a part nor a rival of this country's toll.

A report of Germany's floods says "Auch im Nachbarland Belgien ... starben mindestens 20
Menschen"; another "In neighbouring Belgium, the death toll rose to 27". Belgium's dead are no
region of Germany's toll (a part summed against it) and no rival of it: they are a toll of their
own, compared only with the figures of Belgium.

A place is a country when it is one of the states of ``actors.yaml`` (in any language it lists,
"Belgien"/"Belgium"), except the names that as a place are a city (``cities_of_actors`` of
``places.yaml``: "in Kabul" is no figure of all Afghanistan). A story's **home** countries are
those its reports lead with: in each report, the countries named (by a name, its genitive, or an
adjective of nationality: "Deutschlands", "Germany's", "German flood toll") in its first figure's
sentence that names one; the countries of most reports are the story's (two named together, "the
earthquake in Turkey and Syria", are both its). Within a story with a home country,

- a figure whose place is another country, or a region its sentence puts in another country ("in
  der belgischen Provinz Lüttich", "in Liège, Belgium"), is grouped apart from the story's other
  figures, with the figures of that country (its group is labelled with the country);
- a figure whose place is the one home country ("Mehr als 100 Tote nach Hochwasser in
  Deutschland") is a figure of the whole, as a figure of no place is; of two home countries each
  is a part of their total, as a region is.

A story whose reports name no country is left as it is. The work is one pass over the claims of the
stories that have a figure of a country (a look-up of each word of a sentence, until a report's
first sentence naming a country is found), so grouping stays linear.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from ..lexicon import load
from ..lexicon.loader import lexicon_cache
from ..models import Claim, Group
from .status import plain as _plain


@lexicon_cache()
def country_names() -> dict[str, str]:
    """A place name as a key (casefolded, no diacritics) -> its country's canonical name."""
    cities = {_plain(n) for n in load("places").get("cities_of_actors", ())}
    names: dict[str, str] = {}
    for country, written in load("actors").get("actors", {}).items():
        for name in written:
            key = _plain(name)
            if key not in cities and len(key) > 2:  # "US", "UK", "EU" are too short to find in a text
                names.setdefault(key, country)
    return names


_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@lexicon_cache()
def _spellings() -> dict[str, str]:
    """Each spelling of a country's name or adjective of nationality (as written) -> its country."""
    spellings: dict[str, str] = {}
    cities = {_plain(n) for n in load("places").get("cities_of_actors", ())}
    actors = load("actors")
    for country, written in actors.get("actors", {}).items():
        for name in written:
            if _plain(name) not in cities and len(name) > 2 and name.count(" ") <= 1:
                spellings[name] = country
    endings = actors.get("adjective_endings", [])
    for country, adjectives in actors.get("adjectives", {}).items():
        for adjective in adjectives:
            if adjective.endswith("*"):
                stem = adjective[:-1]
                for form in (stem, *(stem + e for e in endings)):
                    spellings[form] = spellings[form[:1].upper() + form[1:]] = country
            elif len(adjective) > 2:
                spellings[adjective] = country
    return spellings


def countries_named(sentence: str) -> frozenset[str]:
    """The countries a sentence names by a name (one or two words), its genitive ("Deutschlands",
    "Germany's") or an adjective of nationality ("German flood toll", "die belgische Regierung")."""
    spellings = _spellings()
    tokens = _TOKEN.findall(sentence)
    found = set()
    for i, token in enumerate(tokens):
        country = spellings.get(token)
        if country is None and token.endswith("s"):
            country = spellings.get(token[:-1]) or (spellings.get(token[:-2]) if token.endswith("es") else None)
        if country is None and i + 1 < len(tokens):
            country = spellings.get(f"{token} {tokens[i + 1]}")
        if country is not None:
            found.add(country)
    return frozenset(found)


def country_of(place: str | None) -> str | None:
    """The country a figure's place is, when it is one ("Belgien", "Belgium" -> "Belgium")."""
    return _country_of(place) if place else None


@lexicon_cache(maxsize=65536)
def _country_of(place: str) -> str | None:
    return country_names().get(_plain(place))


# "Liège, Belgium", "Lüttich (Belgien)", "Liège in Belgium", "Straßburg in Frankreich": the name after a place
_APPOSITION = re.compile(r"(?:\s*[,(]\s*|\s+(?:in|im|in der|in the)\s+)([^\W\d_][\w-]*)(?: ([^\W\d_][\w-]*))?")


def region_country(claim: Claim) -> str | None:
    """The country a figure's place lies in when its sentence says so right at the place: an
    adjective of nationality just before it ("in der belgischen Provinz Lüttich", "in the Belgian
    province of Liège" where actors.yaml has the adjective) or the country in apposition ("in
    Liège, Belgium," "in Lüttich (Belgien)"). There is no gazetteer: a region named alone is
    of no known country."""
    place, sentence = claim.place, claim.sentence
    if not place or not sentence or country_of(place):
        return None
    inside = countries_named(place)  # "Morocco's High Atlas", "Germany's Ahr valley"
    if len(inside) == 1:
        return next(iter(inside))
    at = sentence.find(place)
    if at < 0:
        return None
    before = countries_named(" ".join(sentence[max(0, at - 40):at].split()[-3:]))
    after = _APPOSITION.match(sentence, at + len(place))
    if after:  # a name of one word or two ("Belgium", "South Korea")
        country = country_of(f"{after.group(1)} {after.group(2)}") if after.group(2) else None
        country = country or country_of(after.group(1))
        before |= {country} if country else set()
    named = before
    return next(iter(named)) if len(named) == 1 else None


def home_countries(claims: Iterable[Claim]) -> frozenset[str]:
    """The countries a story is of: in each report, the countries its first sentence naming a
    country names (a lead names the event's country: "Beim Hochwasser im Westen Deutschlands");
    the countries of most such reports. Two countries named together ("the earthquake in Turkey
    and Syria") are both the story's."""
    first: dict[str, tuple[int, frozenset[str]]] = {}  # document -> its first sentence naming a country
    for c in claims:
        if not c.sentence or (c.doc in first and first[c.doc][0] <= c.sentence_start):
            continue
        named = countries_named(c.sentence)
        if named:
            first[c.doc] = (c.sentence_start, named)
    votes = Counter(country for _, countries in first.values() for country in countries)
    top = max(votes.values(), default=0)
    return frozenset(country for country, n in votes.items() if n == top)


def split_foreign(keyed: dict[tuple, list[Claim]]) -> dict[str, str]:
    """Within ``keyed`` ((story, category, unit, key) -> claims), move each figure of another country
    than its story's home to a key of its own country, and read a figure of the home country as
    one of no place. Returns each moved claim's id -> its country (for the group's label)."""
    # only within a story: without one, nothing says which country the figures are of
    regions = {c.claim_id: country for k, members in keyed.items() if k[0] is not None for c in members
               if c.place and (country := region_country(c))}
    stories = {k[0] for k, members in keyed.items() if k[0] is not None for c in members
               if country_of(c.place) or c.claim_id in regions}
    if not stories:
        return {}
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for k, members in keyed.items():
        if k[0] in stories:
            by_story[k[0]].extend(members)
    homes = {story: home_countries(claims) for story, claims in by_story.items()}
    foreign: dict[str, str] = {}
    moved: dict[tuple, list[Claim]] = defaultdict(list)
    for k, members in keyed.items():
        home = homes.get(k[0])
        if not home:
            continue
        stay = []
        for c in members:
            if c.claim_id in regions and regions[c.claim_id] not in home:  # "in der belgischen Provinz Lüttich"
                foreign[c.claim_id] = regions[c.claim_id]
                moved[(*k[:3], f"{k[3]}|country:{regions[c.claim_id]}")].append(c)  # a part of that country's toll
                continue
            country = country_of(c.place)
            if country is None or country in home and len(home) > 1:
                stay.append(c)  # of two countries of the story, each is a part of their total
            elif country in home:
                stay.append(replace(c, place=None))
            else:
                foreign[c.claim_id] = country
                moved[(*k[:3], f"{k[3]}|country:{country}")].append(replace(c, place=country))  # "Belgien", "Belgium"
        members[:] = stay
    for k, members in moved.items():
        keyed.setdefault(k, []).extend(members)
    for k in [k for k, members in keyed.items() if not members]:
        del keyed[k]
    return foreign


def with_country(group: Group, foreign: dict[str, str]) -> Group:
    """``group`` labelled with its country when its figures are another country's:
    "deaths: Menschen (Belgium) · 2021-07"."""
    country = foreign.get(group.claim_ids[0]) if foreign else None
    if country is None:
        return group
    head, sep, scope = group.label.partition(" · ")
    return replace(group, label=f"{head} ({country}){sep}{scope}")
