"""How badly the injured a figure counts are hurt: "drei schwer verletzt", "two in critical condition"."""

from __future__ import annotations

from ..lexicon.vocabulary import Vocabulary
from ..models import NumberMatch
from .nouns import CONJUNCTIONS, TOKEN
from .numbers import is_figure

SEVERITY_REACH = 8  # words after a figure searched for how badly its injured are hurt
_INFLECTIONS = ("", "e", "en", "er", "es", "em")  # "schwere Verletzungen", "lebensgefährlichen"
_PUNCTUATION = ".,;:!?()[]{}\"'„“”»«*–-"


def injury_severity(text: str, number: NumberMatch, clause, vocab: Vocabulary) -> str | None:
    """How badly the injured the number counts are hurt ("serious", "critical", "light"), if its
    clause says: "drei Menschen wurden schwer verletzt", "zwei Schwerverletzte", "twelve slightly
    injured, three seriously"."""
    if not vocab.injury_severities:
        return None
    tokens = [t.group().lower() for t in TOKEN.finditer(text, number.end, clause[1])][:SEVERITY_REACH + 1]
    for k, word in enumerate(tokens[:SEVERITY_REACH]):
        if is_figure(word, vocab.lang) or word in ",;" or word in vocab.injury_partial:
            return None  # the next figure's or clause's words; "70 zum Teil schwer verletzt": all 70 are injured
        following = tokens[k + 1] if k + 1 < len(tokens) else "."
        for severity, level in vocab.injury_severities.items():
            if not word.startswith(severity):
                continue
            rest = word[len(severity):]
            if rest.startswith(vocab.injury_stems):  # "Schwerverletzte", "schwerstverletzt"
                return level
            if rest in _INFLECTIONS and (following.startswith(vocab.injury_stems) or following in CONJUNCTIONS
                                         or following in _PUNCTUATION):
                return level  # "schwer verletzt", "schwere Verletzungen", "drei schwer."
    return None
