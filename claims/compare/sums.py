"""Parts against wholes: one report's parts summed and set against another report's total.

A part is a figure of one party (``actor``: "Russland 3.000, Belarus 500 ... Soldaten"), of one
place (``place``: "in Almaty 103", "im Gebiet Mangystau 20") or of one subgroup of a toll ("23
officers and 24 others were injured"). A document giving two or more parts of one kind gives
their sum, which is compared with every claim of another document that is a whole (no part):
``sum_agree`` when the intervals overlap, ``sum_conflict`` when they are disjoint. Places are
rarely all named, so regional parts that add up to less than the national total are no
conflict; only more than the total is. Parties and subgroups are named whole ("23 and 24
others"), so both directions count.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..lexicon import lexicon_cache, load
from ..models import Claim
from .series import Rec

PLACE = "place:"  # the prefix of a part key that is a place
INNER = "inner:"  # the prefix of a part key of a figure lower than its own report's toll
IN_CARE = PLACE + "in care"  # the part key of the people in hospital: a count that falls as patients leave
FACILITY_WORDS = ("hospital", "morgue", "mortuary", "krankenhaus", "klinik", "leichenhalle")  # bare facility places


@lexicon_cache()
def _care_places() -> frozenset[str]:
    return frozenset(w.casefold() for w in load("places").get("care_places", ()))


def in_care(place: str) -> bool:
    """True if a figure's place is a hospital named by its noun alone ("in hospital", "in
    Krankenhäusern"): the people in care, in any language one count, which falls as they leave."""
    return place.strip().casefold() in _care_places()


@dataclass(frozen=True, slots=True)
class Finding:
    """One pair (or sum and total) that shows a status, for the explanation."""

    status: str
    left: Claim
    right: Claim
    parts: tuple[Claim, ...] = ()


def regional_parts(recs: list[Rec]) -> None:
    """Keep a place as a part only where a group shows a breakdown by place.

    A toll's own place is the event's ("Bei einem Brand in Monastir starben 40 Menschen"), not
    a region: the figures of a place are regional parts when the group names two or more places
    (a facility, always a part, is none of them),
    when one report gives a higher total of no place beside a figure of it ("25 Tote, neun davon
    im Kreis Galați"), or when the place is a facility ("Galați (Kreiskrankenhaus)", "morgue")."""
    places = {r.part for r in recs if r.part and r.part.startswith(PLACE)}
    # a facility (a hospital's count) is a part wherever it is, and no region of a breakdown
    regions = {p for p in places if not ("(" in p or p.endswith(FACILITY_WORDS))}
    if len(regions) != 1:
        return
    place = next(iter(regions))
    wholes: dict[str, list[Rec]] = {}
    for r in recs:
        if r.part is None:
            wholes.setdefault(r.claim.doc, []).append(r)
    # a higher total of its own report makes the place's figure a part, unless the two are figures
    # of two named sources (the police's 12,000 in Athens, the organisers' 30,000: rivals)
    if any(r.part == place and any(w.low > r.high and not (w.named and r.named and w.line != r.line)
                                   for w in wholes.get(r.claim.doc, ())) for r in recs):
        return
    for r in recs:
        if r.part == place:
            r.part = None


def inner_parts(recs: list[Rec], part_words: tuple[str, ...] = (), total_words: tuple[str, ...] = ()) -> None:
    """A figure lower than a toll of its own report is a part of that toll, not a rival one.

    "mindestens 27 Menschen getötet ... Im Konzerthaus starben 16", "31 dead, among them seven
    foreigners", "die Leichen von vier Bergleuten" at one hospital beside the nine dead, "three
    firefighters" among 42 missing: a report that gives a higher figure of the same thing beside
    a lower one tells of a venue, a subgroup, a hospital or the attackers. Such a figure is kept
    out of the comparison with other reports (its own class, never summed), so it can never
    make the group's toll a conflict. Two named sources of different lines side by side ("the
    operator 9, the union 12") are a conflict inside the report and stay compared, and so are
    two figures of one sentence unless one of ``part_words`` ("darunter", "among") joins them.
    A figure told as a total (``total_words`` before it: "die Zahl der Festnahmen auf 112",
    "the death toll rose to 52") is a toll of its source, never a part."""
    by_doc: dict[str, list[Rec]] = {}
    for r in recs:
        if r.part is None:
            by_doc.setdefault(r.claim.doc, []).append(r)
    marked = []
    for r in recs:
        if r.part is not None or r.vague or has_part_word(_before(r), total_words):
            continue
        higher = [w for w in by_doc.get(r.claim.doc, ()) if w.low > r.high]
        # higher figures of other sources the text names only: a conflict inside the report
        higher = [w for w in higher if not (r.claim.attribution and w.claim.attribution and r.line != w.line)]
        # in one sentence a lower figure is a part beside a part word or when it names something else
        joined = has_part_word(r.claim.sentence, part_words)
        higher = [w for w in higher if w.claim.sentence_start != r.claim.sentence_start
                  or joined or _noun(w) != _noun(r)]
        if higher:
            marked.append(r)
    for r in marked:
        r.part = INNER + r.claim.claim_id


def _before(r: Rec) -> str:
    return r.claim.sentence[: max(0, r.claim.start - r.claim.sentence_start)]


def _noun(r: Rec) -> str:
    return (r.claim.subject or "").casefold()


def has_part_word(sentence: str, part_words: tuple[str, ...]) -> bool:
    """True when one of ``part_words`` stands in ``sentence`` as a word or phrase."""
    words = " " + " ".join(w.strip(",.;:()\"'") for w in sentence.casefold().split()) + " "
    return any(f" {w} " in words for w in part_words)


def within_whole(wholes: list[Rec], parts: list[Rec]) -> list[Finding]:
    """A regional figure no higher than a total of another report: a part of it, compatible."""
    for part in parts:
        for whole in wholes:
            if whole.claim.doc != part.claim.doc and part.low <= whole.high:
                return [Finding("compatible", part.claim, whole.claim)]
    return []


def sum_findings(recs: list[Rec]) -> list[Finding]:
    """Compare the sum of one document's parts (two or more distinct part keys) with another's total."""
    parts_by_doc: dict[str, dict[str, Rec]] = {}
    for r in sorted(recs, key=lambda r: (r.claim.doc, r.claim.start)):
        if r.part is not None and not r.part.startswith(INNER):
            parts_by_doc.setdefault(r.claim.doc, {}).setdefault(r.part, r)
    part_docs = {d: parts for d, parts in parts_by_doc.items() if len(parts) >= 2}
    if not part_docs:
        return []
    part_keys = {k for parts in part_docs.values() for k in parts}
    totals = [r for r in recs if r.claim.doc not in part_docs and r.part is None]
    totals += [r for r in recs if r.claim.doc not in part_docs and r.part is not None and r.part not in part_keys
               and not r.part.startswith((PLACE, INNER))]
    if not totals:
        return []
    min_high = min(totals, key=lambda r: (r.high, r.claim.doc))
    max_low = max(totals, key=lambda r: (r.low, r.claim.doc))
    by_low = sorted(totals, key=lambda r: r.low)
    lows = [r.low for r in by_low]
    prefix_best: list[Rec] = []
    for r in by_low:
        prefix_best.append(r if not prefix_best or r.high > prefix_best[-1].high else prefix_best[-1])
    found: list[Finding] = []
    for doc in sorted(part_docs):
        parts = tuple(part_docs[doc].values())
        low = sum(p.low for p in parts)
        high = sum(p.high for p in parts)
        first = parts[0].claim
        part_claims = tuple(p.claim for p in parts)
        places = all(p.part.startswith(PLACE) for p in parts)
        if min_high.high < low:
            found.append(Finding("sum_conflict", first, min_high.claim, part_claims))
        elif max_low.low > high and not places:
            found.append(Finding("sum_conflict", first, max_low.claim, part_claims))
        i = bisect_right(lows, high)
        if i and prefix_best[i - 1].high >= low:
            found.append(Finding("sum_agree", first, prefix_best[i - 1].claim, part_claims))
    return found
