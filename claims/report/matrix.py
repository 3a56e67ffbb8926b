"""How far each pair of sources agrees: the groups they share and how each pair of their figures reads.

The status of a pair within a group is the comparison stage's own (``compare_group`` of the two
sources' claims of that group), as ``claims diff`` gives it for two documents; this module only counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..compare import SEVERITY, compare_group
from .data import GroupReport, Source

# Status of a pair -> the column of the matrix it counts in.
BUCKETS = {
    "agree": "agree", "sum_agree": "agree", "compatible": "compatible", "update": "update",
    "conflict": "conflict", "sum_conflict": "conflict", "single": "uncompared",
}


@dataclass(slots=True)
class PairAgreement:
    """Two sources (in publication order) and the groups they share, counted by how they read."""

    a: Source | Outlet
    b: Source | Outlet
    shared: int = 0
    agree: int = 0
    compatible: int = 0
    update: int = 0
    conflict: int = 0
    uncompared: int = 0  # figures of different actors: nothing to compare

    @property
    def tone(self) -> str:
        """The worst reading of the pair, for colour: conflict, mixed, agree or none."""
        if self.conflict:
            return "conflict"
        if self.compatible or self.update:
            return "mixed"
        return "agree" if self.agree else "none"


def _count(pair: PairAgreement, status: str) -> None:
    pair.shared += 1
    bucket = BUCKETS.get(status, "uncompared")
    setattr(pair, bucket, getattr(pair, bucket) + 1)


def agreement(groups: list[GroupReport], sources: list[Source]) -> list[PairAgreement]:
    """Every pair of ``sources`` (in their order), with the groups both speak in and how they read."""
    order = {s.doc_id: i for i, s in enumerate(sources)}
    pairs = {(a.doc_id, b.doc_id): PairAgreement(a, b) for a, b in combinations(sources, 2)}
    for group in groups:
        docs = sorted((d for d in group.figures if d in order), key=order.__getitem__)
        for a, b in combinations(docs, 2):
            _count(pairs[(a, b)], _status(group, a, b))
    return list(pairs.values())


def _status(group: GroupReport, a: str, b: str) -> str:
    return compare_group([f.claim for doc in (a, b) for f in group.figures[doc]])[0]


@dataclass(frozen=True, slots=True)
class Outlet:
    """An outlet with its documents in publication order; a document naming none is an outlet of its own."""

    name: str
    doc_ids: tuple[str, ...]
    doc_id: str  # the key of the outlet in a matrix: its first document's id
    named: bool


def outlets(sources: list[Source]) -> list[Outlet]:
    """The outlets of ``sources`` (front matter ``source:``), in the order of their first report."""
    docs: dict[str, list[str]] = {}
    for source in sources:
        docs.setdefault(source.name or source.doc_id, []).append(source.doc_id)
    named = {s.name for s in sources if s.name}
    return [Outlet(name, tuple(ids), ids[0], name in named) for name, ids in docs.items()]


def outlet_agreement(groups: list[GroupReport], parties: list[Outlet]) -> list[PairAgreement]:
    """Every pair of outlets with the groups both speak in; in each, the worst reading between any
    report of one and any report of the other (as a group's status is its worst pair's)."""
    outlet_of = {doc: o.name for o in parties for doc in o.doc_ids}
    pairs = {(a.name, b.name): PairAgreement(a, b) for a, b in combinations(parties, 2)}
    rank = {o.name: i for i, o in enumerate(parties)}
    for group in groups:
        present: dict[str, list[str]] = {}
        for doc in group.figures:
            if doc in outlet_of:
                present.setdefault(outlet_of[doc], []).append(doc)
        for a, b in combinations(sorted(present, key=rank.__getitem__), 2):
            statuses = [_status(group, x, y) for x in present[a] for y in present[b]]
            _count(pairs[(a, b)], min(statuses, key=SEVERITY.index))
    return list(pairs.values())


def grid(pairs: list[PairAgreement], sources: list) -> list[list[PairAgreement | None]]:
    """The pairs as a square matrix over ``sources`` (or outlets): both halves filled, None on the diagonal."""
    index = {s.doc_id: i for i, s in enumerate(sources)}
    rows: list[list[PairAgreement | None]] = [[None] * len(sources) for _ in sources]
    for pair in pairs:
        i, j = index[pair.a.doc_id], index[pair.b.doc_id]
        rows[i][j] = rows[j][i] = pair
    return rows
