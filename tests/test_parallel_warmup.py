"""parallel.py: the initializer runs once in this process when workers are forked (they inherit
what it loaded), in every worker otherwise; workers keep what was loaded out of the collector."""

from __future__ import annotations

import gc
import os

import pytest

from claims.parallel import ordered_map

LOADED: list[int] = []  # the processes whose initializer ran, as a worker sees it


def _load() -> None:
    LOADED.append(os.getpid())


def _seen(chunk: list[int]) -> list[tuple[int, tuple[int, ...], bool]]:
    return [(os.getpid(), tuple(LOADED), gc.get_freeze_count() > 0) for _ in chunk]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_the_initializer_runs_once_per_process_that_extracts(start_method):
    LOADED.clear()
    seen = list(ordered_map(_seen, range(40), jobs=2, initializer=_load, start_method=start_method, chunk_items=4))
    workers = {pid for pid, _, _ in seen}
    assert os.getpid() not in workers and len(seen) == 40
    if start_method == "fork":
        assert LOADED == [os.getpid()]  # here, once
        assert {loaded for _, loaded, _ in seen} == {(os.getpid(),)}  # inherited, not run again
    else:
        assert LOADED == []
        assert all(loaded == (pid,) for pid, loaded, _ in seen)  # each worker ran it itself
    assert all(frozen for _, _, frozen in seen)


def test_after_the_warm_up_reading_a_document_for_the_store_loads_no_lexicon(tmp_path, monkeypatch):
    from claims.batches import FileTask
    from claims.ingest import extract_tasks, warm_up
    from claims.lexicon import loader

    warm_up()
    read = []
    monkeypatch.setattr(loader, "_read_yaml", lambda *args, **kwargs: read.append(args))
    text = "Laut Polizei wurden am Montag in Almaty 16 Menschen getötet. Police said 3 people died in Almaty."
    outcome, = extract_tasks([FileTask("a.txt", str(tmp_path / "a.txt"), "a", text.encode(), for_store=True)])
    assert outcome.error is None and outcome.rows and outcome.story_terms
    assert read == []  # forked workers inherit every lexicon the writer loaded in warm_up
