"""Regroup a store: find its stories, group its claims within them, write both (all of it, or
only the blocks whose claims changed since the last regroup), and summarise what was written."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Group
from ..store import Store
from .group import group_claims
from .status import status_counts


def regroup(store: Store) -> list[Group]:
    """Find the stories of the store's documents, group every claim anew within its story, save
    stories and groups and return the groups. A figure the text attributes to no one takes the
    source line of its document's source (front matter)."""
    from ..stories import detect_stored_stories

    return store.regroup(_grouper(store), stories=lambda inputs: detect_stored_stories(inputs, rebuild=True))


def regroup_changed(store: Store) -> None:
    """Find the stories anew, then regroup only the blocks whose claims changed since the last
    regroup (all of them when stories moved, or when nothing was recorded); the groups are those
    ``regroup`` would write."""
    from ..stories import detect_stored_stories

    if store.regroup_changed(_grouper(store), stories=detect_stored_stories) is None:
        regroup(store)


def _grouper(store: Store):
    """``group(claims, stories)`` as both regroups call it, with each document's outlet."""
    outlets = store.outlets()
    return lambda claims, stories: group_claims(claims, stories=stories, outlets=outlets)


@dataclass(frozen=True, slots=True)
class RegroupSummary:
    """What a regroup wrote: how many groups and claims, and the groups of each status (worst first)."""

    groups: int
    claims: int
    statuses: dict[str, int]

    def line(self) -> str:
        by_status = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in self.statuses.items())
        return f"{self.groups} groups of {self.claims} claims" + (f": {by_status}" if by_status else "")


def summarise(groups: list[Group]) -> RegroupSummary:
    """The ``RegroupSummary`` of ``groups``."""
    return RegroupSummary(len(groups), sum(len(g.claim_ids) for g in groups), status_counts(groups))
