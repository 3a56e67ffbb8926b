"""What a report shows, read from the store: stories, their sources in publication order, every
group with each source's figures, and the texts the figures come from.

Only the store's public reads and ``claims.compare`` are used: the groups, their status and
explanation are the comparison stage's, never recomputed here. Data other stages may add (the
story of a document, claim or group; the source line of a claim such as "official (ministry)")
is read with ``getattr(..., None)`` and shown when present.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..compare import SEVERITY, day_span, format_value
from ..errors import ClaimsError
from ..models import Claim, Group
from ..store import GroupView, Store, StoredDocument

CLAIMS_PER_GROUP = 500  # a report shows at most this many claims of one group (and says so)
SAFE_SCHEMES = ("http://", "https://")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Source:
    """A document as a column of a report: headed by its outlet, then its title, then its id."""

    doc_id: str
    name: str | None  # front matter `source:`
    title: str | None
    date: str | None
    url: str | None  # only an http(s) address; anything else (javascript:, data:) is dropped
    lang: str
    story: str | None
    anchor: str  # the id of its text in the appendix


@dataclass(frozen=True, slots=True)
class Figure:
    """One claim as a report shows it: as written, as read, who says it, and where its span is."""

    claim: Claim
    reads_as: str
    source_line: str | None
    anchor: str  # the id of its highlighted span in the appendix


@dataclass(slots=True)
class GroupReport:
    """A group with each of its sources' figures; ``sources`` in publication order, none left out."""

    group: Group
    what: str
    sources: list[Source]
    figures: dict[str, list[Figure]]  # doc id -> its figures in document order
    n_claims: int
    story: str | None

    @property
    def shown_claims(self) -> int:
        return sum(len(f) for f in self.figures.values())

    @property
    def multi_source(self) -> bool:
        return len(self.sources) > 1


@dataclass(slots=True)
class StoryReport:
    """One story: its sources in publication order and its groups, most sources and worst first."""

    name: str | None  # the story's id
    sources: list[Source]
    groups: list[GroupReport]
    anchor: str
    label: str | None = None  # what the story is about ("Kasachstan · Almaty"), where stories have labels


@dataclass(slots=True)
class ReportData:
    store: str
    stories: list[StoryReport]
    sources: dict[str, Source]
    texts: dict[str, str] = field(default_factory=dict)  # doc id -> its text as stored
    claims: dict[str, list[Claim]] = field(default_factory=dict)  # doc id -> the claims a report links to


def anchor(kind: str, key: str) -> str:
    """An HTML id for ``key``: ``kind-key`` when ``key`` is plain, else a slug with a hash that keeps it unique."""
    slug = _UNSAFE_ID.sub("_", key)[:40]
    if slug == key:
        return f"{kind}-{key}"
    return f"{kind}-{slug}-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address without spaces or quotes, else None."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(SAFE_SCHEMES) or any(c.isspace() or c in "\"'<>`\\" for c in url):
        return None
    return url


def publication_key(source: Source) -> tuple:
    """Sources in publication order: by the first day their date covers, undated last, then by id."""
    first = math.inf
    if source.date:
        try:
            first = day_span(source.date)[0]
        except ValueError:
            pass
    return first, source.date or "", source.doc_id


def reads_as(claim: Claim) -> str:
    """The value as the comparison reads it ("≥2,200", "\"Hunderte\" (200–999)", "≈20"), with its actor."""
    text = format_value(claim)
    if claim.qualifier == "approx" and not text.startswith("≈"):
        text = "≈" + text
    return text + (f" ({claim.actor})" if claim.actor else "")


def source_line(claim: Claim, outlet: str | None = None) -> str | None:
    """The line of sources a claim's figure comes from ("official (ministry)"), when the
    comparison stage knows source lines (``claims.compare.sources``) or the claim carries one."""
    line = getattr(claim, "source_line", None)
    if line:
        return str(line)
    try:
        # the comparison stage's, where it has one
        from ..compare.sources import source_line as line_of
    except ImportError:
        return None
    found = line_of(claim.attribution, outlet=outlet)
    if found is None or not getattr(found, "named", True):  # the outlet's own voice: no line to name
        return None
    return str(getattr(found, "label", found))


def story_of(item: object) -> str | None:
    story = getattr(item, "story", None)
    return str(story) if story else None


def what(group: Group) -> str:
    """The group's label without its `` · scope`` tail (the scope is shown apart)."""
    tail = f" · {group.scope}"
    return group.label[: -len(tail)] if group.scope and group.label.endswith(tail) else group.label


def to_source(doc: StoredDocument) -> Source:
    return Source(doc.doc_id, doc.source, doc.title or doc.lead, doc.date, safe_url(doc.url), doc.lang,
                  story_of(doc), anchor("d", doc.doc_id))


def _group_story(view: GroupView, sources: dict[str, Source]) -> str | None:
    for holder in (view.group, view):
        if story_of(holder):
            return story_of(holder)
    votes = Counter(story_of(c) or (sources[c.doc].story if c.doc in sources else None) for c in view.claims)
    votes.pop(None, None)
    return min(votes, key=lambda s: (-votes[s], s)) if votes else None


def _group_report(view: GroupView, sources: dict[str, Source]) -> GroupReport:
    figures: dict[str, list[Figure]] = {}
    for claim in sorted(view.claims, key=lambda c: (c.doc, c.start, c.claim_id)):
        outlet = sources[claim.doc].name if claim.doc in sources else None
        figure = Figure(claim, reads_as(claim), source_line(claim, outlet), anchor("c", claim.claim_id))
        figures.setdefault(claim.doc, []).append(figure)
    columns = sorted((sources[d] for d in figures if d in sources), key=publication_key)
    columns += [Source(d, None, None, None, None, "", None, anchor("d", d)) for d in figures if d not in sources]
    return GroupReport(view.group, what(view.group), columns, figures, view.n_claims, _group_story(view, sources))


def _story_labels(store: Store) -> dict[str, str]:
    """Story id -> its label, in the store's order, from ``Store.stories()`` where the store has stories."""
    reader = getattr(store, "stories", None)
    if not callable(reader):
        return {}
    return {str(s.story_id): str(getattr(s, "label", None) or s.story_id) for s in reader()}


def ranked_views(store: Store) -> list[GroupView]:
    """Every group of the store, most sources first, then worst status first (``Store.rank_groups``)."""
    categories = sorted({g.category for g in store.groups()})
    if not categories:
        return []
    ids = store.rank_groups(categories, status_order=SEVERITY, limit=store.count_groups(categories) or 1)
    return store.group_views(ids, CLAIMS_PER_GROUP)


def build_report(store: Store, story: str | None = None) -> ReportData:
    """The data of a report on the whole store, or on the story named ``story``."""
    sources = {doc.doc_id: to_source(doc) for doc in store.documents()}
    groups = [_group_report(view, sources) for view in ranked_views(store)]
    names = sorted({g.story for g in groups if g.story} | {s.story for s in sources.values() if s.story})
    labels = _story_labels(store)
    if story is not None:
        finder = getattr(store, "story", None)  # a store that knows stories resolves an id prefix itself
        if callable(finder) and names:
            story = str(getattr(finder(story), "story_id", story))
        if not names:
            raise ClaimsError(f"--story {story}: the documents of {store.name} are not assigned to stories")
        if story not in names:
            raise ClaimsError(f"no story '{story}' in {store.name}; stories: {', '.join(names)}")
        names = [story]
    # the store's order of stories (most documents first), then any it does not list
    keys: list[str | None] = [k for k in labels if k in names] + [n for n in names if n not in labels] or [None]
    if not story and names and any(g.story is None for g in groups):
        keys.append(None)  # groups of documents in no story
    stories = []
    for key in keys:
        members = [g for g in groups if g.story == key or (key is None and not names)]
        members.sort(key=lambda g: not g.multi_source)  # stable: the store's ranking within each part
        docs = {s.doc_id for g in members for s in g.sources} | {d for d, s in sources.items() if s.story == key}
        if key is None and not names:
            docs = set(sources)
        columns = sorted((sources[d] for d in docs if d in sources), key=publication_key)
        stories.append(StoryReport(key, columns, members, anchor("s", key or "all"), labels.get(key) if key else None))
    data = ReportData(store.name, stories, sources)
    for item in stories:
        for source in item.sources:
            data.texts[source.doc_id] = store.document_text(source.doc_id)
        for group in item.groups:
            for doc, figures in group.figures.items():
                data.claims.setdefault(doc, []).extend(f.claim for f in figures)
    return data
