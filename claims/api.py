"""The claim store from Python, for notebooks: ``claims.open_store(path)``.

::

    import claims
    with claims.open_store("claims.db") as store:
        found = store.query("Verletzte", since="2022-01")
        for group in found:
            print(group.status, group.label, [c.value for c in group.claims])
        frame = store.conflicts(source="tages").to_dataframe()  # needs pandas: pip install 'claims[pandas]'

``query``, ``conflicts`` and ``groups`` return ``GroupResult`` dataclasses, ``claims`` returns
``Claim`` and ``documents`` ``StoredDocument``, each in a ``Results`` list whose
``to_records()`` gives plain dicts (one per claim for groups, the group's fields beside the
claim's) and ``to_dataframe()`` a pandas DataFrame of those records. Filters are the command
line's: ``since``, ``until`` (ISO dates), ``source`` (see ``models.ClaimFilter``), and ``story``
(an id or unique prefix; ``stories()`` lists them).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from .errors import ClaimsError
from .filters import check_category, claim_filter
from .models import Claim
from .store import GroupView, Store, StoredDocument

ALL_CLAIMS = 10**9  # a group from the API carries all its claims (that pass the filters)


@dataclass(frozen=True, slots=True)
class GroupResult:
    """A group of claims about one thing, with its status and the claims shown."""

    group_id: str
    category: str
    label: str
    scope: str | None
    status: str
    explanation: str
    n_docs: int  # documents in the whole group
    n_claims: int  # claims shown (those that pass the filters)
    claims: tuple[Claim, ...]

    @classmethod
    def of(cls, view: GroupView) -> GroupResult:
        g = view.group
        return cls(g.group_id, g.category, g.label, g.scope, g.status, g.explanation, view.n_docs, view.n_claims,
                   tuple(view.claims))

    def records(self) -> list[dict]:
        """One dict per claim: the claim's fields, then the group's (``group_`` before its own names)."""
        head = {"group_id": self.group_id, "group_category": self.category, "group_label": self.label,
                "group_scope": self.scope, "status": self.status, "group_docs": self.n_docs}
        return [{**dataclasses.asdict(claim), **head} for claim in self.claims]


class Results(list):
    """A list of results (dataclasses) that also turns into records or a pandas DataFrame."""

    def to_records(self) -> list[dict]:
        """Plain dicts: one per claim for groups, one per item otherwise."""
        records: list[dict] = []
        for item in self:
            if isinstance(item, GroupResult):
                records.extend(item.records())
            else:
                records.append(dataclasses.asdict(item))
        return records

    def to_dataframe(self):
        """The records as a pandas DataFrame (pandas is an optional extra)."""
        try:
            import pandas
        except ImportError:
            raise ClaimsError(
                "to_dataframe() needs pandas, which is not installed; pip install 'claims[pandas]' "
                "(or use to_records())") from None
        return pandas.DataFrame.from_records(self.to_records())


class ClaimStore:
    """A claims store opened for reading from Python (see the module docstring)."""

    def __init__(self, path: str | Path = "claims.db", *, create: bool = False):
        self.store = Store(path, create=create)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def query(self, text: str, *, limit: int = 20, story: str | None = None, **filters) -> Results:
        """Groups about the topic of ``text`` ("Verletzte", "troop numbers"), most sources first."""
        from .compare import query

        result = query(self.store, text, limit=limit, claims_per_group=ALL_CLAIMS, story=story,
                       claim_filter=claim_filter(**filters))
        return Results(GroupResult.of(view) for view in result.groups)

    def conflicts(self, *, limit: int | None = None, story: str | None = None, **filters) -> Results:
        """Groups whose sources disagree, worst first."""
        from .compare import DISAGREEMENTS, SEVERITY

        selected = claim_filter(**filters)
        story_id = self.store.story(story).story_id if story is not None else None
        ids = self.store.groups_by_status(DISAGREEMENTS, status_order=SEVERITY, limit=limit, story=story_id,
                                          claim_filter=selected)
        return Results(GroupResult.of(v) for v in self.store.group_views(ids, ALL_CLAIMS, selected))

    def groups(self, *, category: str | None = None, status: str | None = None, **filters) -> Results:
        """Every group (of a category, of a status), ordered by id, each with its claims."""
        selected = claim_filter(**filters)
        category = check_category(category, self.store.categories())
        ids = [g.group_id for g in self.store.groups(category=category, status=status)]
        views = self.store.group_views(ids, ALL_CLAIMS, selected)
        return Results(GroupResult.of(v) for v in views if v.claims or not selected)

    def claims(
        self, *, doc: str | None = None, category: str | None = None, story: str | None = None, **filters
    ) -> Results:
        """Claims in document order (of a document, of a category, of a story)."""
        category = check_category(category, self.store.categories())
        return Results(self.store.claims(doc=doc, category=category, story=story, claim_filter=claim_filter(**filters)))

    def stories(self) -> Results:
        """The stories (events) the documents tell of."""
        return Results(self.store.stories())

    def documents(self) -> Results:
        """The stored documents, ordered by id."""
        return Results(self.store.documents())


def open_store(path: str | Path = "claims.db") -> ClaimStore:
    """Open the claims store at ``path`` (it must exist: ``claims ingest`` makes one)."""
    return ClaimStore(path)


__all__ = ["ClaimStore", "GroupResult", "Results", "StoredDocument", "open_store"]
