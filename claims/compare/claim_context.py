"""One claim in its context: its document, the group it is compared in and its story, for
``claims show``."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Claim, Group, Story
from ..store import Store, StoredDocument


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """A claim with its document, its group (None until a regroup placed it) and its story."""

    claim: Claim
    document: StoredDocument
    group: Group | None
    story: Story | None


def claim_context(store: Store, ref: str) -> ClaimContext:
    """The claim named by its id or a unique prefix, with its document, group and story."""
    claim = store.claim(ref)
    document = store.document(claim.doc)
    group_id = store.group_ids_of([claim.claim_id]).get(claim.claim_id)
    group = next(iter(store.groups(group_id=group_id)), None) if group_id is not None else None
    story = store.story(document.story) if document.story else None
    return ClaimContext(claim, document, group, story)
