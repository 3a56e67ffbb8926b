"""`claims diff` compares two documents as the store groups them: within their stories, with their
outlets' voices, and under the labels `query` prints."""

from __future__ import annotations

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
