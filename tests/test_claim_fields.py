"""What a claim counts or dates, as fields: concept, detail, aspect and occasion.

The extractor writes them as fields from the start; grouping keys and labels claims by them, and
group ids hash them joined the way stores before migration m008 held them in one string.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from claims import extract_claims
from claims.compare import group_claims
from claims.documents import read_document
from claims.models import full_concept
from tests.support.claimfactory import make_claim

ROOT = Path(__file__).resolve().parent.parent

# (language, sentence, the claim's text, concept, detail, aspect, occasion)
CASES = [
    ("de", "Bei dem Unglück wurden drei Menschen schwer verletzt.", "drei", "injured", "serious", None, None),
    ("en", "Twelve people were slightly injured.", "Twelve", "injured", "light", None, None),
    ("de", "Fünf Polizisten wurden getötet.", "Fünf", "killed", "polizist", None, None),
    ("de", "Unter den 300 Toten waren 40 Polizisten.", "40", "killed", "polizist", None, None),
    ("de", "Unter den 300 Toten waren 40 Polizisten.", "300", "killed", None, None, None),
    # a group named among a toll of a group: both details, the whole's first
    ("de", "Unter den 300 getöteten Sicherheitskräften waren 40 Frauen.", "40", "killed", "sicherheitskräft:frau",
     None, None),
    ("de", "246 der 350 Toten waren Passagiere.", "246", "killed", None, "part", None),
    ("de", "200 Feuerwehrleute waren im Einsatz, drei von ihnen wurden verletzt.", "drei", "injured",
     "feuerwehrleut", None, None),
    ("de", "Die Inflation stieg um 2 Prozent auf 8,4 Prozent.", "2 Prozent", "inflatio", None, "change", None),
    ("de", "Die Inflation stieg um 2 Prozent auf 8,4 Prozent.", "8,4 Prozent", "inflatio", None, None, None),
    ("de", "Die Zahl stieg um 12 getötete Polizisten.", "12", "killed", "polizist", "change", None),
    ("de", "Das Rentenalter stieg um 2 Jahre auf 67 Jahre.", "67", "year", "rentenalt", None, None),
    ("de", "Das Rentenalter stieg um 2 Jahre auf 67 Jahre.", "2", "year", "rentenalt", "change", None),
    ("de", "Vuk Jeremic (40) sagte, er bleibe.", "40", "age", "jeremic", None, None),
    ("de", "Der Ausnahmezustand gilt bis zum 19. Januar.", "bis zum 19. Januar", "state_of_emergency", None, "end",
     None),
    ("de", "Am 5. Januar gingen Tausende zu Protesten auf die Straße.", "Am 5. Januar", "protests", None, None,
     "2022-01-05"),
    ("en", "The strike lasted until 14 March.", "until 14 March", "strike", None, "end", "2022-03-14"),
]


@pytest.mark.parametrize("lang, sentence, text, concept, detail, aspect, occasion", CASES)
def test_the_extractor_writes_concept_detail_aspect_and_occasion(lang, sentence, text, concept, detail, aspect,
                                                                 occasion):
    (claim,) = [c for c in extract_claims(sentence, lang=lang, doc_date="2022-04-10") if c.text == text]
    assert (claim.concept, claim.detail, claim.aspect, claim.occasion) == (concept, detail, aspect, occasion)


def test_full_concept_joins_the_fields_as_stores_before_m008_held_them():
    assert full_concept("killed") == "killed"
    assert full_concept("killed", "polizist", "change") == "killed:polizist:change"
    assert full_concept("injured", None, "part") == "injured:part"
    assert full_concept("strike", None, "end", "2008-03-14") == "strike:end@2008-03-14"
    assert full_concept("day", "") == "day:"  # an empty detail is a detail
    assert full_concept(None, "x") is None


def test_only_claims_with_a_concept_have_details_and_only_dates_have_occasions():
    paths = [p for folder in ("seeds", "tests/fixtures") for p in sorted((ROOT / folder).rglob("*"))
             if p.suffix in (".txt", ".md")]
    claims = []
    for path in paths:
        document = read_document(path)
        claims += extract_claims(document.text, lang=document.lang, doc_date=document.date)
    assert {c.aspect for c in claims} == {None, "change", "part", "end", "capacity", "projection"}
    assert any(c.detail for c in claims) and any(c.occasion for c in claims)
    for c in claims:
        if c.concept is None:
            assert (c.detail, c.aspect, c.occasion) == (None, None, None), c
        assert c.aspect in (None, "change", "part", "end", "capacity", "projection"), c
        assert c.occasion is None or (c.kind == "date" and c.occasion == c.value), c
        assert ":" not in c.concept and "@" not in c.concept if c.concept else True, c


def _joined(claim):
    """The claim as a store before m008 held it: its concept one string, no other fields."""
    return dataclasses.replace(claim, concept=full_concept(claim.concept, claim.detail, claim.aspect, claim.occasion),
                               detail=None, aspect=None, occasion=None)


def test_group_ids_are_those_of_the_joined_concept_and_labels_name_detail_and_aspect():
    claims = [
        make_claim(doc="001", category="injuries", concept="injured", detail="serious", value=3.0),
        make_claim(doc="002", category="injuries", concept="injured", detail="serious", value=4.0),
        make_claim(doc="001", category="deaths", concept="killed", detail="polizist", aspect="change", value=5.0),
        make_claim(doc="002", category="deaths", concept="killed", detail="polizist", aspect="change", value=5.0),
        make_claim(doc="001", category="date", concept="strike", aspect="end", occasion="2022-01-19",
                   value="2022-01-19", subject="Streik"),
        make_claim(doc="003", category="duration", concept="year", detail="rentenalt", unit="year", value=67.0,
                   subject="Jahre"),
    ]
    fielded = group_claims(claims)
    joined = group_claims([_joined(c) for c in claims])
    assert [(g.group_id, g.status, g.claim_ids) for g in fielded] == [(g.group_id, g.status, g.claim_ids) for g in joined]
    labels = sorted(g.label for g in fielded)
    assert labels == ["date: strike (end) · 2022-01", "deaths: Tote (change) · 2022-01",
                      "duration: rentenalt (Jahre) · 2022-01", "injuries: Tote (serious) · 2022-01"]


def test_claims_of_one_concept_but_another_detail_aspect_or_occasion_are_never_grouped():
    base = dict(category="deaths", concept="killed", value=40.0)
    variants = [{}, {"detail": "polizist"}, {"aspect": "part"}, {"detail": "polizist", "aspect": "change"}]
    claims = [make_claim(doc=f"{i:03}", **base, **v) for i, v in enumerate(variants)]
    assert sorted(len(g.claim_ids) for g in group_claims(claims)) == [1, 1, 1, 1]
    protests = [make_claim(doc=f"{i:03}", category="date", concept="protests", value=day, occasion=day)
                for i, day in enumerate(["2022-01-04", "2022-01-05", "2022-01-05"])]
    assert sorted(len(g.claim_ids) for g in group_claims(protests)) == [1, 2]


def test_a_subject_without_concept_joins_the_concept_with_its_detail():
    """A concept-less claim whose subject the concept's claims use takes their key, fields and all."""
    a = make_claim(doc="001", category="injuries", concept="injured", detail="serious", subject="Schwerverletzte")
    b = make_claim(doc="002", category="injuries", concept=None, subject="Schwerverletzte")
    (group,) = group_claims([a, b])
    assert sorted(group.claim_ids) == sorted([a.claim_id, b.claim_id])
