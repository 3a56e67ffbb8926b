"""The shapes a lexicon value may take, and the check of a lexicon file against its schema.

A schema (see schema.py) is a ``Section``: a mapping of fixed keys, each a ``Key`` with a
shape and a one-line description. A shape is ``str``, ``int``, ``float`` (any number),
``bool`` or ``Any``; ``[shape]`` (a list of it); ``{str: shape}`` (a mapping from words to
it); a nested ``Section``; ``OneOf`` (one of a few words); ``Regex`` (a pattern that
compiles) or ``Bounds`` (``[low, high]`` with low <= high). A key the schema does not name
is an error that names the file, the key and the closest known key.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import LexiconError


class Key(NamedTuple):
    """One key of a section: its shape, what it means, and whether a file may leave it out."""

    shape: Any
    doc: str
    optional: bool = False


def required(shape: Any, doc: str) -> Key:
    return Key(shape, doc)


def optional(shape: Any, doc: str) -> Key:
    return Key(shape, doc, optional=True)


@dataclass(frozen=True)
class Section:
    """A mapping with fixed keys; ``doc`` says what the mapping as a whole holds."""

    keys: dict[str, Key]
    doc: str = ""


@dataclass(frozen=True)
class OneOf:
    """A word out of ``choices``."""

    choices: tuple[str, ...]


@dataclass(frozen=True)
class Regex:
    """A Python regular expression, compiled with ``flags`` to check it."""

    flags: int = 0


@dataclass(frozen=True)
class Bounds:
    """``[low, high]``: two numbers, low <= high."""


def check(data: Any, section: Section, source: str) -> None:
    """Check the contents of lexicon file ``source`` (e.g. "de/numbers.yaml") against ``section``;
    raise LexiconError naming the file and the key."""
    _check_section(data, section, source, "")


def _where(source: str, path: str) -> str:
    return f"lexicon {source}: {path}" if path else f"lexicon {source}"


def _check_section(value: Any, section: Section, source: str, path: str) -> None:
    if not isinstance(value, dict):
        raise LexiconError(f"{_where(source, path)} must be a mapping")
    for name in value:
        if name not in section.keys:
            close = difflib.get_close_matches(str(name), list(section.keys), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise LexiconError(f"lexicon {source}: unknown key '{path + '.' if path else ''}{name}'{hint}")
    for name, key in section.keys.items():
        inner = f"{path}.{name}" if path else name
        if name not in value:
            if key.optional:
                continue
            raise LexiconError(f"lexicon {source} lacks the key '{inner}'")
        _check_value(value[name], key.shape, source, inner)


def _check_value(value: Any, shape: Any, source: str, path: str) -> None:
    where = _where(source, path)
    if isinstance(shape, Section):
        _check_section(value, shape, source, path)
    elif isinstance(shape, list):
        if not isinstance(value, list):
            raise LexiconError(f"{where} must be a list")
        for i, item in enumerate(value):
            _check_value(item, shape[0], source, f"{path}[{i}]")
    elif isinstance(shape, dict):
        if not isinstance(value, dict):
            raise LexiconError(f"{where} must be a mapping")
        (item_shape,) = shape.values()
        for key, item in value.items():
            if not isinstance(key, (str, int)):
                raise LexiconError(f"{where} has a non-string key {key!r}")
            _check_value(item, item_shape, source, f"{path}.{key}")
    elif isinstance(shape, OneOf):
        if value not in shape.choices:
            raise LexiconError(f"{where} must be one of {', '.join(shape.choices)}, not {value!r}")
    elif isinstance(shape, Regex):
        _check_value(value, str, source, path)
        try:
            re.compile(value, shape.flags)
        except re.error as exc:
            raise LexiconError(f"{where} is not a valid regex: {exc}") from exc
    elif isinstance(shape, Bounds):
        pair = isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)
        if not pair or value[0] > value[1]:
            raise LexiconError(f"{where} needs [low, high] with low <= high")
    elif shape is float:
        if not _is_number(value):
            raise LexiconError(f"{where} must be a number, not {value!r}")
    elif shape is not Any and not isinstance(value, shape):
        raise LexiconError(f"{where} must be {shape.__name__}, not {type(value).__name__}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
