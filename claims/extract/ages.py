"""Ages that are no counts: "im Alter von 37", "Vuk Jeremic (40)", "The driver, 45, was killed"."""

from __future__ import annotations

import re

from ..lexicon import lexicon_cache
from ..lexicon.vocabulary import Vocabulary, vocabulary
from ..models import NumberMatch

_NAME = r"[A-ZÄÖÜ][^\W\d_]*(?:[-'’][^\W\d_]+)?"

_NAME_BRACKET = re.compile(rf"(?<!\w)({_NAME})\s+({_NAME})\s?\(\Z")  # "Vuk Jeremic (" before an age


_NAME_COMMA = re.compile(rf"(?<!\w)({_NAME})\s+({_NAME}),\s?\Z")  # "Irakli Kobakhidze, " before ", 46,"
# "The driver, " / "Der Fahrer, " before ", 45,": a person named by an article and a noun
_NOUN_COMMA = re.compile(
    r"(?<![^\W\d_])(?i:the|a|an|der|die|das|den|dem|ein|eine|einen|einem)\s+(?:[^\W\d_]+\s+)?([^\W\d_]{3,}),\s?\Z")


def age_opener_before(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> str | None:
    """The last word of an age opener ending right before the number, which must start a word:
    "im Alter von 37", not "die Veranstalter von 350.000"."""
    before = " " + text[max(clause[0], number.start - 24) : number.start].lower().rstrip()
    for opener in vocab.age_openers:
        if before.endswith(opener) and not before[-len(opener) - 1].isalnum():
            return opener.rsplit(None, 1)[-1]
    return None


def bracketed_age(text: str, number: NumberMatch, vocab: Vocabulary) -> str | None:
    """The surname in "Vuk Jeremic (40)", "Irakli Kobakhidze, 46, said": a person's age in brackets
    or commas after a first and last name (one capitalised word could be any German noun: "die
    Kosten (40)"), or in commas after an article and a noun ("The driver, 45, was killed")."""
    closing = text[number.end : number.end + 1]
    if closing not in ("),") or not number.text.isdigit() or not 0 < number.value <= 120:
        return None
    opening = _NAME_BRACKET if closing == ")" else _NAME_COMMA
    found = opening.search(text, max(0, number.start - 60), number.start)
    if found is not None and not any(name.lower() in vocab.not_nouns for name in found.groups()):
        return found.group(2)
    # Else an article and a noun ("Der Fahrer, " reads as a first and last name in German too)
    noun = _NOUN_COMMA.search(text, max(0, number.start - 60), number.start) if closing == "," else None
    if noun is not None and re.match(r",\s+[^\W\d_]", text[number.end : number.end + 3]):
        return None if noun.group(1).lower() in vocab.not_nouns else noun.group(1)  # his age, no toll of 45
    return None


@lexicon_cache()
def _listed_ages(lang: str) -> re.Pattern:
    """An age opener and the figures it lists: "im Alter von 19 und 23", "aged 19, 23 and 31"."""
    openers = "|".join(re.escape(o) for o in sorted(vocabulary(lang).age_openers, key=len, reverse=True))
    joined = r"(?:\s*,\s*|\s+\w{2,4}\s+)"  # "19, 23", "19 und 23", "19 and 23"
    return re.compile(rf"(?<!\w)(?:{openers})\s+\d+(?:{joined}\d+)*", re.IGNORECASE)


def ages_blanked(text: str, lo: int, hi: int, lang: str) -> str:
    """``text[lo:hi]`` with the digits of listed ages replaced by "x": "nahm zwei Tatverdächtige
    im Alter von 19 und 23 Jahren fest" holds no figure between the two and the verb."""
    part = text[lo:hi]
    if not any(ch.isdigit() for ch in part):
        return part
    for found in _listed_ages(lang).finditer(text, max(0, lo - 30), hi):
        for digits in re.finditer(r"\d+", found.group()):
            a, b = found.start() + digits.start() - lo, found.start() + digits.end() - lo
            if 0 <= a and b <= len(part):
                part = part[:a] + "x" * (b - a) + part[b:]
    return part
