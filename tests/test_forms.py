"""Data-driven tests of the forms of numbers, dates, noise and attributions (issue 17), in
German and English sentences written for the tests (tests/data/forms_cases.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claims.extract import extract_claims
from tests.support.claimmatch import claim_matches, describe

CASES = yaml.safe_load((Path(__file__).parent / "data" / "forms_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_forms_case(case):
    lang = case.get("lang", "de")
    claims = extract_claims(case["text"], lang=None if lang == "auto" else lang,
                            doc_date=case.get("doc_date", "2022-01-10"))
    described = [describe(c) for c in claims]
    assert len(claims) == len(case["claims"]), described
    for claim, expected in zip(claims, case["claims"]):
        assert claim_matches(claim, expected), f"{expected} != {described[claims.index(claim)]}"


def test_a_short_german_sentence_is_guessed_german():
    from claims.lexicon.language import detect_language

    assert detect_language("Mehrere tausend Menschen protestierten am Abend in Almaty.") == "de"
    assert detect_language("Several thousand people protested in Almaty in the evening.") == "en"
