"""Data-driven tests of extract_claims on news-style sentences in German and English."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from claims.extract import extract_claims
from tests.support.claimmatch import claim_matches, describe

CASES = yaml.safe_load((Path(__file__).parent / "data" / "extract_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_extract_case(case):
    claims = extract_claims(case["text"], lang=case.get("lang", "de"), doc_date=case.get("doc_date", "2022-01-10"))
    described = [describe(c) for c in claims]
    assert len(claims) == len(case["claims"]), described
    for claim, expected in zip(claims, case["claims"]):
        assert claim_matches(claim, expected), f"{expected} != {described[claims.index(claim)]}"


def test_offsets_index_the_text_and_bounds_are_ordered():
    text = "\n".join(case["text"] for case in CASES)
    for claim in extract_claims(text, lang="de", doc_date="2022-01-10"):
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == claim.sentence
        if claim.kind == "number":
            low = claim.value_low if claim.value_low is not None else claim.value
            high = claim.value_high if claim.value_high is not None else claim.value
            assert low <= claim.value <= high


def test_language_is_detected_when_not_given():
    english = "Police said at least 1,500 people were arrested after the protests."
    [claim] = extract_claims(english)
    assert claim.lang == "en" and claim.value == 1500


def test_doc_date_may_be_a_date_object():
    [claim] = extract_claims("Am 16. Dezember kam es zu Protesten.", doc_date=datetime.date(2022, 1, 10))
    assert claim.value == "2021-12-16" and claim.as_of == "2022-01-10"


def test_no_claims_without_numbers_or_dates():
    assert extract_claims("Die Regierung trat zurück, die Lage bleibt angespannt.") == []


def test_a_long_document_is_read_in_chunks_with_exact_offsets():
    from claims.extract import CHUNK_CHARS

    paragraph = "Am 3. Januar wurden mindestens 2200 Menschen verletzt, laut der Regierung starben 16.\n\n"
    text = paragraph * (CHUNK_CHARS // len(paragraph) * 2)  # two chunks, fewer claims than the cap
    claims = extract_claims(text, lang="de", doc_date="2022-01-10")
    per_paragraph = len(extract_claims(paragraph, lang="de", doc_date="2022-01-10"))
    assert len(claims) == per_paragraph * text.count(paragraph)
    assert all(text[c.start : c.end] == c.text for c in claims)
    assert all(text[c.sentence_start : c.sentence_start + len(c.sentence)] == c.sentence for c in claims)
    assert len({c.claim_id for c in claims}) == len(claims)


def test_no_document_yields_more_than_max_claims():
    from claims.models import MAX_CLAIMS

    text = "1-2-3-4-" * (MAX_CLAIMS // 2)
    assert len(extract_claims(text, lang="de")) == MAX_CLAIMS


def test_one_states_troops_are_compared_across_languages():
    from dataclasses import replace

    from claims.compare import group_claims

    german = "Insgesamt mobilisierte Russland 3.000, Weißrussland 500 und Armenien 70 Soldaten nach Kasachstan."
    english = "Russia sent about 2,500 troops to Kazakhstan."
    # one day: a deployment that grows from one report day to the next is an update (falling_categories)
    claims = [replace(c, doc="de", claim_id=f"de{i}") for i, c in enumerate(extract_claims(german, doc_date="2022-01-10"))]
    claims += [replace(c, doc="en", claim_id=f"en{i}") for i, c in enumerate(extract_claims(english, doc_date="2022-01-10"))]
    assert [c.actor for c in claims] == ["Russia", "Belarus", "Armenia", "Russia"]
    [group] = [g for g in group_claims(claims) if g.category == "troops"]
    assert group.status == "conflict"
    assert "troops of Russia" in group.explanation and "2,500" in group.explanation and "3,000" in group.explanation


def test_an_unsupported_language_is_a_clear_error():
    from claims.errors import UnsupportedLanguage

    with pytest.raises(UnsupportedLanguage, match="'fr' is not supported; use one of de, en"):
        extract_claims("12 morts", lang="fr")
