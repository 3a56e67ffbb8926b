"""`ingest --jobs N`: the same store whatever N and the start method, errors per file, and the
guarantees of RELIABILITY.md with worker processes (Ctrl-C, SIGKILL, a worker that dies)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from claims import parallel
from claims.compare import regroup_changed
from claims.ingest import extract_paths, ingest
from claims.store import Store
from tests.support import hostile
from tests.support.corpora import mixed_with_seeds
from tests.support.storecheck import (
    NEUTRAL_CWD,
    check_store,
    claims_cmd,
    cli_env,
    expected_claims,
    table_rows,
)


def store_content(db: Path) -> dict[str, list]:
    """Every row of documents, claims, groups and members, without the moment of the run."""
    return table_rows(db, {
        "documents": "SELECT * FROM documents ORDER BY doc_id",
        "claims": "SELECT * FROM claims ORDER BY rowid",  # the order they were written in, too
        "groups": "SELECT * FROM groups ORDER BY group_id",
        "members": "SELECT * FROM group_members ORDER BY claim_id",
    })


@pytest.fixture
def folder(tmp_path) -> Path:
    target = mixed_with_seeds(tmp_path / "docs")
    (target / "bad").mkdir()
    (target / "bad" / "binary.txt").write_bytes(b"\x00\x01\x02\x03 binary")
    (target / "bad" / "empty.txt").write_bytes(b"  \n")
    return target


@pytest.fixture
def pool_used(monkeypatch):
    """Counts the runs that started a pool (the spy runs in this process)."""
    runs = []
    original = parallel.pooled

    def spy(*args, **kwargs):
        runs.append(args[2])  # jobs
        yield from original(*args, **kwargs)

    monkeypatch.setattr(parallel, "pooled", spy)
    return runs


def ingest_into(db: Path, folder: Path, **options):
    with Store(db, create=True) as store:
        return ingest(store, [folder], after_ingest=regroup_changed, pool_min_chars=0, **options)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_the_store_is_the_same_whatever_jobs_is(tmp_path, folder, pool_used, start_method):
    one = ingest_into(tmp_path / "one.db", folder, jobs=1)
    two = ingest_into(tmp_path / "two.db", folder, jobs=2, start_method=start_method)
    assert pool_used == [2]
    assert (two.added, two.claims, two.errors, two.warnings) == (one.added, one.claims, one.errors, one.warnings)
    assert one.added > 10 and any("binary.txt" in e for e in one.errors) and any("empty.txt" in e for e in one.errors)
    assert store_content(tmp_path / "one.db") == store_content(tmp_path / "two.db")


def test_an_extractor_crash_in_a_worker_is_one_error_for_its_file(tmp_path, folder, monkeypatch, pool_used):
    from claims import ingest as ingest_module

    real = ingest_module._extractor()
    clean = ingest_into(tmp_path / "clean.db", folder, jobs=1)

    def flaky(text, **kw):
        if "Kasachstan" in text[:400]:
            raise ValueError("boom")
        return real(text, **kw)

    monkeypatch.setattr("claims.ingest._extractor", lambda: flaky)  # fork: the workers inherit it
    report = ingest_into(tmp_path / "s.db", folder, jobs=2, start_method="fork")
    assert pool_used == [2]
    crashed = [e for e in report.errors if "extraction failed (ValueError: boom)" in e]
    assert crashed and report.added == clean.added - len(crashed) > 0


def test_extract_paths_gives_the_same_claims_in_the_same_order_with_a_pool(folder, pool_used):
    def run(jobs):
        return [(o.doc.doc_id, [c.claim_id for c in o.claims]) if hasattr(o, "doc") else str(o)
                for o in extract_paths([folder], jobs=jobs, pool_min_chars=0)]

    assert run(1) == run(2) and pool_used == [2]


def test_ordered_map_keeps_the_order_and_runs_small_work_here():
    items = list(range(200))
    assert list(parallel.ordered_map(slow_squares, items, jobs=2, chunk_items=7)) == [i * i for i in items]
    # too little work for a pool: it runs in this process (a lambda could not go to a worker)
    assert list(parallel.ordered_map(lambda chunk: chunk, items[:5], jobs=2, min_weight=10)) == items[:5]


def slow_squares(chunk: list[int]) -> list[int]:
    time.sleep(0.001 * (chunk[0] % 3))  # chunks finish out of order
    return [i * i for i in chunk]


# -- the process around the workers -----------------------------------------------------------


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("big") / "docs"
    docs = hostile.synthesise_documents(240, seed=3)
    hostile.write_documents(folder, docs)
    return folder, expected_claims(folder, docs)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_with_workers(db: Path, folder: Path, **popen) -> tuple[subprocess.Popen, list[int]]:
    proc = subprocess.Popen(claims_cmd(db, "ingest", str(folder), "--jobs", "2"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=NEUTRAL_CWD, **popen)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        if len(workers) >= 2:
            time.sleep(0.3)  # let them work a little
            return proc, children(proc.pid)
        time.sleep(0.02)
    proc.kill()
    pytest.fail(f"no workers seen: {proc.communicate()}")


pytestmark_linux = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")


@pytestmark_linux
def test_a_sigkilled_ingest_leaves_no_worker_behind_and_whole_documents(tmp_path, big_folder):
    folder, expected = big_folder
    db = tmp_path / "s.db"
    proc, workers = start_with_workers(db, folder)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(map(alive, workers)):
        time.sleep(0.1)
    assert not any(map(alive, workers))
    assert check_store(db, expected) == []


@pytestmark_linux
def test_ctrl_c_stops_the_workers_with_one_line(tmp_path, big_folder):
    folder, expected = big_folder
    db = tmp_path / "s.db"
    proc, workers = start_with_workers(db, folder, start_new_session=True)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, -signal.SIGINT), err
    assert err.strip().splitlines() == ["Interrupted; nothing half-written was kept."]
    assert not any(map(alive, workers))
    assert check_store(db, expected) == []


@pytestmark_linux
def test_a_worker_that_dies_is_one_error_line_and_the_store_stays_whole(tmp_path, big_folder):
    folder, expected = big_folder
    db = tmp_path / "s.db"
    proc, workers = start_with_workers(db, folder)
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err.strip().splitlines()[-1].startswith("Error: a worker process died"), err
    assert "Traceback" not in err
    assert check_store(db, expected) == []
