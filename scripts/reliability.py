#!/usr/bin/env python
"""Reliability harness for `claims`: crash safety, concurrency, hostile input, adversarial speed.

    python scripts/reliability.py all            # everything below, a few minutes
    python scripts/reliability.py crash          # SIGKILL/SIGINT an ingest at random moments
    python scripts/reliability.py concurrency    # two ingests at once; readers during an ingest
    python scripts/reliability.py mutate         # mutated seeds/corpus texts into extract_claims and the CLI
    python scripts/reliability.py adversarial    # seconds per MB of adversarial 1 MB inputs vs normal news

Every run works in a temporary folder (documents are synthesised from
``seeds/`` and ``/work/shared/corpus`` and never written into the repository)
and exits non-zero when a check fails. Figures are recorded in RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile  # noqa: E402

ROOT = hostile.ROOT
# `python -m claims` puts its working folder first on sys.path: run it where no claims/ lies.
NEUTRAL_CWD = tempfile.gettempdir()
STARTUP_SECONDS = 0.3  # python and the CLI's imports; Ctrl-C before that is counted apart
Expected = dict[tuple[str, str], frozenset[str]]  # (doc_id, content_hash) -> claim ids


# -- running the CLI -------------------------------------------------------------------


def cli_env() -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120", PYTHONUNBUFFERED="1")
    env.pop("CLAIMS_DB", None)
    env.pop("FORCE_COLOR", None)
    return env


def claims_cmd(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claims", "--db", str(db), *args]


def run_claims(db: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(claims_cmd(db, *args), capture_output=True, text=True, env=cli_env(),
                          timeout=timeout, cwd=NEUTRAL_CWD)


def start_claims(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(claims_cmd(db, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=cli_env(), cwd=NEUTRAL_CWD)


def user_view_problems(result: subprocess.CompletedProcess | tuple[int, str, str], *, ok_codes=(0,)) -> list[str]:
    """What a user would object to: a traceback, a lock error, an unexpected exit code, a multi-line error."""
    code, out, err = result if isinstance(result, tuple) else (result.returncode, result.stdout, result.stderr)
    problems = []
    if "Traceback" in out + err:
        problems.append(f"traceback (exit {code}): {err.strip()[-600:]}")
    if "locked" in err:
        problems.append(f"lock error: {err.strip()[-300:]}")
    if code not in ok_codes:
        problems.append(f"exit code {code}: {err.strip()[-300:]}")
    for line in err.splitlines():
        if "internal error" in line or "extraction failed" in line:
            problems.append(line.strip()[:300])
    return problems


# -- what the store should hold ------------------------------------------------------------


def expected_claims(folder: Path, docs: dict[str, bytes]) -> Expected:
    """The claim ids a clean, in-process extraction gives for each (document, content) pair."""
    from claims import documents
    from claims.ingest import extract_document

    expected: Expected = {}
    for rel, data in docs.items():
        path = folder / rel
        doc = documents.parse_document(data, path, documents.doc_id_for(path))
        expected[(doc.doc_id, doc.content_hash)] = frozenset(c.claim_id for c in extract_document(doc))
    return expected


def content_state(folder: Path, docs: dict[str, bytes]) -> dict[str, str]:
    """doc id -> content hash of the files as they are now."""
    from claims import documents

    return {documents.doc_id_for(folder / rel): documents.content_hash(data) for rel, data in docs.items()}


def read_groups(db: Path) -> dict[str, tuple[str, ...]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT group_id, claim_id FROM group_members ORDER BY group_id, claim_id").fetchall()
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
    groups: dict[str, list[str]] = {}
    for gid, cid in rows:
        groups.setdefault(gid, []).append(cid)
    return {gid: tuple(ids) for gid, ids in groups.items()}


def check_store(db: Path, expected: Expected, complete: dict[str, str] | None = None,
                groups: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Problems of the store at ``db``: integrity, and every document fully present or absent.

    ``complete`` (doc id -> hash) demands exactly these documents; ``groups``
    demands exactly these group memberships (when grouping is wired into ingest).
    """
    if not db.exists():
        return ["store missing after a completed run"] if complete is not None else []
    problems: list[str] = []
    conn = sqlite3.connect(db, timeout=30)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk[:5]}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if "documents" not in tables:
            return problems + (["no documents table after a completed run"] if complete is not None else [])
        if "claims_fts" in tables:
            try:
                conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")
            except sqlite3.Error as exc:
                problems.append(f"full-text index out of step with claims: {exc}")
        stored: dict[str, str] = {}
        for doc_id, content_hash, n_claims in conn.execute("SELECT doc_id, content_hash, n_claims FROM documents"):
            stored[doc_id] = content_hash
            ids = frozenset(r[0] for r in conn.execute("SELECT claim_id FROM claims WHERE doc = ?", (doc_id,)))
            want = expected.get((doc_id, content_hash))
            if want is None:
                problems.append(f"{doc_id}: stored content {content_hash[:12]} was never on disk")
            elif ids != want:
                problems.append(
                    f"{doc_id}: stored claims differ from a clean extraction ({len(ids)} stored, {len(want)} expected, "
                    f"{len(want - ids)} missing)"
                )
            if n_claims != len(ids):
                problems.append(f"{doc_id}: n_claims says {n_claims}, {len(ids)} stored")
        orphans = conn.execute("SELECT count(*) FROM claims WHERE doc NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} claims without their document")
    finally:
        conn.close()
    if complete is not None and stored != complete:
        missing = sorted(set(complete) - set(stored))
        stale = sorted(d for d in complete if d in stored and stored[d] != complete[d])
        problems.append(f"after re-run: {len(missing)} documents missing {missing[:3]}, {len(stale)} stale {stale[:3]}")
    if groups is not None and read_groups(db) != groups:
        problems.append("after re-run: groups differ from a clean ingest of the same files")
    return problems


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def document_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


# -- crash safety -----------------------------------------------------------------------


@dataclass
class CrashReport:
    documents: int = 0
    clean_seconds: float = 0.0
    sigkills: int = 0
    finished_before_kill: int = 0
    sigints: int = 0
    sigint_clean_exits: int = 0
    early_sigints: int = 0
    early_sigint_tracebacks: int = 0
    integrity_checks: int = 0
    integrity_ok: int = 0
    reruns: int = 0
    reruns_complete: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.integrity_ok == self.integrity_checks and self.reruns_complete == self.reruns

    def lines(self) -> list[str]:
        return [
            f"documents per run: {self.documents}, clean ingest {self.clean_seconds:.2f} s",
            f"SIGKILL at random moments: {self.sigkills} kills ({self.finished_before_kill} runs finished before the kill)",
            f"SIGINT during ingest: {self.sigints}, clean exits (code 130, one line, no traceback): {self.sigint_clean_exits}",
            f"SIGINT during start-up (first 0.3 s): {self.early_sigints}, with a traceback: {self.early_sigint_tracebacks}",
            f"store checks after a kill (integrity ok, each document whole or absent): {self.integrity_ok}/{self.integrity_checks}",
            f"re-runs that completed the ingest: {self.reruns_complete}/{self.reruns}",
            f"problems: {len(self.problems)}",
            *(f"  - {p}" for p in self.problems[:20]),
        ]


class CrashHarness:
    """A folder of documents, the claims a clean extraction gives, and kill-and-check rounds."""

    def __init__(self, workdir: Path, n_docs: int, seed: int):
        self.workdir = workdir
        self.rng = random.Random(seed)
        self.folder = workdir / "docs"
        self.originals = hostile.synthesise_documents(n_docs, seed=seed)
        chosen = self.rng.sample(sorted(self.originals), max(1, n_docs // 5))
        self.changed = {rel: hostile.edited(self.originals[rel], self.rng) for rel in chosen}
        hostile.write_documents(self.folder, self.originals)
        self.expected = expected_claims(self.folder, self.originals) | expected_claims(self.folder, self.changed)
        self.report = CrashReport(documents=n_docs)
        self.reference: dict[str, Path] = {}
        self.seconds: dict[str, float] = {}
        self.groups: dict[str, dict] = {}

    def files(self, mode: str) -> dict[str, bytes]:
        return self.originals | self.changed if mode == "update" else self.originals

    def prepare(self, mode: str, db: Path) -> None:
        """Put the files of ``mode`` on disk and the store it starts from at ``db``."""
        remove_store(db)
        hostile.write_documents(self.folder, self.files(mode))
        if mode == "update":
            shutil.copyfile(self.reference["fresh"], db)

    def build_references(self) -> None:
        for mode in ("fresh", "update"):
            db = self.workdir / f"reference-{mode}.db"
            self.prepare(mode, db)
            started = time.perf_counter()
            result = run_claims(db, "ingest", str(self.folder))
            self.seconds[mode] = time.perf_counter() - started
            problems = user_view_problems(result) + check_store(db, self.expected, self.state(mode))
            if problems:
                raise SystemExit(f"clean {mode} ingest failed: {problems[:3]}")
            self.reference[mode] = db
            self.groups[mode] = read_groups(db)
        self.report.clean_seconds = self.seconds["fresh"]

    def state(self, mode: str) -> dict[str, str]:
        return content_state(self.folder, self.files(mode))

    def check(self, db: Path, what: str) -> None:
        self.report.integrity_checks += 1
        problems = check_store(db, self.expected)
        if problems:
            self.report.problems.extend(f"{what}: {p}" for p in problems[:3])
        else:
            self.report.integrity_ok += 1

    def rerun(self, db: Path, mode: str, what: str) -> None:
        self.report.reruns += 1
        result = run_claims(db, "ingest", str(self.folder))
        groups = self.groups[mode] if self.groups[mode] else None
        problems = user_view_problems(result) + check_store(db, self.expected, self.state(mode), groups)
        if problems:
            self.report.problems.extend(f"{what}, re-run: {p}" for p in problems[:3])
        else:
            self.report.reruns_complete += 1

    def sigkill_episode(self, episode: int, mode: str) -> None:
        db = self.workdir / f"episode{episode}.db"
        self.prepare(mode, db)
        for attempt in range(self.rng.randint(1, 3)):
            delay = self.rng.uniform(0.0, self.seconds[mode] * (1.0 if attempt == 0 else 0.6))
            proc = start_claims(db, "ingest", str(self.folder))
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                self.report.sigkills += 1
            else:
                self.report.finished_before_kill += 1
            proc.communicate()
            self.check(db, f"{mode} episode {episode}, SIGKILL after {delay:.2f} s")
        self.rerun(db, mode, f"{mode} episode {episode}")
        remove_store(db)

    def sigint_episode(self, episode: int, mode: str, *, early: bool) -> None:
        """Ctrl-C at a random moment: during start-up (``early``) or while documents are written."""
        db = self.workdir / f"sigint{episode}.db"
        what = f"{mode} SIGINT {episode}{' (start-up)' if early else ''}"
        for attempt in range(6):  # retry when the run finished before the signal could arrive
            self.prepare(mode, db)
            proc = start_claims(db, "ingest", str(self.folder))
            if early:
                time.sleep(self.rng.uniform(0.0, 0.3))
            else:
                time.sleep(self.rng.uniform(STARTUP_SECONDS, max(STARTUP_SECONDS, 0.8 * self.seconds[mode])) / (attempt + 1))
            alive = proc.poll() is None
            if alive:
                proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
            if alive or early:
                break
        if early:
            self.report.early_sigints += alive
            self.report.early_sigint_tracebacks += "Traceback" in err
        elif alive:
            self.report.sigints += 1
            lines = [line for line in err.splitlines() if line.strip()]
            if proc.returncode == 130 and len(lines) == 1 and "Traceback" not in err:
                self.report.sigint_clean_exits += 1
            elif proc.returncode != 0:  # 0: finished just before the signal arrived
                self.report.problems.append(f"{what}: exit {proc.returncode}, stderr {err.strip()[-300:]!r}")
            else:
                self.report.sigint_clean_exits += 1
        self.check(db, what)
        self.rerun(db, mode, what)
        remove_store(db)


def run_crash(kills: int = 30, sigints: int = 5, early_sigints: int = 5, n_docs: int = 300, seed: int = 1,
              log: Callable[[str], None] = print) -> CrashReport:
    with temporary_folder("claims-crash-") as workdir:
        harness = CrashHarness(workdir, n_docs, seed)
        harness.build_references()
        log(f"clean ingest of {n_docs} documents: {harness.seconds['fresh']:.2f} s; "
            f"update of {len(harness.changed)}: {harness.seconds['update']:.2f} s")
        episode = 0
        while harness.report.sigkills < kills:
            harness.sigkill_episode(episode, "update" if episode % 3 == 2 else "fresh")
            episode += 1
            if episode > kills * 4:
                harness.report.problems.append("ingest finished too fast to be killed; use more documents")
                break
        for i in range(sigints):
            harness.sigint_episode(i, "update" if i % 2 else "fresh", early=False)
        for i in range(early_sigints):
            harness.sigint_episode(100 + i, "fresh", early=True)
        return harness.report


@contextmanager
def temporary_folder(prefix: str):
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- concurrency ---------------------------------------------------------------------------------


@dataclass
class ConcurrencyReport:
    pair_runs: int = 0
    pair_runs_ok: int = 0
    reader_runs: int = 0
    reader_runs_ok: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        return [
            f"two ingests at once on one store, both exit 0 and the store is complete: {self.pair_runs_ok}/{self.pair_runs}",
            f"reads (list/docs/export/query) during an ingest, consistent and clean: {self.reader_runs_ok}/{self.reader_runs}",
            f"problems: {len(self.problems)}",
            *(f"  - {p}" for p in self.problems[:20]),
        ]


def has_command(name: str) -> bool:
    from claims.cli import app
    import typer.main

    return name in typer.main.get_command(app).commands  # type: ignore[attr-defined]


def reader_problems(db: Path, expected: Expected) -> tuple[int, list[str]]:
    """Run each reading command once against a store being written; return (runs, problems)."""
    versions: dict[str, set[frozenset[str]]] = {}
    for (doc_id, _), ids in expected.items():
        versions.setdefault(doc_id, set()).add(ids)
    runs, problems = 0, []
    commands = [("list", "--json"), ("docs", "--json"), ("export", "--format", "json")]
    if has_command("query"):
        commands.append(("query", "Tote", "--json") if _takes_json("query") else ("query", "Tote"))
    for args in commands:
        result = run_claims(db, *args, timeout=120)
        runs += 1
        if result.returncode != 0 and "does not exist" in result.stderr:
            continue
        found = user_view_problems(result)
        if not found and args[0] in ("list", "export"):
            found = _claims_consistent(result.stdout, versions)
        if not found and args[0] == "docs":
            for doc in json.loads(result.stdout or "[]"):
                want = expected.get((doc["doc_id"], doc["content_hash"]))
                if want is None or len(want) != doc["n_claims"]:
                    found.append(f"docs: {doc['doc_id']} lists {doc['n_claims']} claims")
        problems.extend(f"{' '.join(args)}: {p}" for p in found[:2])
    return runs, problems


def _takes_json(command: str) -> bool:
    from claims.cli import app
    import typer.main

    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return any("--json" in p.opts for p in cmd.params)


def _claims_consistent(stdout: str, versions: dict[str, set[frozenset[str]]]) -> list[str]:
    try:
        records = json.loads(stdout or "[]")
    except ValueError as exc:
        return [f"output is not JSON ({exc})"]
    by_doc: dict[str, set[str]] = {}
    for record in records:
        by_doc.setdefault(record["doc"], set()).add(record["claim_id"])
    return [
        f"{doc}: {len(ids)} claims, not one whole version of the document"
        for doc, ids in by_doc.items()
        if frozenset(ids) not in versions.get(doc, set())
    ]


def run_concurrency(n_docs: int = 120, rounds: int = 3, seed: int = 2,
                    log: Callable[[str], None] = print) -> ConcurrencyReport:
    report = ConcurrencyReport()
    with temporary_folder("claims-concurrency-") as workdir:
        docs = hostile.synthesise_documents(n_docs, seed=seed)
        names = sorted(docs)
        halves = {"x": {n: docs[n] for n in names[::2]}, "y": {n: docs[n] for n in names[1::2]}}
        for half, files in halves.items():
            hostile.write_documents(workdir / half, files)
        expected = expected_claims(workdir / "x", halves["x"]) | expected_claims(workdir / "y", halves["y"])
        complete = content_state(workdir / "x", halves["x"]) | content_state(workdir / "y", halves["y"])
        x, y = str(workdir / "x"), str(workdir / "y")
        scenarios = [("same folders", (x, y), (x, y)), ("disjoint folders", (x,), (y,)),
                     ("crossed order", (x, y), (y, x))]
        for r in range(rounds):
            for name, first, second in scenarios:
                db = workdir / f"pair{r}-{len(report.problems)}.db"
                remove_store(db)
                procs = [start_claims(db, "ingest", *first), start_claims(db, "ingest", *second)]
                results = [(p.wait(timeout=600), p.stdout.read(), p.stderr.read()) for p in procs]
                for p in procs:
                    p.stdout.close()
                    p.stderr.close()
                found = [p for res in results for p in user_view_problems(res)]
                found += check_store(db, expected, complete)
                report.pair_runs += 1
                report.pair_runs_ok += not found
                report.problems.extend(f"{name} (round {r}): {p}" for p in found[:3])
                remove_store(db)
        for r in range(rounds):
            db = workdir / f"readers{r}.db"
            remove_store(db)
            writer = start_claims(db, "ingest", x, y)
            while writer.poll() is None:
                runs, found = reader_problems(db, expected)
                report.reader_runs += runs
                report.reader_runs_ok += runs - len(found)
                report.problems.extend(f"reader (round {r}): {p}" for p in found)
            out, err = writer.communicate()
            found = user_view_problems((writer.returncode, out, err)) + check_store(db, expected, complete)
            report.problems.extend(f"writer with readers (round {r}): {p}" for p in found)
            remove_store(db)
        log(f"concurrency: {report.pair_runs} pair runs, {report.reader_runs} reads")
    return report


# -- hostile input ---------------------------------------------------------------------------


@dataclass
class MutationReport:
    tried: int = 0
    crashed: int = 0
    violations: int = 0
    slowest: tuple[float, str] = (0.0, "")
    cli_files: int = 0
    cli_crashed: int = 0
    cli_reads: int = 0
    cli_read_problems: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.crashed and not self.violations and not self.cli_crashed and not self.cli_read_problems

    def lines(self) -> list[str]:
        return [
            f"extract_claims: {self.tried} mutated inputs tried, {self.crashed} crashed, "
            f"{self.violations} broke an invariant; {self.seconds:.1f} s in all, slowest {self.slowest[0]:.2f} s ({self.slowest[1]})",
            f"claims ingest: {self.cli_files} mutated files, {self.cli_crashed} crashed (traceback/internal error)",
            f"list/docs/show/export on the mutated store: {self.cli_reads} runs, {self.cli_read_problems} problems",
            *(f"  - {p}" for p in self.problems[:20]),
        ]


def run_mutate(rounds: int = 1, corpus_texts: int = 40, seed: int = 3, cli: bool = True, show: int = 20,
               seeds: int | None = None, log: Callable[[str], None] = print) -> MutationReport:
    """Every mutation of the seeds (the first ``seeds``) and ``corpus_texts`` corpus articles, ``rounds`` times."""
    import faulthandler

    from claims.extract import extract_claims

    report = MutationReport()
    texts = hostile.seed_texts()[:seeds] + [a["text"] for a in hostile.corpus_articles(limit=corpus_texts)]
    began = time.perf_counter()
    inputs = list(hostile.mutated_inputs(texts, rounds=rounds, seed=seed))
    for name, data in inputs:
        for text in {data.decode("utf-8", "replace"), data.decode("latin-1")} if b"\x80" in data else {data.decode("utf-8", "replace")}:
            report.tried += 1
            faulthandler.dump_traceback_later(300, exit=True)  # a hang (catastrophic regex) ends the run loudly
            started = time.perf_counter()
            try:
                found = extract_claims(text, doc_date="2022-01-11")
            except Exception as exc:  # noqa: BLE001 - counting every crash is the point
                report.crashed += 1
                report.problems.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
                continue
            finally:
                faulthandler.cancel_dump_traceback_later()
            seconds = time.perf_counter() - started
            report.slowest = max(report.slowest, (seconds, name))
            broken = hostile.claim_problems(text, found)
            if broken:
                report.violations += 1
                report.problems.append(f"{name}: {broken[0]}"[:300])
    report.seconds = time.perf_counter() - began
    log(f"mutate: {report.tried} inputs through extract_claims in {report.seconds:.1f} s")
    if cli:
        with temporary_folder("claims-mutate-") as workdir:
            run_mutate_cli(workdir, inputs, report, show)
    return report


def run_mutate_cli(workdir: Path, inputs: list[tuple[str, bytes]], report: MutationReport, show: int) -> None:
    folder, db = workdir / "docs", workdir / "mutated.db"
    folder.mkdir()
    for name, data in inputs:
        (folder / f"{name}.txt").write_bytes(data)
    report.cli_files = len(inputs)
    result = run_claims(db, "ingest", str(folder), timeout=1800)
    crashed = [line for line in result.stderr.splitlines() if "extraction failed" in line or "internal error" in line]
    report.cli_crashed = len(crashed) + ("Traceback" in result.stdout + result.stderr) + (result.returncode not in (0, 1))
    report.problems.extend(f"ingest: {line[:300]}" for line in crashed[:10])
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        report.problems.append(f"ingest exit {result.returncode}: {result.stderr.strip()[-400:]}")
    stray = [l for l in result.stderr.splitlines() if l.strip() and not l.startswith(("Error:", "Warning:"))]
    if stray:
        report.problems.append(f"ingest printed a line that is neither an error nor a warning: {stray[0][:200]!r}")
        report.cli_crashed += 1
    reads = [("docs",), ("list",), ("list", "--json"), ("export", "--format", "csv"), ("export", "--format", "json")]
    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT claim_id FROM claims ORDER BY random() LIMIT ?", (show,))]
    conn.close()
    reads += [("show", claim_id) for claim_id in ids]
    for command in ("conflicts", "query"):
        if has_command(command):
            reads.append((command,) if command == "conflicts" else (command, "Tote"))
    for args in reads:
        result = run_claims(db, *args, timeout=600)
        report.cli_reads += 1
        found = user_view_problems(result)
        # CSV is data for files and spreadsheets and keeps the text as read; every other output is for people.
        if "\x1b" in result.stderr or ("\x1b" in result.stdout and args[:3] != ("export", "--format", "csv")):
            found.append("an escape character reached the terminal")
        if found:
            report.cli_read_problems += 1
            report.problems.append(f"{' '.join(args)}: {found[0]}"[:300])


# -- adversarial speed ---------------------------------------------------------------------------


def time_case(name: str, size: int) -> dict:
    """Seconds to extract ``size`` characters of adversarial ``name`` (run in a child process)."""
    import resource

    from claims.extract import extract_claims

    limit = 4 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    extract_claims("Mindestens 5 Menschen wurden am 3. Januar getötet.", doc_date="2022-01-11")
    text = hostile.adversarial_text(name, size)
    started = time.perf_counter()
    found = extract_claims(text, doc_date="2022-01-11")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "claims": len(found), "peak_mb": round(peak), "problems": len(hostile.claim_problems(text, found))}


def measure_case(name: str, size: int, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_time", name, str(size)]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout > {timeout:.0f} s"}
    if result.returncode != 0:
        return {"error": (result.stderr.strip().splitlines() or ["exit %d" % result.returncode])[-1][:200]}
    return json.loads(result.stdout.strip().splitlines()[-1])


@dataclass
class AdversarialReport:
    rows: list[dict] = field(default_factory=list)
    normal_s_per_mb: float = 0.0

    @property
    def flagged(self) -> list[dict]:
        return [row for row in self.rows if row["flag"]]

    @property
    def ok(self) -> bool:
        return not self.flagged

    def lines(self) -> list[str]:
        out = [f"{'input':32} {'s/MB small':>10} {'s/MB 1x':>9} {'x normal':>8} {'claims':>8} {'peak MB':>8}  flag"]
        for row in self.rows:
            out.append(
                f"{row['name'][:32]:32} {_fmt(row.get('small'))} {_fmt(row.get('large'))} "
                f"{row.get('ratio', float('nan')):8.1f} {row.get('claims', ''):>8} {row.get('peak_mb', ''):>8}  {row['flag']}"
            )
        return out


def _fmt(value) -> str:
    return f"{value:10.3f}" if isinstance(value, float) else f"{str(value):>10}"


def run_adversarial(mb: float = 1.0, timeout: float = 120, names: list[str] | None = None,
                    log: Callable[[str], None] = print) -> AdversarialReport:
    report = AdversarialReport()
    large = int(mb * 1_000_000)
    small = large // 4
    for name in ["normal news", *(names or hostile.ADVERSARIAL)]:
        row: dict = {"name": name, "flag": ""}
        first = measure_case(name, small, timeout)
        if "error" in first:
            row.update(small=first["error"], large="skipped", flag=f"FAILED at {small // 1000} kB: {first['error']}")
            report.rows.append(row)
            log(report.lines()[-1])
            continue
        second = measure_case(name, large, timeout)
        row["small"] = first["seconds"] / (small / 1e6)
        if "error" in second:
            row.update(large=second["error"], flag=f"FAILED at {large // 1000} kB: {second['error']}")
        else:
            row.update(large=second["seconds"] / (large / 1e6), claims=second["claims"], peak_mb=second["peak_mb"])
            if name == "normal news":
                report.normal_s_per_mb = row["large"]
            row["ratio"] = row["large"] / report.normal_s_per_mb if report.normal_s_per_mb else float("nan")
            flags = []
            if row["ratio"] > 10:
                flags.append("SLOW: >10x normal")
            if row["large"] > 2.5 * row["small"] and second["seconds"] > 0.5:
                flags.append("SUPERLINEAR")
            if second["problems"]:
                flags.append(f"{second['problems']} invariant violations")
            row["flag"] = ", ".join(flags)
        report.rows.append(row)
        log(report.lines()[-1])
    return report


# -- command line ----


def use_code_snapshot() -> Path:
    """Run this process and every child on a copy of ``claims/`` taken now.

    Other people edit the working tree while a long run goes on; a snapshot
    keeps the expected claims and the ingesting processes on the same code.
    """
    folder = Path(tempfile.mkdtemp(prefix="claims-code-"))
    shutil.copytree(ROOT / "claims", folder / "claims", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(folder))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    crash = sub.add_parser("crash", help="kill an ingest at random moments and check the store")
    crash.add_argument("--kills", type=int, default=30)
    crash.add_argument("--sigints", type=int, default=6)
    crash.add_argument("--docs", type=int, default=300)
    crash.add_argument("--seed", type=int, default=1)
    conc = sub.add_parser("concurrency", help="two ingests at once; reads during an ingest")
    conc.add_argument("--docs", type=int, default=120)
    conc.add_argument("--rounds", type=int, default=3)
    mutate = sub.add_parser("mutate", help="mutated texts into extract_claims and the CLI")
    mutate.add_argument("--rounds", type=int, default=1)
    mutate.add_argument("--corpus-texts", type=int, default=40)
    adv = sub.add_parser("adversarial", help="seconds per MB of adversarial inputs")
    adv.add_argument("--mb", type=float, default=1.0)
    sub.add_parser("all", help="all of the above with their defaults")
    parser.add_argument("--live-code", action="store_true",
                        help="use the working tree's claims/ as it changes (default: a snapshot taken at start)")
    timer = sub.add_parser("_time")
    timer.add_argument("name")
    timer.add_argument("size", type=int)
    args = parser.parse_args(argv)

    if args.command == "_time":
        print(json.dumps(time_case(args.name, args.size)))
        return 0
    if not args.live_code:
        use_code_snapshot()
    reports: list[tuple[str, object]] = []
    if args.command in ("crash", "all"):
        kw = {} if args.command == "all" else {"kills": args.kills, "sigints": args.sigints, "n_docs": args.docs, "seed": args.seed}
        reports.append(("Crash safety", run_crash(**kw)))
        _print(*reports[-1])
    if args.command in ("concurrency", "all"):
        kw = {} if args.command == "all" else {"n_docs": args.docs, "rounds": args.rounds}
        reports.append(("Concurrency", run_concurrency(**kw)))
        _print(*reports[-1])
    if args.command in ("mutate", "all"):
        kw = {} if args.command == "all" else {"rounds": args.rounds, "corpus_texts": args.corpus_texts}
        reports.append(("Mutated input", run_mutate(**kw)))
        _print(*reports[-1])
    if args.command in ("adversarial", "all"):
        kw = {} if args.command == "all" else {"mb": args.mb}
        reports.append(("Adversarial input (seconds per MB)", run_adversarial(**kw)))
        _print(*reports[-1])
    failed = [title for title, report in reports if not report.ok]
    print("\nRESULT:", "all checks passed" if not failed else "FAILED: " + ", ".join(failed))
    return 1 if failed else 0


def _print(title: str, report) -> None:
    print(f"\n== {title} ==")
    for line in report.lines():
        print(line)


if __name__ == "__main__":
    sys.exit(main())
