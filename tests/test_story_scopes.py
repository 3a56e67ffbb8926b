"""Event time within a story (issue 16): which figures are compared across a story's span and
which stay apart (an older event, a year named as the figure's own, a time outside the span)."""

from __future__ import annotations

import pytest

from claims.compare import group_claims
from claims.models import Story
from tests.support.claimfactory import make_claim

# Each case: a story's span, and claims (doc, scope, value) of one toll; `together` lists the
# values that must share one group, `apart` those that must each be in a group of no other value.
CASES = [
    {"id": "one month: reports of the event meet, the 2013 toll and a year's total stay apart",
     "span": ("2024-03-12", "2024-03-17"),
     "claims": [("a", "2024-03", 19), ("b", "2024-03", 23), ("c", "2013", 96), ("c", "2024", 300)],
     "together": [19, 23], "apart": [96, 300]},
    {"id": "two months: 26 November and 2 December meet, September (before lead_days) and the year do not",
     "span": ("2024-11-26", "2024-12-02"),
     "claims": [("a", "2024-11", 40), ("b", "2024-12", 52), ("b", "2024-09", 12), ("c", "2024", 700)],
     "together": [40, 52], "apart": [12, 700]},
    {"id": "a figure a few days before the first report is the story's (lead_days)",
     "span": ("2024-03-01", "2024-03-05"),
     "claims": [("a", "2024-02", 10), ("b", "2024-03", 14), ("c", "2023-12", 3)],
     "together": [10, 14], "apart": [3]},
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scopes_within_a_story(case):
    first, last = case["span"]
    docs = tuple(sorted({doc for doc, _, _ in case["claims"]}))
    stories = [Story("s1", "Test", first, last, docs), Story("s2", "Other", "2020-01-01", "2020-01-02", ("z",))]
    claims = [make_claim(doc=doc, scope=scope, value=float(value), as_of=first) for doc, scope, value in case["claims"]]
    claims.append(make_claim(doc="z", scope="2020-01", value=1.0, as_of="2020-01-01"))
    group_of = {c.claim_id: g.group_id for g in group_claims(claims, stories=stories) for c in claims if c.claim_id in g.claim_ids}
    value_group = {c.value: group_of[c.claim_id] for c in claims}
    assert len({value_group[float(v)] for v in case["together"]}) == 1
    for v in case["apart"]:
        others = [w for w, g in value_group.items() if g == value_group[float(v)] and w != float(v)]
        assert others == [], (v, others)
