"""Load the YAML lexicons that hold all language knowledge, each checked against its schema.

Files live in ``claims/lexicon/data/<lang>/<name>.yaml`` (per language) and
``claims/lexicon/data/<name>.yaml`` (language-neutral, e.g. topics). A folder named by the
``CLAIMS_LEXICONS`` environment variable may hold files of the same layout; their top-level
keys replace the packaged ones, so a user can add a topic or a number word without touching
the package. Every file is checked once, on its first load, against the schema in
schema.py: a typo fails with a message naming the file and the key instead of a KeyError
deep in the pipeline, and an unknown key names the closest known one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import yaml

from ..errors import LexiconError
from .schema import PER_LANGUAGE, SCHEMAS
from .shapes import check

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = ("de", "en")

# libyaml's parser when the wheel has it (it always does on common platforms): it reads YAML
# many times faster; for the lexicons that was a fifth of the CLI's start-up.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _WordLoader(FAST_SAFE_LOADER):
    """SafeLoader that reads yes/no/on/off as words: lexicons are full of them."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _paths(lang: str | None, name: str) -> list[Path]:
    rel = Path(lang, f"{name}.yaml") if lang else Path(f"{name}.yaml")
    paths = [DATA_DIR / rel]
    override = os.environ.get("CLAIMS_LEXICONS")
    if override:
        paths.append(Path(override) / rel)
    return paths


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_WordLoader)
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon {path} is not valid YAML: {exc}".splitlines()[0]) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon {path} must be a mapping of keys at the top level")
    return data


@cache
def load(name: str, lang: str | None = None) -> dict:
    """The lexicon ``name`` (for ``lang``, or language-neutral when None), checked against its
    schema. Read once; the answer is shared, so callers must not change it."""
    if name not in SCHEMAS or (lang is not None) != (name in PER_LANGUAGE):
        raise LexiconError(f"no lexicon '{name}' for language '{lang or 'any'}'")
    merged: dict = {}
    found = False
    for path in _paths(lang, name):
        if path.exists():
            found = True
            merged.update(_read_yaml(path))
    if not found:
        raise LexiconError(f"no lexicon '{name}' for language '{lang or 'any'}'")
    check(merged, SCHEMAS[name], f"{lang + '/' if lang else ''}{name}.yaml")
    return merged


_DERIVED: list = []  # caches of what is built from the lexicons, forgotten with them


def lexicon_cache(maxsize: int | None = None) -> Callable:
    """``functools.lru_cache`` for a function whose answers are built from the lexicons:
    ``clear_cache`` forgets them too."""

    def wrap(function: Callable) -> Callable:
        cached = lru_cache(maxsize=maxsize)(function)
        _DERIVED.append(cached)
        return cached

    return wrap


@lexicon_cache()
def word_set(name: str, lang: str, key: str) -> frozenset[str]:
    """The lower-cased words of list ``key`` of lexicon ``name`` for ``lang`` (empty when absent)."""
    return frozenset(w.lower() for w in load(name, lang).get(key, ()))


def clear_cache() -> None:
    """Forget loaded lexicons and all built from them (tests, and users who edit YAML or set
    CLAIMS_LEXICONS in a running process)."""
    load.cache_clear()
    for cached in _DERIVED:
        cached.cache_clear()
