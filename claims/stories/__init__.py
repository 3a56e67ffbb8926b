"""Stories: which documents tell of one event (issue 16).

A folder of reports may hold several events; claims of two events are never compared. This
stage reads each document's content words (``terms.py``), compares documents by TF-IDF cosine
within a window of days and joins them into stories (``cluster.py``); thresholds are in
``grouping.yaml`` under ``stories``, and front matter ``story:`` overrides the detection.
It runs when the store is regrouped (ingest, remove, ``claims group``), before the claims are
grouped, and gives the same stories whatever order the documents were ingested in.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..lexicon import load
from ..models import Document, Story
from .cache import TermSource, stored_terms, terms_key
from .cluster import StoryDocument, date_bounds, declared_id, detect
from .terms import Terms, bridge_concept, document_terms, name_key

__all__ = [
    "Story",
    "StoryDocument",
    "TermSource",
    "Terms",
    "bridge_concept",
    "date_bounds",
    "declared_id",
    "detect",
    "detect_stored_stories",
    "detect_stories",
    "document_terms",
    "name_key",
    "settings",
    "stored_terms",
    "terms_key",
]


def settings() -> dict:
    """The ``stories`` section of grouping.yaml."""
    return load("grouping")["stories"]


def detect_stories(documents: Iterable[Document], config: dict | None = None) -> list[Story]:
    """The stories of ``documents`` (each document in exactly one), sorted by id."""
    config = config or settings()
    from ..documents import extraction_text

    docs = [
        StoryDocument(d.doc_id, d.date, d.story, document_terms(extraction_text(d), d.lang, d.title, config, d.source))
        for d in documents
    ]
    return detect(docs, config)


def detect_stored_stories(source: TermSource, config: dict | None = None, rebuild: bool = False) -> list[Story]:
    """The stories of a store's documents (``source``: ``claims.store.story_table.StoryInputs``),
    recomputing only what changed since the last regroup (``index.py``; everything with
    ``rebuild``) and reading the texts only of documents whose cached terms are missing or stale
    (``cache.py``); the same stories as ``detect_stories`` over every document read anew."""
    from .index import indexed_stories

    config = config or settings()
    return indexed_stories(source, source.index(), config, rebuild)
