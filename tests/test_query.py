"""Topic mapping, query/conflicts/diff over a store, regroup and the groups export."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims.compare import SEVERITY, conflicts, diff, parse_topics, query, regroup
from claims.export import GROUP_COLUMNS, export_groups
from claims.lexicon import clear_cache
from tests.support.claimfactory import make_claim, seedlike_store


@pytest.fixture()
def store(tmp_path):
    with seedlike_store(tmp_path / "claims.db") as s:
        yield s


@pytest.mark.parametrize("text,categories", [
    ("claims about casualties", ["deaths", "injuries"]),
    ("Wie viele Opfer gab es?", ["deaths", "injuries"]),
    ("Tote", ["deaths"]),
    ("how many were injured", ["injuries"]),
    ("Festnahmen und Verhaftungen", ["arrests"]),
    ("troops", ["troops"]),
    ("Soldaten", ["troops"]),
    ("Truppen der ODKB", ["troops"]),
    ("Einwohner", ["population"]),
    ("population of Kazakhstan", ["population"]),
    ("Preise", ["price"]),
    ("Datum des Generalstreiks", ["date"]),
    ("percentages", ["percentage"]),
    ("Demonstranten", ["protesters"]),
    ("death toll and arrests", ["deaths", "injuries", "arrests"]),
    ("how many people live in the country", ["population"]),
    ("Wie viele Menschen leben im Land?", ["population"]),
    ("how many people died", ["deaths"]),
])
def test_topic_words_map_to_categories(text, categories):
    assert sorted(parse_topics(text)[1]) == sorted(categories)


def test_no_topic_word_means_full_text():
    assert parse_topics("Lohnerhöhung Mangistau")[1] == []


def test_topics_are_data_a_user_can_extend(tmp_path, monkeypatch):
    (tmp_path / "topics.yaml").write_text(
        "topics:\n  strikes:\n    categories: [date]\n    words: [streik, strike]\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMS_LEXICONS", str(tmp_path))
    clear_cache()
    try:
        assert parse_topics("Streik")[1] == ["date"]
    finally:
        monkeypatch.delenv("CLAIMS_LEXICONS")
        clear_cache()


def test_casualties_returns_death_and_injury_groups_only(store):
    result = query(store, "claims about casualties")
    assert result.mode == "topic"
    assert {v.group.category for v in result.groups} == {"deaths", "injuries"}
    assert result.total_groups == 3
    statuses = {v.group.label: v.group.status for v in result.groups}
    assert statuses == {"deaths: Menschen · 2011": "conflict", "injuries: Verletzte · 2022-01": "update",
                        "deaths: Tote · 2022-01": "compatible"}


def test_query_with_a_year_keeps_that_scope(store):
    result = query(store, "Tote 2011")
    assert [v.group.scope for v in result.groups] == ["2011"]


def test_query_limit_and_claim_cap(store):
    result = query(store, "casualties", limit=1, claims_per_group=1)
    assert len(result.groups) == 1 and result.total_groups == 3
    assert len(result.groups[0].claims) == 1 and result.groups[0].n_claims == 2


def test_full_text_fallback_finds_groups_by_sentence(store):
    result = query(store, "Lohnerhöhung")
    assert result.mode == "fulltext"
    assert [v.group.status for v in result.groups] == ["agree"]
    assert {c.doc[:3] for c in result.groups[0].claims} == {"001", "004"}


def test_full_text_query_reads_the_groups_of_all_found_claims_at_once(tmp_path):
    from claims.models import Document
    from claims.store import Store

    with Store(tmp_path / "many.db") as store:
        for i in range(60):  # 60 found claims in 60 groups
            doc = Document(doc_id=f"d{i:02}", path=f"d{i:02}.txt", text="x" * 20, content_hash=f"h{i}")
            store.replace_document(doc, [make_claim(doc=doc.doc_id, concept=f"thing{i}", subject="Lagebericht",
                                                    start=0, text="7")])
        regroup(store)
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)  # FTS5's own statements start with "--"
        result = query(store, "Lagebericht", limit=5)
        store.conn.set_trace_callback(None)
    assert result.mode == "fulltext" and result.total_groups == 60 and len(result.groups) == 5
    ours = [s for s in statements if not s.startswith("--")]
    assert len([s for s in ours if "FROM group_members WHERE claim_id" in s]) == 1
    assert len(ours) < 25  # a few per group shown, none per claim found


def test_conflicts_worst_first_without_agreement(store):
    found = conflicts(store)
    statuses = [v.group.status for v in found]
    assert statuses == sorted(statuses, key=SEVERITY.index)
    assert set(statuses) == {"conflict", "sum_conflict", "update"}
    explanations = [v.group.explanation for v in found]
    assert "12,000,000 vs 19,000,000 (population, 003_fdef368ba31d4be8 vs 004_99f585cc6e7d65d5)" in explanations


def test_diff_shared_and_only(store):
    result = diff(store, "001", "004")
    shared = {g.label: g.status for g, _, _ in result.shared}
    assert shared == {"arrests: Verhaftungen · 2022-01": "compatible", "date: general strike · 2022-01": "agree",
                      "date: crackdown · 2022-01": "agree",
                      "percentage: Lohnerhöhung · 2022-01": "agree"}
    assert [c.text for _, claims in result.only_a for c in claims] == ["Hunderte"]
    assert len([c for _, claims in result.only_b for c in claims]) == 7
    assert result.summary == ("001_a7fabe593c59c93f and 004_99f585cc6e7d65d5 share 4 groups (1 compatible, "
                              "3 agree); 1 claim only in 001_a7fabe593c59c93f, 7 only in 004_99f585cc6e7d65d5")


def test_regroup_puts_every_claim_in_one_group(store):
    groups = regroup(store)
    ids = [cid for g in groups for cid in g.claim_ids]
    assert len(ids) == len(set(ids)) == store.count_claims()


def test_export_groups_one_row_per_claim(store):
    out = io.StringIO()
    assert export_groups(store, out, "csv") == store.count_claims()
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert set(GROUP_COLUMNS) <= set(rows[0])
    assert {"group_id", "status", "category", "label", "claim_id", "doc", "text", "start", "end", "value",
            "value_low", "value_high"} <= set(rows[0])
    assert len({r["claim_id"] for r in rows}) == len(rows)
    population = [r for r in rows if r["category"] == "population"]
    assert {r["status"] for r in population} == {"conflict"} and len({r["group_id"] for r in population}) == 1
    out = io.StringIO()
    export_groups(store, out, "json")
    assert len(json.loads(out.getvalue())) == len(rows)


def test_export_groups_includes_claims_added_since_the_last_regroup(store):
    from claims.models import Document

    doc = Document(doc_id="005", path="005.txt", text="7 Tote. ", content_hash="005", date="2022-01-12")
    store.replace_document(doc, [make_claim(doc="005", value=7.0, text="7", start=0)])
    out = io.StringIO()
    assert export_groups(store, out, "jsonl") == store.count_claims()


# --- the commands, run in-process through the main app ---

@pytest.fixture()
def cli(store):
    from typer.testing import CliRunner

    from claims.cli import app

    runner = CliRunner()

    def run(*args):
        return runner.invoke(app, ["--db", str(store.path), *args])

    return run


def test_cli_query_table_and_json(cli):
    result = cli("query", "claims about casualties")
    assert result.exit_code == 0, result.output
    assert "conflict" in result.output and "weit über" in result.output  # a cell may wrap at the runner's width
    result = cli("query", "claims about casualties", "--json")
    data = json.loads(result.output)
    assert {g["category"] for g in data["groups"]} == {"deaths", "injuries"}
    assert all(c["claim_id"] and "sentence" in c for g in data["groups"] for c in g["claims"])
    assert all("story" in g for g in data["groups"])  # a group is of one story


def test_cli_conflicts_diff_group(cli):
    result = cli("conflicts", "--json")
    assert [g["status"] for g in json.loads(result.output)][:2] == ["conflict", "conflict"]
    result = cli("diff", "001", "004")
    assert result.exit_code == 0 and "share 4 groups" in result.output
    data = json.loads(cli("diff", "001", "004", "--json").output)
    assert len(data["shared"]) == 4 and data["summary"].startswith("001_")
    result = cli("group")
    assert result.exit_code == 0 and result.output.startswith("10 groups of 23 claims")
    assert json.loads(cli("group", "--json").output)["status"]["conflict"] == 2


def test_cli_errors_are_one_line(cli):
    result = cli("diff", "001", "999")
    assert result.exit_code == 1
    assert "Error:" in result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in result.output
    result = cli("diff", "001", "001")
    assert result.exit_code == 1
