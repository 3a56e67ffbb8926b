"""How far each pair of sources agrees: the groups they share and how each pair of their figures reads.

The status of a pair within a group is the comparison stage's own (``compare_group`` of the two
sources' claims of that group), as ``claims diff`` gives it for two documents; this module only counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..compare import compare_group
from .data import GroupReport, Source

# Status of a pair -> the column of the matrix it counts in.
BUCKETS = {
    "agree": "agree", "sum_agree": "agree", "compatible": "compatible", "update": "update",
    "conflict": "conflict", "sum_conflict": "conflict", "single": "uncompared",
}


@dataclass(slots=True)
class PairAgreement:
    """Two sources (in publication order) and the groups they share, counted by how they read."""

    a: Source
    b: Source
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


def agreement(groups: list[GroupReport], sources: list[Source]) -> list[PairAgreement]:
    """Every pair of ``sources`` (in their order), with the groups both speak in and how they read."""
    order = {s.doc_id: i for i, s in enumerate(sources)}
    pairs = {(a.doc_id, b.doc_id): PairAgreement(a, b) for a, b in combinations(sources, 2)}
    for group in groups:
        docs = sorted((d for d in group.figures if d in order), key=order.__getitem__)
        for a, b in combinations(docs, 2):
            claims = [f.claim for d in (a, b) for f in group.figures[d]]
            status, _ = compare_group(claims)
            pair = pairs[(a, b)]
            pair.shared += 1
            bucket = BUCKETS.get(status, "uncompared")
            setattr(pair, bucket, getattr(pair, bucket) + 1)
    return list(pairs.values())


def grid(pairs: list[PairAgreement], sources: list[Source]) -> list[list[PairAgreement | None]]:
    """The pairs as a square matrix over ``sources``: both halves filled, None on the diagonal."""
    index = {s.doc_id: i for i, s in enumerate(sources)}
    rows: list[list[PairAgreement | None]] = [[None] * len(sources) for _ in sources]
    for pair in pairs:
        i, j = index[pair.a.doc_id], index[pair.b.doc_id]
        rows[i][j] = rows[j][i] = pair
    return rows
