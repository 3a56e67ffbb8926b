"""The place a figure is about, read from its own clause (lexicon ``places.yaml``).

"In Afghanistan, at least 115 were killed" and "103 people died in Almaty" give the places
Afghanistan and Almaty; "im Gebiet Mangystau kamen 20 Menschen ums Leben" and "in the
province of Galati" the region's name; "im Krankenhaus von Bukavu" and "at the hospital" a
facility ("Bukavu (Krankenhaus)", "hospital"). There is no gazetteer: a place is a
capitalised name after a place preposition, or a name with a region noun before or after it.
A phrase before the figure counts when nothing between them ends the clause (a boundary word
such as "when", "nachdem", or another figure); one after it when it comes before such a word.
The comparison treats a figure with a place as a part of the total of no place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon.vocabulary import vocabulary
from ..models import Claim
from .place_rules import PlaceRules, rules
from .sentences import TextContext, clause_bounds


def _fronted(head: str, r: PlaceRules) -> bool:
    """True when the place phrase opens the clause, alone or after an opening phrase ("In the clashes in X,")."""
    words = head.split()
    return not words or (words[0].casefold() in r.openers and r.boundary.search(head) is None)


_POSSESSIVE = re.compile(r"['’]s?$")


def _place_of(found: re.Match, r: PlaceRules) -> str | None:
    noun = found.group("noun") or found.group("noun2")
    name = found.group("name") or found.group("name2") or found.group("name3")
    if name:
        name = name.rstrip(".")
        first = _POSSESSIVE.sub("", name.split()[0].casefold())  # "in Wednesday's clashes": no place
        if first in r.not_places or (noun is None and (first in r.facilities or first.endswith(r.not_endings))):
            name = None
    if noun and noun.casefold().endswith(tuple(r.facilities)):
        return f"{name} ({noun})" if name else noun
    if found.group("adjname"):
        if r.name_before_noun:  # "in the Ahrweiler district (of Rhineland-Palatinate)": the district's name
            return found.group("adjname")
        if name is None:
            return f"{found.group('adjname')} {noun}"
    words = found.group().split()
    if name is None and noun and len(words) == 2 and words[0].casefold() in r.bare_prepositions \
            and noun.casefold() not in r.region_nouns and noun[0].isupper():
        return noun  # "in Düsseldorf", "in Darmstadt": a town whose name ends like a region noun
    return name


def _at_seat(text: str, found: re.Match, lo: int, r: PlaceRules) -> bool:
    """True when the place phrase follows a source in its clause ("des Innenministeriums in
    Düsseldorf", "police in Koblenz said"): the seat of who speaks, not the place of the figure."""
    before = text[max(lo, found.start() - 40) : found.start()].split()
    word = before[-1].casefold().strip(",.;:") if before else ""
    if not word or word.endswith(tuple(r.facilities)):
        return False  # "in der Verbrennungsklinik in Siemianowice": a facility of that town, no speaker
    return any(seat in word for seat in r.seats if len(seat) > 3 or seat == word)


def _sub_clause(text: str, start: int, end: int, clause: tuple[int, int]) -> tuple[int, int]:
    """The part of the clause between the commas around the figure ("Bundesweit starben 165,
    davon 47 in Nordrhein-Westfalen": the 47's part has no 'bundesweit')."""
    lo, hi = clause
    left = max(text.rfind(",", lo, start), text.rfind(";", lo, start))
    right = [i for i in (text.find(",", end, hi), text.find(";", end, hi)) if i >= 0]
    return (left + 1 if left >= 0 else lo), (min(right) if right else hi)


_FRONTED_WORDS = 3  # "In Afghanistan alone, 115 ...", "In Kabul on Monday, 20 ...": words before the comma


_LETTERS = re.compile(r"[^\W\d_]+")
_EARLIER_EVENT = re.compile(r"(?i)(?<!\w)(?:nach|after|following|since|seit)\s+(?:[^\W\d_]+\s+){0,3}?([^\W\d_]+)\s*\Z")


def _of_earlier_event(text: str, found: re.Match, start: int, lo: int, r: PlaceRules, lang: str) -> bool:
    """True when the place phrase follows an event named in a phrase of what came before and a
    word of a total stands between it and the figure ("nach dem Erdbeben auf der Halbinsel Noto
    ist die Zahl der Toten auf 202 gestiegen", "after the floods in X, the death toll rose to 133"):
    the place of that event; the figure is its whole."""
    if not r.event_totals or not any(w.casefold() in r.event_totals for w in _LETTERS.findall(text, found.end(), start)):
        return False
    lead = _EARLIER_EVENT.search(text, max(lo, found.start() - 60), found.start())
    return lead is not None and vocabulary(lang).events.key_of(lead.group(1), compound=True) is not None


def place_in(text: str, start: int, end: int, clause: tuple[int, int], r: PlaceRules, lang: str = "") -> str | None:
    """The place of the figure at [start, end) in ``clause`` of ``text``, or None."""
    lo, hi = clause
    if r.national.search(text, *_sub_clause(text, start, end, clause)):  # "landesweit 126 Tote": the whole, no part
        return None
    before_from = max(lo, start - r.reach_before)
    best = last = previous = None
    within = None
    for found in r.pattern.finditer(text, before_from, start):
        if found.end() > start:
            break
        if _at_seat(text, found, lo, r) or lang and _of_earlier_event(text, found, start, lo, r, lang):
            continue
        if last is not None and r.joined and r.joined.match(text, last.end(), found.end()):
            previous = last  # "In Kalehe und auf der Insel Idjwi wurden 71 Tote gezählt": two places
        last = found
        gap = text[found.end() : start]
        fronted = _fronted(text[lo : found.start()], r)  # "In Afghanistan, at least 115 ..."
        if fronted:  # "In der Kleinstadt Tecuci, wo der Sereth einen Deich durchbrach, kamen 22 ..."
            clause_end = r.relative.match(gap)
            gap = gap[clause_end.end():] if clause_end else gap
        comma = gap.find(",")
        if fronted and comma >= 0 and len(gap[:comma].split()) <= _FRONTED_WORDS and not any(ch.isdigit() for ch in gap[:comma]):
            gap = gap[:comma] + gap[comma + 1:]
        if r.boundary.search(gap) is None:
            if best is not None and not text[best.end() : found.start()].strip() and _place_of(best, r):
                within = within or _place_of(found, r)
                continue  # "im Kreis Ahrweiler in Rheinland-Pfalz": the first, narrower place
            best, within = found, None
    if best is not None:
        place = _place_of(best, r)
        if place and within and "(" not in place and place.casefold().endswith(tuple(r.facilities)):
            return f"{within} ({place})"  # "in der Verbrennungsklinik in Siemianowice": the clinic of that town
        if place:
            two = previous is not None and previous.end() < best.start() and r.joined.match(text, previous.end(), best.end())
            return None if two or _second_place(text, best.end(), hi, r) else place
    after_to = min(hi, end + r.reach_after)
    cut = r.boundary.search(text, end, after_to)
    found = r.pattern.search(text, end, cut.start() if cut else after_to)
    if found is None or _second_place(text, found.end(), hi, r):
        return None
    return _place_of(found, r)


def _second_place(text: str, end: int, hi: int, r: PlaceRules) -> bool:
    """True if another place phrase joins the one ending at ``end`` ("in Kalehe and on Idjwi island")."""
    return r.joined is not None and r.joined.match(text, end, hi) is not None


def owner_of(text: str, sentence_start: int, start: int, r: PlaceRules) -> str | None:
    """The name that opens the sentence of a figure at ``start`` as its owner, or None."""
    if r.owner is None or start - sentence_start > r.reach_before:
        return None
    found = r.owner.match(text, sentence_start, start)
    if found is None:
        return None
    name = found.group("name").rstrip(".")
    first = name.split()[0].casefold()
    if first in r.not_places or first in r.not_names or first in r.openers or first.endswith(r.not_endings):
        return None
    if r.national.search(text, sentence_start, start):
        return None  # "Insgesamt", "nationwide": the whole
    return name


def add_places(ctx: TextContext, claims: list[Claim]) -> list[Claim]:
    """``claims`` with the place of each figure of a counted category set. A figure joined to
    the one before it by a conjunction ("23 officers and 24 others") shares its place."""
    r = rules(ctx.lang)
    out = []
    previous: Claim | None = None
    for claim in claims:
        if claim.kind == "number" and claim.category in r.categories and claim.aspect != "change":
            index = ctx.locate(claim.start)
            clause = clause_bounds(ctx.text, claim.start, claim.end, ctx.span(index))
            place = place_in(ctx.text, claim.start, claim.end, clause, r, ctx.lang)
            if place is None and claim.category in r.owner_categories:
                place = owner_of(ctx.text, ctx.span(index)[0], claim.start, r)
            if place is None and previous is not None and previous.place and _joined(ctx.text, previous, claim, r):
                place = previous.place
            if place is None and r.anaphors:
                place = _pointed_back(ctx.text, ctx.span(index)[0], clause, claim.start, r)
            if place is None and r.possessive is not None:  # "X's interior ministry put the state's toll at 43"
                place = _possessed(ctx.text, ctx.span(index)[0], clause, claim.start, r)
            if place:
                # "165 Tote, davon 47 in Nordrhein-Westfalen": a part of a whole of no place with a region of
                # its own is that region's figure; "24 Tote, 15 davon im Kreis Euskirchen" stays a part
                regional = claim.aspect == "part" and _whole_of_no_place(previous, claim, r) and "(" not in place \
                    and not place.casefold().endswith(tuple(r.facilities))
                claim = replace(claim, place=place, aspect=None if regional else claim.aspect)
            previous = claim
        out.append(claim)
    return out


def _whole_of_no_place(whole: Claim | None, part: Claim, r: PlaceRules) -> bool:
    """True if ``whole``, the figure before the part in its sentence, has no place and is of its
    concept: the part's place is a region of the whole. Facilities stay parts ("18 davon im Krankenhaus")."""
    return (whole is not None and whole.sentence_start == part.sentence_start and whole.place is None
            and whole.aspect is None and (whole.category, whole.concept) == (part.category, part.concept))


def _pointed_back(text: str, sentence_start: int, clause: tuple[int, int], start: int, r: PlaceRules) -> str | None:
    """The last place before the figure in its sentence when an anaphor of its clause points back to
    it ("..., im Nachbarland Belgien ...; dort starben 20 Menschen", "In neighbouring Belgium ..., and
    103 people were missing there"); not an existential "there were"."""
    words = [w.strip(",.;:!?").casefold() for w in text[clause[0] : clause[1]].split()]
    if not any(w in r.anaphors and (i + 1 == len(words) or words[i + 1] not in r.not_anaphor_before)
               for i, w in enumerate(words)):
        return None
    found = None
    for found in r.pattern.finditer(text, sentence_start, start):
        pass
    return _place_of(found, r) if found and not _at_seat(text, found, sentence_start, r) else None


def _possessed(text: str, sentence_start: int, clause: tuple[int, int], start: int, r: PlaceRules) -> str | None:
    """The name a possessive region noun before the figure refers back to: in "North Rhine-Westphalia's
    interior ministry put the state's toll at 43" the state is North Rhine-Westphalia."""
    region = None
    for region in r.possessive.finditer(text, max(clause[0], start - r.reach_before), start):
        pass
    if region is None:
        return None
    names = [m.group(1) for m in r.possessor.finditer(text, sentence_start, region.start())]
    names = [n for n in names if n.split()[0].casefold() not in r.not_places and n.casefold() not in r.not_names]
    return names[-1] if names else None


def _joined(text: str, left: Claim, right: Claim, r: PlaceRules) -> bool:
    """True when only a few words and one conjunction or comma stand between two figures of one sentence."""
    if left.sentence_start != right.sentence_start or right.start - left.end > 40:
        return False
    gap = text[left.end : right.start]
    breaks = [m.group().casefold() for m in r.boundary.finditer(gap)]
    return len(breaks) == 1 and breaks[0] in (",", "and", "und")
