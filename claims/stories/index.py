"""Story detection that recomputes only what a change reaches, with the very stories of a
detection over every document (``cluster.detect``).

The store keeps an index (``claims.store.story_index``): each term's document frequency and
holders, each document's terms, vector and blocking terms, and the links. Why a change stays
local, by construction:

- a document's vector and blocking terms depend on its own terms and on the *class* of each
  term's df (``cluster.term_class``: its weight's bin and whether it may block), never on the
  number of documents. A new, changed or removed document changes the df of its own terms; only
  the documents holding a term whose class moved get a new vector ("affected");
- a pair's link depends on the two vectors and dates: only pairs with an affected document are
  compared again, with the partners their blocking terms find (as ``detect`` finds them);
- a story depends only on the connected part of the graph of links and of documents declaring
  one name (``cluster.join_stories``): the parts that hold no affected document, no end of a link
  that came or went and no document declaring a name a changed document declared, keep their
  stories; the others are joined again, whole.

An index computed by other code or settings (``index_digest``) is built anew, from every
document, by the same steps.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from ..models import Document, Story
from .cache import TermSource, code_digest, documents_terms
from .cluster import (
    StoryDocument,
    block_terms,
    cosine,
    date_bounds,
    declared_id,
    document_vector,
    join_stories,
    linked,
    term_class,
)
from .links import follow_up_places


class IndexRows(Protocol):
    """What the store offers (``claims.store.story_index.StoryIndexRows``)."""

    format: str

    def digest(self) -> str | None: ...
    def reset(self, digest: str) -> None: ...
    def entries(self) -> dict[str, tuple]: ...
    def documents(self, doc_ids: Iterable[str]) -> dict[str, tuple]: ...
    def vectors(self, doc_ids: Iterable[str]) -> dict[str, dict[str, float]]: ...
    def terms(self, terms: Iterable[str]) -> dict[str, tuple[int, list[str]]]: ...
    def frequencies(self, terms: Iterable[str]) -> dict[str, int]: ...
    def save_terms(self, rows: dict) -> None: ...
    def save_documents(self, rows: Iterable[tuple], removed: Iterable[str]) -> None: ...
    def blockers(self, terms: Iterable[str]) -> dict[str, list[str]]: ...
    def save_blocks(self, removed, added) -> None: ...
    def links(self, doc_ids: Iterable[str]) -> set[tuple[str, str, float]]: ...
    def save_links(self, removed, added) -> None: ...
    def stories(self) -> list[Story]: ...
    def save_stories(self, removed: Iterable[str], added: Iterable[Story]) -> None: ...


def index_digest(settings: dict, form: str) -> str:
    """What an index was computed with: the code (``cache.code_digest``), every story setting and
    the store's format of the index."""
    return hashlib.sha1((code_digest() + form + json.dumps(settings, sort_keys=True)).encode()).hexdigest()[:20]


def indexed_stories(source: TermSource, index: IndexRows, settings: dict, rebuild: bool = False) -> list[Story]:
    """Every story of ``source``'s documents, sorted by id, updating ``index`` (see the module docstring)."""
    docs = {d.doc_id: d for d in source.documents()}
    digest = index_digest(settings, index.format)
    if rebuild or index.digest() != digest:
        index.reset(digest)
    entries = index.entries()
    empty = not entries
    now = {doc_id: entry(d) for doc_id, d in docs.items()}
    changed = {d for d in docs if entries.get(d) != now[d]} | (set(entries) - set(docs))
    if not changed:
        return index.stories()
    removed = changed - set(docs)
    old = index.documents(changed & set(entries))
    terms = documents_terms(source, [docs[d] for d in sorted(changed - removed)], settings)
    moved, df = _moved_terms(index, old, terms, settings, empty)
    affected = set(terms) | moved
    terms.update(documents_terms(source, [docs[d] for d in sorted(affected - set(terms))], settings))
    old.update(index.documents(affected - set(old)))
    if not empty:
        df.update(index.frequencies({t for d in affected for t in terms[d].weights} - set(df)))
    vectors = {d: document_vector(terms[d].weights, df, settings) for d in sorted(affected)}
    blocks = {d: block_terms(vectors[d], df, settings) for d in vectors}
    index.save_documents(((d, now[d], sorted(terms[d].weights), vectors[d], blocks[d]) for d in sorted(affected)), removed)
    index.save_blocks([(t, d) for d in sorted(old) for t in old[d][2]],
                      [(t, d) for d in sorted(affected) for t in blocks[d]])
    links_before = index.links(affected | removed)
    links_now = _links(index, docs, vectors, blocks, settings)
    index.save_links([(a, b) for a, b, _s in links_before], sorted(links_now))
    seeds = affected | removed | {d for a, b, _s in links_before ^ links_now for d in (a, b)}
    declared_before = {declared_id(name) for c in changed if c in entries and (name := marshal.loads(entries[c])[-1])}
    seeds |= {d for d, doc in docs.items() if doc.story and declared_id(doc.story) in declared_before}
    part = _closure(index, docs, seeds)
    vectors.update(index.vectors(part - set(vectors)))
    terms.update(documents_terms(source, [docs[d] for d in sorted(part - set(terms))], settings))
    if removed:
        source.save_terms([])  # forgets the terms of documents no longer stored
    return _joined(index, docs, part, removed, vectors, terms, settings)


def entry(doc: Document) -> bytes:
    """What a document's index entry was computed from besides the code and settings (``index_digest``):
    what its terms read (``cache.terms_key``), its date and its declared story."""
    return marshal.dumps((doc.content_hash, doc.path, doc.lang, doc.title, doc.source, doc.date, doc.story), 2)


def _moved_terms(index: IndexRows, old: dict, new_terms: dict, settings: dict,
                 empty: bool) -> tuple[set[str], dict[str, int]]:
    """Apply the df changes of the changed documents (to an ``empty`` index: all of them new);
    return the documents holding a term whose class moved, and the new df of every term whose
    df changed."""
    plus: dict[str, list[str]] = defaultdict(list)
    minus: dict[str, list[str]] = defaultdict(list)
    for doc, (terms, _vector, _blocks) in old.items():
        for term in terms:
            minus[term].append(doc)
    for doc, terms in new_terms.items():
        for term in terms.weights:
            plus[term].append(doc)
    if empty:  # a rebuild: every holder is new, every term's class moved from none
        written = {term: (len(docs), docs) for term, docs in plus.items()}
        index.save_terms(written)
        return set(new_terms), {term: df for term, (df, _docs) in written.items()}
    moved = {t for t in plus.keys() | minus.keys() if sorted(plus.get(t, ())) != sorted(minus.get(t, ()))}
    rows = index.terms(moved)
    written, affected = {}, set()
    for term in moved:
        df, holders = rows.get(term, (0, []))
        holders = set(holders).difference(minus.get(term, ()))
        holders.update(plus.get(term, ()))
        written[term] = (len(holders), holders)
        if term_class(df, settings) != term_class(len(holders), settings):
            affected |= holders
    index.save_terms(written)
    return affected, {term: df for term, (df, _holders) in written.items()}


def _links(index: IndexRows, docs: dict[str, Document], vectors: dict, blocks: dict, settings: dict) -> set:
    """The links of every pair with an affected document, with the partners their blocking terms find."""
    holders = index.blockers({t for terms in blocks.values() for t in terms})
    partners = {(min(d, p), max(d, p)) for d, terms in blocks.items() for t in terms for p in holders.get(t, ()) if p != d}
    near = max(settings["window_days"], settings.get("event_days", 0))
    window = max(near, settings.get("follow_up_days", 0))  # ``linked`` looks no further
    bounds = {d: date_bounds(docs[d].date) for pair in partners for d in pair}
    days = {(a, b): max(bounds[b][0] - bounds[a][1], bounds[a][0] - bounds[b][1]) for a, b in partners
            if bounds[a] is not None and bounds[b] is not None}
    partners = {pair for pair in partners if days.get(pair, 0) <= window}  # dated reports further apart never link
    vectors = {**index.vectors({d for pair in partners for d in pair} - set(vectors)), **vectors}
    places: dict[str, frozenset[str]] = {}
    found = set()
    for a, b in partners:
        if days.get((a, b), 0) > near:  # only a late report of one event in one place links them
            for d in (a, b):
                if d not in places:
                    places[d] = follow_up_places(vectors[d], settings)
            if not places[a] & places[b]:
                continue
        sim = cosine(vectors[a], vectors[b], settings["term_cap"])
        if linked(sim, bounds[a], bounds[b], settings, vectors[a], vectors[b]):
            found.add((a, b, sim))
    return found


def _closure(index: IndexRows, docs: dict[str, Document], seeds: set[str]) -> set[str]:
    """The documents connected to ``seeds`` by links and declared names (only the stored ones)."""
    name = {d: declared_id(doc.story) for d, doc in docs.items() if doc.story}  # as join_stories compares them
    declared: dict[str, list[str]] = defaultdict(list)
    for d, story in name.items():
        declared[story].append(d)
    part, frontier = set(), {d for d in seeds if d in docs}
    while frontier:
        part |= frontier
        reached = {d for a, b, _s in index.links(frontier) for d in (a, b)}
        reached |= {m for d in frontier if d in name for m in declared[name[d]]}
        frontier = reached - part
    return part


def _joined(index: IndexRows, docs: dict[str, Document], part: set[str], removed: set[str], vectors: dict,
            terms: dict, settings: dict) -> list[Story]:
    """The stories found before that hold no document of ``part`` or ``removed``, and those of
    ``part`` joined anew."""
    order = sorted(part)
    at = {d: i for i, d in enumerate(order)}
    links = [(-s, at[a], at[b]) for a, b, s in index.links(part)]
    members = [StoryDocument(d, docs[d].date, docs[d].story, terms[d]) for d in order]
    fresh = join_stories(members, [vectors[d] for d in order], links, settings)
    before = index.stories()
    redone = part | removed
    kept = [s for s in before if redone.isdisjoint(s.doc_ids)]
    index.save_stories([s.story_id for s in before if not redone.isdisjoint(s.doc_ids)], fresh)
    return sorted(kept + fresh, key=lambda s: s.story_id)
