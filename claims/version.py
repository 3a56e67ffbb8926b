"""Which extractor wrote a document's claims: a fingerprint of the extraction code and lexicons.

A stored document whose claims came from another extractor is extracted again on the
next ingest, even when its file is unchanged: an upgrade or an edited lexicon (a new
unit, a new event word) reaches the documents already stored without deleting the store.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# What decides the claims of a document: reading it, extracting, the lexicons' code and data. Not
# the store, grouping, comparison or the command line: a change there needs no re-extraction.
EXTRACTOR_FILES = ("documents/**/*.py", "models.py", "extract/**/*.py", "lexicon/**/*.py", "lexicon/data/**/*.yaml")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the extraction code, the lexicon code and data (EXTRACTOR_FILES) and the
    user's lexicons (``CLAIMS_LEXICONS``), e.g. '3fa4c2d91b0e'.

    Not the package version: that changes with releases only, and a lexicon edited in
    place must count as another extractor. Hashing the files costs about 2 ms."""
    digest = hashlib.sha1()
    files = sorted({path for pattern in EXTRACTOR_FILES for path in PACKAGE.glob(pattern)})
    override = os.environ.get("CLAIMS_LEXICONS")  # a user's lexicons change the extractor too
    if override and Path(override).is_dir():
        files += sorted(Path(override).glob("**/*.yaml"))
    for path in files:
        name = path.relative_to(PACKAGE) if path.is_relative_to(PACKAGE) else path  # the same wherever installed
        digest.update(name.as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def package_version() -> str:
    """The installed package's version ("0.1.0"), from its metadata."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claims")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def describe() -> str:
    """``claims --version``: the package version, the extractor fingerprint and the store schema."""
    from .store.migrations import SCHEMA_VERSION

    return f"claims {package_version()} (extractor {extractor_version()}, store schema {SCHEMA_VERSION})"
