"""Regrouping after an ingest or a removal recomputes only the blocks whose claims changed, and
gives exactly the groups a regroup of everything gives."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from claims.compare import regroup, regroup_changed
from claims.ingest import ingest, remove
from claims.store import Store
from tests.support.corpora import mixed_with_seeds
from tests.support.storecheck import table_rows


def group_rows(db: Path) -> tuple[list, list]:
    conn = sqlite3.connect(db)
    try:
        groups = conn.execute(
            "SELECT group_id, category, label, scope, status, explanation, n_docs, story FROM groups ORDER BY group_id"
        ).fetchall()
        members = conn.execute("SELECT group_id, claim_id FROM group_members ORDER BY claim_id").fetchall()
    finally:
        conn.close()
    return groups, members


def regrouped_whole(db: Path, tmp_path: Path) -> tuple[list, list]:
    copy = tmp_path / "whole.db"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{db}{suffix}").exists():
            shutil.copyfile(f"{db}{suffix}", f"{copy}{suffix}")
    with Store(copy) as store:
        regroup(store)
    rows = group_rows(copy)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return rows


def dirty_blocks(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT category, unit FROM dirty_blocks ORDER BY 1, 2").fetchall()
    finally:
        conn.close()


@pytest.fixture
def folder(tmp_path) -> Path:
    target = mixed_with_seeds(tmp_path / "docs")
    return target


def test_each_step_gives_the_groups_of_a_whole_regroup(tmp_path, folder):
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    assert len(files) > 20
    db = tmp_path / "s.db"
    steps = []
    with Store(db, create=True) as store:
        ingest(store, files[:12], after_ingest=regroup_changed)
        steps.append("first half")
        assert group_rows(db) == regrouped_whole(db, tmp_path) and dirty_blocks(db) == []
        for path in files[12:15]:  # one file at a time, as a reporter adds them
            ingest(store, [path], after_ingest=regroup_changed)
            assert group_rows(db) == regrouped_whole(db, tmp_path), path
        edited = files[3]
        edited.write_text(edited.read_text(encoding="utf-8").replace("1", "7"), encoding="utf-8")
        ingest(store, [edited], after_ingest=regroup_changed)  # a replaced document: old and new blocks
        assert group_rows(db) == regrouped_whole(db, tmp_path)
        remove(store, [files[0].stem, files[13].stem], after_remove=regroup_changed)
        assert group_rows(db) == regrouped_whole(db, tmp_path)
        ingest(store, files, after_ingest=regroup_changed)
        assert group_rows(db) == regrouped_whole(db, tmp_path) and dirty_blocks(db) == []


def test_a_one_file_ingest_records_and_rewrites_only_its_blocks(tmp_path, folder):
    db = tmp_path / "s.db"
    with Store(db, create=True) as store:
        ingest(store, [folder], after_ingest=regroup_changed)
        before = {row[0]: row for row in group_rows(db)[0]}
        lone = tmp_path / "lone.txt"
        lone.write_text("Bei dem Unglück wurden 17 Menschen verletzt.\n", encoding="utf-8")
        ingest(store, [lone])  # no regroup: the blocks stay recorded
        assert dirty_blocks(db) == [("injuries", "")]
        regroup_changed(store)
        assert dirty_blocks(db) == []
        after = {row[0]: row for row in group_rows(db)[0]}
    changed = {gid for gid in set(before) | set(after) if before.get(gid) != after.get(gid)}
    assert changed and all((before.get(g) or after.get(g))[1] == "injuries" for g in changed)
    assert group_rows(db) == regrouped_whole(db, tmp_path)


def test_a_killed_run_leaves_its_blocks_for_the_next_regroup(tmp_path, folder):
    db = tmp_path / "s.db"
    with Store(db, create=True) as store:
        ingest(store, [folder], after_ingest=regroup_changed)
        lone = tmp_path / "lone.txt"
        lone.write_text("Die Polizei nahm 40 Demonstranten fest.\n", encoding="utf-8")
        ingest(store, [lone])  # as if killed before regrouping
        assert store.groups_stale() and dirty_blocks(db)
        ingest(store, [folder, lone], after_ingest=regroup_changed)  # nothing changed, but groups are stale
        assert not store.groups_stale() and dirty_blocks(db) == []
    assert group_rows(db) == regrouped_whole(db, tmp_path)


def test_stale_groups_without_recorded_blocks_are_regrouped_whole(tmp_path, folder):
    db = tmp_path / "s.db"
    with Store(db, create=True) as store:
        ingest(store, [folder], after_ingest=regroup_changed)
        with store.transaction() as conn:  # a store left stale by a version before m015
            conn.execute("DELETE FROM group_members")
            conn.execute("DELETE FROM groups")
            conn.execute("UPDATE store_state SET value = '1' WHERE key = 'groups_stale'")
        regroup_changed(store)
        assert not store.groups_stale()
    assert group_rows(db) == regrouped_whole(db, tmp_path) and group_rows(db)[0]


def store_rows(db: Path) -> dict[str, list]:
    """Stories, each document's story, claims (by id, without the moment of the run), groups and members."""
    return table_rows(db, {
        "stories": "SELECT * FROM stories ORDER BY story_id",
        "documents": "SELECT doc_id, content_hash, story, story_declared FROM documents ORDER BY doc_id",
        "claims": "SELECT * FROM claims ORDER BY claim_id",
        "groups": "SELECT * FROM groups ORDER BY group_id",
        "members": "SELECT * FROM group_members ORDER BY claim_id",
    })


@pytest.mark.parametrize("last", [0, 5, -1])  # the file ingested alone: a seed, reports of the ferry story
def test_n_files_at_once_give_the_store_of_n_minus_one_then_one(tmp_path, folder, last):
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    # A file whose stem no other file has: of two files of one stem, the first stored keeps the
    # stem as its id (documents.assign_ids), so their ids depend on the order they came in.
    unique = [f for f in files if sum(g.stem == f.stem for g in files) == 1]
    alone = unique[last]
    at_once, in_two = tmp_path / "once.db", tmp_path / "two.db"
    with Store(at_once, create=True) as store:
        ingest(store, files, after_ingest=regroup_changed)
    with Store(in_two, create=True) as store:
        ingest(store, [f for f in files if f != alone], after_ingest=regroup_changed)
        report = ingest(store, [alone], after_ingest=regroup_changed)
    assert report.added == 1 and not report.errors
    once, two = store_rows(at_once), store_rows(in_two)
    assert len(once["stories"]) > 1 and len(once["groups"]) > 10
    for table in once:
        assert once[table] == two[table], table
