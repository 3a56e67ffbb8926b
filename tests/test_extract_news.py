"""Data-driven tests of what a figure counts in news of disasters and attacks (issue 17).

Each case of tests/data/news_cases.yaml is a sentence written for these tests and every claim it
must give, in order (dates left out unless ``dates: true``); near-miss negatives are cases too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claims.extract import extract_claims
from tests.support.claimmatch import claim_matches, describe

CASES = yaml.safe_load((Path(__file__).parent / "data" / "news_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f'{c.get("lang", "de")}: {c["text"][:60]}' for c in CASES])
def test_news_case(case):
    claims = extract_claims(case["text"], lang=case.get("lang", "de"), doc_date=case.get("doc_date", "2024-05-01"))
    if not case.get("dates"):
        claims = [c for c in claims if c.kind != "date"]
    described = [describe(c) for c in claims]
    assert len(claims) == len(case["claims"]), described
    for claim, expected in zip(claims, case["claims"]):
        assert claim_matches(claim, expected), f"{expected} != {described[claims.index(claim)]}"


def test_falling_categories_name_categories_of_the_lexicon():
    from claims.lexicon.loader import load
    from claims.lexicon.vocabulary import vocabulary

    names = {c.name for c in vocabulary("de").categories} & {c.name for c in vocabulary("en").categories}
    falling = load("grouping")["falling_categories"]
    assert {"missing", "evacuated", "displaced"} <= set(falling) <= names
