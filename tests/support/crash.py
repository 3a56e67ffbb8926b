"""Crash safety: SIGKILL and SIGINT an ingest at random moments, then check the store.

``run_crash`` is what ``scripts/reliability.py crash`` runs; the reliability
tests run a short version. Every document must be whole or absent after a
kill, and a re-run must complete the ingest.
"""

from __future__ import annotations

import random
import shutil
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import hostile
from .storecheck import (
    check_store,
    content_state,
    expected_claims,
    read_groups,
    remove_store,
    run_claims,
    start_claims,
    temporary_folder,
    user_view_problems,
)

STARTUP_SECONDS = 0.3  # python and the CLI's imports; Ctrl-C before that is counted apart


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

    def __init__(self, workdir: Path, n_docs: int, seed: int, jobs: int | None = None):
        self.workdir = workdir
        self.ingest = ("ingest", "--jobs", str(jobs)) if jobs else ("ingest",)  # None: the default, every core
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
            result = run_claims(db, *self.ingest, str(self.folder))
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
        result = run_claims(db, *self.ingest, str(self.folder))
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
            proc = start_claims(db, *self.ingest, str(self.folder))
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
            proc = start_claims(db, *self.ingest, str(self.folder))
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
              log: Callable[[str], None] = print, jobs: int | None = None) -> CrashReport:
    with temporary_folder("claims-crash-") as workdir:
        harness = CrashHarness(workdir, n_docs, seed, jobs)
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
