"""CSV and JSON export: plain values, open bounds, formula guard, streaming, provenance of seeds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claims import export
from claims.ingest import ingest
from claims.models import Claim
from claims.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REQUIRED = ["claim_id", "doc", "category", "value", "value_low", "value_high", "unit", "qualifier", "text",
            "start", "end", "sentence", "subject", "scope", "attribution"]


def claim(**kw) -> Claim:
    base = dict(claim_id="c1", doc="d", category="injuries", value=2200.0, value_low=2200.0, value_high=None,
                unit=None, qualifier="at_least", text="mindestens 2200", start=0, end=15,
                sentence="mindestens 2200 Verletzte", sentence_start=0)
    base.update(kw)
    return Claim(**base)


def to_csv(claims) -> list[dict]:
    out = io.StringIO()
    export.write_csv(export.claim_records(claims), export.CLAIM_COLUMNS, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_header_starts_with_the_contract_columns():
    out = io.StringIO()
    export.write_csv([], export.CLAIM_COLUMNS, out)
    assert out.getvalue().splitlines()[0].split(",")[: len(REQUIRED)] == REQUIRED


def test_concept_detail_aspect_and_occasion_are_columns_of_their_own():
    at = export.CLAIM_COLUMNS.index("concept")
    assert export.CLAIM_COLUMNS[at : at + 4] == ("concept", "detail", "aspect", "occasion")
    rows = to_csv([claim(category="date", value="2022-01-19", value_low=None, value_high="2022-01-19",
                         concept="strike", aspect="end", occasion="2022-01-19"),
                   claim(claim_id="c2", concept="killed", detail="polizist", aspect="change")])
    assert [(r["concept"], r["detail"], r["aspect"], r["occasion"]) for r in rows] == [
        ("strike", "", "end", "2022-01-19"), ("killed", "polizist", "change", "")]


def test_plain_values_and_open_bounds():
    rows = to_csv([
        claim(),
        claim(claim_id="c2", value=4.2, value_low=4.2, value_high=4.2, unit="%", qualifier="exact", text="4,2 %"),
        claim(claim_id="c3", value=55e9, value_low=55e9, value_high=55e9, unit="USD", text="55 Mrd. US-Dollar"),
        claim(claim_id="c4", category="date", value="2022-01-05", value_low="2022-01-05", value_high="2022-01-19",
              qualifier="range", kind="date", text="vom 5. bis zum 19. Januar 2022"),
        claim(claim_id="c5", category="date", value="2022-01", value_low=None, value_high=None, kind="date"),
    ])
    assert (rows[0]["value"], rows[0]["value_low"], rows[0]["value_high"]) == ("2200", "2200", "")
    assert (rows[1]["value"], rows[1]["unit"]) == ("4.2", "%")
    assert rows[2]["value"] == "55000000000"
    assert (rows[3]["value"], rows[3]["value_low"], rows[3]["value_high"]) == ("2022-01-05", "2022-01-05", "2022-01-19")
    assert (rows[4]["value"], rows[4]["value_low"]) == ("2022-01", "")
    assert rows[0]["start"] == "0" and rows[0]["end"] == "15"


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised_but_numbers_stay_numbers(payload):
    (row,) = to_csv([claim(text=payload, sentence=payload, subject=payload, value=-5.0, value_low=-5.0)])
    for column in ("text", "sentence", "subject"):
        assert row[column] == "'" + payload
    assert row["value"] == "-5" and row["value_low"] == "-5"


def test_ordinary_text_is_untouched():
    (row,) = to_csv([claim(text="„Dutzende“ Tote, 3 = drei", subject="Menschen, \"zivil\"")])
    assert row["text"] == "„Dutzende“ Tote, 3 = drei" and row["subject"] == "Menschen, \"zivil\""


def test_json_array_and_lines():
    claims = [claim(), claim(claim_id="c2", value=float("inf"), value_low=None)]
    out = io.StringIO()
    assert export.write(export.claim_records(claims), export.CLAIM_COLUMNS, out, "json") == 2
    data = json.loads(out.getvalue())
    assert data[0]["value"] == 2200 and isinstance(data[0]["value"], int)
    assert data[0]["value_high"] is None and data[1]["value"] is None
    assert list(data[0]) == list(export.CLAIM_COLUMNS)
    out = io.StringIO()
    export.write([], export.CLAIM_COLUMNS, out, "json")
    assert json.loads(out.getvalue()) == []
    out = io.StringIO()
    export.write(export.claim_records(claims), ["claim_id", "value"], out, "jsonl")
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        {"claim_id": "c1", "value": 2200}, {"claim_id": "c2", "value": None}
    ]


def test_writers_stream_their_input():
    written = io.StringIO()
    consumed = []

    def records():
        for i in range(3):
            consumed.append(i)
            # each earlier record is already written when the next one is produced
            assert written.getvalue().count("\n") == i + 1
            yield {"n": i}

    export.write_csv(records(), ["n"], written)
    assert consumed == [0, 1, 2]


def test_custom_columns_for_other_exports():
    out = io.StringIO()
    export.write([{"group_id": "g1", "label": "=cmd", "n_docs": 3}], ["group_id", "label", "n_docs"], out, "csv")
    assert out.getvalue().splitlines() == ["group_id,label,n_docs", "g1,'=cmd,3"]


def test_every_exported_seed_claim_points_into_its_file(tmp_path):
    """Provenance with the real extractor: source[start:end] == text, for every claim of every seed."""
    with Store(tmp_path / "seeds.db") as store:
        report = ingest(store, [SEEDS])
        assert report.errors == [] and report.added == 5
        out = io.StringIO()
        export.export_claims(store, out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) > 50
    sources = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in rows:
        text = row["text"][1:] if row["text"].startswith("'") else row["text"]
        assert sources[row["doc"]][int(row["start"]) : int(row["end"])] == text, row
