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
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile  # noqa: E402

from fuzz import run_adversarial, run_mutate, time_case  # noqa: E402,F401
from storecheck import (  # noqa: E402,F401 - the tests reach the helpers through this module too
    NEUTRAL_CWD, ROOT, Expected, check_store, claims_cmd, cli_env, content_state, expected_claims, has_command,
    read_groups, remove_store, run_claims, start_claims, takes_json, temporary_folder, user_view_problems,
)

STARTUP_SECONDS = 0.3  # python and the CLI's imports; Ctrl-C before that is counted apart


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
        return (not self.problems and self.integrity_ok == self.integrity_checks
                and self.reruns_complete == self.reruns and not self.early_sigint_tracebacks)

    def lines(self) -> list[str]:
        return [
            f"documents per run: {self.documents}, clean ingest {self.clean_seconds:.2f} s",
            f"SIGKILL at random moments: {self.sigkills} kills ({self.finished_before_kill} runs finished before the kill)",
            f"SIGINT during ingest: {self.sigints}, clean exits (code 130 or death by SIGINT, one line, no traceback): {self.sigint_clean_exits}",
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
            # 130, or death by SIGINT itself (what Python does when the interrupt reaches the top:
            # the shell sees 130 either way); one clean line and an intact store are what matter.
            if proc.returncode in (130, -signal.SIGINT) and len(lines) == 1 and "Traceback" not in err:
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


def reader_problems(db: Path, expected: Expected) -> tuple[int, list[str]]:
    """Run each reading command once against a store being written; return (runs, problems)."""
    versions: dict[str, set[frozenset[str]]] = {}
    for (doc_id, _), ids in expected.items():
        versions.setdefault(doc_id, set()).add(ids)
    runs, problems = 0, []
    commands = [("list", "--json"), ("docs", "--json"), ("export", "--format", "json")]
    if has_command("query"):
        commands.append(("query", "Tote", "--json") if takes_json("query") else ("query", "Tote"))
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
        reference = workdir / "reference.db"
        if user_view_problems(run_claims(reference, "ingest", x, y)):
            raise SystemExit("a clean ingest of the concurrency documents failed")
        groups = read_groups(reference) or None  # what grouping gives when one process ingests everything
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
                found += check_store(db, expected, complete, groups)
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
            found = user_view_problems((writer.returncode, out, err)) + check_store(db, expected, complete, groups)
            report.problems.extend(f"writer with readers (round {r}): {p}" for p in found)
            remove_store(db)
        log(f"concurrency: {report.pair_runs} pair runs, {report.reader_runs} reads")
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
