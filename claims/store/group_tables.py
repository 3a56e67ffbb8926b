"""The SQL of the ``groups`` and ``group_members`` tables and of the flag that says they are stale.

Groups are written whole (``replace_groups``, ``regroup``) and read in pages:
the groups of some categories, most sources first; the groups of some
statuses, worst first; a group with at most ``claims_per_group`` of its claims,
so that a group of a million claims costs no more to show than one of ten.
The order of statuses (worst first) is the comparison stage's; the store is
given it and does not know what the statuses mean.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..models import Claim, ClaimFilter, Group, Story
from .claim_table import CLAIM_ORDER_SQL, CLAIM_SELECT
from .connection import chunks, marks
from .filter_sql import filter_sql, group_filter_sql
from .story_table import StoryInputs, write_stories

# The earliest date a group's claims name (ISO text sorts in time order).
_EARLIEST_DATE_SQL = (
    "(SELECT min(c.value) FROM group_members m JOIN claims c ON c.claim_id = m.claim_id WHERE m.group_id = g.group_id)"
)
_GROUP_SELECT = "SELECT group_id, category, label, scope, status, explanation, n_docs, story FROM groups"


@dataclass(slots=True)
class GroupView:
    """A group with the claims loaded for display (at most ``claims_per_group``)."""

    group: Group
    claims: list[Claim]
    n_docs: int
    n_claims: int


def mark_groups_stale(conn: sqlite3.Connection, stale: bool) -> None:
    """Set in the transaction that changes documents, cleared in the one that writes groups."""
    conn.execute("UPDATE store_state SET value = ? WHERE key = 'groups_stale'", ("1" if stale else "0",))


def _write_groups(conn: sqlite3.Connection, groups: Iterable[Group], doc_of: dict[str, str]) -> None:
    """Replace the groups table with ``groups``; members not in ``doc_of`` (claim id -> doc) are dropped."""
    group_rows, member_rows = [], []
    placed: set[str] = set()  # a claim listed in two groups stays in the first
    for group in groups:
        members = [cid for cid in dict.fromkeys(group.claim_ids) if cid in doc_of and cid not in placed]
        placed.update(members)
        n_docs = len({doc_of[claim_id] for claim_id in members})
        group_rows.append(
            (group.group_id, group.category, group.label, group.scope, group.status, group.explanation, n_docs,
             group.story)
        )
        member_rows.extend((claim_id, group.group_id) for claim_id in members)
    mark_groups_stale(conn, False)
    conn.execute("DELETE FROM dirty_blocks")  # every block is regrouped (block_table.py)
    conn.execute("DELETE FROM dirty_documents")
    conn.execute("DELETE FROM group_members")
    conn.execute("DELETE FROM groups")
    conn.executemany(
        "INSERT INTO groups (group_id, category, label, scope, status, explanation, n_docs, story) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        group_rows,
    )
    conn.executemany("INSERT INTO group_members (claim_id, group_id) VALUES (?, ?)", member_rows)


def _severity_sql(status_order: Sequence[str]) -> tuple[str, list[str]]:
    """A SQL rank of ``g.status`` in ``status_order`` (0 is first), with its parameters."""
    cases = " ".join(f"WHEN ? THEN {rank}" for rank in range(len(status_order)))
    return f"CASE g.status {cases} END", list(status_order)


class GroupTables:
    """Groups in and out of the store (a part of ``Store``)."""

    # -- writing ------------------------------------------------------------------------

    def groups_stale(self) -> bool:
        """True when documents changed after the groups were last written (e.g. a killed run)."""
        with self.reading() as conn:
            row = conn.execute("SELECT value FROM store_state WHERE key = 'groups_stale'").fetchone()
        return row is not None and row[0] == "1"

    def replace_groups(self, groups: Iterable[Group]) -> None:
        """Replace all groups and memberships in one transaction.

        Members whose claim no longer exists are dropped; a claim listed in two
        groups stays in the first.
        """
        with self.transaction() as conn:
            _write_groups(conn, groups, dict(conn.execute("SELECT claim_id, doc FROM claims")))

    def regroup(
        self,
        group: Callable[..., Iterable[Group]],
        stories: Callable[[StoryInputs], list[Story]] | None = None,
    ) -> list[Group]:
        """Group all claims with ``group(claims)`` and store the groups, in one transaction:
        no document can change between reading the claims and writing their groups.

        With ``stories``, the documents' stories are found first (``stories(inputs)``, reading the
        documents through ``StoryInputs``) and written, and the claims are grouped with
        ``group(claims, stories)``."""
        with self.transaction() as conn:
            found = None
            if stories is not None:
                found = stories(StoryInputs(conn))
                write_stories(conn, found)
            rows = conn.execute(f"SELECT {CLAIM_SELECT} FROM claims c ORDER BY {CLAIM_ORDER_SQL}")
            claims = [Claim(*row) for row in rows]
            groups = list(group(claims) if found is None else group(claims, found))
            _write_groups(conn, groups, {c.claim_id: c.doc for c in claims})
        return groups

    # -- reading whole groups -----------------------------------------------------------

    def groups(
        self, category: str | None = None, status: str | None = None, group_id: str | None = None
    ) -> Iterator[Group]:
        """Groups with their claim ids, ordered by id, optionally filtered."""
        where, params = [], []
        for column, value in (("category", category), ("status", status), ("group_id", group_id)):
            if value is not None:
                where.append(f"g.{column} = ?")
                params.append(value)
        sql = (
            "SELECT g.group_id, g.category, g.label, g.scope, g.status, g.explanation, "
            "(SELECT group_concat(claim_id, ',') FROM group_members m WHERE m.group_id = g.group_id), g.story "
            "FROM groups g"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY g.group_id"
        with self.reading() as conn:
            for gid, cat, label, scope, stat, explanation, members, story in conn.execute(sql, params):
                ids = sorted(members.split(",")) if members else []
                yield Group(gid, cat, label, scope, stat, ids, explanation, story)

    def group_sizes(self) -> dict[str, int]:
        """Number of distinct documents per group id."""
        with self.reading() as conn:
            return dict(conn.execute("SELECT group_id, n_docs FROM groups"))

    def claims_with_groups(self, claim_filter: ClaimFilter | None = None) -> Iterator[tuple[Group | None, Claim]]:
        """Every claim (that passes ``claim_filter``) with its group (claim ids left empty), by category,
        label and group, then in document order; claims in no group (ingested since the last
        regroup) come with None."""
        condition, params = filter_sql(claim_filter)
        sql = (
            f"SELECT g.group_id, g.status, g.category, g.label, g.scope, g.explanation, g.story, {CLAIM_SELECT} "
            "FROM claims c LEFT JOIN group_members m ON m.claim_id = c.claim_id "
            f"LEFT JOIN groups g ON g.group_id = m.group_id WHERE {condition} "
            "ORDER BY g.category, g.label, g.group_id, c.doc, c.start"
        )
        with self.reading() as conn:
            for gid, status, category, label, scope, explanation, story, *row in conn.execute(sql, params):
                group = None if gid is None else Group(gid, category, label, scope, status, [], explanation, story)
                yield group, Claim(*row)

    # -- reading pages of groups ----------------------------------------------------------

    def count_groups(
        self, categories: Sequence[str], *, year: str | None = None, story: str | None = None,
        claim_filter: ClaimFilter | None = None,
    ) -> int:
        """How many groups ``rank_groups`` chooses from."""
        where, params = _category_filter(categories, year, story, claim_filter)
        with self.reading() as conn:
            return conn.execute(f"SELECT count(*) FROM groups g WHERE {where}", params).fetchone()[0]

    def rank_groups(
        self,
        categories: Sequence[str],
        *,
        status_order: Sequence[str],
        year: str | None = None,
        first_events: Sequence[str] = (),
        by_date: bool = False,
        story: str | None = None,
        limit: int,
        claim_filter: ClaimFilter | None = None,
    ) -> list[str]:
        """Ids of the groups of these categories (and of ``year``, or of no known time), best first.

        Best is: dating one of ``first_events`` (concept keys), then most documents, then the
        first status in ``status_order``, then (``by_date``) the earliest date named, then label.
        ``story`` keeps the groups of that story only; only groups with a claim that passes
        ``claim_filter`` are chosen.
        """
        where, params = _category_filter(categories, year, story, claim_filter)
        severity, severity_params = _severity_sql(status_order)
        chronological = _EARLIEST_DATE_SQL + ", " if by_date else ""
        order, order_params = f"g.n_docs DESC, {severity}, {chronological}g.label, g.group_id", severity_params
        if first_events:
            # the concept alone: its end ("aspect") and the day of a recurring one ("occasion") are in other columns
            order = (
                "NOT EXISTS (SELECT 1 FROM group_members m JOIN claims c ON c.claim_id = m.claim_id "
                f"WHERE m.group_id = g.group_id AND c.concept IN ({marks(first_events)})), {order}"
            )
            order_params = [*first_events, *order_params]
        with self.reading() as conn:
            rows = conn.execute(
                f"SELECT g.group_id FROM groups g WHERE {where} ORDER BY {order} LIMIT ?",
                [*params, *order_params, limit],
            ).fetchall()
        return [gid for (gid,) in rows]

    def groups_by_status(
        self, statuses: Sequence[str], *, status_order: Sequence[str], limit: int | None = None,
        story: str | None = None,
        claim_filter: ClaimFilter | None = None,
    ) -> list[str]:
        """Ids of the groups with one of ``statuses`` (of ``story`` only, if given; with a claim that
        passes ``claim_filter``), first status in ``status_order`` first, then most documents."""
        severity, severity_params = _severity_sql(status_order)
        in_story = " AND g.story = ?" if story is not None else ""
        condition, filter_params = group_filter_sql(claim_filter)
        sql = (
            f"SELECT g.group_id FROM groups g WHERE g.status IN ({marks(statuses)}){in_story} AND {condition} "
            f"ORDER BY {severity}, g.n_docs DESC, g.category, g.label, g.group_id"
        )
        params: list = [*statuses, *([story] if story is not None else []), *filter_params, *severity_params]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self.reading() as conn:
            return [row[0] for row in conn.execute(sql, params)]

    def group_ids_of(self, claim_ids: Sequence[str]) -> dict[str, str]:
        """claim id -> the id of its group, for those of ``claim_ids`` that are in a group."""
        found: dict[str, str] = {}
        with self.reading() as conn:
            for chunk in chunks(list(claim_ids)):
                sql = f"SELECT claim_id, group_id FROM group_members WHERE claim_id IN ({marks(chunk)})"
                found.update(conn.execute(sql, chunk))
        return found

    def group_views(
        self, group_ids: Iterable[str], claims_per_group: int = 50, claim_filter: ClaimFilter | None = None
    ) -> list[GroupView]:
        """These groups, each with at most ``claims_per_group`` claims (those that pass ``claim_filter``)
        in document order; unknown ids are skipped. When a group has more, the claims loaded are
        each document's first ones, so its sources are all there up to ``claims_per_group`` of them."""
        condition, filter_params = filter_sql(claim_filter)
        views = []
        with self.reading() as conn:
            for group_id in group_ids:
                head = conn.execute(f"{_GROUP_SELECT} WHERE group_id = ?", (group_id,)).fetchone()
                if head is None:  # regrouped since the ids were read
                    continue
                gid, cat, label, scope, status, explanation, n_docs, story = head
                claims = [
                    Claim(*row)
                    for row in conn.execute(
                        f"SELECT {CLAIM_SELECT} FROM group_members m JOIN claims c ON c.claim_id = m.claim_id "
                        f"WHERE m.group_id = ? AND {condition} "
                        # every document's first claim before any document's second: a group of
                        # more claims than are loaded still shows each of its sources
                        "ORDER BY row_number() OVER (PARTITION BY c.doc ORDER BY c.start, c.claim_id), "
                        "c.doc, c.start, c.claim_id LIMIT ?",
                        (group_id, *filter_params, claims_per_group),
                    )
                ]
                claims.sort(key=lambda c: (c.doc, c.start))
                n_claims = len(claims)
                if n_claims == claims_per_group:
                    sql = (
                        "SELECT count(*) FROM group_members m JOIN claims c ON c.claim_id = m.claim_id "
                        f"WHERE m.group_id = ? AND {condition}"
                    )
                    n_claims = conn.execute(sql, (group_id, *filter_params)).fetchone()[0]
                group = Group(gid, cat, label, scope, status, [c.claim_id for c in claims], explanation, story)
                views.append(GroupView(group, claims, n_docs, n_claims))
        return views


def _category_filter(
    categories: Sequence[str], year: str | None, story: str | None = None, claim_filter: ClaimFilter | None = None
) -> tuple[str, list]:
    where = f"g.category IN ({marks(categories)})"
    params: list = list(categories)
    if story is not None:
        where += " AND g.story = ?"
        params.append(story)
    if year:
        where += " AND (g.scope IS NULL OR substr(g.scope, 1, 4) = ?)"
        params.append(year)
    if claim_filter:
        condition, filter_params = group_filter_sql(claim_filter)
        where += f" AND {condition}"
        params.extend(filter_params)
    return where, params
