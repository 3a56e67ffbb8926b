"""Grouping: blocking by category, unit, concept/subject and compatible scope."""

from __future__ import annotations

import random

import pytest

from claims.compare import group_claims, scopes_compatible, split_by_scope
from tests.support.claimfactory import make_claim


def _group_of(groups, claim):
    (found,) = [g for g in groups if claim.claim_id in g.claim_ids]
    return found


def test_every_claim_in_exactly_one_group():
    claims = [make_claim(doc=f"{i % 5:03}", value=float(i), concept=c, category=cat, scope=s)
              for i, (c, cat, s) in enumerate(
                  [("killed", "deaths", "2022-01"), ("injured", "injuries", "2022-01"),
                   (None, "deaths", "2011"), ("killed", "deaths", None)] * 5)]
    groups = group_claims(claims)
    ids = [cid for g in groups for cid in g.claim_ids]
    assert sorted(ids) == sorted(c.claim_id for c in claims)


def test_never_across_incompatible_scopes():
    a = make_claim(doc="003", value=14.0, scope="2011")
    b = make_claim(doc="004", value=16.0, scope="2011")
    c = make_claim(doc="002", value=160.0, scope="2022-01")
    groups = group_claims([a, b, c])
    assert _group_of(groups, a) is _group_of(groups, b)
    assert _group_of(groups, a) is not _group_of(groups, c)
    assert _group_of(groups, a).status == "conflict"
    assert _group_of(groups, c).status == "single"


def test_coarse_scope_joins_its_only_finer_scope():
    a = make_claim(doc="001", scope="2022")
    b = make_claim(doc="002", scope="2022-01")
    c = make_claim(doc="003", scope=None)
    groups = group_claims([a, b, c])
    assert len(groups) == 1 and groups[0].scope == "2022-01"


def test_coarse_scope_with_several_finer_scopes_stays_apart():
    claims = [make_claim(doc="001", scope="2022-01"), make_claim(doc="002", scope="2022-02"),
              make_claim(doc="003", scope="2022"), make_claim(doc="004", scope=None),
              make_claim(doc="005", scope=None)]
    groups = group_claims(claims)
    assert sorted((g.scope or "-") for g in groups) == ["-", "-", "2022", "2022-01", "2022-02"]
    assert len({g.group_id for g in groups}) == 5


def test_a_figure_nothing_dates_joins_no_dated_group():
    # neither its sentence nor its report (no publication date) says when: it may be of any time
    dated = make_claim(doc="001", scope="2014-10", value=30.0)
    of_dated_report = make_claim(doc="002", scope=None, value=30.0)
    undated = make_claim(doc="003", scope=None, as_of=None, value=45000.0)
    groups = group_claims([dated, of_dated_report, undated])
    assert _group_of(groups, dated) is _group_of(groups, of_dated_report)
    assert _group_of(groups, undated).claim_ids == [undated.claim_id]
    assert _group_of(groups, dated).status == "agree"


def test_undated_claims_are_not_compared_across_documents():
    claims = [make_claim(doc="001", scope=None, value=10.0), make_claim(doc="002", scope=None, value=5000.0),
              make_claim(doc="002", scope=None, value=5000.0)]
    groups = group_claims(claims)
    assert sorted(len(g.claim_ids) for g in groups) == [1, 2]
    assert {g.status for g in groups} == {"single"}


def test_scopes_compatible():
    assert scopes_compatible("2022", "2022-01-06")
    assert not scopes_compatible("2022-01", "2022-02")
    assert not scopes_compatible("2011", "2022-01")
    assert not scopes_compatible("2022-1", "2022-10")


def test_never_across_categories_or_concepts_even_with_the_same_number():
    injured = make_claim(doc="001", category="injuries", concept="injured", value=100.0)
    workers = make_claim(doc="002", category="count", concept="workers", value=100.0)
    killed = make_claim(doc="003", category="deaths", concept="killed", value=100.0)
    protesters = make_claim(doc="004", category="protesters", concept="protesters", value=100.0)
    population = make_claim(doc="005", category="population", concept="inhabitants", value=100.0)
    groups = group_claims([injured, workers, killed, protesters, population])
    assert len(groups) == 5 and all(g.status == "single" for g in groups)


def test_units_are_never_mixed():
    eur = make_claim(doc="001", category="money", concept="aid", value=5.0, unit="EUR")
    usd = make_claim(doc="002", category="money", concept="aid", value=5.0, unit="USD")
    assert len(group_claims([eur, usd])) == 2


def test_missing_concept_uses_subject_and_fuzzy_match():
    a = make_claim(doc="001", concept=None, subject="Verletzte", category="injuries")
    b = make_claim(doc="002", concept=None, subject="Verletzten", category="injuries")
    c = make_claim(doc="003", concept=None, subject="Polizisten", category="injuries")
    d = make_claim(doc="004", concept=None, subject=None, category="injuries")
    e = make_claim(doc="005", concept=None, subject=None, category="injuries")
    groups = group_claims([a, b, c, d, e])
    assert _group_of(groups, a) is _group_of(groups, b)
    assert _group_of(groups, c) is not _group_of(groups, a)
    assert _group_of(groups, d) is not _group_of(groups, e)


def test_subject_without_concept_joins_the_concept_using_it():
    a = make_claim(doc="001", concept="killed", subject="Tote")
    b = make_claim(doc="002", concept=None, subject="Toten")
    groups = group_claims([a, b])
    assert len(groups) == 1 and groups[0].status == "compatible" or groups[0].status == "agree"


def test_dates_group_by_the_event_they_date():
    strike1 = make_claim(doc="001", category="date", concept="general_strike", value="2022-01-03",
                         subject="Generalstreik")
    strike4 = make_claim(doc="004", category="date", concept="general_strike", value="2022-01-03",
                         subject="Generalstreik")
    crack = make_claim(doc="004", category="date", concept="crackdown", value="2022-01-03")
    groups = group_claims([strike1, strike4, crack])
    g = _group_of(groups, strike1)
    assert g is _group_of(groups, strike4) and g.status == "agree"
    assert g.label == "date: general strike · 2022-01"  # the event, not the word as written
    assert _group_of(groups, crack) is not g


def test_a_general_strike_and_the_strike_of_its_story_are_one_event_dated_day_by_day():
    general = make_claim(doc="001", category="date", concept="general_strike", value="2024-03-18", subject="general strike")
    general_de = make_claim(doc="002", category="date", concept="general_strike", value="2024-03-18", subject="Generalstreiks")
    strike = make_claim(doc="003", category="date", concept="strike", occasion="2024-03-18", value="2024-03-18", subject="Streik")
    later = make_claim(doc="004", category="date", concept="general_strike", value="2024-03-21", subject="general strike")
    groups = group_claims([general, general_de, strike, later])
    g = _group_of(groups, general)
    assert g is _group_of(groups, general_de) is _group_of(groups, strike) and g.status == "agree"
    assert _group_of(groups, later) is not g  # a strike recurs: another day is another occasion, no conflict
    alone = group_claims([general, later])  # no "strike" in the story: the general strike keeps its own key
    assert _group_of(alone, general) is _group_of(alone, later) and _group_of(alone, general).label.startswith("date: general strike")


@pytest.mark.parametrize("concept, aspect, occasion, subject, label", [
    ("crackdown", None, None, "gewaltsam", "date: crackdown · 2022-01"),
    ("state_of_emergency", "end", None, "Ausnahmezustand", "date: state of emergency (end) · 2022-01"),
    ("strike", None, "2022-01-04", "streikten", "date: strike · 2022-01"),
])
def test_date_groups_are_labelled_with_their_event(concept, aspect, occasion, subject, label):
    fields = dict(category="date", concept=concept, aspect=aspect, occasion=occasion, value="2022-01-04")
    german = make_claim(doc="001", subject=subject, **fields)
    english = make_claim(doc="002", subject="strike", **fields)
    (group,) = group_claims([german, english])
    assert group.label == label


def test_repeated_mentions_in_one_document_share_a_group():
    a = make_claim(doc="001", value=160.0)
    b = make_claim(doc="001", value=160.0)
    groups = group_claims([a, b])
    assert len(groups) == 1 and groups[0].status == "single"


def test_deterministic_and_order_independent():
    claims = [make_claim(doc=f"{i % 7:03}", value=float(i % 3), concept=["killed", None][i % 2],
                         subject=["Tote", "Toten", "Opfer"][i % 3], scope=["2022-01", "2022", None][i % 3])
              for i in range(60)]
    first = group_claims(claims)
    shuffled = claims[:]
    random.Random(4).shuffle(shuffled)
    second = group_claims(shuffled)
    assert [(g.group_id, g.status, sorted(g.claim_ids), g.label) for g in first] == \
           [(g.group_id, g.status, sorted(g.claim_ids), g.label) for g in second]


def test_group_id_is_stable_when_claims_are_added():
    a = make_claim(doc="001")
    b = make_claim(doc="002")
    assert group_claims([a])[0].group_id == group_claims([a, b])[0].group_id


def test_split_by_scope_keeps_unknown_apart_when_ambiguous():
    claims = [make_claim(scope="2011"), make_claim(scope="2022-01"), make_claim(scope=None)]
    assert [s for s, _, _ in split_by_scope(claims)] == ["2011", "2022-01", None]


def test_ages_are_never_compared():
    a = make_claim(doc="001", category="count", value=34.0, unit="year", concept="age", subject="Jährige")
    b = make_claim(doc="002", category="count", value=52.0, unit="year", concept="age", subject="Jährige")
    c = make_claim(doc="001", category="count", value=40.0, unit="year", concept="age", detail="jeremic", subject="Jeremic")
    d = make_claim(doc="002", category="count", value=41.0, unit="year", concept="age", detail="jeremic", subject="Jeremic")
    groups = group_claims([a, b, c, d])
    assert _group_of(groups, a) is not _group_of(groups, b)
    assert {_group_of(groups, a).status, _group_of(groups, b).status} == {"single"}
    # "Manchester City (64)" reads like an age too: named ages are not compared either
    assert _group_of(groups, c) is not _group_of(groups, d)


def test_a_named_part_is_grouped_and_labelled_apart_from_its_whole():
    whole_a = make_claim(doc="001", category="injuries", concept="injured", value=31.0, subject="Menschen", scope="2024-05")
    part_a = make_claim(doc="001", category="injuries", concept="injured", aspect="part", value=18.0, subject="verletzt", scope="2024-05")
    whole_b = make_claim(doc="002", category="injuries", concept="injured", value=35.0, subject="Menschen", scope="2024-05")
    part_b = make_claim(doc="002", category="injuries", concept="injured", aspect="part", value=20.0, subject="verletzt", scope="2024-05")
    groups = group_claims([whole_a, part_a, whole_b, part_b])
    wholes, parts = _group_of(groups, whole_a), _group_of(groups, part_a)
    assert wholes is _group_of(groups, whole_b) and parts is _group_of(groups, part_b) and wholes is not parts
    assert parts.label == "injuries: verletzt (part) · 2024-05"
    assert wholes.label == "injuries: Menschen · 2024-05"


def test_a_figure_without_a_concept_joins_no_detail_of_its_subject():
    # "die ersten dreißig Minuten" (no concept) is no duration of what one player did ("der vier Minuten
    # zuvor eingewechselte Aboubakar": a detail); nothing says it is of a detail or an aspect
    detailed = make_claim(doc="001", category="duration", concept="minute", detail="aboubakar", subject="Minuten",
                          value=4.0, unit="minute")
    plain = make_claim(doc="002", category="duration", concept=None, subject="Minuten", value=30.0, unit="minute")
    groups = group_claims([detailed, plain])
    assert _group_of(groups, detailed) is not _group_of(groups, plain)
    level = make_claim(doc="003", category="duration", concept="minute", subject="Minuten", value=30.0, unit="minute")
    groups = group_claims([detailed, plain, level])
    assert _group_of(groups, plain) is _group_of(groups, level)
