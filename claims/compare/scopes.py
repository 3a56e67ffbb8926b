"""Event time in grouping: which scopes are compatible, the split of one key's claims by scope,
and the scope a claim takes within its story (see ``group.py``'s module docstring)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import attrgetter

from ..models import Claim, Story

SCOPE = attrgetter("scope")


def _ancestors(scope: str) -> list[str]:
    """Coarser ISO scopes that contain ``scope``: ``2022-01-06`` -> ``2022``, ``2022-01``."""
    return [scope[:n] for n in (4, 7) if len(scope) > n and scope[n] == "-"]


def scopes_compatible(a: str | None, b: str | None) -> bool:
    """True when one scope contains the other (or either is unknown)."""
    if a is None or b is None:
        return True
    return a == b or a in _ancestors(b) or b in _ancestors(a)


def split_by_scope(
    claims: list[Claim], scope_of: Callable[[Claim], str | None] = attrgetter("scope")
) -> list[tuple[str | None, list[Claim], str]]:
    """Split claims of one key into groups of compatible scope (see module doc); ``scope_of``
    gives a claim's scope (its own, or its story's span).

    Returns (scope, claims, part of the group id) triples.
    """
    by_scope: dict[str | None, list[Claim]] = defaultdict(list)
    for c in claims:
        by_scope[scope_of(c)].append(c)
    apart = getattr(scope_of, "apart", frozenset())  # scopes never merged into a finer one (StoryScopes)
    known = [s for s in by_scope if s is not None]
    inner = {a for s in known for a in _ancestors(s)} - apart
    leaves = sorted(s for s in known if s not in inner)
    leaves_under: dict[str, list[str]] = defaultdict(list)
    for leaf in leaves:
        for a in _ancestors(leaf):
            leaves_under[a].append(leaf)
    clusters: dict[str | None, list[Claim]] = {leaf: list(by_scope[leaf]) for leaf in leaves}
    for s in sorted(set(known) - set(leaves)):
        below = leaves_under[s]
        target = below[0] if len(below) == 1 else s
        clusters.setdefault(target, []).extend(by_scope[s])
    result = [(scope, members, str(scope)) for scope, members in sorted(clusters.items())]
    if None in by_scope:
        unknown = by_scope[None]
        if len(result) == 1:
            # a figure of a dated report is of the report's time, the one group's; a figure that
            # neither its sentence nor its report dates may be of any time: it joins no group
            result[0][1].extend(c for c in unknown if c.as_of)
            unknown = [c for c in unknown if not c.as_of]
        # Nothing says when these happened: compare them with no other source.
        by_doc: dict[str, list[Claim]] = defaultdict(list)
        for c in unknown:
            by_doc[c.doc].append(c)
        result.extend((None, members, f"undated:{doc}") for doc, members in sorted(by_doc.items()))
    return result


def span_label(story: Story) -> str | None:
    """The scope a story's span gives its figures: its month when it lies in one ("2022-01"),
    else the ISO interval of its first and last report ("2024-11-26/2024-12-02")."""
    first, last = story.first, story.last
    if first is None or last is None:
        return None
    if first[:7] == last[:7]:
        return first[:7]
    return f"{first}/{last}"


class StoryScopes:
    """Each document's story, and the scope a claim takes within its story (see the module doc)."""

    def __init__(self, stories: Iterable[Story], config: dict):
        from ..stories import (
            date_bounds,  # the story stage: only its date arithmetic is needed here
        )

        self._bounds = date_bounds
        lead = config.get("stories", {}).get("lead_days", 0)
        self.story_of: dict[str, str] = {}
        self._spans: dict[str, tuple[str, int, int]] = {}
        stories = list(stories)
        # A store of one story (a folder about one event, as every store before stories) keeps
        # the group ids it had: the story is hashed into them only when there are several.
        self.hashed = len(stories) > 1
        for story in stories:
            self.story_of.update((doc, story.story_id) for doc in story.doc_ids)
            first, last = date_bounds(story.first), date_bounds(story.last)
            if story.span is not None and first is not None and last is not None:
                self._spans[story.story_id] = (span_label(story), first[0] - lead, last[1])

    def scope_function(self, story: str) -> Callable[[Claim], str | None]:
        """A claim's scope in ``story``: the story's span when its own scope overlaps it, else its own.

        A scope of a whole year ("in 2024", "2013") keeps its own: a figure the report dates by its
        year alone is background (a year's total, an older event), not the story's event, even when
        the year holds the span. Such years are the function's ``apart``: ``split_by_scope`` never
        merges them into the span's group."""
        span = self._spans.get(story)
        if span is None:
            return SCOPE
        label, low, high = span
        bounds = lru_cache(maxsize=None)(self._bounds)

        def scope_of(claim: Claim) -> str | None:
            own = bounds(claim.scope) if claim.scope else None
            if own is None or len(claim.scope) == 4:
                return claim.scope
            return label if own[0] <= high and own[1] >= low else claim.scope

        scope_of.apart = frozenset(a for a in _ancestors(label) if len(a) == 4)  # type: ignore[attr-defined]
        return scope_of
