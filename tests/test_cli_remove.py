"""`claims remove`: documents leave the store with their claims, index entries and groups; a bad name removes nothing."""

from __future__ import annotations

import pytest

from claims.store import Store


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def ingested(cli, tmp_path, fake_extractor):
    folder = tmp_path / "corpus"
    write(folder / "report1.txt", "Am 6. Januar wurden 164 Menschen getötet.\n")
    write(folder / "report2.md", "---\ntitle: Bericht\n---\nMehr als 2200 Verletzte und 9900 Festnahmen.\n")
    write(folder / "sub" / "other.txt", "Russland 3000, Belarus 500 Soldaten, 164 Tote.\n")
    result = cli("ingest", str(folder))
    assert result.exit_code == 0, result.output
    return folder


def state(db) -> dict:
    with Store(db) as store:
        return {
            "docs": [d.doc_id for d in store.documents()],
            "claims": {c.claim_id: c.doc for c in store.claims()},
            "found": sorted({c.doc for c in store.search_claims_fts("164")}),
            "grouped": {claim_id: g.group_id for g in store.groups() for claim_id in g.claim_ids},
            "stale": store.groups_stale(),
        }


def test_remove_by_id_and_path_takes_claims_index_and_groups_along(cli, ingested):
    before = state(cli.db)
    assert before["found"] == ["other", "report1"]
    result = cli("remove", "report1", str(ingested / "report2.md"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Removed 2 documents (report1, report2) with 4 claims\n" and result.stderr == ""
    after = state(cli.db)
    assert after["docs"] == ["other"]
    assert after["claims"] == {cid: doc for cid, doc in before["claims"].items() if doc == "other"}
    assert after["found"] == ["other"]
    assert set(after["grouped"]) == set(after["claims"]) and not after["stale"]  # regrouped at once
    again = cli("ingest", str(ingested))  # the removed files are new to the store again
    assert again.stdout.startswith("Ingested 3 documents (2 new, 0 updated, 1 unchanged), 4 claims; 0 errors in ")
    assert state(cli.db)["claims"] == before["claims"]


def test_remove_by_unique_prefix_and_a_document_named_twice(cli, ingested):
    result = cli("remove", "oth", "other", "sub/other.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Removed 1 document (other) with 3 claims\n"
    assert state(cli.db)["docs"] == ["report1", "report2"]


@pytest.mark.parametrize("names, message", [
    (["report1", "nope"], "Error: no document 'nope' in "),
    (["report"], "Error: 'report' matches several documents (report1, report2...); give more of the id"),
])
def test_a_bad_name_is_one_line_and_removes_nothing(cli, ingested, names, message):
    before = state(cli.db)
    result = cli("remove", *names)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(message) and result.stdout == ""
    assert state(cli.db) == before


def test_remove_without_a_store_or_a_name(cli, tmp_path):
    result = cli("remove", "a", store=tmp_path / "none.db")
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "none.db").exists()
    result = cli("remove")
    assert result.exit_code == 2 and "Missing argument" in result.output

