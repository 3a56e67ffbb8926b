"""Stories of a few reports told in YAML cases, ingested and regrouped on a temporary store."""

from __future__ import annotations

from pathlib import Path

import yaml

from claims.compare import regroup
from claims.ingest import ingest
from claims.store import Store

OUTLETS = ("Nachrichtenagentur Nord", "Radio Süd")  # media outlets: a source line of their own
DATA = Path(__file__).resolve().parent.parent / "data"


def load_cases(name: str) -> list[dict]:
    """The cases of tests/data/NAME."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["cases"]


def groups_of_case(case: dict, tmp_path: Path) -> dict:
    """Ingest the case's reports (r0, r1, ... of alternating outlets, one story) and regroup:
    {(doc, value): group} of every claim."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, doc in enumerate(case["docs"]):
        (folder / f"r{i}.txt").write_text(f"---\ntitle: {doc.get('title', f'Bericht {i}')}\nsource: {OUTLETS[i % 2]}\n"
                                          f"date: {doc['date']}\nstory: one\n---\n{doc['text']}\n", encoding="utf-8")
    store = Store(tmp_path / "claims.db")
    try:
        assert not ingest(store, [folder]).errors
        regroup(store)
        return {(c.doc, c.value): g for g, c in store.claims_with_groups()}
    finally:
        store.close()


def group_of(groups: dict, figure: list) -> object:
    """The group of figure [report index, value]."""
    index, value = figure
    found = [g for (doc, v), g in groups.items() if doc == f"r{index}" and v == value]
    assert found, f"no claim {value} in report {index}"
    return found[0]


def assert_status(group, case: dict) -> None:
    """The case's status, not_status and explanation hold for the group."""
    if "status" in case:
        assert group.status == case["status"], group.explanation
    if "not_status" in case:
        assert group.status != case["not_status"], group.explanation
    if "explanation" in case:
        assert case["explanation"] in group.explanation, group.explanation
