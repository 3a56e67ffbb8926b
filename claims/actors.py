"""Canonical names of the parties that numbers are attributed to (lexicons/actors.yaml)."""

from __future__ import annotations

from functools import lru_cache

from . import lexicon


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    data = lexicon.load("actors", schema={"actors": {str: [str]}})
    names = {}
    for canonical, written in data["actors"].items():
        for name in [canonical, *written]:
            names[name.casefold()] = canonical
    return names


def canonical_actor(name: str | None) -> str | None:
    """The canonical name of a state or alliance as written ("Russland" -> "Russia"), or None."""
    if not name:
        return None
    return _names().get(name.strip().casefold())
