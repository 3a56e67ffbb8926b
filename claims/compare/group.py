"""Group the claims that speak of the same thing across documents.

Blocking, so that the work grows with the number of claims, not its square:

1. a claim's block is its category and unit: deaths are never compared with
   arrests, per cent never with euros, a population never with a crowd;
2. inside a block, claims are keyed by their ``concept`` ("killed",
   "general_strike") with its ``detail``, ``aspect`` and ``occasion`` (``models.Claim``):
   killed police officers, a change of a toll, a part of it, the protests of one day are
   each a key of their own (within a story, a general strike joins its strike: ``broader_events``
   of stories.yaml). Claims without a concept are keyed by their subject
   ("Tote"); a subject that the concept-bearing claims of the block use takes
   their concept, and the remaining subjects are merged with rapidfuzz when
   similar enough (``grouping.yaml``). Fuzzy matching compares distinct
   subjects only, within a block and a shared prefix, capped in number.
   A claim with neither concept nor subject is a group of its own: sharing a
   number is not sharing a topic;
3. inside a key, claims are split by scope (the time of the event). Scopes are
   compatible when one is a prefix of the other (``2022`` and ``2022-01``),
   never otherwise (``2011`` and ``2022-01``). Each most specific scope makes a
   group; a coarser scope joins the one group it contains or, when it contains
   several, stays a group of its own. A claim of unknown scope of a dated report
   joins the only group of its key; when its key has several scopes, none is known, or its
   report has no date either, it is compared with no other document (one group per document).

Stories (``claims.stories``, given to ``group_claims`` as ``stories``): claims of two stories
are never grouped, the story is part of every block. Within a story, a claim whose scope
overlaps the story's span (its first report, less ``lead_days``, to its last) takes the span as
its scope, so the figures of one story are compared across days and months; a scope clearly
outside it (the 2011 toll in a 2022 story) stays a group of its own.

Group ids hash the story (when there is one), block, key and scope, so a group keeps its id when
claims are added; a lone claim's group id hashes its claim id. A concept's key is
``models.full_concept`` of its four fields, the string older stores held, so ids stay.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from operator import attrgetter

from rapidfuzz import fuzz, process

from ..models import Claim, Group, Story, full_concept
from .countries import with_country
from .gatherings import split_story_keys
from .labels import group_label
from .scopes import SCOPE, StoryScopes, split_by_scope
from .status import CLAIM_ORDER, load_config, status_of_sorted
from .subgroups import (
    PERPETRATORS,
    Subgroups,
    general_details,
    is_general,
    perpetrator_stems,
)

_NON_WORD = re.compile(r"[\W\d_]+")
_SUBJECT = attrgetter("subject")


@lru_cache(maxsize=65536)
def normalise_subject(subject: str | None) -> str:
    """Casefolded letters of a subject, single-spaced: ``"Tote,"`` -> ``"tote"``."""
    if not subject:
        return ""
    return " ".join(_NON_WORD.sub(" ", subject.casefold()).split())


def _group_id(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:12]


def _subject_keys(loose: list[Claim], by_concept: dict[str, list[Claim]], config: dict) -> dict[str, str]:
    """Key ("c:concept" or "s:subject") for each subject of the concept-less claims of one block.

    ``by_concept`` holds the block's claims that have a concept, by concept;
    their subjects teach which concept a subject stands for.
    """
    concept_votes: dict[str, Counter] = defaultdict(Counter)
    for concept, claims in by_concept.items():
        for subject, n in Counter(map(_SUBJECT, claims)).items():
            norm = normalise_subject(subject)
            if norm:
                concept_votes[norm][concept] += n
    loose_counts: Counter = Counter()
    for subject, n in Counter(map(_SUBJECT, loose)).items():
        loose_counts[normalise_subject(subject)] += n
    labelled = {n: min(v.items(), key=lambda kv: (-kv[1], kv[0]))[0] for n, v in concept_votes.items()}
    keys: dict[str, str] = {}
    pending: dict[str, list[str]] = defaultdict(list)
    for norm in sorted(loose_counts):
        if norm in labelled:
            keys[norm] = "c:" + labelled[norm]
        else:
            pending[norm[: config["subject_prefix"]]].append(norm)
    labelled_by_prefix: dict[str, list[str]] = defaultdict(list)
    for norm in sorted(labelled):
        labelled_by_prefix[norm[: config["subject_prefix"]]].append(norm)
    cutoff = config["subject_similarity"]
    for prefix, norms in sorted(pending.items()):
        norms.sort(key=lambda n: (-loose_counts[n], n))
        fuzzy, exact = norms[: config["fuzzy_max_keys"]], norms[config["fuzzy_max_keys"]:]
        for norm in exact:
            keys[norm] = "s:" + norm
        choices = labelled_by_prefix.get(prefix, [])[: config["fuzzy_max_keys"]]
        rest = []
        for norm in fuzzy:
            best = process.extractOne(norm, choices, scorer=fuzz.ratio, score_cutoff=cutoff) if choices else None
            if best:
                keys[norm] = "c:" + labelled[best[0]]
            else:
                rest.append(norm)
        _merge_similar(rest, cutoff, keys)
    return keys


def _merge_similar(norms: list[str], cutoff: float, keys: dict[str, str]) -> None:
    """Union similar subjects; each cluster is keyed by its first (most frequent) member."""
    if not norms:
        return
    parent = list(range(len(norms)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, norm in enumerate(norms):
        for _match, _score, j in process.extract(norm, norms, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                 limit=None):
            if j > i:
                a, b = root(i), root(j)
                parent[max(a, b)] = min(a, b)
    for i, norm in enumerate(norms):
        keys[norm] = "s:" + norms[root(i)]


def label_skips(config: dict) -> tuple[frozenset, tuple[str, ...]]:
    """Subjects a label passes over for a noun ("others", "killed"): ``label_skips`` in grouping.yaml."""
    skips = config.get("label_skips", {})
    return frozenset(skips.get("words", ())), tuple(skips.get("endings", ()))


def _make_group(group_id: str, members: list[Claim], scope: str | None, config: dict, story: str | None = None,
                subgroups: dict[str, list[Claim]] | None = None, outlets: Mapping[str, str | None] | None = None) -> Group:
    label = group_label(members, scope, config.get("labelled_details", ()), label_skips(config))
    if len(members) == 1:
        c = members[0]
        return Group(group_id, c.category, label, scope, "single",
                     [c.claim_id], f"only one source ({c.doc})", story)
    members.sort(key=CLAIM_ORDER)
    mine = {c.claim_id: subgroups[c.claim_id] for c in members if c.claim_id in subgroups} if subgroups else None
    status, explanation = status_of_sorted(members, config, mine, outlets)
    return Group(
        group_id=group_id,
        category=members[0].category,
        label=label,
        scope=scope,
        status=status,
        claim_ids=[c.claim_id for c in members],
        explanation=explanation,
        story=story,
    )


def group_claims(
    claims: Iterable[Claim], config: dict | None = None, stories: Iterable[Story] | None = None,
    outlets: Mapping[str, str | None] | None = None,
) -> list[Group]:
    """Put every claim into exactly one group; groups come sorted by id, whatever the input order.

    With ``stories``, claims of different stories are never grouped and a claim dated within its
    story's span is compared across the span (see the module docstring). ``outlets`` (document
    id -> its source) gives figures the text attributes to no one the line of their outlet."""
    config = config or load_config()
    # Grouping allocates millions of small objects and frees none of them until
    # the end; the cyclic collector would rescan them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _group_claims(claims, config, StoryScopes(stories, config) if stories is not None else None, outlets)
    finally:
        if enabled:
            gc.enable()


def _group_claims(
    claims: Iterable[Claim], config: dict, stories: StoryScopes | None, outlets: Mapping[str, str | None] | None
) -> list[Group]:
    seen, lone = set(), []  # lone: the claims of no concept nor subject ("am Sonntag": a gathering's day)
    # (category, unit, concept, detail, aspect, occasion): the claims with a concept
    by_concept: dict[tuple, list[Claim]] = defaultdict(list)
    loose: dict[tuple[str, str], list[Claim]] = defaultdict(list)  # (category, unit): no concept
    groups: list[Group] = []
    never_grouped, units = frozenset(config.get("never_grouped", ())), frozenset(config.get("unit_subjects", ()))
    story_of = stories.story_of if stories is not None else {}
    general = general_details(config)
    perpetrators = perpetrator_stems(config)
    remainders = frozenset(config.get("remainder_words", ()))
    subgroups = Subgroups(remainders, general[0])
    for c in claims:
        if c.claim_id in seen:
            continue
        seen.add(c.claim_id)
        concept = c.concept
        story = story_of.get(c.doc)
        if concept and concept in never_grouped:
            groups.append(_make_group(_group_id("claim", c.claim_id), [c], c.scope, config, story))
        elif concept:
            detail = c.detail
            if detail is not None and (c.category in general[0] or concept in general[0]) and is_general(detail, general[1]):
                detail = None  # "769 pilgrims", "769 people": one toll
            elif detail is not None and is_general(detail, perpetrators):
                detail = PERPETRATORS  # "drei Angreifer", "die drei Täter": one subgroup, never the toll
            if remainders:
                subgroups.see(c, detail)
            by_concept[(story, c.category, c.unit or "", concept, detail, c.aspect, c.occasion)].append(c)
        elif normalise_subject(c.subject):
            loose[(story, c.category, c.unit or "")].append(c)
        else:
            lone.append(c)
            groups.append(_make_group(_group_id("claim", c.claim_id), [c], c.scope, config, story))
    _join_broader_events(by_concept)
    keyed: dict[tuple, list[Claim]] = defaultdict(list)  # (story, category, unit, key)
    concepts_by_block: dict[tuple, dict[str, list[Claim]]] = defaultdict(dict)
    for (story, category, unit, *fields), members in by_concept.items():
        key = full_concept(*fields)  # one string per key, not per claim
        same = keyed.setdefault((story, category, unit, "c:" + key), members)
        if same is not members:  # a concept given as one string ("killed:part") meets the fields spelling it
            same.extend(members)
        if fields[1] is fields[2] is None or category not in units:  # "Minuten" names no detail (unit_subjects)
            concepts_by_block[(story, category, unit)][key] = same
    for block, members in loose.items():
        subject_keys = _subject_keys(members, concepts_by_block.get(block, {}), config)
        for c in members:
            keyed[(*block, subject_keys[normalise_subject(c.subject)])].append(c)
    parts = subgroups.parts()
    if parts:
        _join_subgroups(keyed, parts)
    foreign = split_story_keys(keyed, config, lone)  # gatherings of two days, another country's figures
    for (story, category, unit, key), members in keyed.items():
        scope_of = stories.scope_function(story) if stories is not None and story is not None else SCOPE
        head = (story, category, unit, key) if stories is not None and stories.hashed else (category, unit, key)
        for scope, scoped, id_part in split_by_scope(members, scope_of):
            group = _make_group(_group_id(*head, id_part), scoped, scope, config, story, parts, outlets)
            groups.append(with_country(group, foreign))
    groups.sort(key=attrgetter("group_id"))  # one string key: 5x cheaper than (category, label, id)
    return groups


def _join_subgroups(keyed: dict[tuple, list[Claim]], parts: dict[str, list[Claim]]) -> None:
    """The subgroups summed with the rest of a toll ("23 officers" beside "24 others") join the
    rest's key: they are shown under the toll they add up to, never as a group of their own."""
    rest_key = {}
    for key, members in keyed.items():
        for c in members:
            if c.claim_id in parts:
                rest_key[c.claim_id] = key
    target = {s.claim_id: rest_key[rest] for rest, named in parts.items() if rest in rest_key for s in named}
    moved: list[tuple[tuple, Claim]] = []
    for key, members in keyed.items():
        if any(c.claim_id in target and target[c.claim_id] != key for c in members):
            stay = [c for c in members if c.claim_id not in target or target[c.claim_id] == key]
            moved.extend((target[c.claim_id], c) for c in members if c.claim_id in target and target[c.claim_id] != key)
            members[:] = stay
    for key, c in moved:
        keyed[key].append(c)
    for key in [k for k, members in keyed.items() if not members]:
        del keyed[key]


def _join_broader_events(by_concept: dict[tuple, list[Claim]]) -> None:
    """Within a story, an event that is also a broader one (``broader_events`` of stories.yaml: a
    general strike is a strike) joins the broader event's claims when the story has them, and is
    compared day by day as they are when the broader event recurs (its claims carry an occasion):
    "the general strike began on Monday" and "der Streik begann am Montag" are one date."""
    from ..lexicon import load

    broader = load("stories").get("bridge", {}).get("broader_events", {})
    if not broader:
        return
    recurring: dict[tuple, bool] = {}
    for story, category, unit, concept, _detail, _aspect, occasion in by_concept:
        block = (story, category, unit, concept)
        recurring[block] = recurring.get(block, False) or occasion is not None
    for key in [k for k in by_concept if k[3] in broader]:
        story, category, unit, concept, detail, aspect, occasion = key
        wider = (story, category, unit, broader[concept])
        if wider not in recurring:
            continue
        for c in by_concept.pop(key):
            day = c.value if recurring[wider] and occasion is None else occasion
            by_concept[(*wider, detail, aspect, day)].append(c)
