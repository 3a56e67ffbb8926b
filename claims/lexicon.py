"""Load the YAML lexicons that hold all language knowledge, validated on load.

Files live in ``claims/lexicons/<lang>/<name>.yaml`` (per language) and
``claims/lexicons/<name>.yaml`` (language-neutral, e.g. topics). A folder named
by the ``CLAIMS_LEXICONS`` environment variable may hold files of the same
layout; their top-level keys replace the packaged ones, so a user can add a
topic or a number word without touching the package.

Each stage declares the shape it needs as a small schema and validates its own
section once, so a typo in a YAML file fails with a message naming the file
and the key instead of a KeyError deep in the pipeline.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import LexiconError

PACKAGE_DIR = Path(__file__).parent / "lexicons"
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

# A schema maps a key to a type, to [type] (a list of that type) or to
# {str: type} (a mapping from strings to that type). Keys ending in "?" are optional.
Schema = dict[str, Any]


def _paths(lang: str | None, name: str) -> list[Path]:
    rel = Path(lang, f"{name}.yaml") if lang else Path(f"{name}.yaml")
    paths = [PACKAGE_DIR / rel]
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


def _check(value: Any, expected: Any, where: str) -> None:
    if isinstance(expected, list):
        if not isinstance(value, list):
            raise LexiconError(f"{where} must be a list")
        for i, item in enumerate(value):
            _check(item, expected[0], f"{where}[{i}]")
    elif isinstance(expected, dict):
        if not isinstance(value, dict):
            raise LexiconError(f"{where} must be a mapping")
        (item_type,) = expected.values()
        for key, item in value.items():
            if not isinstance(key, (str, int)):
                raise LexiconError(f"{where} has a non-string key {key!r}")
            _check(item, item_type, f"{where}.{key}")
    elif expected is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise LexiconError(f"{where} must be a number, not {value!r}")
    elif expected is not Any and not isinstance(value, expected):
        raise LexiconError(f"{where} must be {expected.__name__}, not {type(value).__name__}")


def validate(data: dict, schema: Schema, source: str) -> dict:
    """Check ``data`` against ``schema``; raise LexiconError naming the file and key."""
    for key, expected in schema.items():
        optional = key.endswith("?")
        name = key.rstrip("?")
        if name not in data:
            if optional:
                continue
            raise LexiconError(f"lexicon {source} lacks the key '{name}'")
        _check(data[name], expected, f"lexicon {source}: {name}")
    return data


@lru_cache(maxsize=None)
def _load_raw(lang: str | None, name: str) -> dict:
    merged: dict = {}
    found = False
    for path in _paths(lang, name):
        if path.exists():
            found = True
            merged.update(_read_yaml(path))
    if not found:
        raise LexiconError(f"no lexicon '{name}' for language '{lang or 'any'}'")
    return merged


def load(name: str, lang: str | None = None, schema: Schema | None = None) -> dict:
    """Return the lexicon ``name`` (for ``lang``, or language-neutral when None), validated."""
    data = _load_raw(lang, name)
    if schema:
        validate(data, schema, f"{lang + '/' if lang else ''}{name}.yaml")
    return data


def clear_cache() -> None:
    """Forget loaded lexicons (tests and users who edit YAML in a running process)."""
    _load_raw.cache_clear()
