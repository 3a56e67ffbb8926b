"""A regroup runs with the cyclic garbage collector paused (issue 13, speed), and gives it back."""

from __future__ import annotations

import gc

from claims.ingest import ingest
from claims.store import Store


def test_a_regroup_pauses_the_collector_and_restores_it(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Laut Polizei wurden 16 Menschen getötet.", encoding="utf-8")
    store = Store(tmp_path / "s.db")
    ingest(store, [tmp_path / "docs"])
    seen = []

    def stories(inputs):
        seen.append(gc.isenabled())
        return []

    def group(claims, stories):
        seen.append(gc.isenabled())
        return []

    assert gc.isenabled()
    store.regroup_changed(group, stories=stories)
    assert seen == [False, False] and gc.isenabled()
