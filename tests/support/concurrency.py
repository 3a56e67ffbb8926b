"""Concurrency: two ingests at once on one store, and readers while an ingest writes.

``run_concurrency`` is what ``scripts/reliability.py concurrency`` runs; the
concurrency tests run a short version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import hostile
from .storecheck import (
    Expected,
    check_store,
    content_state,
    expected_claims,
    has_command,
    read_groups,
    remove_store,
    run_claims,
    start_claims,
    takes_json,
    temporary_folder,
    user_view_problems,
)


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
