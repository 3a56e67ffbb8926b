"""Event dates and count starts (issue 16), data-driven from tests/data/event_dates_cases.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claims import extract_claims

CASES = yaml.safe_load((Path(__file__).parent / "data" / "event_dates_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["event_dates"], ids=[c["text"][:60] for c in CASES["event_dates"]])
def test_event_of_each_date(case):
    claims = extract_claims(case["text"], lang=case["lang"], doc_date=case["doc_date"])
    dates = [[c.value, c.concept] for c in claims if c.category == "date"]
    assert dates == case["dates"]


@pytest.mark.parametrize("case", CASES["count_start"], ids=[c["text"][:60] for c in CASES["count_start"]])
def test_count_start_keeps_the_report_time(case):
    claims = extract_claims(case["text"], lang=case["lang"], doc_date=case["doc_date"])
    scopes = [[c.category, c.value, c.scope] for c in claims if c.category != "date"]
    assert scopes == [[category, float(value), scope] for category, value, scope in case["scopes"]]
