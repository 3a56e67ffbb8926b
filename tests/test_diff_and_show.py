"""`claims diff` compares two documents as the store groups them: within their stories, with their
outlets' voices, and under the labels `query` prints; `claims show` names the group and story
a claim is compared in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.compare import diff, query, regroup
from claims.ingest import ingest
from claims.store import Store

MIXED = Path(__file__).resolve().parent / "fixtures" / "mixed"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    db = tmp_path_factory.mktemp("diff") / "claims.db"
    with Store(db) as store:
        report = ingest(store, [MIXED], after_ingest=regroup)
        assert not report.errors, report.errors
    return db


def test_reports_of_different_stories_share_nothing_and_the_summary_says_why(store_path):
    with Store(store_path) as store:
        # a ferry sinking in Congo and floods in Romania, both counting deaths in March 2024
        ferry, floods = store.document("atlaspress/2024-03-12"), store.document("2024-03-18")  # dpn
        assert ferry.story and floods.story and ferry.story != floods.story
        result = diff(store, ferry.doc_id, floods.doc_id)
    assert result.shared == []
    assert {g.category for g, _ in result.only_a} >= {"deaths"} <= {g.category for g, _ in result.only_b}
    assert f"different stories ({ferry.story}, {floods.story})" in result.summary


def test_reports_of_one_story_share_the_groups_query_shows_under_the_same_labels(store_path):
    with Store(store_path) as store:
        result = diff(store, "atlaspress/2024-03-12", "globalwire/2024-03-14")
        shown = {view.group.label for view in query(store, "deaths", limit=50).groups}
    deaths = [(group, a, b) for group, a, b in result.shared if group.category == "deaths"]
    assert deaths, "both reports give the ferry's toll"
    group, in_a, in_b = deaths[0]
    assert group.label in shown
    assert {c.value for c in in_a} >= {19.0, 23.0} and 52.0 in {c.value for c in in_b}
    assert group.status in ("update", "conflict")
    assert "different stories" not in result.summary


def test_show_names_the_group_and_story_a_claim_is_compared_in(store_path):
    from typer.testing import CliRunner

    from claims.cli import app
    from claims.compare import claim_context

    with Store(store_path) as store:
        claim = next(c for c in store.claims(doc="atlaspress/2024-03-12") if c.category == "deaths" and c.value == 19)
        context = claim_context(store, claim.claim_id[:8])
    assert context.group is not None and claim.claim_id in context.group.claim_ids
    assert context.story is not None and context.story.story_id == context.document.story
    result = CliRunner().invoke(app, ["--db", str(store_path), "show", claim.claim_id, "--json"])
    shown = json.loads(result.stdout)
    assert shown["group"]["group_id"] == context.group.group_id and shown["group"]["status"] == context.group.status
    assert shown["story"] == {"story_id": context.story.story_id, "label": context.story.label}
    assert shown["source_line"] == "official (police)"
    text = CliRunner().invoke(app, ["--db", str(store_path), "show", claim.claim_id], env={"COLUMNS": "120"}).stdout
    assert f"({context.group.group_id})" in text and f"story           {context.story.story_id}" in text
