"""Source lines: who speaks for a figure, read from its attribution (``sources.yaml``).

An attribution as written ("according to the health ministry", "nach Polizeiangaben", "the
Lake Kivu Navigation Observatory said") falls into one line (official, independent monitor,
media, witness) and a kind within it (ministry, police, governor ...). A figure with no
attribution, or one made only of hedges ("vermutlich", "reportedly"), is the outlet's own
voice; an attribution that names someone no kind matches ("laut Gsell") is another source.
When a figure has no attribution, the document's source (front matter) may stand for it:
``source_line(None, outlet="Ministry of Health")`` is official.

The comparison (status.py) keeps lines apart: the figures of one line in one group form a
series in report order, so a rising official toll is an update, while an official 52 against a
monitor's 71 on the same day is a conflict between sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import load
from ..lexicon.loader import lexicon_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
OUTLET = "outlet"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class SourceLine:
    """The line of a figure (``official``), its kind (``ministry``) and how views name it."""

    line: str  # a key of sources.yaml `lines`, or "outlet" / "other"
    kind: str | None
    label: str  # "official (ministry)", "independent monitor", "outlet"

    @property
    def named(self) -> bool:
        """True when the text names a source (not the outlet's own voice)."""
        return self.line != OUTLET


@lexicon_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[str, str, str, frozenset, tuple]], frozenset, str, str]:
    data = load("sources")
    kinds = []
    for line, about in data["lines"].items():
        for kind, names in about["kinds"].items():
            words = frozenset(w.casefold() for w in names.get("words", ()))
            stems = tuple(s.casefold() for s in names.get("stems", ()))
            label = about["label"] if kind == line else f"{about['label']} ({kind})"
            kinds.append((line, kind, label, words, stems))
    return kinds, frozenset(h.casefold() for h in data["hedges"]), data["outlet_label"], data["other_label"]


@lexicon_cache(maxsize=65536)
def source_line(attribution: str | None, outlet: str | None = None) -> SourceLine:
    """The source line of a figure attributed as ``attribution``; ``outlet`` (the document's
    source) is read when the attribution names no one."""
    kinds, hedges, outlet_label, _other = _compiled()
    found = _match(attribution, kinds, hedges)
    if found is None and outlet:
        found = _match(outlet, kinds, hedges)
        if found is not None and found.line == OTHER:
            found = None  # an outlet's name is no other source
    if found is not None:
        return found
    return SourceLine(OUTLET, None, outlet_label)


def _match(text: str | None, kinds, hedges) -> SourceLine | None:
    if not text:
        return None
    folded = " ".join(text.casefold().split())
    words = _WORD.findall(folded)
    if not words or all(w in hedges for w in words):
        return None
    padded = f" {' '.join(words)} "
    for line, kind, label, names, stems in kinds:
        if any(w in names for w in words) or any(_has_stem(padded, stem) for stem in stems):
            return SourceLine(line, kind, label)
    _, _, _, other_label = _compiled()
    return SourceLine(OTHER, None, other_label)


def _has_stem(padded: str, stem: str) -> bool:
    """``stem`` inside a word (or, with spaces, across words) of the space-padded words."""
    return stem in padded


@lexicon_cache(maxsize=1)
def facility_lines() -> frozenset[str]:
    """The lines that count one facility (``facility: true`` in sources.yaml: a hospital, a
    morgue): a figure of theirs is a part of the total, a rival only when higher."""
    return frozenset(line for line, about in load("sources")["lines"].items() if about.get("facility"))
