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

Claims with different actors ("Russland 3.000", "Belarus 500") count different
things and are not compared directly. A document giving two or more actors
gives parts; their sum is compared with every claim of another document that
names none of those actors (the total): ``sum_agree`` when the intervals
overlap, ``sum_conflict`` when they are disjoint.

A group's status is its worst pairwise status in ``SEVERITY`` order; a group
with claims from one document only is ``single``. The search is by sorting and
sweeping, O(n log n), never by comparing every pair, so one group may hold a
hundred thousand claims.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from ..lexicon import load
from ..models import Claim, Group
from .intervals import INF, claim_interval, format_amount, format_value, span_or_open

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


@dataclass(slots=True)
class _Rec:
    claim: Claim
    low: float
    high: float
    vague: bool
    as_start: float
    as_end: float
    in_window: bool  # written while the event was unfolding (update possible)


@dataclass(frozen=True, slots=True)
class Finding:
    """One pair (or sum and total) that shows a status, for the explanation."""

    status: str
    left: Claim
    right: Claim
    parts: tuple[Claim, ...] = ()


def _record(claim: Claim, cumulative: bool, window: int) -> _Rec:
    low, high = claim_interval(claim)
    as_start, as_end = span_or_open(claim.as_of)
    in_window = False
    if cumulative:
        scope_end = span_or_open(claim.scope)[1] if claim.scope else INF
        in_window = as_start <= scope_end + window
    return _Rec(claim, low, high, claim.qualifier == "vague", as_start, as_end, in_window)


def _actor_key(claim: Claim) -> str | None:
    return claim.actor.casefold().strip() if claim.actor else None


# The two best (value, doc, record) entries with distinct docs, best first, as a
# tuple so prefix and suffix arrays can share them. "Best" is the largest value
# for _top2_max and the smallest for _top2_min (callers negate values).
Top2 = tuple


def _top2_max(entries: Top2, value: float, doc: str, item: object) -> Top2:
    if not entries:
        return ((value, doc, item),)
    first = entries[0]
    if first[1] == doc:
        return entries if value <= first[0] else ((value, doc, item),) + entries[1:]
    if len(entries) == 1:
        return (first, (value, doc, item)) if value <= first[0] else ((value, doc, item), first)
    second = entries[1]
    if second[1] == doc:
        if value <= second[0]:
            return entries
        return (first, (value, doc, item)) if value <= first[0] else ((value, doc, item), first)
    if value <= second[0]:
        return entries
    return (first, (value, doc, item)) if value <= first[0] else ((value, doc, item), first)


def _best_not(entries: Top2, doc: str):
    for entry in entries:
        if entry[1] != doc:
            return entry
    return None


def _direct_findings(recs: list[_Rec], cumulative: bool) -> list[Finding]:
    """Findings among claims of one actor class (conflict, update, compatible, agree)."""
    found: list[Finding] = []
    # conflict: a.high < b.low, other docs, and not excused as an update.
    by_start = sorted(recs, key=lambda r: r.as_start)
    starts = [r.as_start for r in by_start]
    prefix_max_low: list[Top2] = []
    top: Top2 = ()
    for r in by_start:
        top = _top2_max(top, r.low, r.claim.doc, r)
        prefix_max_low.append(top)
    for a in recs:
        if cumulative and a.in_window:
            i = bisect_right(starts, a.as_end)  # b not strictly later than a
            candidates = prefix_max_low[i - 1] if i else ()
        else:
            candidates = top
        best = _best_not(candidates, a.claim.doc)
        if best and a.high < best[0]:
            found.append(Finding("conflict", a.claim, best[2].claim))
            break
    if cumulative:
        suffix_max: list[Top2] = [()] * (len(by_start) + 1)
        for i in range(len(by_start) - 1, -1, -1):
            r = by_start[i]
            suffix_max[i] = _top2_max(suffix_max[i + 1], r.low, r.claim.doc, r)
        for a in recs:
            if not a.in_window:
                continue
            best = _best_not(suffix_max[bisect_right(starts, a.as_end)], a.claim.doc)
            if best and a.high < best[0]:
                found.append(Finding("update", a.claim, best[2].claim))
                break
    found.extend(_overlap_findings(recs))
    return found


def _overlap_findings(recs: list[_Rec]) -> list[Finding]:
    """``agree`` (equal precise intervals) and ``compatible`` (other overlaps) across docs."""
    found: list[Finding] = []
    keys: dict[tuple[float, float, bool], list[_Rec]] = {}
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
    top: Top2 = ()
    for (low, _high, _vague), holders in sorted(keys.items()):
        for r in holders:
            best = _best_not(top, r.claim.doc)
            if best and best[0] >= low:
                found.append(Finding("compatible", best[2].claim, r.claim))
                return found
        for r in holders:
            top = _top2_max(top, r.high, r.claim.doc, r)
    return found


def _sum_findings(recs: list[_Rec]) -> list[Finding]:
    """Compare the sum of one document's parts (distinct actors) with another's total."""
    actors_by_doc: dict[str, dict[str, _Rec]] = {}
    for r in sorted(recs, key=lambda r: (r.claim.doc, r.claim.start)):
        key = _actor_key(r.claim)
        if key is not None:
            actors_by_doc.setdefault(r.claim.doc, {}).setdefault(key, r)
    part_docs = {d: parts for d, parts in actors_by_doc.items() if len(parts) >= 2}
    if not part_docs:
        return []
    part_actors = {a for parts in part_docs.values() for a in parts}
    totals = [r for r in recs if r.claim.doc not in part_docs and _actor_key(r.claim) not in part_actors]
    if not totals:
        return []
    min_high = min(totals, key=lambda r: (r.high, r.claim.doc))
    max_low = max(totals, key=lambda r: (r.low, r.claim.doc))
    by_low = sorted(totals, key=lambda r: r.low)
    lows = [r.low for r in by_low]
    prefix_best: list[_Rec] = []
    for r in by_low:
        prefix_best.append(r if not prefix_best or r.high > prefix_best[-1].high else prefix_best[-1])
    found: list[Finding] = []
    for doc in sorted(part_docs):
        parts = tuple(part_docs[doc].values())
        low = sum(p.low for p in parts)
        high = sum(p.high for p in parts)
        first = parts[0].claim
        part_claims = tuple(p.claim for p in parts)
        if min_high.high < low:
            found.append(Finding("sum_conflict", first, min_high.claim, part_claims))
        elif max_low.low > high:
            found.append(Finding("sum_conflict", first, max_low.claim, part_claims))
        i = bisect_right(lows, high)
        if i and prefix_best[i - 1].high >= low:
            found.append(Finding("sum_agree", first, prefix_best[i - 1].claim, part_claims))
    return found


def findings(claims: Sequence[Claim], config: dict | None = None) -> list[Finding]:
    """Every kind of finding in ``claims``, one witness per kind and actor class."""
    config = config or load_config()
    if not claims:
        return []
    cumulative = claims[0].category in config["cumulative_categories"]
    window = config["update_window_days"]
    recs = [_record(c, cumulative, window) for c in claims]
    classes: dict[str | None, list[_Rec]] = {}
    for r in recs:
        classes.setdefault(_actor_key(r.claim), []).append(r)
    found: list[Finding] = []
    for key in sorted(classes, key=lambda k: (k is not None, k or "")):
        found.extend(_direct_findings(classes[key], cumulative))
    found.extend(_sum_findings(recs))
    return found


def compare_group(claims: Iterable[Claim], config: dict | None = None) -> tuple[str, str]:
    """The status of a group and a one-line explanation of why.

    The status is the worst finding (``SEVERITY``); the explanation shows its
    two claims and names the other statuses found, so "conflict" with "also
    agree" tells the reader some sources do agree.
    """
    return status_of_sorted(sorted(claims, key=CLAIM_ORDER), config)


def status_of_sorted(claims: list[Claim], config: dict | None = None) -> tuple[str, str]:
    """``compare_group`` for claims already sorted by ``CLAIM_ORDER`` (saves a sort of a big group)."""
    if len({c.doc for c in claims}) < 2:
        docs = claims[0].doc if claims else "-"
        return "single", f"only one source ({docs})"
    found = findings(claims, config)
    if not found:
        return "single", "sources give different actors; nothing to compare"
    found.sort(key=lambda f: severity(f.status))
    worst = found[0]
    others = sorted({f.status for f in found[1:]} - {worst.status}, key=severity)
    text = explain(worst)
    if others:
        text += "; also " + ", ".join(others)
    return worst.status, text


def explain(f: Finding) -> str:
    """One line: the two values, what they count and which documents say them."""
    what = f.left.category
    if f.left.actor and f.left.actor == f.right.actor and not f.parts:
        what = f"{what} of {f.left.actor}"  # "troops of Russia": one party's figure in both reports
    if f.status == "update":
        return (
            f"{format_value(f.left)} ({f.left.doc}, {f.left.as_of}) → "
            f"{format_value(f.right)} ({f.right.doc}, {f.right.as_of}): later report is higher ({what})"
        )
    if f.parts:
        total = sum(p.value for p in f.parts if isinstance(p.value, (int, float)))
        terms = " + ".join(format_value(p) for p in f.parts)
        return f"{terms} = {format_amount(total)} vs {format_value(f.right)} ({what}, {f.left.doc} vs {f.right.doc})"
    return f"{format_value(f.left)} vs {format_value(f.right)} ({what}, {f.left.doc} vs {f.right.doc})"
