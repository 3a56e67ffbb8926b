"""CPU seconds of a corpus ingest, split where they go, for one checkout or two side by side.

Usage: python scripts/bench_cpu.py [--corpus ../shared/corpus] [--runs 3] [--jobs 2] [--against CHECKOUT]

Wall-clock times on this shared machine follow the other users' load (bench_ingest.py's ratios to
a floor soften that); CPU seconds move far less, so a change of the code's cost shows in them
within a few runs. Every measurement runs in a fresh subprocess with PYTHONPATH set to the
checkout measured (this one, and with ``--against`` another, e.g. a worktree of main), the runs of
the checkouts interleaved; medians are printed. Two measurements:

- in one process, what an ingest's workers do for each file: read it (``parse_document``),
  extract its claims (``extract_document``), compute its story terms (``stories.stored_terms``)
  and its claims' rows (``claim_rows``), each stage over the whole corpus, first with every cache
  cold (as a worker meets the corpus) and then again (warm);
- ``claims ingest --jobs N`` of the corpus into an empty store: the writer's CPU until the last
  document is stored, the regroup's (stories, groups: it runs after the workers end, on one
  core), and the workers'; their sum per MB.

The corpus (CC BY-NC-SA) is written into a temporary folder (bench_ingest.write_corpus).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_ingest import write_corpus

ROOT = Path(__file__).resolve().parent.parent

STAGES = r"""
import json, sys, time
from dataclasses import replace
from pathlib import Path
from claims import documents, stories
from claims.ingest import extract_document
from claims.store import claim_rows
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
data = [(p, p.read_bytes()) for p in paths]
clock = time.process_time
settings = stories.settings()
out = {}
for run in ("cold", "warm"):
    t = clock(); docs = [replace(documents.parse_document(b, p, p.stem), path=str(p)) for p, b in data]
    parse = clock() - t
    t = clock(); found = [extract_document(d) for d in docs]
    extract = clock() - t
    t = clock(); [stories.stored_terms(d, settings) for d in docs]
    terms = clock() - t
    t = clock(); [claim_rows(d, c) for d, c in zip(docs, found)]
    rows = clock() - t
    out[run] = {"read": parse, "extract": extract, "story terms": terms, "claim rows": rows}
print(json.dumps(out))
"""

PHASES = r"""
import json, resource, sys, time
import claims.cli.core as core
import claims.cli.ingest_commands as commands
marks = {}
def timed(store, regroup=core.regroup):
    marks["start"] = time.process_time()
    regroup(store)
    marks["end"] = time.process_time()
core.regroup = commands.regroup = timed
sys.argv = ["claims", "--db", sys.argv[1], "ingest", sys.argv[2], "--jobs", sys.argv[3]]
from claims.entry import main
try:
    main()
except SystemExit:
    pass
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
end = time.process_time()
print(json.dumps({"writer until stored": marks.get("start", end), "regroup": marks.get("end", end) - marks.get("start", end),
                  "workers": kids.ru_utime + kids.ru_stime}))
"""


def run(checkout: Path, code: str, args: list[str], work: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CLAIMS_DB", None)
    # From the temporary folder: a checkout in the current directory would come before PYTHONPATH.
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=work)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-2000:])
        raise SystemExit(f"failed in {checkout}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--against", type=Path, help="another checkout to measure beside this one")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found at {args.corpus}; pass --corpus PATH")
    checkouts = [ROOT] + ([args.against.resolve()] if args.against else [])
    work = Path(tempfile.mkdtemp(prefix="claims-bench-cpu-"))
    try:
        docs = work / "docs"
        docs.mkdir()
        count, size = write_corpus(args.corpus, docs)
        mb = size / 1_000_000
        stages: dict = {c: [] for c in checkouts}
        phases: dict = {c: [] for c in checkouts}
        loads = [os.getloadavg()[0]]
        for i in range(args.runs):
            for checkout in checkouts:
                stages[checkout].append(run(checkout, STAGES, [str(docs)], work))
                db = work / f"run{i}.db"
                phases[checkout].append(run(checkout, PHASES, [str(db), str(docs), args.jobs], work))
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
            loads.append(os.getloadavg()[0])
        print(f"corpus: {count} documents, {mb:.2f} MB; {args.runs} runs, medians of CPU seconds; "
              f"load {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores")
        for checkout in checkouts:
            print(f"\n{checkout} ({_commit(checkout)})")
            for run_ in ("cold", "warm"):
                parts = {k: statistics.median(r[run_][k] for r in stages[checkout]) for k in stages[checkout][0][run_]}
                total = sum(parts.values())
                print(f"  one process, {run_}: " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items())
                      + f"; total {total:.2f} s = {total / mb:.2f} s/MB")
            parts = {k: statistics.median(r[k] for r in phases[checkout]) for k in phases[checkout][0]}
            total = sum(parts.values())
            print(f"  claims ingest --jobs {args.jobs}: " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items())
                  + f"; total {total:.2f} s = {total / mb:.2f} s/MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _commit(checkout: Path) -> str:
    return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()


if __name__ == "__main__":
    main()
