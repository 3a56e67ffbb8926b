"""Parts of a toll inside one report never make a conflict: data-driven from tests/data/toll_parts_cases.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claims.compare import regroup
from claims.ingest import ingest
from claims.store import Store

OUTLETS = ("Nachrichtenagentur Nord", "Radio Süd")  # media outlets: a source line of their own
CASES = yaml.safe_load((Path(__file__).parent / "data" / "toll_parts_cases.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_part_of_a_toll_in_its_own_report(case, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, doc in enumerate(case["docs"]):
        (folder / f"r{i}.txt").write_text(f"---\ntitle: Bericht {i}\nsource: {OUTLETS[i % 2]}\ndate: {doc['date']}\nstory: one\n---\n"
                                          f"{doc['text']}\n", encoding="utf-8")
    store = Store(tmp_path / "claims.db")
    try:
        assert not ingest(store, [folder]).errors
        regroup(store)
        index, value = case["figure"]
        groups = [g for g, c in store.claims_with_groups() if c.doc == f"r{index}" and c.value == value]
        assert groups, f"no claim {value} in report {index}"
        group = groups[0]
        if "status" in case:
            assert group.status == case["status"], group.explanation
        if "not_status" in case:
            assert group.status != case["not_status"], group.explanation
        if "explanation" in case:
            assert case["explanation"] in group.explanation, group.explanation
    finally:
        store.close()
