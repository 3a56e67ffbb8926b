"""Migration m011: stems in the full-text index, the numeric column and claims_view, on new and old stores."""

from __future__ import annotations

import sqlite3

import pytest

from claims.models import Claim, Document, Group, claim_id_for
from claims.store import Store, migrations
from claims.store.claim_table import CLAIM_FIELDS, claim_row

DE = "Mindestens 2200 Menschen wurden verletzt. Am 6. Januar 2022 gab es 164 Tote."
EN = "Officials said 38 people had died and that 120 were still missing."


def doc(doc_id: str, text: str, lang: str, **kw) -> Document:
    return Document(doc_id, f"/news/{doc_id}.txt", text, f"h-{doc_id}", lang=lang, **kw)


def claims_of(text: str, lang: str) -> list[Claim]:
    if lang == "de":
        i, j, k = text.index("Mindestens 2200"), text.index("6. Januar 2022"), text.index("164")
        return [
            Claim("", "", "injuries", 2200.0, 2200.0, None, None, "at_least", "Mindestens 2200", i, i + 15,
                  text[:41], 0, subject="Menschen", lang="de"),
            Claim("", "", "date", "2022-01-06", None, None, None, "exact", "6. Januar 2022", j, j + 14,
                  text[42:], 42, kind="date", lang="de"),
            Claim("", "", "deaths", 164.0, 164.0, 164.0, None, "exact", "164", k, k + 3, text[42:], 42,
                  subject="Tote", lang="de"),
        ]
    i, j = text.index("38"), text.index("120")
    return [
        Claim("", "", "deaths", 38.0, 38.0, 38.0, None, "exact", "38", i, i + 2, text, 0, subject="people", lang="en"),
        Claim("", "", "count", 120.0, 120.0, 120.0, None, "exact", "120", j, j + 3, text, 0, lang="en",
              concept="missing"),
    ]


def old_store(db, upto: int) -> None:
    """A store as main's migrations up to ``upto`` wrote it, with German and English claims and a group."""
    conn = sqlite3.connect(db, isolation_level=None)
    migrations.migrate(conn, migrations=migrations.MIGRATIONS[:upto])
    columns = [row[1] for row in conn.execute("PRAGMA table_info(claims)")]
    for d in (doc("de1", DE, "de", title="Unruhen", source="Tagesblatt"), doc("en1", EN, "en", source="Daily Ledger")):
        conn.execute(
            "INSERT INTO documents (doc_id, path, content_hash, extractor_version, lang, ingested_at, text, title, "
            "source) VALUES (?, ?, ?, '1', ?, 'then', ?, ?, ?)", (d.doc_id, d.path, d.content_hash, d.lang, d.text,
                                                                  d.title, d.source))
        rows = [dict(zip(CLAIM_FIELDS, claim_row(c, d))) for c in claims_of(d.text, d.lang)]
        conn.executemany(f"INSERT INTO claims ({', '.join(chr(34) + c + chr(34) for c in columns)}) "
                         f"VALUES ({', '.join('?' for _ in columns)})", [[r[c] for c in columns] for r in rows])
    conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO groups (group_id, category, label, status, n_docs) VALUES ('g', 'deaths', 'Tote', "
                 "'conflict', 2)")
    for claim_id in (claim_id_for("de1", DE.index("164"), DE.index("164") + 3), claim_id_for("en1", EN.index("38"), EN.index("38") + 2)):
        conn.execute("INSERT INTO group_members (claim_id, group_id) VALUES (?, 'g')", (claim_id,))
    conn.close()


def found(store: Store, query: str) -> set[str]:
    return {c.doc + ":" + c.text for c in store.search_claims_fts(query)}


def check_search_view_and_numbers(store: Store) -> None:
    from datasette.utils import (
        detect_fts,  # Datasette's own rule (the test extra installs it)
    )

    assert detect_fts(store.conn, "claims") == "claims_fts" and detect_fts(store.conn, "documents") is None
    assert found(store, "Verletzten") == found(store, "verletzt") == {"de1:Mindestens 2200"}
    assert found(store, "Toten") == {"de1:164", "de1:6. Januar 2022"}  # the sentence of both
    assert found(store, "dying") == {"en1:38", "en1:120"}  # Snowball: dying, died -> die
    assert found(store, "wounded") == set()
    assert found(store, "die") == {"en1:38", "en1:120"}  # "died" by its English stem
    assert {r[0] for r in store.conn.execute("SELECT text FROM claims WHERE number > 100")} == {
        "Mindestens 2200", "164", "120"}
    view = {r[0]: r[1:] for r in store.conn.execute(
        "SELECT text, doc_title, source, status, group_id, number FROM claims_view")}
    assert view["164"] == ("Unruhen", "Tagesblatt", "conflict", "g", 164.0)
    assert view["38"] == (None, "Daily Ledger", "conflict", "g", 38.0)
    assert view["6. Januar 2022"] == ("Unruhen", "Tagesblatt", None, None, None)
    assert len(view) == store.count_claims() == 5
    fts = store.conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'stems : verletzt'").fetchone()
    assert fts == (0,)  # "verletzt" is its own stem: indexed as the word, not again as a stem
    fts = store.conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'stems : tot'").fetchone()
    assert fts == (2,)  # "Tote"
    store.conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")


@pytest.mark.parametrize("upto", [8, 9])  # before the stories (m009), and main just before m011
def test_store_of_main_before_m011_migrates_with_stems_numbers_and_view(db, upto):
    old_store(db, upto=upto)
    with Store(db) as store:
        check_search_view_and_numbers(store)
        store.remove_documents(["en1"])  # the delete trigger keeps the index with its new column
        assert found(store, "die") == set()
        store.replace_document(doc("en2", EN, "en"), claims_of(EN, "en"))
        assert found(store, "died") == {"en2:38", "en2:120"}
        store.conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")
    applied = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert applied == [m.__name__ for m in migrations.MIGRATIONS]


def test_store_of_the_first_release_migrates_all_the_way(db):
    old_store(db, upto=3)
    with Store(db) as store:
        check_search_view_and_numbers(store)


def test_new_store_fills_stems_and_numbers_at_insert(db):
    with Store(db) as store:
        store.replace_document(doc("de1", DE, "de", title="Unruhen", source="Tagesblatt"), claims_of(DE, "de"))
        store.replace_document(doc("en1", EN, "en", source="Daily Ledger"), claims_of(EN, "en"))
        dead = [claim_id_for("de1", DE.index("164"), DE.index("164") + 3), claim_id_for("en1", EN.index("38"), EN.index("38") + 2)]
        store.replace_groups([Group("g", "deaths", "Tote", None, "conflict", dead)])
        check_search_view_and_numbers(store)
        stems = dict(store.conn.execute("SELECT text, stems FROM claims"))
    assert stems["164"] == "tot"  # German stems that differ from their words, each once
    assert stems["120"].split() == ["offici", "peopl", "die", "miss"]  # English stems for an English claim


def test_any_text_is_a_valid_search(db):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    with Store(db) as store:
        store.replace_document(doc("de1", DE, "de"), claims_of(DE, "de"))

        @settings(max_examples=150, deadline=None)
        @given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
        def search(text):
            found = list(store.search_claims_fts(text))  # FTS5 syntax in the text is taken literally
            assert all(c.doc == "de1" for c in found)

        search()
        for word in ("OR", "AND", "NOT", "NEAR", "*", "^", ":", "stems:", "{stems}", '"', "(", ")"):
            list(store.search_claims_fts(f"Tote {word} verletzt"))


def test_a_store_with_an_older_view_gets_the_current_one_on_open(db):
    from claims.store.search_schema import CLAIMS_VIEW_SQL

    with Store(db) as store:
        store.replace_document(doc("de1", DE, "de", source="Tagesblatt"), claims_of(DE, "de"))
        store.conn.execute("DROP VIEW claims_view")  # as m011 wrote it before claims had a place
        store.conn.execute("CREATE VIEW claims_view AS SELECT c.claim_id, c.text FROM claims c")
    with Store(db) as store:
        sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'claims_view'").fetchone()[0]
        assert sql.strip() == CLAIMS_VIEW_SQL.strip()
        rows = store.conn.execute("SELECT text, place, source FROM claims_view ORDER BY start").fetchall()
    assert rows[0] == ("Mindestens 2200", None, "Tagesblatt") and len(rows) == 3
