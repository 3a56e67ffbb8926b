"""Comparison within one story, data-driven from tests/data/compare_cases.yaml: deployments that
grow, figures of another country, sub-events of one story (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claims.compare import regroup
from claims.ingest import ingest
from claims.store import Store

OUTLETS = ("Nachrichtenagentur Nord", "Radio Süd")  # media outlets: a source line of their own
CASES = yaml.safe_load((Path(__file__).parent / "data" / "compare_cases.yaml").read_text(encoding="utf-8"))["cases"]


def _group_of(groups: dict, figure: list) -> object:
    index, value = figure
    found = [g for (doc, v), g in groups.items() if doc == f"r{index}" and v == value]
    assert found, f"no claim {value} in report {index}"
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_compare_case(case, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, doc in enumerate(case["docs"]):
        (folder / f"r{i}.txt").write_text(f"---\ntitle: {doc.get('title', f'Bericht {i}')}\nsource: {OUTLETS[i % 2]}\n"
                                          f"date: {doc['date']}\nstory: one\n---\n{doc['text']}\n", encoding="utf-8")
    store = Store(tmp_path / "claims.db")
    try:
        assert not ingest(store, [folder]).errors
        regroup(store)
        groups = {(c.doc, c.value): g for g, c in store.claims_with_groups()}
        if "figure" in case:
            group = _group_of(groups, case["figure"])
            if "status" in case:
                assert group.status == case["status"], group.explanation
            if "not_status" in case:
                assert group.status != case["not_status"], group.explanation
            if "explanation" in case:
                assert case["explanation"] in group.explanation, group.explanation
        for a, b in case.get("apart", ()):
            assert _group_of(groups, a).group_id != _group_of(groups, b).group_id, (a, b)
        for a, b in case.get("together", ()):
            assert _group_of(groups, a).group_id == _group_of(groups, b).group_id, (a, b)
    finally:
        store.close()
