"""Print a Markdown reference of every lexicon file and key, from the schema (claims/lexicon/schema.py).

Usage:
    python scripts/lexicon_reference.py > docs/lexicons.md

tests/test_lexicon_docs.py checks that docs/lexicons.md is what this prints, so the reference
stays true: a key added to the schema without its description, or the doc left behind, fails.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.lexicon.schema import PER_LANGUAGE, SCHEMAS  # noqa: E402
from claims.lexicon.shapes import Bounds, OneOf, Regex, Section  # noqa: E402

INTRO = """\
# Lexicons

All language knowledge of `claims` is data: the YAML files in `claims/lexicon/data/`, one folder
per language (`de/`, `en/`) for `numbers.yaml`, `dates.yaml` and `extract.yaml`, and the neutral
files beside them. Every file is checked against its schema (`claims/lexicon/schema.py`) when it
is first loaded: a missing key, a value of the wrong shape or an unknown key stops the run with
one line naming the file and the key, and for an unknown key the closest known one:

    Error: lexicon grouping.yaml: unknown key 'subject_similarty' (did you mean 'subject_similarity'?)

## Changing a lexicon without touching the package

Point `CLAIMS_LEXICONS` at a folder with the same layout (`de/extract.yaml`, `topics.yaml`, ...).
Each file there is read after the packaged one and its top-level keys replace the packaged keys
whole: to add a topic, copy the `topics` mapping into `$CLAIMS_LEXICONS/topics.yaml` and add the
entry; to add a German casualty noun, copy `categories` into `$CLAIMS_LEXICONS/de/extract.yaml`.
A key the file does not name keeps its packaged value. Stored documents are extracted again on
the next ingest, as the lexicons are part of the extractor's version.

## Word patterns

Most lists are word patterns: a plain word matches that word in any case; a leading `=` demands
the case as written (`=leben` is the verb, not "Leben"); a trailing `*` allows up to four more
letters (`verletzt*`); `...` stands for up to eight words (`=nahm* ... fest`). Nouns also match
as the last part of a compound ("Ölarbeiter" matches `arbeiter*`), and German gender forms
(`Demonstrant_innen`, `Demonstrant*innen`, `DemonstrantInnen`) are reduced to their stem first.

This reference is printed by `python scripts/lexicon_reference.py` from the schema.
"""


def shape_text(shape: Any) -> str:
    """A short description of a shape: "list of words", "words -> numbers", "section" ..."""
    if isinstance(shape, Section):
        return "section"
    if isinstance(shape, OneOf):
        return "one of " + ", ".join(f"`{choice}`" for choice in shape.choices)
    if isinstance(shape, Regex):
        return "regex"
    if isinstance(shape, Bounds):
        return "[low, high]"
    if isinstance(shape, list):
        inner = shape_text(shape[0])
        return "list of words" if shape[0] is str else f"list of ({inner})"
    if isinstance(shape, dict):
        (inner,) = shape.values()
        return "words -> sections" if isinstance(inner, Section) else f"words -> {_plural(shape_text(inner))}"
    return {str: "text", int: "integer", float: "number", bool: "true or false", Any: "any"}.get(shape, str(shape))


def _plural(text: str) -> str:
    return {"text": "texts", "integer": "integers", "number": "numbers", "true or false": "true or false"}.get(text, text)


def rows(section: Section, prefix: str = ""):
    """(key path, shape, optional, description) of every key of ``section``, nested keys after their parent."""
    for name, key in section.keys.items():
        path = f"{prefix}{name}"
        yield path, shape_text(key.shape), key.optional, key.doc
        shape = key.shape
        if isinstance(shape, dict) and isinstance(next(iter(shape.values())), Section):
            yield from rows(next(iter(shape.values())), f"{path}.<name>.")
        elif isinstance(shape, Section):
            yield from rows(shape, f"{path}.")


def reference() -> str:
    """The whole reference as Markdown."""
    lines = [INTRO]
    for name, section in SCHEMAS.items():
        files = " and ".join(f"`{lang}/{name}.yaml`" for lang in ("de", "en")) if name in PER_LANGUAGE else f"`{name}.yaml`"
        lines += [f"## {files}", "", f"{section.doc[:1].upper()}{section.doc[1:]}.", ""]
        lines += ["| key | shape | meaning |", "|---|---|---|"]
        for path, shape, is_optional, doc in rows(section):
            shape = f"{shape}, optional" if is_optional else shape
            lines.append(f"| `{path}` | {shape} | {doc.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(reference())
