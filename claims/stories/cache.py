"""Each document's story terms, kept in the store so that a regroup reads only the texts of new
or changed documents.

A document's terms (``terms.py``) depend on that document alone: its text, path, language,
title and outlet, the ``stories`` settings that shape terms, and the code and lexicons that read
them. ``terms_key`` digests all of these; a cached entry whose key differs is computed again,
so a cached store finds exactly the stories a store read from scratch finds, whatever the order
the documents came in. The terms are stored as ``marshal`` bytes (version 2: every float as its
8 bytes, so it reads back the same), several times faster to read back than JSON: a rebuild of
the story index reads those of every document.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from dataclasses import replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Protocol

from ..models import Document
from .terms import Terms, document_terms

# The settings document_terms reads; the others (thresholds) act on terms already computed.
TERM_SETTINGS = ("min_word_length", "name_prefix", "name_weight", "title_weight")


class TermSource(Protocol):
    """What the store offers story detection (``claims.store.story_table.StoryInputs``)."""

    def documents(self) -> list[Document]: ...
    def texts(self, doc_ids: list[str]) -> dict[str, str]: ...
    def cached_terms(self, doc_ids: list[str] | None = None) -> dict[str, tuple[str, str]]: ...
    def save_terms(self, rows: list[tuple[str, str, str]]) -> None: ...
    def index(self): ...


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The extractor's fingerprint (lexicons, reading of documents), this package's code and the stemmer's version."""
    from ..version import extractor_version

    digest = hashlib.sha1(extractor_version().encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        digest.update(metadata.version("PyStemmer").encode())
    except metadata.PackageNotFoundError:
        pass
    return digest.hexdigest()


def terms_key(doc: Document, settings: dict) -> str:
    """What a document's terms were computed from (see the module docstring), as a digest."""
    parts = [code_digest(), doc.content_hash, doc.path, doc.lang, doc.title, doc.source,
             [settings.get(k) for k in TERM_SETTINGS]]
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:20]


def stored_terms(doc: Document, settings: dict) -> tuple[str, bytes]:
    """(key, terms as stored) of a document with its text: what a regroup would compute and save
    for it. Ingest workers compute it beside the claims, so that the writer does not; the key
    still decides at the regroup whether it holds."""
    from ..documents import extraction_text

    terms = document_terms(extraction_text(doc), doc.lang, doc.title, settings, doc.source)
    return terms_key(doc, settings), dump_terms(terms)


def dump_terms(terms: Terms) -> bytes:
    return marshal.dumps((terms.weights, terms.forms), 2)


def load_terms(data: bytes) -> Terms:
    weights, forms = marshal.loads(data)
    return Terms(weights, forms)


def documents_terms(source: TermSource, docs: list[Document], settings: dict) -> dict[str, Terms]:
    """doc id -> terms of ``docs``: the cached ones whose key (``terms_key``) still holds, the
    others computed from their texts (read only for them) and saved."""
    from ..documents import extraction_text

    if not docs:
        return {}
    keys = {d.doc_id: terms_key(d, settings) for d in docs}
    cached = source.cached_terms([d.doc_id for d in docs])
    stale = [d.doc_id for d in docs if cached.get(d.doc_id, ("",))[0] != keys[d.doc_id]]
    texts = source.texts(stale) if stale else {}
    found: dict[str, Terms] = {}
    fresh = []
    for d in docs:
        if d.doc_id in texts:
            full = replace(d, text=texts[d.doc_id])
            found[d.doc_id] = document_terms(extraction_text(full), d.lang, d.title, settings, d.source)
            fresh.append((d.doc_id, keys[d.doc_id], dump_terms(found[d.doc_id])))
        else:
            found[d.doc_id] = load_terms(cached[d.doc_id][1])
    if fresh:
        source.save_terms(fresh)
    return found
