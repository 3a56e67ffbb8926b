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
The harnesses live in ``tests/support/`` (crash.py, concurrency.py, fuzz.py),
which the reliability tests run in short versions; this script is their command line.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Appended, not prepended: a code snapshot (PYTHONPATH, see use_code_snapshot) must win over ROOT/claims.
sys.path.append(str(ROOT))

from tests.support.concurrency import run_concurrency  # noqa: E402
from tests.support.crash import run_crash  # noqa: E402
from tests.support.fuzz import run_adversarial, run_mutate, time_case  # noqa: E402

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
    crash.add_argument("--jobs", type=int, default=None, help="pass --jobs to every ingest (default: every core)")
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
        kw = {} if args.command == "all" else {"kills": args.kills, "sigints": args.sigints, "n_docs": args.docs, "seed": args.seed,
                                               "jobs": args.jobs}
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
