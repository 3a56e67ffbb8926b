"""Ages that are no counts: "im Alter von 37", "Vuk Jeremic (40)", "The driver, 45, was killed"."""

from __future__ import annotations

import re

from ..lexicon.vocabulary import Vocabulary
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
