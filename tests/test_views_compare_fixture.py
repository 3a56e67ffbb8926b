"""Golden views (100 columns) of tests/fixtures/compare: three stories in German and English.

The stories are declared in front matter (`story:`), so the test is of the comparison, not of
story detection. Story A (March 2024): a ferry toll the officials raise 19 -> 52 -> 61 and a monitor's 71 beside
the ministry's 52 of the same day; the missing fall 181 -> 41 -> 9. Story B (April 2024): a
flood toll of 25 with regional parts (Galați 9, Vaslui 4). Story C (May 2024): the ministry's
340 arrests against a rights group's 2,000 of the same day; "23 officers and 24 others" injured
against 47. Set CLAIMS_UPDATE_GOLDEN=1 to rewrite the golden files, then read the diff.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from claims.compare import conflicts, query, regroup
from claims.ingest import ingest
from claims.store import Store
from claims.views import render_conflicts, render_query
from tests.support.golden import check_golden

FIXTURE = Path(__file__).parent / "fixtures" / "compare"
STORY = {"ferry": "A", "faehre": "A", "hochwasser": "B", "floods": "B", "strike": "C", "streik": "C"}


def _story(doc: str) -> str:
    return STORY[doc.split("-")[0]]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("compare") / "claims.db") as s:
        ingest(s, [FIXTURE])
        regroup(s)
        yield s


def _render(render, result) -> str:
    out = io.StringIO()
    render(result, Console(file=out, width=100, color_system=None, emoji=False, highlight=False))
    return out.getvalue()




def _groups(result_views) -> dict[str, tuple[str, set[str], str]]:
    return {v.group.label: (v.group.status, {c.doc for c in v.claims}, v.group.explanation) for v in result_views}


def test_deaths_query_golden(store):
    result = query(store, "how many people died")
    text = _render(render_query, result)
    check_golden("compare_query_deaths.txt", text)
    groups = _groups(result.groups)
    status, docs, why = groups["deaths: people · 2024-03"]
    assert status == "conflict" and docs == {"ferry-wire-0312", "ferry-wire-0314", "faehre-dpn-0315"}
    assert why.startswith("official (ministry) 52 vs independent monitor 71, reported 14 March 2024")
    status, docs, why = groups["deaths: people · 2024-04"]
    assert status == "agree" and docs == {"hochwasser-tagesblatt-0415", "floods-ledger-0416"}  # regional parts no rival
    for view in result.groups:  # every source of a displayed group is visible; no group mixes two stories
        assert len({_story(c.doc) for c in view.claims}) == 1
        for claim in view.claims:
            assert claim.doc in text  # each source's column (or row) is shown, its id in full
    assert "kivu-ferry" in text and "romania-floods" in text  # a heading per story


def test_rising_official_series_is_an_update_not_a_conflict(store):
    views = query(store, "how many people died").groups
    ferry = next(v for v in views if v.group.scope == "2024-03")
    assert "also update" in ferry.group.explanation  # 19 (police) -> 52 -> 61 (ministry)
    official = [c for c in ferry.claims if c.attribution and c.value != 71]
    assert sorted(c.value for c in official) == [19, 52, 61]


def test_regional_parts_carry_their_place(store):
    views = query(store, "how many people died").groups
    flood = next(v for v in views if v.group.scope == "2024-04")
    assert sorted(c.place or "" for c in flood.claims) == ["", "", "Galati", "Galați", "Vaslui"]


def test_conflicts_golden(store):
    views = conflicts(store)
    check_golden("compare_conflicts.txt", _render(render_conflicts, views))
    groups = _groups(views)
    assert groups["arrests: people · 2024-05"][0] == "conflict"
    assert groups["arrests: people · 2024-05"][2].startswith(
        "official (ministry) 340 vs independent monitor (rights group) 2,000, reported 20 May 2024")
    missing = next(v for v in views if v.group.category == "missing")
    assert missing.group.status == "update"  # the missing fall 181 -> 41 -> 9: found, no conflict
    injured = next(v for v in views if v.group.category == "injuries")
    assert injured.group.status == "sum_agree" and injured.group.explanation.startswith("23 + 24 = 47 vs 47")
    for view in views:
        assert len({_story(c.doc) for c in view.claims}) == 1


def test_groups_export_carries_attribution_source_line_and_place(store):
    import csv
    import json

    from claims.export import export_groups

    out = io.StringIO()
    export_groups(store, out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    monitor = next(r for r in rows if r["text"] == "71" and r["doc"] == "ferry-wire-0314")
    assert monitor["source_line"] == "independent monitor" and "Observatory" in monitor["attribution"]
    assert {r["place"] for r in rows if r["doc"] == "hochwasser-tagesblatt-0415"} >= {"Galați", "Vaslui"}
    # each row names its group's story and its document's source, so a shared file shows who said what
    assert monitor["story"] and len({r["story"] for r in rows}) > 1 and monitor["source"]
    assert all(len({r["story"] for r in rows if r["group_id"] == g}) == 1 for g in {r["group_id"] for r in rows})
    out = io.StringIO()
    export_groups(store, out, "json")
    assert any(r["source_line"] == "official (ministry)" for r in json.loads(out.getvalue()))
