"""Benchmark `claims ingest` on the real German news corpus against a bare floor.

Usage: python scripts/bench_ingest.py [--corpus ../shared/corpus] [--runs 3]

The corpus (CC BY-NC-SA) is read by path and written as one .txt file per
article into a temporary folder; nothing of it enters the repository. Each
figure is the median of --runs runs, each in a fresh subprocess so that peak
memory (max RSS) is the process's own. Printed:

- documents/s, MB/s and peak memory of `claims ingest` on an empty store,
- the same for a floor in the same run (a regex for digit runs plus a SQLite insert),
- re-ingesting the unchanged corpus, as a share of the first run,
- extraction time per MB for growing document lengths (linearity).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR = r"""
import re, sqlite3, sys
from pathlib import Path
db = sqlite3.connect(sys.argv[2])
db.execute("create table if not exists n (doc text, start int, text text)")
digits = re.compile(r"\d+")
with db:  # one transaction: the floor pays for reading, matching and inserting, not for fsyncs
    for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        db.executemany("insert into n values (?, ?, ?)", [(path.stem, m.start(), m.group()) for m in digits.finditer(text)])
"""


def write_corpus(corpus: Path, target: Path) -> tuple[int, int]:
    """Write every article as a .txt file; return (documents, bytes)."""
    count = size = 0
    csv.field_size_limit(10_000_000)
    with open(corpus / "10kGNAD" / "test.csv", encoding="utf-8", newline="") as handle:
        for i, row in enumerate(csv.reader(handle, delimiter=";", quotechar="'")):
            if len(row) < 2:
                continue
            data = row[1].encode("utf-8")
            (target / f"standard-{i:05d}.txt").write_bytes(data)
            count, size = count + 1, size + len(data)
    with open(corpus / "german-news-quotation-attribution-2024" / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            front = f"---\ntitle: {json.dumps(article['title'], ensure_ascii=False)}\ndate: {article['date']}\nsource: Wikinews\n---\n"
            data = (front + article["text"]).encode("utf-8")
            (target / f"wikinews-{article['wikinews_id']}.txt").write_bytes(data)
            count, size = count + 1, size + len(data)
    return count, size


def timed(command: list[str]) -> float:
    """Run ``command`` and return its wall-clock seconds."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-2000:])
        raise SystemExit(f"command failed ({result.returncode}): {' '.join(command)}")
    return seconds


def peak_rss(command: list[str]) -> float:
    """Peak RSS (MB) of one command: a wrapper process reads its only child's max RSS."""
    wrapper = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def linearity(corpus_dir: Path) -> list[tuple[int, float]]:
    """Extraction seconds per MB for one document of growing length."""
    sys.path.insert(0, str(ROOT))
    from claims.extract import extract_claims

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("standard-*.txt"))[:400]]
    base = "\n\n".join(texts)
    rows = []
    for size in (10_000, 100_000, 1_000_000):
        text = (base * (size // len(base) + 1))[:size]
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            extract_claims(text, lang="de", doc_date="2016-01-01")
            runs.append(time.perf_counter() - start)
        rows.append((size, statistics.median(runs) / (size / 1_000_000)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found at {args.corpus}; pass --corpus PATH")
    claims_cmd = [sys.executable, "-m", "claims"]
    work = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    try:
        docs_dir = work / "docs"
        docs_dir.mkdir()
        count, size = write_corpus(args.corpus, docs_dir)
        mb = size / 1_000_000
        print(f"corpus: {count} documents, {mb:.2f} MB")
        first, again, floor, peaks, floor_peaks = [], [], [], [], []
        for run in range(args.runs):
            db = work / f"run{run}.db"
            first.append(timed([*claims_cmd, "--db", str(db), "ingest", str(docs_dir)]))
            again.append(timed([*claims_cmd, "--db", str(db), "ingest", str(docs_dir)]))
            floor.append(timed([sys.executable, "-c", FLOOR, str(docs_dir), str(work / f"floor{run}.db")]))
        peaks.append(peak_rss([*claims_cmd, "--db", str(work / "peak.db"), "ingest", str(docs_dir)]))
        floor_peaks.append(peak_rss([sys.executable, "-c", FLOOR, str(docs_dir), str(work / "floorpeak.db")]))
        t, r, f = statistics.median(first), statistics.median(again), statistics.median(floor)
        print(f"{'':24}{'docs/s':>10}{'MB/s':>10}{'seconds':>10}{'peak MB':>10}")
        print(f"{'claims ingest':24}{count / t:>10.0f}{mb / t:>10.2f}{t:>10.2f}{peaks[0]:>10.0f}")
        print(f"{'floor (regex+sqlite)':24}{count / f:>10.0f}{mb / f:>10.2f}{f:>10.2f}{floor_peaks[0]:>10.0f}")
        print(f"claims/floor time ratio: {t / f:.1f}x")
        print(f"re-ingest unchanged: {r:.2f} s = {100 * r / t:.1f}% of the first run (target < 5%)")
        print("extraction time per MB by document length (linear if flat):")
        for length, per_mb in linearity(docs_dir):
            print(f"  {length:>9,} chars: {per_mb:.2f} s/MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
