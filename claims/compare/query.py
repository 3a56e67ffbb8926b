"""Ask the store about groups: by topic, by disagreement, or two documents side by side.

``query`` maps the topic words of free text (``topics.yaml``; "casualties" ->
deaths and injuries) to categories and loads only the matching groups, most
sources first, through the indexes on ``groups(category)`` and
``group_members(group_id)``; a query with no topic word searches the claims'
sentences with FTS5 and shows the groups of the claims found. A group shows at
most ``claims_per_group`` claims, so a group of a million claims costs no more
than one of ten.

No SQL here: the store reads the pages of groups (``Store.rank_groups``,
``groups_by_status``, ``group_views``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .. import stems
from ..errors import ClaimsError, EmptyQuery
from ..lexicon import LANGUAGES, load
from ..models import Claim, ClaimFilter, Group
from ..store import GroupView, Store, StoredDocument
from .group import group_claims
from .status import DISAGREEMENTS, SEVERITY, status_counts

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_YEAR = re.compile(r"^(?:18|19|20)\d\d$")

CLAIMS_SHOWN = 200  # claims a view loads of one group: each source's first ones (Store.group_views)


@dataclass(slots=True)
class QueryResult:
    """What ``query`` found: the groups shown, how they were found and how many matched."""

    text: str
    mode: str  # topic | fulltext
    topics: list[str]
    categories: list[str]
    groups: list[GroupView]
    total_groups: int
    documents: dict[str, StoredDocument] = field(default_factory=dict)  # the documents of the shown claims, by id
    searched: list[str] = field(default_factory=list)  # the words a full-text query looked for
    claim_filter: ClaimFilter | None = None
    stories: dict[str, str] = field(default_factory=dict)  # story id -> its label, for the groups shown
    story: str | None = None  # the id of the story the query kept to

    def no_match(self) -> str:
        """One line that says what was looked for, for a query that found nothing."""
        if self.mode == "topic":
            what = f"no groups of {', '.join(self.categories)} (topics: {', '.join(self.topics)})"
        else:
            words = ", ".join(f'"{w}"' for w in self.searched)
            what = f"no claim whose sentence holds {words} (as written or by stem); no topic word was found"
        story = f", story {self.story}" if self.story else ""
        return f"No matching claims: {what}{story}{describe_filter(self.claim_filter)}."


def describe_filter(claim_filter: ClaimFilter | None) -> str:
    """", from 2022-01 to 2022-02, source Tagesblatt*": the filter in words, empty for none."""
    if not claim_filter:
        return ""
    parts = []
    if claim_filter.since or claim_filter.until:
        parts.append(f"event or publication date from {claim_filter.since or 'any'} to {claim_filter.until or 'any'}")
    if claim_filter.source:
        parts.append(f"source {claim_filter.source}*")
    return ", " + ", ".join(parts)


@dataclass(slots=True)
class DiffResult:
    """Two documents compared group by group."""

    doc_a: StoredDocument
    doc_b: StoredDocument
    shared: list[tuple[Group, list[Claim], list[Claim]]]  # group status is A-vs-B only
    only_a: list[tuple[Group, list[Claim]]]
    only_b: list[tuple[Group, list[Claim]]]
    summary: str


def parse_topics(text: str) -> tuple[list[str], list[str], str | None]:
    """Topics named in ``text``, their categories (in topic order) and a year if one is given.

    A topic word matches a word of the query with the same Snowball stem in the topic word's
    language (``de``/``en`` lists of topics.yaml; ``words`` in either), so "troop numbers",
    "Truppenstärke" and "Wie viele Menschen starben" find their topics in any inflection.
    """
    topics = load("topics")["topics"]
    query_words = stems.words(text)
    query_stems = {lang: [stems.stem(w, lang) for w in query_words] for lang in LANGUAGES}
    found, categories = [], []
    for name, topic in topics.items():
        if any(_names(phrase, lang, query_words, query_stems) for lang, phrase in _topic_phrases(topic)):
            found.append(name)
            categories.extend(c for c in topic["categories"] if c not in categories)
    year = next((w for w in _WORD.findall(text.casefold()) if _YEAR.match(w)), None)
    return found, categories, year


def _topic_phrases(topic: dict) -> Iterator[tuple[str | None, str]]:
    for lang in LANGUAGES:
        yield from ((lang, phrase) for phrase in topic.get(lang, ()))
    yield from ((None, phrase) for phrase in topic.get("words", ()))


def _names(phrase: str, lang: str | None, words: list[str], word_stems: dict[str, list[str]]) -> bool:
    """True when the words of ``phrase`` stand in ``words`` in a row, each as written or by its stem."""
    wanted = stems.words(phrase)
    langs = LANGUAGES if lang is None else (lang,)
    wanted_stems = {lg: [stems.stem(w, lg) for w in wanted] for lg in langs}
    for i in range(len(words) - len(wanted) + 1):
        if all(
            words[i + k] == word or any(word_stems[lg][i + k] == wanted_stems[lg][k] for lg in langs)
            for k, word in enumerate(wanted)
        ):
            return True
    return False


def search_words(text: str) -> list[str]:
    """The words of a full-text query that name something: the question words of topics.yaml left out."""
    ignored = {w.casefold() for words in load("topics").get("question_words", {}).values() for w in words}
    found = [w for w in stems.words(text) if w not in ignored]
    return found or stems.words(text)


def named_events(text: str) -> set[str]:
    """Keys of the events a query names in any language ("general strike", "Generalstreik")."""
    from ..lexicon.vocabulary import vocabulary

    keys = set()
    for lang in LANGUAGES:
        vocab = vocabulary(lang)
        for found in vocab.event_words.finditer(text):
            key = vocab.events.key_of(found.group(), compound=True)
            if key is not None:
                keys.add(key)
    return keys


def query(
    store: Store, text: str, *, limit: int = 20, claims_per_group: int = CLAIMS_SHOWN, story: str | None = None,
    claim_filter: ClaimFilter | None = None,
) -> QueryResult:
    """Groups about the topics of ``text`` (most sources first), or the groups of FTS matches;
    ``story`` (an id or unique prefix) keeps the groups of that story only.

    With ``claim_filter`` only groups with a claim that passes are chosen, and they show only those claims.
    """
    if not stems.words(text):
        raise EmptyQuery(f"the query {text!r} has no word to look for; e.g. claims query \"Tote\" or \"troop numbers\"")
    story_id = store.story(story).story_id if story is not None else None
    topics, categories, year = parse_topics(text)
    searched: list[str] = []
    if categories:
        total = store.count_groups(categories, year=year, story=story_id, claim_filter=claim_filter)
        events = sorted(named_events(text)) if "date" in categories else []
        # "when did the general strike begin": groups dating the events it names come first;
        # dates read best in time order.
        ids = store.rank_groups(categories, status_order=SEVERITY, year=year, first_events=events,
                                by_date=categories == ["date"], story=story_id, limit=limit,
                                claim_filter=claim_filter)
        views = store.group_views(ids, claims_per_group, claim_filter)
        mode = "topic"
    else:
        searched = search_words(text)
        views, total = _fulltext(store, " ".join(searched), limit, claims_per_group, story_id, claim_filter)
        mode = "fulltext"
    documents = store.documents_by_id(c.doc for v in views for c in v.claims)
    shown = {v.group.story for v in views if v.group.story}
    stories = {s.story_id: s.label for s in store.stories() if s.story_id in shown} if len(shown) > 1 else {}
    return QueryResult(text, mode, topics, categories, views, total, documents, searched, claim_filter, stories, story_id)


def _fulltext(
    store: Store, text: str, limit: int, claims_per_group: int, story: str | None = None,
    claim_filter: ClaimFilter | None = None,
) -> tuple[list[GroupView], int]:
    found = list(store.search_claims_fts(text, limit=500, claim_filter=claim_filter))
    if story is not None:
        in_story = set(store.story(story).doc_ids)
        found = [claim for claim in found if claim.doc in in_story]
    group_of = store.group_ids_of([claim.claim_id for claim in found])
    order: list[str] = []
    ungrouped: list[Claim] = []
    for claim in found:
        group_id = group_of.get(claim.claim_id)
        if group_id is None:
            ungrouped.append(claim)
        elif group_id not in order:
            order.append(group_id)
    views = store.group_views(order[:limit], claims_per_group, claim_filter)
    # Claims ingested before the last regroup have no group yet: group them on the fly.
    for group in group_claims(ungrouped)[: max(0, limit - len(views))]:
        members = [c for c in ungrouped if c.claim_id in set(group.claim_ids)]
        views.append(GroupView(group, members, len({c.doc for c in members}), len(members)))
    return views, len(order) + len(ungrouped)


def conflicts(
    store: Store, *, limit: int | None = None, story: str | None = None, claim_filter: ClaimFilter | None = None
) -> list[GroupView]:
    """Groups whose sources disagree (conflict, sum_conflict, update, sum_agree), worst first;
    ``story`` (an id or unique prefix) keeps those of that story only; with ``claim_filter``, those
    with a claim that passes, showing those claims."""
    story_id = store.story(story).story_id if story is not None else None
    ids = store.groups_by_status(DISAGREEMENTS, status_order=SEVERITY, limit=limit, story=story_id,
                                 claim_filter=claim_filter)
    return store.group_views(ids, CLAIMS_SHOWN, claim_filter)


def diff(store: Store, doc_a: str, doc_b: str) -> DiffResult:
    """Compare two documents: groups they share (with the status between the two), and the rest.

    The two documents' claims are grouped as the store groups them, within their stories and
    with their outlets' voices, so two reports of different stories share nothing; a group takes
    the label of the stored group its claims belong to, as ``query`` shows it."""
    a, b = store.document(doc_a), store.document(doc_b)
    if a.doc_id == b.doc_id:
        raise ClaimsError(f"both arguments name the document {a.doc_id}; give two different documents")
    claims = list(store.claims(doc=a.doc_id)) + list(store.claims(doc=b.doc_id))
    stories = [store.story(story_id) for story_id in sorted({a.story, b.story} - {None})]
    outlets = store.outlets()
    shared, only_a, only_b = [], [], []
    by_id = {c.claim_id: c for c in claims}
    groups = _with_stored_labels(store, group_claims(claims, stories=stories, outlets=outlets), by_id)
    for group in groups:
        members = [by_id[claim_id] for claim_id in group.claim_ids]
        in_a = [c for c in members if c.doc == a.doc_id]
        in_b = [c for c in members if c.doc == b.doc_id]
        if in_a and in_b:
            shared.append((group, in_a, in_b))
        elif in_a:
            only_a.append((group, in_a))
        else:
            only_b.append((group, in_b))
    shared.sort(key=lambda t: (SEVERITY.index(t[0].status), t[0].category, t[0].label))
    only_a.sort(key=lambda t: (t[0].category, t[0].label, t[0].group_id))
    only_b.sort(key=lambda t: (t[0].category, t[0].label, t[0].group_id))
    return DiffResult(a, b, shared, only_a, only_b, _diff_summary(a, b, shared, only_a, only_b))


def _with_stored_labels(store: Store, groups: list[Group], by_id: dict[str, Claim]) -> list[Group]:
    """``groups`` with the label of the stored group that holds all of a group's claims (the label
    ``query`` prints, made from every source's claims); a group whose claims the store has not
    grouped together keeps its own label."""
    stored_of = store.group_ids_of(list(by_id))
    labels: dict[str, str] = {}
    for gid in sorted(set(stored_of.values())):
        for stored in store.groups(group_id=gid):
            labels[gid] = stored.label
    relabelled = []
    for group in groups:
        homes = {stored_of.get(claim_id) for claim_id in group.claim_ids}
        home = homes.pop() if len(homes) == 1 else None
        relabelled.append(replace(group, label=labels[home]) if home in labels else group)
    return relabelled


def _diff_summary(a: StoredDocument, b: StoredDocument, shared, only_a, only_b) -> str:
    counts = status_counts(group for group, _, _ in shared)
    by_status = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in counts.items())
    apart = ""
    if a.story and b.story and a.story != b.story:
        apart = f"; they tell of different stories ({a.story}, {b.story}), whose claims are never compared"
    return (
        f"{a.doc_id} and {b.doc_id} share {len(shared)} group{'s' * (len(shared) != 1)}"
        f"{f' ({by_status})' if by_status else ''}; "
        f"{_claims(sum(len(c) for _, c in only_a))} only in {a.doc_id}, "
        f"{sum(len(c) for _, c in only_b)} only in {b.doc_id}{apart}"
    )


def _claims(n: int) -> str:
    return f"{n} claim{'s' * (n != 1)}"


def grouped_claims(store: Store, claim_filter: ClaimFilter | None = None) -> Iterator[tuple[Group, Claim]]:
    """Every claim (that passes ``claim_filter``) with its group, by category, label and group.

    Claims not in any group (ingested since the last regroup) are grouped on
    the fly and come last, so every claim appears.
    """
    loose: list[Claim] = []
    for group, claim in store.claims_with_groups(claim_filter):
        if group is None:
            loose.append(claim)
        else:
            yield group, claim
    by_id = {c.claim_id: c for c in loose}
    for group in group_claims(loose):
        for claim_id in group.claim_ids:
            yield group, by_id[claim_id]
