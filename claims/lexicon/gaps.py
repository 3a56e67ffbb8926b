"""The adverbial gap of a word pattern (``~``, see wordlists.py): phrases of time and place that
may stand between a speech verb and its object ("sprach am Mittwoch in Lyon von", "spoke on
Sunday of"), built from the lexicon's words of each language."""

from __future__ import annotations

import re
from collections.abc import Iterable

ADVERBIAL = "~"  # the pattern word of an adverbial gap


def adverbial_gap(leads: Iterable[str], adverbs: Iterable[str], phrases: int = 3, words: int = 3) -> str:
    """The regex of an adverbial gap (``~`` in a pattern), with the white space before it: up to
    ``phrases`` phrases, each one of ``adverbs`` or one of ``leads`` (prepositions of time and place)
    and up to ``words`` words ("am späten Abend", "on Sunday"). Lower case, so it also runs in the
    prefix tree on lower-cased text. Empty lists give a gap that is always empty."""
    leads, adverbs = sorted({w.lower() for w in leads}), sorted({w.lower() for w in adverbs})
    items = []
    if leads:
        items.append(rf"(?:{'|'.join(map(re.escape, leads))})(?:\s+[^\s,;:!?\"„“”()]+){{1,{words}}}?")
    if adverbs:
        items.append("|".join(map(re.escape, adverbs)))
    if not items:
        return ""
    return rf"(?:\s+(?:{'|'.join(items)})(?!\w)){{0,{phrases}}}"
