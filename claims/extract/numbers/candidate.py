"""A single number as the scanner reads it, before ranges are joined and the match is built."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Candidate"]


@dataclass
class Candidate:
    start: int
    end: int
    nstart: int
    nend: int
    value: float
    kind: str = "cardinal"  # before the unit: cardinal | ordinal | vague
    unit: str | None = None
    scale: float | None = None
    qualifier: str | None = None
    qstart: int = -1  # where the qualifier starts, if any
    low: float | None = None
    high: float | None = None
    subunit: bool = False
    range_high: float | None = None
