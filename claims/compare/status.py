"""Decide whether the claims of a group agree, by comparing intervals.

Every claim is an interval (``intervals.py``): ``mindestens 2200`` is [2200,
inf), ``Hunderte`` is the interval its lexicon gives, a month-precision date
covers every day of its month. Two claims from different documents (claims of one document are
repeated mentions and are never compared with each other) are

- ``agree`` when their intervals are equal and neither is vague;
- ``compatible`` when their intervals overlap but differ, or are vague;
- ``update`` when they are disjoint, the category is cumulative (deaths,
  injuries, arrests), the higher count comes from a strictly later report and
  the earlier report was written while the event was unfolding;
- ``conflict`` when they are disjoint otherwise.

Like is compared with like. Claims with different actors ("Russland 3.000", "Belarus 500")
or places ("in Almaty 103", "im Gebiet Mangystau 20") count different things and are not
compared directly; a regional figure is a part of the total of no place, so it conflicts with
the total only when it is higher. Within one actor and place, each source line is a series in
report order (series.py): a rising official toll is an update, the monitor's 71 against the
ministry's 52 of the same day a conflict, and the missing may fall (``falling_categories``).
Parts (two or more actors, places or subgroups of one document: sums.py) are summed and
compared with the totals of other documents. The explanation (explain.py) names the deciding
pair, its sources and dates.

A group's status is its worst pairwise status in ``SEVERITY`` order; a group
with claims from one document only is ``single``. The search is by sorting and
sweeping, O(n log n), never by comparing every pair, so one group may hold a
hundred thousand claims.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter

from ..lexicon import load
from ..models import Claim, Group
from .explain import explain
from .intervals import INF, claim_interval, span_or_open
from .series import LineIndex, Rec, conflict_pair, pair_weight, update_pair
from .sources import OTHER, OUTLET, facility_lines, source_line
from .sums import (
    IN_CARE,
    PLACE,
    Finding,
    in_care,
    inner_parts,
    regional_parts,
    sum_findings,
    within_whole,
)

__all__ = ["CLAIM_ORDER", "DISAGREEMENTS", "SEVERITY", "Finding", "compare_group", "explain", "findings",
           "load_config", "severity", "status_counts", "status_of_sorted"]

# Worst first: the order of `claims conflicts` and of aggregation within a group.
SEVERITY = ("conflict", "sum_conflict", "update", "compatible", "sum_agree", "agree", "single")
# Statuses that `claims conflicts` lists: everything but plain agreement.
DISAGREEMENTS = ("conflict", "sum_conflict", "update", "sum_agree")

CLAIM_ORDER = attrgetter("doc", "start", "claim_id")  # the order witnesses are searched in


def load_config() -> dict:
    """The grouping and comparison settings from ``lexicon/data/grouping.yaml``."""
    return load("grouping")


def severity(status: str) -> int:
    """Rank of ``status``: 0 is the worst."""
    return SEVERITY.index(status)


def status_counts(groups: Iterable[Group]) -> dict[str, int]:
    """How many groups have each status, worst first; statuses no group has are left out."""
    counts = Counter(group.status for group in groups)
    return {status: counts[status] for status in SEVERITY if counts[status]}


def _record(claim: Claim, timed: bool, window: int, part: str | None, within: bool = False,
            outlet: str | None = None) -> Rec:
    low, high = claim_interval(claim)
    as_start, as_end = span_or_open(claim.as_of)
    in_window = False
    if timed:
        scope_end = span_or_open(claim.scope)[1] if claim.scope else INF
        in_window = as_start <= scope_end + window
    line = source_line(claim.attribution, outlet)
    # A source no kind names ("Lusamba said", "he said") is compared as the outlet's own voice.
    named = line.line not in (OUTLET, OTHER)
    if line.line in facility_lines() and not (part or "").startswith("actor:"):
        part = f"{PLACE}({line.line})"  # one hospital's figure, wherever it is: a part of the total
    return Rec(claim, low, high, claim.qualifier == "vague", as_start, as_end, in_window,
               line.line if named else OUTLET, named, part, within and claim.scope is not None)


def part_key(claim: Claim) -> str | None:
    """What makes a claim a part of a whole: its actor, else its place."""
    if claim.actor:
        return "actor:" + claim.actor.casefold().strip()
    place = getattr(claim, "place", None)
    return (IN_CARE if in_care(place) else PLACE + plain(place)) if place else None  # "in hospital", "in Kliniken": one


def plain(name: str) -> str:
    """A place name as a key: casefolded, without diacritics ("Galați" and "Galati" meet)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _by_line(recs: list[Rec]) -> dict[str, list[Rec]]:
    by_line: dict[str, list[Rec]] = {}
    for r in recs:
        by_line.setdefault(r.line, []).append(r)
    return by_line


def listed_docs(recs: list[Rec]) -> set[str]:
    """Documents giving two or more different figures of one class: a list of several things (the
    throws of three athletes, the rates of several countries, two candidates' shares), not one
    figure of the thing the other reports give."""
    first: dict[str, tuple[float, float]] = {}
    return {r.claim.doc for r in recs if first.setdefault(r.claim.doc, (r.low, r.high)) != (r.low, r.high)}


def _direct_findings(recs: list[Rec], grows: bool, falls: bool, listed: set[str] | None = None) -> list[Finding]:
    """Findings among the claims of one actor and place, line by line (series.py); the claims of
    ``listed`` documents (``listed_docs``) are no rivals: they conflict with none."""
    found: list[Finding] = []
    by_line = _by_line(recs)
    indexes = {line: LineIndex(members) for line, members in by_line.items()}
    rival_lines, rival_indexes = by_line, indexes
    if listed:
        rival_lines = _by_line([r for r in recs if r.claim.doc not in listed])
        rival_indexes = {line: LineIndex(members) for line, members in rival_lines.items()}
    conflicts = []
    update = None
    for line, members in by_line.items():
        for other, index in indexes.items():
            same = other == line and line != OUTLET  # each outlet's own voice is a source of its own
            if update is None:
                update = update_pair(members, index, same, grows, falls)
            if line in rival_lines and other in rival_indexes:
                pair = conflict_pair(rival_lines[line], rival_indexes[other], same, grows, falls)
                if pair:
                    conflicts.append(pair)
    # The deciding pair: two named sources of one day first (the ministry's 52, the monitor's 71).
    conflict = min(conflicts, key=lambda pair: pair_weight(*pair)) if conflicts else None
    if conflict:
        found.append(Finding("conflict", conflict[0].claim, conflict[1].claim))
    if update:
        found.append(Finding("update", update[0].claim, update[1].claim))
    found.extend(_overlap_findings(recs))
    return found


def _overlap_findings(recs: list[Rec]) -> list[Finding]:
    """``agree`` (equal precise intervals) and ``compatible`` (other overlaps) across docs."""
    found: list[Finding] = []
    keys: dict[tuple[float, float, bool], list[Rec]] = {}
    for r in recs:
        holders = keys.setdefault((r.low, r.high, r.vague), [])
        if len(holders) < 2 and all(h.claim.doc != r.claim.doc for h in holders):
            holders.append(r)
    agree = next((h for k, h in sorted(keys.items()) if len(h) > 1 and not k[2]), None)
    if agree:
        found.append(Finding("agree", agree[0].claim, agree[1].claim))
    compatible = next((h for k, h in sorted(keys.items()) if len(h) > 1 and k[2]), None)
    if compatible:
        found.append(Finding("compatible", compatible[0].claim, compatible[1].claim))
        return found
    best: tuple | None = None  # (high, doc, rec): the highest high so far, and one of another doc
    second: tuple | None = None
    for (low, _high, _vague), holders in sorted(keys.items()):
        for r in holders:
            for top in (best, second):
                if top and top[1] != r.claim.doc and top[0] >= low:
                    found.append(Finding("compatible", top[2].claim, r.claim))
                    return found
        for r in holders:
            entry = (r.high, r.claim.doc, r)
            if best is None or r.high > best[0]:
                if best is not None and best[1] != r.claim.doc:
                    second = best
                best = entry
            elif best[1] != r.claim.doc and (second is None or r.high > second[0]):
                second = entry
    return found


def _part_above_whole(wholes: list[Rec], parts: list[Rec], grows: bool, falls: bool) -> list[Finding]:
    """A regional figure higher than the total of no place conflicts with it; lower, it is a part."""
    by_line: dict[str, list[Rec]] = {}
    for r in parts:
        by_line.setdefault(r.line, []).append(r)
    for line, members in sorted(by_line.items()):
        index = LineIndex(members)
        for whole_line in sorted({w.line for w in wholes}):
            lower = [w for w in wholes if w.line == whole_line]
            pair = conflict_pair(lower, index, whole_line == line != OUTLET, grows, falls)
            if pair:
                return [Finding("conflict", pair[0].claim, pair[1].claim)]
    return []


def findings(
    claims: Sequence[Claim], config: dict | None = None, subgroups: Mapping[str, Sequence[Claim]] | None = None,
    outlets: Mapping[str, str | None] | None = None,
) -> list[Finding]:
    """Every kind of finding in ``claims``, one witness per kind and comparison class.

    ``subgroups`` maps the id of a claim that is the rest of a toll ("24 others") to the
    figures of the subgroups named with it ("23 officers"), which are summed with it;
    ``outlets`` gives each document's source (front matter), the source line of a figure the
    text attributes to no one ("Ministry of Health" as a document's source is official)."""
    outlets = outlets or {}
    config = config or load_config()
    if not claims:
        return []
    category = claims[0].category
    grows = category in config["cumulative_categories"]
    falling = config.get("falling_categories", ())
    falls = category in falling or claims[0].concept in falling  # "missing": a category or a concept
    window = config["update_window_days"]
    subgroups = subgroups or {}
    within = bool({category, claims[0].concept} & set(config.get("within_report_categories", ())))
    timed = grows or falls
    recs = []
    # subgroups shown in the group of the rest they are summed with are compared through it
    summed = {s.claim_id for c in claims if c.claim_id in subgroups for s in subgroups[c.claim_id]}
    for c in claims:
        if c.claim_id in summed:
            continue
        if c.claim_id in subgroups:
            recs.append(_record(c, timed, window, "subgroup:"))
            recs.extend(_record(s, timed, window, f"subgroup:{s.detail}") for s in subgroups[c.claim_id])
        else:
            recs.append(_record(c, timed, window, part_key(c), within, outlets.get(c.doc)))
    regional_parts(recs)
    if within:
        inner_parts(recs, *(tuple(w.casefold() for w in config.get(key, ())) for key in ("part_words", "total_words")))
    classes: dict[str | None, list[Rec]] = {}
    for r in recs:
        if not (r.part or "").startswith("subgroup:"):
            classes.setdefault(r.part, []).append(r)
    found: list[Finding] = []
    for key in sorted(classes, key=lambda k: (k is not None, k or "")):
        members = classes[key]
        # outside the tolls and crowds (whose lower figures inner_parts reads), a report listing
        # several figures of one thing is compared with the others for agreement only
        listed = set() if within else listed_docs(members)
        found.extend(_direct_findings(members, grows, falls or key == IN_CARE, listed))  # patients leave
    wholes = classes.get(None, [])
    places = [r for key, members in classes.items() if key and key.startswith(PLACE) for r in members]
    found.extend(sum_findings(recs))
    if wholes and places:
        # a part within its whole says the reports are compatible only when nothing else does
        found.extend(_part_above_whole(wholes, places, grows, falls) or ([] if found else within_whole(wholes, places)))
    return found


def compare_group(claims: Iterable[Claim], config: dict | None = None) -> tuple[str, str]:
    """The status of a group and a one-line explanation of why.

    The status is the worst finding (``SEVERITY``); the explanation shows its
    two claims and names the other statuses found, so "conflict" with "also
    agree" tells the reader some sources do agree.
    """
    return status_of_sorted(sorted(claims, key=CLAIM_ORDER), config)


def status_of_sorted(
    claims: list[Claim], config: dict | None = None, subgroups: Mapping[str, Sequence[Claim]] | None = None,
    outlets: Mapping[str, str | None] | None = None,
) -> tuple[str, str]:
    """``compare_group`` for claims already sorted by ``CLAIM_ORDER`` (saves a sort of a big group)."""
    if len({c.doc for c in claims}) < 2 and not _two_named_lines(claims):
        docs = claims[0].doc if claims else "-"
        return "single", f"only one source ({docs})"
    found = findings(claims, config, subgroups, outlets)
    if not found:
        return "single", "sources give different actors or places, or list several figures of it; nothing to compare"
    found.sort(key=lambda f: severity(f.status))
    worst = found[0]
    others = sorted({f.status for f in found[1:]} - {worst.status}, key=severity)
    text = explain(worst, outlets)
    if others:
        text += "; also " + ", ".join(others)
    return worst.status, text


def _two_named_lines(claims: list[Claim]) -> bool:
    """One report setting two named sources of different lines side by side is compared with itself."""
    if not claims or not {claims[0].category, claims[0].concept} & set(load_config().get("within_report_categories", ())):
        return False
    lines = {source_line(c.attribution) for c in claims[:1000] if c.scope}
    return len({line.line for line in lines if line.named}) >= 2
