"""Golden test: the claims a careful reader takes from each seed, no more, no fewer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claims.documents import read_document
from claims.extract import extract_claims
from tests.support.claimmatch import claim_matches, describe

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = yaml.safe_load((ROOT / "tests/golden/seed_claims.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc_id", sorted(GOLDEN))
def test_seed_claims_match_a_careful_reader(doc_id):
    document = read_document(ROOT / "seeds" / f"{doc_id}.txt")
    claims = extract_claims(document.text, lang=document.lang, doc_date=document.date)
    unused = list(claims)
    missing = []
    for expected in GOLDEN[doc_id]:
        found = next((c for c in unused if claim_matches(c, expected)), None)
        if found is None:
            missing.append(expected)
        else:
            unused.remove(found)
    extra = [describe(c) for c in unused]
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


@pytest.mark.parametrize("doc_id", sorted(GOLDEN))
def test_seed_claim_offsets_point_at_their_text(doc_id):
    document = read_document(ROOT / "seeds" / f"{doc_id}.txt")
    for claim in extract_claims(document.text, lang=document.lang, doc_date=document.date):
        assert document.text[claim.start : claim.end] == claim.text
        assert claim.sentence in document.text
