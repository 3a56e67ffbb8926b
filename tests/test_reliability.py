"""Crash safety, hostile input and the user's view of every failure, as real processes see them.

Short versions of ``scripts/reliability.py`` (crash, mutate, adversarial) plus
one check per failure a user can meet: one clear line, a non-zero exit code,
no traceback.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import crash, fuzz, hostile, storecheck
from tests.support.growth import assert_linear

SEEDS = hostile.SEEDS


def claims(db: Path, *args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(storecheck.claims_cmd(db, *args), capture_output=True, text=True,
                          env=env or storecheck.cli_env(), cwd=storecheck.NEUTRAL_CWD, timeout=120, **kw)


def one_error_line(result: subprocess.CompletedProcess, code: int = 1) -> str:
    """The single error line of a failed run; fails unless the user sees exactly that."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


# -- crash safety ------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_and_interrupted_ingests_leave_whole_documents(jobs):
    report = crash.run_crash(kills=4, sigints=1, early_sigints=0, n_docs=40, seed=7, log=lambda _: None, jobs=jobs)
    assert report.sigkills >= 4
    assert report.problems == []
    assert report.integrity_ok == report.integrity_checks >= 5
    assert report.reruns_complete == report.reruns
    assert report.sigint_clean_exits == report.sigints == 1


# Ctrl-C while Python is still importing the CLI (the first ~0.15 s): simulated by an import hook that
# raises KeyboardInterrupt when the store module is loaded, then starting the CLI as the console script does.
_INTERRUPT_WHILE_LOADING = """
import sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "claims.store":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupt())
from importlib.metadata import entry_points
(script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "claims"]
sys.argv = ["claims", "--db", sys.argv[1], "docs"]
sys.exit(script.load()())
"""


def test_ctrl_c_while_the_cli_is_loading_is_not_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-c", _INTERRUPT_WHILE_LOADING, str(tmp_path / "x.db")],
                            capture_output=True, text=True, cwd=storecheck.NEUTRAL_CWD, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr[-500:]
    assert result.returncode == 130


# -- the user's view of each failure ---------------------------------------------------------


def test_missing_path_and_empty_folder(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = claims(tmp_path / "s.db", "ingest", str(tmp_path / "nope"), str(empty))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 2 and all(line.startswith("Error:") for line in errors), errors


@pytest.mark.parametrize(
    "setup, args, words",
    [
        ("garbage", ("docs",), "not a claims store"),
        ("foreign", ("list",), "not a claims store"),
        ("newer", ("docs",), "newer version"),
        ("newer", ("ingest", str(SEEDS)), "newer version"),
        ("folder", ("docs",), "folder"),
        ("missing-folder", ("ingest", str(SEEDS)), "cannot open"),
        ("none", ("list",), "does not exist"),
        ("seeds", ("show", "nosuchclaim"), "no claim"),
        ("seeds", ("list", "--doc", "nosuchdoc"), "no document"),
        ("seeds", ("diff", "nosuchdoc", "000"), "no document"),
        ("seeds", ("export", "-o", "/nonexistent/dir/out.csv"), "/nonexistent/dir"),
        ("seeds", ("extract", "/nonexistent.txt"), "nonexistent"),
    ],
)
def test_each_failure_is_one_clear_line(tmp_path, setup, args, words, seeded_store):
    db = tmp_path / "s.db"
    if setup == "garbage":
        db.write_bytes(b"this is not sqlite" * 100)
    elif setup == "foreign":
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    elif setup == "newer":
        db.write_bytes(seeded_store.read_bytes())
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
    elif setup == "folder":
        db = tmp_path
    elif setup == "missing-folder":
        db = tmp_path / "no" / "such" / "s.db"
    elif setup == "seeds":
        db.write_bytes(seeded_store.read_bytes())
    result = claims(db, *args)
    line = one_error_line(result)
    assert line.startswith("Error:") and words in line, line


def test_locked_store_is_one_line(tmp_path, seeded_store):
    db = tmp_path / "s.db"
    db.write_bytes(seeded_store.read_bytes())
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        changed = tmp_path / "new.txt"
        changed.write_text("Es wurden 16 Menschen getötet.", encoding="utf-8")
        result = claims(db, "ingest", str(changed), env=dict(storecheck.cli_env(), CLAIMS_BUSY_TIMEOUT="0.3"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked" in one_error_line(result)


def test_closed_stdout_is_not_a_traceback(seeded_store):
    proc = subprocess.Popen(storecheck.claims_cmd(seeded_store, "export", "--format", "jsonl"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=storecheck.cli_env(), cwd=storecheck.NEUTRAL_CWD)
    proc.stdout.readline()
    proc.stdout.close()  # like `claims export | head -1`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err, err


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seeded") / "seeds.db"
    result = claims(db, "ingest", str(SEEDS))
    assert result.returncode == 0, result.stderr
    return db


# -- hostile input ------------------------------------------------------------------------


def test_mutated_seeds_crash_nothing():
    report = fuzz.run_mutate(rounds=1, corpus_texts=0, seeds=2, seed=11, cli=True, show=2, log=lambda _: None)
    assert report.tried >= 60
    assert (report.crashed, report.violations) == (0, 0), report.problems[:5]
    assert (report.cli_crashed, report.cli_read_problems) == (0, 0), report.problems[:5]


def checked_extraction(text: str):
    """The timed call: extract from ``text`` and check the claims it gives."""
    from claims.extract import extract_claims

    def work():
        assert not hostile.claim_problems(text, extract_claims(text, doc_date="2022-01-11"))

    return work


@pytest.mark.parametrize("name", sorted(hostile.ADVERSARIAL))
def test_adversarial_input_takes_linear_time(name):
    assert_linear(lambda size: checked_extraction(hostile.adversarial_text(name, size)), 500, name)


def test_interrupted_regrouping_is_finished_by_the_next_run(tmp_path):
    """Ctrl-C (or a kill) after the last document is written but before the groups are: the re-run,
    which finds every file unchanged, must still leave the groups a clean ingest gives."""
    from claims.compare import regroup
    from claims.ingest import ingest
    from claims.store import Store

    def interrupted(store):
        raise KeyboardInterrupt

    broken, clean = tmp_path / "broken.db", tmp_path / "clean.db"
    with Store(broken) as store, pytest.raises(KeyboardInterrupt):
        ingest(store, [SEEDS], after_ingest=interrupted)
    with Store(broken) as store:
        ingest(store, [SEEDS], after_ingest=regroup)
    with Store(clean) as store:
        ingest(store, [SEEDS], after_ingest=regroup)
    assert storecheck.read_groups(clean)
    assert storecheck.read_groups(broken) == storecheck.read_groups(clean)


@pytest.mark.parametrize("word", ["hundert ", "zwei ", "eins zwei ", "one hundred "])
def test_long_runs_of_number_words_are_read_in_linear_time(word):
    """A run of number words with nothing between them (a scraped list, a stutter) is read once."""
    from claims.extract.numbers import find_numbers

    lang = "en" if word.startswith("one") else "de"
    assert_linear(lambda size: lambda: find_numbers((word * size)[:size], lang), 1_000, repr(word))


def test_a_reader_bug_in_one_file_does_not_stop_the_others(cli, tmp_path, monkeypatch):
    """Like an extractor crash, an unexpected error while reading one file is one error line for that file."""
    from claims import documents

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"In {name} wurden 16 Menschen getötet.", encoding="utf-8")
    parse = documents.parse_document

    def flaky(data, path, *args, **kwargs):
        if Path(path).stem == "b":
            raise KeyError("juni̇")  # as the month lookup once did for 'Junİ'
        return parse(data, path, *args, **kwargs)

    monkeypatch.setattr(documents, "parse_document", flaky)
    result = cli("ingest", str(folder))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "b.txt" in errors[0], errors
    assert [doc["doc_id"] for doc in __import__("json").loads(cli("docs", "--json").stdout)] == ["a", "c"]
