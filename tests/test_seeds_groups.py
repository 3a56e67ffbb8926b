"""Golden facts about the seeds: ingest 000-004, group, and check what agrees and what conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.compare import compare_group, query, regroup, scopes_compatible
from claims.ingest import ingest
from claims.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("seeds") / "claims.db")
    report = ingest(store, [SEEDS])
    assert not report.errors
    groups = regroup(store)
    claims = {c.claim_id: c for c in store.claims()}
    yield store, groups, claims
    store.close()


def _find(claims, doc, category, *, value=None, text=None):
    found = [c for c in claims.values() if c.doc.startswith(doc) and c.category == category
             and (value is None or c.value == value) and (text is None or text.lower() in c.text.lower())]
    assert found, f"no {category} claim {value or text!r} in {doc}"
    return found[0]


def _group_of(groups, claim):
    (group,) = [g for g in groups if claim.claim_id in g.claim_ids]
    return group


def _together(groups, *claims):
    group = _group_of(groups, claims[0])
    assert all(c.claim_id in group.claim_ids for c in claims), f"not grouped together: {group.label}"
    return group


def test_population_conflicts(seeded):
    _, groups, claims = seeded
    a = _find(claims, "003", "population", value=12e6)
    b = _find(claims, "004", "population", value=19e6)
    group = _together(groups, a, b)
    assert group.status == "conflict"
    assert "12,000,000 vs 19,000,000 (population" in group.explanation


def test_official_2011_toll_conflicts(seeded):
    _, groups, claims = seeded
    a = _find(claims, "003", "deaths", value=14.0)
    b = _find(claims, "004", "deaths", value=16.0)
    group = _together(groups, a, b)
    assert group.status == "conflict" and group.scope.startswith("2011")


@pytest.mark.parametrize("day,event", [("2022-01-03", "Generalstreik"), ("2022-01-06", "niederzuschlagen")])
def test_dates_agree(seeded, day, event):
    _, groups, claims = seeded
    b = next(c for c in claims.values() if c.doc.startswith("004") and c.category == "date" and c.value == day
             and event in c.sentence)
    a = next(c for c in claims.values() if c.doc.startswith("001") and c.category == "date" and c.value == day
             and c.concept == b.concept)
    assert b.concept and _together(groups, a, b).status == "agree"


def test_wage_demand_agrees(seeded):
    _, groups, claims = seeded
    a = _find(claims, "001", "percentage", value=100.0)
    b = _find(claims, "004", "percentage", value=100.0)
    assert _together(groups, a, b).status == "agree"


def test_deaths_compatible(seeded):
    _, groups, claims = seeded
    a = _find(claims, "002", "deaths", text="weit über 160")
    b = _find(claims, "004", "deaths", text="hunderter")
    group = _together(groups, a, b)
    assert compare_group([a, b])[0] == "compatible"
    assert group.status == "compatible"


def test_arrests_compatible(seeded):
    _, groups, claims = seeded
    a = _find(claims, "001", "arrests", text="Tausende")
    b = _find(claims, "004", "arrests", text="tausender")
    _together(groups, a, b)
    assert compare_group([a, b])[0] == "compatible"


def test_injuries_do_not_agree(seeded):
    _, groups, claims = seeded
    a = _find(claims, "001", "injuries", text="Hunderte")
    b = _find(claims, "002", "injuries", value=2200.0)
    assert _together(groups, a, b).status in ("conflict", "update")


def test_troops_do_not_agree(seeded):
    _, groups, claims = seeded
    total = _find(claims, "002", "troops", value=4000.0)
    assert _group_of(groups, total).status not in ("agree", "compatible", "sum_agree", "single")


def test_troops_sum_conflict(seeded):
    _, groups, claims = seeded
    total = _find(claims, "002", "troops", value=4000.0)
    group = _group_of(groups, total)
    assert group.status == "sum_conflict"
    assert "3,000 + 500 + 200 + 70 = 3,770 vs 4,000" in group.explanation


def test_no_group_mixes_2011_with_2022(seeded):
    _, groups, claims = seeded
    for group in groups:
        scopes = {claims[cid].scope for cid in group.claim_ids}
        for x in scopes:
            for y in scopes:
                assert scopes_compatible(x, y), (group.label, scopes)


def test_population_never_with_crowds(seeded):
    _, groups, claims = seeded
    for group in groups:
        categories = {claims[cid].category for cid in group.claim_ids}
        assert len(categories) == 1
        if "population" in categories:
            assert all(claims[cid].concept == claims[group.claim_ids[0]].concept for cid in group.claim_ids)


def test_casualties_query_on_seeds(seeded):
    store, _, _ = seeded
    result = query(store, "claims about casualties")
    categories = {v.group.category for v in result.groups}
    assert categories == {"deaths", "injuries"}


@pytest.mark.parametrize("question,label", [
    ("when did the general strike begin", "general strike"),
    ("Wann wurde der Ausnahmezustand verhängt?", "state of emergency"),
])
def test_a_question_about_an_event_lists_its_dates_first(seeded, question, label):
    store, _, _ = seeded
    result = query(store, question)
    assert result.mode == "topic" and result.groups
    assert label in result.groups[0].group.label
