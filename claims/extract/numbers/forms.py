"""Forms of a single number read apart from plain digits and number words: fractions ("1/2",
"½", "1½"), shares named by words ("die Hälfte", "dreiviertel der"), and grouped figures glued
to the word after them ("2,121pilgrims")."""

from __future__ import annotations

import re

from .candidate import Candidate
from .grammar import VULGAR_FRACTIONS, Grammar

__all__ = ["fraction", "grouped_before_word", "share"]


def fraction(text: str, hit: re.Match, group: str) -> Candidate | None:
    """ "1/2", "3/4" (numerator below denominator) and "½", "1½" as their value."""
    raw = hit.group(group)
    if group == "frac":
        numerator, denominator = (int(x) for x in raw.split("/"))
        if numerator >= denominator:
            return None
        value = numerator / denominator
    else:
        value = (int(raw[:-1]) if raw[:-1] else 0) + VULGAR_FRACTIONS[raw[-1]]
    return Candidate(hit.start(group), hit.end(group), hit.start(group), hit.end(group), value)


def grouped_before_word(text: str, L: Grammar, c: Candidate) -> bool:
    """True for a whole figure with a group mark glued to a word of three letters or more
    ("2,121pilgrims", lost spacing); not for codes ("5G", "A380", "1,5kW")."""
    raw = text[c.nstart : c.nend]
    group = L.data["digits"]["group"]
    if not any(g in raw for g in group) or c.value != int(c.value):
        return False
    word = re.match(r"[^\W\d_]{3,}", text[c.nend : c.nend + 40])
    return word is not None and not text[word.end() + c.nend : word.end() + c.nend + 1].isdigit()


def share(text: str, L: Grammar, start: int, end: int) -> Candidate | None:
    """ "die Hälfte", "a third", "half", "jeder dritte": one part in N, as a percentage."""
    part = text[start:end].split()[-1].lower()
    if L.share_percent and part in L.share_percent:  # "dreiviertel der"
        return Candidate(start, end, start, end, L.share_percent[part], unit="%")
    n = L.share_parts.get(part) or L.share_parts.get(part[:-1])  # "jeder dritter": the stem without -r
    if not n:
        return None
    return Candidate(start, end, start, end, 100.0 / n, unit="%")
