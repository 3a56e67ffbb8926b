"""Golden test: the claims a careful reader takes from each seed, no more, no fewer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claims.documents import read_document
from claims.extract import extract_claims

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = yaml.safe_load((ROOT / "tests/golden/seed_claims.yaml").read_text(encoding="utf-8"))


def _matches(claim, expected: dict) -> bool:
    for key, want in expected.items():
        if key == "contains":
            if want.lower() not in claim.text.lower():
                return False
            continue
        have = getattr(claim, key)
        if isinstance(want, (int, float)) and isinstance(have, (int, float)):
            if abs(have - want) > 1e-9 * max(1.0, abs(want)):
                return False
        elif have != want:
            return False
    return True


def _describe(claim) -> str:
    return f"{claim.category} {claim.value!r} {claim.text!r} scope={claim.scope} concept={claim.concept}"


@pytest.mark.parametrize("doc_id", sorted(GOLDEN))
def test_seed_claims_match_a_careful_reader(doc_id):
    document = read_document(ROOT / "seeds" / f"{doc_id}.txt")
    claims = extract_claims(document.text, lang=document.lang, doc_date=document.date)
    unused = list(claims)
    missing = []
    for expected in GOLDEN[doc_id]:
        found = next((c for c in unused if _matches(c, expected)), None)
        if found is None:
            missing.append(expected)
        else:
            unused.remove(found)
    extra = [_describe(c) for c in unused]
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


@pytest.mark.parametrize("doc_id", sorted(GOLDEN))
def test_seed_claim_offsets_point_at_their_text(doc_id):
    document = read_document(ROOT / "seeds" / f"{doc_id}.txt")
    for claim in extract_claims(document.text, lang=document.lang, doc_date=document.date):
        assert document.text[claim.start : claim.end] == claim.text
        assert claim.sentence in document.text
