"""Forms of a single number read apart from plain digits and number words: fractions ("1/2",
"½", "1½"), shares named by words ("die Hälfte", "dreiviertel der"), and grouped figures glued
to the word after them ("2,121pilgrims")."""

from __future__ import annotations

import re

from .candidate import Candidate
from .grammar import VULGAR_FRACTIONS, Grammar

__all__ = ["fraction", "grouped_before_word", "over", "share"]


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


def over(text: str, L: Grammar, c: Candidate) -> None:
    """A share noun after a number word and before the noun it measures makes a fraction: "zwei
    drittel Brot" is 2/3. Before a word of shares["of"] or any other word it is a share, read
    with its noun: "zwei Drittel der Befragten", "zwei Drittel von ihnen"."""
    m = L.share_noun.match(text, c.end)
    if m is None or L.share_of.match(text, m.end()) or not 0 < c.value < 20:
        return
    following = text[m.end() : m.end() + 2]
    if following[:1] != " " or not following[1:].isupper():
        return  # a share: "zwei Drittel von ihnen", "zwei Drittel davon", "bei drei Viertel hoch"
    n = L.share_parts.get(m.group().strip().lower())
    if n and n > 2:  # "Hälfte" takes an article, not a number
        c.value, c.end, c.nend = c.value / n, m.end(), m.end()
