"""The story index (migration m017, claims/stories/index.py): a regroup recomputes only what a
change reaches, and after every ingest, edit and removal the stories are those of a detection over
every document from scratch, and the index is the one built anew from every document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claims.compare import regroup_changed
from claims.documents import read_document
from claims.ingest import ingest, remove
from claims.models import Document
from claims.store import Store
from claims.store.story_table import StoryInputs
from claims.stories import detect_stored_stories, detect_stories, settings
from claims.stories.cluster import term_class, term_idf
from tests.support.corpora import mixed_with_seeds

INDEX_TABLES = {
    "story_index_terms": "SELECT * FROM story_index_terms ORDER BY term",
    "story_index_docs": "SELECT * FROM story_index_docs ORDER BY doc_id",
    "story_index_blocks": "SELECT * FROM story_index_blocks ORDER BY term, doc_id",
    "story_links": "SELECT * FROM story_links ORDER BY a, b",
    "story_index_stories": "SELECT * FROM story_index_stories ORDER BY story_id",
}


def index_rows(conn: sqlite3.Connection) -> dict[str, list]:
    return {table: conn.execute(sql).fetchall() for table, sql in INDEX_TABLES.items()}


def scratch(folder_files: list[Path], ids: dict[Path, str]) -> list:
    docs = []
    for path in folder_files:
        doc = read_document(path)
        docs.append(Document(**{**{f: getattr(doc, f) for f in doc.__slots__}, "doc_id": ids[path]}))
    return detect_stories(docs)


def check(store: Store, files: list[Path]) -> None:
    """The stored stories are those from scratch; the index is the one a rebuild gives."""
    with store.reading() as conn:
        ids = dict(conn.execute("SELECT path, doc_id FROM documents").fetchall())
        stored_stories = conn.execute("SELECT story_id, label, first, last, declared FROM stories ORDER BY story_id").fetchall()
        story_of = dict(conn.execute("SELECT doc_id, story FROM documents").fetchall())
    expected = scratch(files, {p: ids[str(p)] for p in files})
    assert stored_stories == [(s.story_id, s.label, s.first, s.last, int(s.declared)) for s in expected]
    assert story_of == {d: s.story_id for s in expected for d in s.doc_ids}
    with store.transaction() as conn:
        kept = index_rows(conn)
        rebuilt = detect_stored_stories(StoryInputs(conn), rebuild=True)
        assert rebuilt == expected
        assert index_rows(conn) == kept


@pytest.fixture
def files(tmp_path) -> list[Path]:
    folder = mixed_with_seeds(tmp_path / "docs")
    return sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))


def test_each_ingest_edit_and_removal_gives_the_stories_and_index_of_a_rebuild(tmp_path, files):
    assert len(files) > 20
    stored: list[Path] = []
    with Store(tmp_path / "s.db", create=True) as store:
        def add(paths):
            ingest(store, paths, after_ingest=regroup_changed)
            stored.extend(p for p in paths if p not in stored)
            check(store, sorted(stored))

        add(files[:10])
        for path in files[10:16]:  # one at a time, as a reporter adds them
            add([path])
        edited = files[12]  # a new text: its words, and so other documents' weights, change
        edited.write_text(edited.read_text(encoding="utf-8").replace("e", "a", 40), encoding="utf-8")
        add([edited])
        declared = files[3]  # front matter that declares a story joins it to no other declared story
        text = declared.read_text(encoding="utf-8")
        body = text.split("---", 2)[2] if text.startswith("---") else text
        declared.write_text("---\nstory: Test story\n---\n" + body, encoding="utf-8")
        add([declared])
        for gone in (files[0], files[13]):
            remove(store, [read_id(store, gone)], after_remove=regroup_changed)
            stored.remove(gone)
            check(store, sorted(stored))
        add(files)


def read_id(store: Store, path: Path) -> str:
    with store.reading() as conn:
        return conn.execute("SELECT doc_id FROM documents WHERE path = ?", (str(path),)).fetchone()[0]


def test_a_one_file_ingest_recomputes_few_documents(tmp_path, files):
    """Only documents sharing a word whose bin of document count moved get a new vector."""
    with Store(tmp_path / "s.db", create=True) as store:
        ingest(store, files[:-1], after_ingest=regroup_changed)
        with store.reading() as conn:
            before = dict(conn.execute("SELECT doc_id, vector FROM story_index_docs").fetchall())
        ingest(store, files[-1:], after_ingest=regroup_changed)
        with store.reading() as conn:
            after = dict(conn.execute("SELECT doc_id, vector FROM story_index_docs").fetchall())
    moved = [d for d in before if before[d] != after[d]]
    assert len(after) == len(before) + 1 and len(moved) < len(before)


def test_a_weight_depends_on_the_bin_of_the_document_count_only():
    config = settings()
    common = config["common_documents"]
    assert [term_idf(df, common) == term_idf(df + 1, common) for df in range(1, 9)] == [
        False, False, False, False, True, True, False, True]  # 1, 2, 3, 4, 5-7, 8-15
    assert term_idf(common, common) == 0 and term_idf(common - 1, common) > 0
    assert term_class(1, config) != term_class(2, config)  # a word in two documents may block


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_batches_and_removals_give_the_stories_of_a_rebuild(tmp_path, files, seed):
    import random

    rng = random.Random(seed)
    order = files[:]
    rng.shuffle(order)
    stored: list[Path] = []
    with Store(tmp_path / "s.db", create=True) as store:
        while order:
            batch = order[: rng.randint(1, 4)]
            order = order[len(batch):]
            ingest(store, batch, after_ingest=regroup_changed)
            stored += batch
            if rng.random() < 0.3 and len(stored) > 3:
                gone = stored.pop(rng.randrange(len(stored)))
                remove(store, [read_id(store, gone)], after_remove=regroup_changed)
                order.append(gone)  # and it comes back later
            check(store, sorted(stored))


def test_declared_stories_follow_their_documents(tmp_path):
    """Documents declaring one story are one story: a declaration changed, added or removed
    regroups every document of the names involved, as a rebuild does."""
    from tests.support.corpora import FIXTURES

    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted((FIXTURES / "compare").glob("*.txt")):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    files = sorted(folder.glob("*.txt"))
    declared = [f for f in files if "\nstory:" in f.read_text(encoding="utf-8")]
    assert len(declared) >= 3
    with Store(tmp_path / "s.db", create=True) as store:
        for path in files:
            ingest(store, [path], after_ingest=regroup_changed)
            check(store, files[: files.index(path) + 1])
        renamed = declared[0]  # a document moves to another declared story
        text = renamed.read_text(encoding="utf-8")
        other = next(line for f in declared[1:] for line in f.read_text(encoding="utf-8").splitlines()
                     if line.startswith("story:") and line not in text.splitlines())
        head, rest = text.split("\nstory:", 1)
        renamed.write_text(head + "\n" + other + "\n" + rest.split("\n", 1)[1], encoding="utf-8")
        ingest(store, [renamed], after_ingest=regroup_changed)
        check(store, files)
        undeclared = declared[1]  # a declaration dropped: the document joins by its words, if at all
        text = undeclared.read_text(encoding="utf-8")
        undeclared.write_text("\n".join(line for line in text.splitlines() if not line.startswith("story:")) + "\n",
                              encoding="utf-8")
        ingest(store, [undeclared], after_ingest=regroup_changed)
        check(store, files)
        remove(store, [read_id(store, declared[2])], after_remove=regroup_changed)
        check(store, [f for f in files if f != declared[2]])
