"""Snapshot every claim and group of the shared corpus and the seeds, and compare snapshots.

Usage:
    python scripts/snapshot.py --out before.jsonl            # ingest, write the snapshot, print digests
    python scripts/snapshot.py --out after.jsonl --against before.jsonl   # ... and list what changed
    python scripts/snapshot.py --compare before.jsonl after.jsonl         # compare two saved snapshots
    python scripts/snapshot.py --compare old.jsonl new.jsonl --legacy-concept  # across migration m008

A behaviour-preserving change (a refactor, a speed-up) must leave both digests unchanged; a
change of rules is read through the list of changed claims it prints. The corpus (CC BY-NC-SA)
is written into a temporary folder and never into the repository. The checkout this script
lives in is the code that runs (PYTHONPATH is set to it), whatever is installed in the venv.

Migration m008 split the claim column ``concept`` ("killed:polizist:change") into concept,
detail, aspect and occasion. ``--legacy-concept`` joins them again on both sides, the way
stores before m008 held them (``claims.models.full_concept``), and drops the three columns, so a
snapshot taken before m008 and one taken after compare claim by claim and digest by digest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench_ingest import write_corpus

from claims.models import full_concept

ROOT = Path(__file__).resolve().parent.parent
# Columns that change with the moment of the run, not with the code.
VOLATILE = {"ingested_at", "extractor_version"}
# Columns the store derives from a claim's other fields (migration m011: the stems of its sentence,
# its value as a number): they follow what the digest already covers, so they are left out and
# snapshots taken before and after m011 compare digest by digest.
DERIVED = {"stems", "number"}
SPLIT_CONCEPT = ("detail", "aspect", "occasion")  # the columns m008 split off `concept`


def ingest(corpus: Path, work: Path, jobs: str | None) -> Path:
    docs = work / "docs"
    docs.mkdir()
    write_corpus(corpus, docs)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, docs / seed.name)
    db = work / "snapshot.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "claims", "--db", str(db), "ingest", str(docs)]
    if jobs:
        command += ["--jobs", jobs]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-3000:])
        raise SystemExit(f"ingest failed with exit code {result.returncode}")
    return db


def rows(db: Path):
    """The snapshot's records: every claim, then every group with its members."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    for row in conn.execute("SELECT * FROM claims ORDER BY doc, start, claim_id"):
        yield {"t": "claim", **{k: row[k] for k in row.keys() if k not in VOLATILE and k not in DERIVED}}
    members: dict[str, list[str]] = {}
    for claim_id, group_id in conn.execute("SELECT claim_id, group_id FROM group_members"):
        members.setdefault(group_id, []).append(claim_id)
    for row in conn.execute("SELECT * FROM groups ORDER BY group_id"):
        record = {k: row[k] for k in row.keys() if k not in VOLATILE}
        yield {"t": "group", **record, "members": sorted(members.get(row["group_id"], []))}
    conn.close()


def digests(records: list[dict]) -> dict[str, str]:
    found = {}
    for kind in ("claim", "group"):
        digest = hashlib.sha256()
        for record in records:
            if record["t"] == kind:
                digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode() + b"\n")
        found[kind] = digest.hexdigest()[:16]
    return found


def legacy_concept(records: list[dict]) -> list[dict]:
    """The records with each claim's concept joined into one string as before m008, without the
    columns it was split into; records of an older snapshot come back unchanged."""
    joined = []
    for record in records:
        if record["t"] == "claim" and any(name in record for name in SPLIT_CONCEPT):
            parts = [record.get(name) for name in SPLIT_CONCEPT]
            record = {k: v for k, v in record.items() if k not in SPLIT_CONCEPT}
            record["concept"] = full_concept(record["concept"], *parts)
        joined.append(record)
    return joined


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def compare(before: list[dict], after: list[dict], sample: int) -> None:
    """Print what changed between two snapshots: claims added, removed, changed (by field)."""
    def claims(records):
        return {(r["doc"], r["start"], r["end"]): r for r in records if r["t"] == "claim"}

    old, new = claims(before), claims(after)
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = Counter()
    examples: list[str] = []
    for key in sorted(set(old) & set(new)):
        a, b = old[key], new[key]
        fields = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k) and k in a and k in b)
        for name in fields:
            changed[name] += 1
        if fields and len(examples) < sample:
            diffs = ", ".join(f"{n}: {a.get(n)!r} -> {b.get(n)!r}" for n in fields)
            examples.append(f"  {key[0]} {a['text']!r}: {diffs}")
    only_old = sorted({k for r in old.values() for k in r} - {k for r in new.values() for k in r})
    only_new = sorted({k for r in new.values() for k in r} - {k for r in old.values() for k in r})
    print(f"claims: {len(old)} before, {len(new)} after; {len(added)} added, {len(removed)} removed, "
          f"{sum(1 for k in set(old) & set(new) if any(old[k].get(f) != new[k].get(f) for f in old[k] if f in new[k]))} changed")
    if only_old or only_new:
        print(f"columns only before: {only_old}; only after: {only_new}")
    for name, n in changed.most_common():
        print(f"  field {name}: {n} claims")
    for line in examples:
        print(line)
    for label, keys, source in (("added", added, new), ("removed", removed, old)):
        for key in keys[:sample]:
            r = source[key]
            print(f"  {label}: {key[0]} {r['text']!r} {r['category']} {r.get('concept')!r}")
    groups_old = {tuple(r["members"]): (r["status"], r["label"]) for r in before if r["t"] == "group"}
    groups_new = {tuple(r["members"]): (r["status"], r["label"]) for r in after if r["t"] == "group"}
    same = sum(1 for k, v in groups_new.items() if groups_old.get(k) == v)
    print(f"groups: {len(groups_old)} before, {len(groups_new)} after; {same} identical in members, status and label")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, help="write the snapshot here")
    parser.add_argument("--against", type=Path, help="compare the new snapshot with this one")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--jobs", help="pass --jobs to claims ingest")
    parser.add_argument("--sample", type=int, default=10, help="changed claims to print")
    parser.add_argument("--legacy-concept", action="store_true",
                        help="compare concepts joined as before migration m008 (concept:detail:aspect@occasion)")
    args = parser.parse_args()
    comparable = legacy_concept if args.legacy_concept else (lambda records: records)
    if args.compare:
        before, after = (comparable(load(p)) for p in args.compare)
        print(f"before {digests(before)}  after {digests(after)}")
        compare(before, after, args.sample)
        return
    work = Path(tempfile.mkdtemp(prefix="claims-snapshot-"))
    try:
        records = list(rows(ingest(args.corpus, work, args.jobs)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    found = digests(records)
    print(f"claims {sum(r['t'] == 'claim' for r in records)} digest {found['claim']}; "
          f"groups {sum(r['t'] == 'group' for r in records)} digest {found['group']}")
    if args.against:
        before, after = comparable(load(args.against)), comparable(records)
        print(f"before {digests(before)}  after {digests(after)}")
        compare(before, after, args.sample)


if __name__ == "__main__":
    main()
