"""Documents -> stories: TF-IDF cosine between documents, blocked by rare shared words, linked
within a window of days, joined by single link.

1. Weights: a term's weight in a document (``terms.py``) times ``term_idf`` of its document
   frequency df: ``log((C + 1) / (df + 1))`` with C ``common_documents`` (a word in C documents or
   more weighs nothing), df taken at the middle of its bin (1, 2, 3, 4, then 5-7, 8-15, 16-31, ...:
   ``log(C + 1) - (log(lo + 1) + log(hi + 1)) / 2``). The weight depends on df alone, never on the
   number of documents, and changes only when df leaves its bin: a new document changes the
   weights of the few documents that share a word whose bin it changed, which is what lets a
   regroup recompute only those (``index.py``). Each document keeps its ``terms_per_document``
   heaviest terms, normalised.
2. Blocking: a document is compared only with the documents that share one of its
   ``block_terms`` heaviest terms held by 2 to ``max_block_documents`` documents. The work grows
   with the number of documents times the size of those lists, never with its square.
3. A pair tells of one story when its cosine reaches ``similarity`` (``undated_similarity`` when
   either has no date) and its publication dates are at most ``window_days`` apart. Short reports
   share few words: two at most ``event_days`` apart whose cosine reaches ``event_similarity``
   are one story when they name one kind of event (``bridge.events`` of stories.yaml) and one
   main place (the heaviest name of one, among the ``event_names`` heaviest of the other); a
   late report of one event in one place links up to ``follow_up_days`` apart (``links.py``).
   One shared word adds at most ``term_cap`` to the cosine, so that two reports from one city
   (a derby and a strike in Belgrade) are not one story by the city's name alone.
4. Pairs are joined best first (cosine, then ids: the same stories whatever the order of
   ingest). Documents whose front matter names a story are that story; two declared stories
   are never joined, an undeclared document may join a declared one. A story so depends only on
   the connected part of the graph of links (and of documents declaring one name) it lies in.

Story ids are stable: a declared story's id is its name as declared ("kivu-ferry"); any other
is "s" and 7 hex digits of a hash of its earliest document's id (earliest by date, then id), so
a later report joining the story keeps its id. Labels name the story's heaviest shared names, as most of its documents write them
("Kasachstan · Almaty").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..models import Story
from .links import follow_up, one_event, two_events
from .terms import Terms

_SLUG = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class StoryDocument:
    """What story detection knows of a document."""

    doc_id: str
    date: str | None  # ISO at its precision
    declared: str | None  # front matter `story:`
    terms: Terms


def date_bounds(iso: str | None) -> tuple[int, int] | None:
    """First and last day (ordinals) of an ISO date at any precision: "2022-01" -> 1 Jan .. 31 Jan."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso[:10].split("-")]
        if len(parts) == 3:
            day = dt.date(*parts).toordinal()
            return day, day
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first.toordinal(), following.toordinal() - 1
        return dt.date(parts[0], 1, 1).toordinal(), dt.date(parts[0], 12, 31).toordinal()
    except ValueError:
        return None


def declared_id(name: str) -> str:
    """The id of a story front matter declares: its name, lower case, spaces as hyphens."""
    return _SLUG.sub("-", name.strip().casefold()).strip("-") or "story"


def detect(docs: Sequence[StoryDocument], settings: dict) -> list[Story]:
    """Stories of ``docs`` (every document in exactly one), sorted by id."""
    docs = sorted(docs, key=lambda d: d.doc_id)
    df: dict[str, int] = defaultdict(int)
    for d in docs:
        for term in d.terms.weights:
            df[term] += 1
    vectors = [document_vector(d.terms.weights, df, settings) for d in docs]
    bounds = [date_bounds(d.date) for d in docs]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term in block_terms(vector, df, settings):
            postings[term].append(i)
    pairs: set[tuple[int, int]] = set()
    for holders in postings.values():
        for x, i in enumerate(holders):
            for j in holders[x + 1:]:
                pairs.add((i, j))
    links = []
    for i, j in pairs:
        sim = cosine(vectors[i], vectors[j], settings["term_cap"])
        if linked(sim, bounds[i], bounds[j], settings, vectors[i], vectors[j]):
            links.append((-sim, i, j))
    return join_stories(docs, vectors, links, settings)


def join_stories(docs: Sequence[StoryDocument], vectors: Sequence[dict[str, float]],
                 links: list[tuple[float, int, int]], settings: dict) -> list[Story]:
    """The stories of ``docs`` (sorted by id) given their vectors and their links ``(-cosine, i, j)``
    (``i < j`` indices into ``docs``), sorted by id. Of a part of the documents closed under links
    and declared names, it gives the stories a run over all of them gives."""
    links = sorted(links)
    bounds = [date_bounds(d.date) for d in docs]
    parent = list(range(len(docs)))
    label = [declared_id(d.declared) if d.declared else None for d in docs]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a == b or (label[a] and label[b] and label[a] != label[b]):
            return
        low, high = min(a, b), max(a, b)
        parent[high] = low
        label[low] = label[low] or label[high]

    first_of: dict[str, int] = {}
    for i, name in enumerate(label):  # declared documents of one name are one story
        if name:
            join(first_of.setdefault(name, i), i)
    for _sim, i, j in links:
        join(i, j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(parent)):
        members[root(i)].append(i)
    stories = [_story(docs, [vectors[i] for i in group], group, bounds, label[r], settings)
               for r, group in members.items()]
    stories.sort(key=lambda s: s.story_id)
    return stories


@lru_cache(maxsize=4096)
def term_idf(df: int, common: int) -> float:
    """The inverse document frequency of a term held by ``df`` documents (module docstring, 1.)."""
    if df >= common or df < 1:
        return 0.0
    if df <= 4:
        lo = hi = df
    else:
        lo = 1 << (df.bit_length() - 1)
        lo, hi = max(lo, 5), min(2 * lo - 1, common - 1)
    return math.log(common + 1) - (math.log(lo + 1) + math.log(hi + 1)) / 2


def term_class(df: int, settings: dict) -> tuple[float, bool]:
    """What a document's vector and blocking read of a term's df: its weight and whether it may block.
    A document is recomputed only when one of its terms changed class."""
    return term_idf(df, settings["common_documents"]), 2 <= df <= settings["max_block_documents"]


def document_vector(weights: dict[str, float], df, settings: dict) -> dict[str, float]:
    """A document's ``terms_per_document`` heaviest terms, weighted by ``term_idf`` and normalised
    (``df``: term -> document frequency, for every term of ``weights``)."""
    common = settings["common_documents"]
    # Heaviest first, then by term: (-weight, term) tuples sort so without a key function.
    top = sorted([(-(w * term_idf(df[t], common)), t) for t, w in weights.items() if df[t] < common])
    top = top[: settings["terms_per_document"]]
    norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
    return {t: -w / norm for w, t in top}


def block_terms(vector: dict[str, float], df, settings: dict) -> list[str]:
    """The terms that find the documents a document is compared with (module docstring, 2.)."""
    most = settings["max_block_documents"]
    rare = [(w, t) for t, w in vector.items() if 2 <= df[t] <= most]
    rare.sort(key=lambda wt: (-wt[0], wt[1]))
    return [term for _w, term in rare[: settings["block_terms"]]]


def linked(sim: float, a: tuple[int, int] | None, b: tuple[int, int] | None, settings: dict,
           va: dict[str, float] | None = None, vb: dict[str, float] | None = None) -> bool:
    """Whether two documents of this cosine and these date bounds (and vectors, for short reports
    of one event: ``one_event``) tell of one story."""
    if a is None or b is None:
        return sim >= settings["undated_similarity"]
    days = max(0, b[0] - a[1], a[0] - b[1])
    if sim >= settings["similarity"] and days <= settings["window_days"]:
        return not two_events(va, vb, days, settings)
    return va is not None and vb is not None and (one_event(va, vb, sim, days, settings)
                                                  or follow_up(va, vb, sim, days, settings))


def cosine(a: dict[str, float], b: dict[str, float], cap: float = 1.0) -> float:
    """Cosine of two normalised vectors, each term adding at most ``cap``: one shared city is no story.
    The shared terms are found by a set intersection (in C) and summed exactly (``fsum``), so the
    sum is the same whatever order the intersection comes in."""
    return math.fsum(min(a[t] * b[t], cap) for t in a.keys() & b.keys())


def _story(docs, vectors, group: list[int], bounds, declared: str | None, settings: dict) -> Story:
    dated = [i for i in group if bounds[i] is not None]
    earliest = min(group, key=lambda i: (bounds[i] is None, bounds[i] or (0, 0), docs[i].doc_id))
    story_id = declared or "s" + hashlib.sha1(docs[earliest].doc_id.encode()).hexdigest()[:7]
    first = min((docs[i].date for i in dated), key=lambda d: date_bounds(d)[0], default=None)
    last = max((docs[i].date for i in dated), key=lambda d: date_bounds(d)[1], default=None)
    if first is not None and last is not None and date_bounds(first) == date_bounds(last):
        last = first
    return Story(story_id, _label(docs, vectors, group, settings), first, last,
                 tuple(sorted(docs[i].doc_id for i in group)), declared is not None)


def _label(docs, vectors, group: list[int], settings: dict) -> str:
    """The heaviest names the story's documents share ("Kasachstan · Almaty"); of a lone document its own."""
    score: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for vector in vectors:
        for term, weight in vector.items():
            if term.startswith("n:"):
                score[term] += weight
                count[term] += 1
    need = 2 if len(group) > 1 else 1
    most = settings["label_names"]

    def order(t: str) -> tuple[float, str]:
        return -score[t], t

    # The first of the full ordering (nsmallest is sorted()[:n]; the keys are unique), a few more
    # than shown: a German noun is capitalised like a name, and the lexicon's nouns are passed over.
    ranked = heapq.nsmallest(3 * most, (t for t in score if count[t] >= need), key=order)
    if not ranked:
        ranked = heapq.nsmallest(3 * most, score, key=order)
    names = []
    for term in ranked:  # the form most of its documents write ("Kivu", not "Kivusee"), a dateline's
        written = Counter(f for f in (docs[i].terms.forms.get(term) for i in group) if f)  # "GOMA" last
        names.append(min(written.items(), key=lambda fc: (fc[0].isupper(), -fc[1], fc[0]))[0] if written else term[2:])
    names = ([n for n in names if not _lexicon_noun(n)] or names)[:most]
    return " · ".join(names) if names else docs[group[0]].doc_id


@lru_cache(maxsize=4096)
def _lexicon_noun(word: str) -> bool:
    """True for a noun the extraction lexicons count or measure ("Bevölkerung", "Metern",
    "Menschen", "people"): a common noun, never a story's name."""
    from ..lexicon import LANGUAGES
    from ..lexicon.vocabulary import vocabulary

    # whole words only: "Hartmann" is a name, though "Mann" counts people
    return any(any(m.matches(word) for m in (v.category_nouns, v.person_nouns, v.subgroup_nouns, v.measure_words))
               for v in map(vocabulary, LANGUAGES))
