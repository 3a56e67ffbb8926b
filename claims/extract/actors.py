"""Canonical names of the parties that numbers are attributed to (lexicons/actors.yaml)."""

from __future__ import annotations

from ..lexicon import lexicon_cache, load


@lexicon_cache(maxsize=1)
def _names() -> dict[str, str]:
    data = load("actors")
    names = {}
    for canonical, written in data["actors"].items():
        for name in [canonical, *written]:
            names[name.casefold()] = canonical
    return names


@lexicon_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    data = load("actors")
    endings = data.get("adjective_endings", [])
    forms = {}
    for canonical, written in data.get("adjectives", {}).items():
        for word in written:
            stem = word.rstrip("*")
            for form in [stem + e for e in endings] if word.endswith("*") else [word]:
                forms[form.casefold()] = canonical
    return forms


def actor_of_adjective(word: str) -> str | None:
    """The canonical actor an adjective of nationality names ("russische" -> "Russia"), or None."""
    return _adjectives().get(word.strip().casefold())


def canonical_actor(name: str | None) -> str | None:
    """The canonical name of a state or alliance as written ("Russland" -> "Russia"), or None."""
    if not name:
        return None
    return _names().get(name.strip().casefold())
