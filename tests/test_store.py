"""The claim store: schema, migrations, round trips, lookups, groups, FTS and failure modes."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.errors import (
    AmbiguousDocument,
    SchemaTooNew,
    StoreError,
    StoreLocked,
    UnknownClaim,
    UnknownDocument,
)
from claims.compare import group_claims, regroup
from claims.models import Claim, Document, Group, claim_id_for, full_concept
from claims.store import Store, fts_query, migrations
from claims.store.claim_table import CLAIM_FIELDS, claim_row
from tests.support.growth import assert_linear

TEXT = "Mindestens 2200 Menschen wurden verletzt. Am 6. Januar 2022 gab es 164 Tote."


def make_doc(doc_id="a", text=TEXT, **kw) -> Document:
    return Document(doc_id=doc_id, path=f"/tmp/{doc_id}.txt", text=text, content_hash=f"h-{doc_id}-{hash(text)}", **kw)


def make_claims(text=TEXT) -> list[Claim]:
    i = text.index("Mindestens 2200")
    j = text.index("6. Januar 2022")
    k = text.index("164")
    return [
        Claim("", "", "injuries", 2200.0, 2200.0, None, None, "at_least", "Mindestens 2200", i, i + 15,
              text[:41], 0, subject="Menschen", attribution="laut Polizei"),
        Claim("", "", "date", "2022-01-06", None, None, None, "exact", "6. Januar 2022", j, j + 14,
              text[42:], 42, kind="date"),
        Claim("", "", "deaths", 164.0, 164.0, 164.0, None, "exact", "164", k, k + 3, text[42:], 42,
              subject="Tote", scope="2022-01"),
    ]


def assert_fts_in_sync(store: Store) -> None:
    """Every claim is found by the words of its sentence, and the index holds no other rows."""
    claims = list(store.claims())
    for claim in claims:
        assert claim.claim_id in {c.claim_id for c in store.search_claims_fts(claim.sentence)}, claim
    indexed = store.conn.execute("SELECT count(*) FROM claims_fts_docsize").fetchone()[0]
    assert indexed == len(claims)


@pytest.fixture
def store(db):
    with Store(db) as s:
        yield s


def test_new_store_has_wal_schema_and_every_claim_field(store, db):
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {row[1] for row in conn.execute("PRAGMA table_info(claims)")}
    assert {f.name for f in dataclasses.fields(Claim)} <= columns
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}
    assert {"documents", "claims", "claims_fts", "groups", "group_members", "_migrations",
            "claims_doc", "claims_category_scope", "groups_status", "groups_category"} <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 200


def test_round_trip_keeps_types_and_sets_ids(store):
    doc = make_doc(date="2022-01", date_precision="month", title="T", warnings=("w1",))
    assert store.replace_document(doc, make_claims()) == 3
    got = list(store.claims())
    assert [c.category for c in got] == ["injuries", "date", "deaths"]
    injuries, date, deaths = got
    assert injuries.value == 2200.0 and isinstance(injuries.value, float)
    assert injuries.value_high is None and injuries.attribution == "laut Polizei"
    assert date.value == "2022-01-06" and date.kind == "date"
    assert all(c.doc == "a" and c.claim_id == claim_id_for("a", c.start, c.end) for c in got)
    assert all(TEXT[c.start : c.end] == c.text for c in got)
    assert all(c.as_of == "2022-01" for c in got)  # the document's date where the extractor set none
    (stored,) = store.documents()
    assert (stored.doc_id, stored.n_claims, stored.date, stored.title, stored.warnings) == ("a", 3, "2022-01", "T", ("w1",))
    assert store.document_text("a") == TEXT
    assert stored.lead == "Mindestens 2200 Menschen wurden verletzt. Am 6. Januar 2022 gab es 164 Tote."


def test_replace_document_replaces_its_own_claims_only(store):
    store.replace_document(make_doc("a"), make_claims())
    store.replace_document(make_doc("b"), make_claims())
    new_text = "Nun 5 Tote."
    store.replace_document(make_doc("a", new_text), [
        Claim("", "", "deaths", 5.0, 5.0, 5.0, None, "exact", "5", 4, 5, new_text, 0)
    ])
    assert [c.value for c in store.claims(doc="a")] == [5.0]
    assert len(list(store.claims(doc="b"))) == 3
    assert store.document("a").n_claims == 1
    # the full-text index follows: the old sentence of "a" is gone, "b" still matches
    assert {c.doc for c in store.search_claims_fts("verletzt")} == {"b"}
    assert [c.doc for c in store.search_claims_fts("Nun Tote")] == ["a"]
    assert_fts_in_sync(store)


def test_batch_replacing_the_newest_claims_keeps_the_index_in_sync(store):
    # "b" holds the highest rowids; replacing it in a batch frees them for the new rows.
    store.replace_documents([(make_doc("a"), make_claims()), (make_doc("b"), make_claims())])
    new_text = "Nun 5 Tote."
    five = Claim("", "", "deaths", 5.0, 5.0, 5.0, None, "exact", "5", 4, 5, new_text, 0)
    assert store.replace_documents([(make_doc("b", new_text), [five]), (make_doc("c"), make_claims())]) == [1, 3]
    assert [c.doc for c in store.search_claims_fts("Nun Tote")] == ["b"]
    assert {c.doc for c in store.search_claims_fts("verletzt")} == {"a", "c"}
    assert_fts_in_sync(store)


def test_has_document_hash(store):
    doc = make_doc("a")
    assert not store.has_document_hash(doc.content_hash)
    store.replace_document(doc, [])
    assert store.has_document_hash(doc.content_hash)
    assert store.has_document_hash(doc.content_hash, doc_id="a")
    assert not store.has_document_hash(doc.content_hash, doc_id="other")


def test_document_lookup_by_id_prefix_and_path(store, tmp_path):
    path = tmp_path / "bericht-1.txt"
    path.write_text("x")
    store.replace_document(dataclasses.replace(make_doc("bericht-1"), path=str(path)), [])
    store.replace_document(make_doc("bericht-2"), [])
    store.replace_document(make_doc("zeitung"), [])
    assert store.document("zeitung").doc_id == "zeitung"
    assert store.document("zei").doc_id == "zeitung"
    assert store.document(str(path)).doc_id == "bericht-1"
    assert store.document("bericht-1").doc_id == "bericht-1"
    with pytest.raises(AmbiguousDocument, match="bericht-1, bericht-2"):
        store.document("bericht")
    with pytest.raises(UnknownDocument, match="no document 'nichts'"):
        store.document("nichts")
    with pytest.raises(UnknownDocument):
        list(store.claims(doc="nichts"))


def test_lookup_is_not_a_pattern(store):
    store.replace_document(make_doc("a_b"), [])
    store.replace_document(make_doc("axb"), [])
    assert store.document("a_").doc_id == "a_b"  # '_' is not a LIKE wildcard here
    with pytest.raises(UnknownDocument):
        store.document("%")


def test_claim_by_id_and_prefix(store):
    store.replace_document(make_doc("a"), make_claims())
    first = next(store.claims())
    assert store.claim(first.claim_id) == first
    assert store.claim(first.claim_id[:6]) == first
    with pytest.raises(UnknownClaim, match="no claim with id 'zzz'"):
        store.claim("zzz")
    with pytest.raises(UnknownClaim):
        store.claim("")


def test_claims_filter_by_category(store):
    store.replace_document(make_doc("a"), make_claims())
    assert [c.text for c in store.claims(category="deaths")] == ["164"]
    assert list(store.claims(category="nothing")) == []


def test_fts_takes_user_text_literally(store):
    store.replace_document(make_doc("a"), make_claims())
    for hostile in ['"', "Tote OR", "NEAR(", "*", "') DROP TABLE claims; --", "verletzt\""]:
        list(store.search_claims_fts(hostile))  # must not raise
    assert list(store.search_claims_fts("")) == []
    assert store.count_claims() == 3
    assert fts_query('say "hi"') == '"say" AND ("""hi""" OR "hi")'
    assert fts_query("Verletzten 2.200") == '("Verletzten" OR "verletzt") AND "2.200"'


def test_fts_finds_every_inflection_by_stem(store):
    store.replace_document(make_doc("a"), make_claims())
    for query in ["verletzt", "Verletzten", "Verletzte", "Toten", "tote", "Menschen wurden"]:
        assert list(store.search_claims_fts(query)), query
    assert list(store.search_claims_fts("Verletzung")) == []  # another stem: no match


def test_number_column_holds_numbers_and_never_dates(store):
    store.replace_document(make_doc("a"), make_claims())
    rows = dict(store.conn.execute("SELECT category, number FROM claims"))
    assert rows == {"injuries": 2200.0, "date": None, "deaths": 164.0}
    over = [r[0] for r in store.conn.execute("SELECT category FROM claims WHERE number > 100 ORDER BY number")]
    assert over == ["deaths", "injuries"]
    assert [r[0] for r in store.conn.execute("SELECT category FROM claims WHERE value > 100")] != over  # why


def test_groups_round_trip_and_follow_claim_deletion(store):
    store.replace_document(make_doc("a"), make_claims())
    store.replace_document(make_doc("b"), make_claims())
    a_deaths = next(store.claims(doc="a", category="deaths")).claim_id
    b_deaths = next(store.claims(doc="b", category="deaths")).claim_id
    store.replace_groups([
        Group("g1", "deaths", "Tote", "2022-01", "agree", [a_deaths, b_deaths, "gone-claim"], "both 164"),
        Group("g2", "injuries", "Verletzte", None, "single", [], ""),
    ])
    groups = {g.group_id: g for g in store.groups()}
    assert groups["g1"].claim_ids == sorted([a_deaths, b_deaths])  # unknown claim ids are dropped
    assert groups["g1"].explanation == "both 164" and groups["g2"].claim_ids == []
    assert store.group_sizes() == {"g1": 2, "g2": 0}
    assert [g.group_id for g in store.groups(status="agree")] == ["g1"]
    assert [g.group_id for g in store.groups(category="injuries")] == ["g2"]
    store.replace_document(make_doc("a", "Nichts."), [])
    assert next(store.groups(group_id="g1")).claim_ids == [b_deaths]


def test_regroup_groups_every_claim_and_counts_documents(store):
    store.replace_document(make_doc("a"), make_claims())
    store.replace_document(make_doc("b"), make_claims())
    seen: list[Claim] = []

    def by_category(claims):
        seen.extend(claims)
        cats = sorted({c.category for c in claims})
        return [Group(cat, cat, cat, None, "agree", [c.claim_id for c in claims if c.category == cat]) for cat in cats]

    groups = store.regroup(by_category)
    assert [c.claim_id for c in seen] == [c.claim_id for c in store.claims()]  # the store's order
    assert [g.group_id for g in groups] == ["date", "deaths", "injuries"]
    assert store.group_sizes() == {"date": 2, "deaths": 2, "injuries": 2}
    assert not store.groups_stale()
    assert {g.group_id: len(g.claim_ids) for g in store.groups()} == {"date": 2, "deaths": 2, "injuries": 2}


def test_a_claim_listed_in_two_groups_stays_in_the_first(store):
    store.replace_document(make_doc("a"), make_claims())
    first = next(store.claims()).claim_id
    store.replace_groups([Group("g1", "x", "x", None, "single", [first]), Group("g2", "x", "x", None, "single", [first])])
    assert store.group_sizes() == {"g1": 1, "g2": 0}


def test_replace_groups_takes_linear_time(store):
    store.replace_document(make_doc("a"), make_claims())
    ids = [c.claim_id for c in store.claims()]

    written = []

    def writing(count):
        groups = [Group(f"g{i}", "count", "x", None, "single", ids[:1] if i == 0 else []) for i in range(count)]
        return lambda: written.append(store.replace_groups(groups) or count)

    assert_linear(writing, 1_000, "groups")
    assert sum(1 for _ in store.groups()) == written[-1] >= 16_000


def test_interrupted_write_leaves_nothing(store):
    store.replace_document(make_doc("a"), make_claims())
    with pytest.raises(KeyboardInterrupt):
        with store.transaction() as conn:
            conn.execute("DELETE FROM claims")
            raise KeyboardInterrupt
    assert len(list(store.claims())) == 3


def test_not_a_sqlite_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Das ist keine Datenbank, sondern ein Text mit ausreichend Länge. " * 10)
    with pytest.raises(StoreError, match="is not a claims store \\(not a SQLite file\\)"):
        Store(path)


def test_damaged_store(db):
    with Store(db) as store:
        store.replace_document(make_doc("a"), make_claims())
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    data[100:4096 * 2] = b"\xff" * (4096 * 2 - 100)  # scribble over the schema page
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged|not a claims store"):
        with Store(db) as store:
            list(store.claims())


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="not a claims store"):
        Store(path)


def test_store_in_a_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="cannot open the store \\(does its folder exist"):
        Store(tmp_path / "no" / "such" / "claims.db")


def test_folder_and_missing_store(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_locked_store(db):
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store(db, timeout=0.1) as store:
            with pytest.raises(StoreLocked, match="locked by another process"):
                store.replace_document(make_doc("a"), make_claims())
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_locked_store_in_rollback_journal_mode(db):
    # A store someone switched out of WAL: even reading is blocked while the lock is held.
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("INSERT INTO _migrations VALUES ('x', 'y')")
    try:
        with pytest.raises(StoreLocked, match="locked"):
            Store(db, timeout=0.1)
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_newer_schema_is_refused(db):
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', 'now')")
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew, match="newer version of claims .*upgrade claims"):
        Store(db)


def test_older_store_is_migrated_and_keeps_its_data(db):
    conn = sqlite3.connect(db, isolation_level=None)
    migrations.migrate(conn, migrations=migrations.MIGRATIONS[:1])  # a store from the first release
    conn.execute(
        "INSERT INTO documents (doc_id, path, content_hash, extractor_version, lang, ingested_at, text) "
        "VALUES ('old', '/old.txt', 'h', '1', 'de', 'then', 'Es gab 164 Tote.')"
    )
    conn.execute(
        "INSERT INTO claims (claim_id, doc, category, value, qualifier, text, start, \"end\", sentence) "
        "VALUES ('c1', 'old', 'deaths', 164.0, 'exact', '164', 7, 10, 'Es gab 164 Tote.')"
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with Store(db) as store:
        assert store.claim("c1").value == 164.0
        assert [c.claim_id for c in store.search_claims_fts("Tote")] == ["c1"]  # FTS built over old rows
        store.replace_groups([Group("g", "deaths", "Tote", None, "single", ["c1"])])
        store.replace_document(make_doc("new"), make_claims())  # written by this version into a migrated store
        assert {c.doc for c in store.search_claims_fts("Tote")} == {"old", "new"}
        assert_fts_in_sync(store)
        assert next(store.groups()).claim_ids == ["c1"]
    applied = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM _migrations ORDER BY name")]
    assert applied == [m.__name__ for m in migrations.MIGRATIONS]


def insert_old_claims(conn: sqlite3.Connection, claims: list[Claim], doc: Document) -> int:
    """Write claims as a store of an older schema holds them: only the columns its table has."""
    columns = [row[1] for row in conn.execute("PRAGMA table_info(claims)")]
    rows = [dict(zip(CLAIM_FIELDS, claim_row(claim, doc))) for claim in claims]
    sql = (f"INSERT INTO claims ({', '.join(chr(34) + c + chr(34) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    return conn.executemany(sql, [[row[c] for c in columns] for row in rows]).rowcount


def index_old_claims(conn: sqlite3.Connection) -> None:
    """Index the claims of a store of an older schema, with the columns its index has."""
    conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")


def datasette_fts_table(conn: sqlite3.Connection, table: str) -> str | None:
    """The full-text table Datasette finds for ``table``: its rule (``detect_fts_sql`` in
    datasette/utils), restated. It reads the SQL that declares the virtual table."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE rootpage = 0 AND (sql LIKE ? OR sql LIKE ? "
        "OR (tbl_name = ? AND sql LIKE '%VIRTUAL TABLE%USING FTS%'))",
        (f'%VIRTUAL TABLE%USING FTS%content="{table}"%', f"%VIRTUAL TABLE%USING FTS%content=[{table}]%", table),
    ).fetchone()
    return row[0] if row else None


def test_datasette_finds_the_full_text_index(store):
    assert datasette_fts_table(store.conn, "claims") == "claims_fts"
    assert datasette_fts_table(store.conn, "documents") is None


def test_store_of_the_previous_schema_migrates_with_its_claims_groups_and_index(db):
    """A store as the release before m007 wrote it: a document, its claims indexed in one batch, a group."""
    conn = sqlite3.connect(db, isolation_level=None)
    migrations.migrate(conn, migrations=migrations.MIGRATIONS[:6])
    assert datasette_fts_table(conn, "claims") is None  # what m007 changes
    old = make_doc("old")
    conn.execute(
        "INSERT INTO documents (doc_id, path, content_hash, extractor_version, lang, ingested_at, text, n_claims) "
        "VALUES (?, ?, ?, '1', 'de', 'then', ?, 3)", (old.doc_id, old.path, old.content_hash, old.text),
    )
    assert insert_old_claims(conn, make_claims(), old) == 3
    index_old_claims(conn)
    dead = claim_id_for("old", TEXT.index("164"), TEXT.index("164") + 3)
    conn.execute(
        "INSERT INTO groups (group_id, category, label, status, n_docs) VALUES ('g', 'deaths', 'Tote', 'single', 1)"
    )
    conn.execute("INSERT INTO group_members (claim_id, group_id) VALUES (?, 'g')", (dead,))
    conn.close()
    with Store(db) as store:
        assert datasette_fts_table(store.conn, "claims") == "claims_fts"
        assert_fts_in_sync(store)
        assert [c.claim_id for c in store.search_claims_fts("verletzt")] == [claim_id_for("old", 0, 15)]
        assert [g.claim_ids for g in store.groups()] == [[dead]]
        store.replace_document(make_doc("old"), make_claims()[:1])  # the delete trigger still keeps the index
        store.replace_document(make_doc("new"), make_claims())
        assert_fts_in_sync(store)
        assert {c.doc for c in store.search_claims_fts("Tote")} == {"new"}
    applied = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM _migrations ORDER BY name")]
    assert applied == [m.__name__ for m in migrations.MIGRATIONS]


# Concepts as the extractor joined them before m008, and the fields m008 splits them into.
JOINED_CONCEPTS = [
    ("injured:serious", ("injured", "serious", None, None)),
    ("strike:end@2022-01-06", ("strike", None, "end", "2022-01-06")),
    ("killed:polizist:change", ("killed", "polizist", "change", None)),
]


def test_store_of_the_schema_before_m008_gets_its_concepts_split_and_groups_as_before(db):
    """A store as the release before m008 wrote it (concept strings, an index, a group) migrates;
    its claims keep their ids and full concepts, the index and the group stay, and regrouping
    gives the groups (ids and members) the joined concepts gave."""
    conn = sqlite3.connect(db, isolation_level=None)
    migrations.migrate(conn, migrations=migrations.MIGRATIONS[:7])
    old = make_doc("old")
    claims = [dataclasses.replace(c, concept=joined) for c, (joined, _) in zip(make_claims(), JOINED_CONCEPTS)]
    twins = [dataclasses.replace(c, start=c.start + 1000, end=c.end + 1000) for c in claims]  # a second mention each
    conn.execute(
        "INSERT INTO documents (doc_id, path, content_hash, extractor_version, lang, ingested_at, text, n_claims) "
        "VALUES (?, ?, ?, '1', 'de', 'then', ?, 6)", (old.doc_id, old.path, old.content_hash, old.text),
    )
    assert insert_old_claims(conn, claims + twins, old) == 6
    index_old_claims(conn)
    before = {g.group_id: sorted(g.claim_ids) for g in group_claims(list(_old_claims(conn)))}
    conn.execute("INSERT INTO groups (group_id, category, label, status, n_docs) VALUES ('g', 'deaths', 'x', 'single', 1)")
    dead = claim_id_for("old", claims[2].start, claims[2].end)
    conn.execute("INSERT INTO group_members (claim_id, group_id) VALUES (?, 'g')", (dead,))
    conn.close()
    with Store(db) as store:
        migrated = {c.claim_id: c for c in store.claims()}
        assert len(migrated) == 6
        for claim, (joined, fields) in zip(claims + twins, JOINED_CONCEPTS * 2):
            found = migrated[claim_id_for("old", claim.start, claim.end)]
            assert (found.concept, found.detail, found.aspect, found.occasion) == fields
            assert full_concept(*fields) == joined
        assert [g.claim_ids for g in store.groups()] == [[dead]]
        assert_fts_in_sync(store)
        assert {c.claim_id for c in store.search_claims_fts("verletzt")} == {
            claim_id_for("old", 0, 15), claim_id_for("old", 1000, 1015)}
        store.conn.execute("UPDATE claims SET subject = 'Ordnungshüter' WHERE claim_id = ?", (dead,))
        assert [c.claim_id for c in store.search_claims_fts("Ordnungshüter")] == [dead]  # the update trigger is back
        store.conn.execute("UPDATE claims SET subject = 'Tote' WHERE claim_id = ?", (dead,))
        regroup(store)
        after = {g.group_id: sorted(g.claim_ids) for g in store.groups()}
        labels = sorted(g.label for g in store.groups())
    assert after == before and len(after) == 3  # the ids hash the joined concept, as the old release did
    assert labels == [  # the old release's labels, named from the fields
        "date: strike (end)", "deaths: Tote (change) · 2022-01", "injuries: Menschen (serious)"]


def _old_claims(conn: sqlite3.Connection):
    """The claims of a store of the schema before m008, each with its concept in one string."""
    columns = [row[1] for row in conn.execute("PRAGMA table_info(claims)")]
    for row in conn.execute("SELECT * FROM claims"):
        yield Claim(**dict(zip(columns, row)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab_:@-0ä", max_size=12), min_size=1, max_size=5))
def test_m008_splits_any_concept_string_into_fields_that_join_back_into_it(concepts):
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrations.migrate(conn, migrations=migrations.MIGRATIONS[:7])
    conn.execute("INSERT INTO documents (doc_id, path, content_hash, extractor_version, lang, ingested_at, text) "
                 "VALUES ('d', 'd', 'h', '1', 'de', 'then', '')")
    conn.executemany(
        "INSERT INTO claims (claim_id, doc, category, qualifier, text, start, \"end\", sentence, concept) "
        "VALUES (?, 'd', 'count', 'exact', '', ?, ?, '', ?)", [(str(i), i, i, c) for i, c in enumerate(concepts)],
    )
    migrations.migrate(conn)
    rows = conn.execute("SELECT concept, detail, aspect, occasion FROM claims ORDER BY start").fetchall()
    assert [full_concept(*row) for row in rows] == concepts
    for concept, detail, aspect, _ in rows:
        assert ":" not in concept and "@" not in concept
        assert aspect in (None, "change", "part", "end")


def test_failed_migration_is_rolled_back(db):
    def m002_broken(conn):
        conn.executescript("CREATE TABLE half (x); CREATE TABLE half (x);")

    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn, migrations=[migrations.MIGRATIONS[0], m002_broken])
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half" not in tables and "claims" in tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def test_replace_documents_writes_all_or_nothing(store, db):
    assert store.replace_documents([(make_doc("a"), make_claims()), (make_doc("b"), make_claims()[:1])]) == [3, 1]
    broken = make_claims()[:1] + [object()]  # not a claim: fails while preparing rows, before writing
    with pytest.raises(AttributeError):
        store.replace_documents([(make_doc("c"), make_claims()), (make_doc("d"), broken)])
    assert [d.doc_id for d in store.documents()] == ["a", "b"]
    other = sqlite3.connect(db)  # other connections see the committed state
    assert other.execute("SELECT count(*) FROM claims").fetchone()[0] == 4
