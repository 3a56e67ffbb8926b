"""Tokens as the lexicons look them up: lower case, German gender forms reduced to their stem."""

from __future__ import annotations

import re

_GENDER = re.compile(r"(?:[_*:/]|(?<=[a-zäöüß])(?=I))[iI]nnen$|(?<=[a-zäöüß])In$")
# "Soldatinnen", "Polizistinnen": a capitalised feminine plural counts as its noun's stem, like
# "Soldat_innen" (a stem of at least four letters: not "Spinnen", "Rinnen")
_FEMININE_PLURAL = re.compile(r"(?<=^[A-ZÄÖÜ][a-zäöüß]{3})([a-zäöüß]*)innen$")


def normalise_token(token: str) -> str:
    """Lower-case ``token`` and strip German gender suffixes ("Demonstrant_innen", "DemonstrantInnen",
    "Demonstrantinnen" -> "demonstrant")."""
    return _FEMININE_PLURAL.sub(r"\1", _GENDER.sub("", token)).lower()
