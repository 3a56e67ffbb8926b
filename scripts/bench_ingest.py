"""Benchmark `claims ingest` on the real German news corpus against a bare floor, with 1 and 2 jobs.

Usage: python scripts/bench_ingest.py [--corpus ../shared/corpus] [--runs 3] [--jobs 1,2] [--markdown]

The corpus (CC BY-NC-SA) is read by path and written as one .txt file per
article into a temporary folder; nothing of it enters the repository. Every
command runs in a fresh subprocess; the runs of each figure are interleaved (one
run of every command, then the next round) and the median is printed, so that a
machine shared with others slows all of them alike. Printed:

- documents/s, MB/s, seconds and peak memory of `claims ingest --jobs N` on an empty
  store for each N, and of a floor in the same run (a regex for digit runs plus a SQLite
  insert), with the ratio of each to the floor;
- extraction alone (read, decode, extract; no store) with N workers: seconds, MB/s per
  worker and the speed-up over one; the CPU seconds of the writer process and of the
  workers, and what they project for 8 and 16 cores;
- re-ingesting the unchanged corpus as a share of the first run, and a one-file ingest
  into the store of the whole corpus;
- with dask installed (`.[dask]`): scripts/dask_extract.py on a LocalCluster of 2 workers
  against `claims extract --jobs 2`, whether their lines are identical, and the overhead;
- extraction time per MB for growing document lengths (linearity).

Python writes no bytecode here (PYTHONDONTWRITEBYTECODE is set on this machine), which
would add some 0.4 s of compiling to every start; the benchmark gives its commands a
bytecode cache of their own in the temporary folder, as an installed package has one.
Peak memory is the largest sum of the resident sizes of the command and its workers.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_FILE_RUNS = 3  # one-file ingests per round (each into a fresh copy of the full store)

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


# Extraction alone: read, decode and extract every file with N workers, no store (prints seconds).
EXTRACT = r"""
import sys, time
started = time.perf_counter()
from claims.ingest import extract_paths
found = sum(1 for _ in extract_paths([sys.argv[1]], jobs=int(sys.argv[2]), pool_min_chars=0))
print(time.perf_counter() - started)
"""

# One ingest in this process: CPU seconds of the writer (this process) and of its workers.
CPU_SPLIT = r"""
import json, resource, sys
sys.argv = ["claims", *sys.argv[1:]]
from claims.entry import main
try:
    main()
except SystemExit:
    pass
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"writer": me.ru_utime + me.ru_stime, "workers": kids.ru_utime + kids.ru_stime}))
"""


def bench_env(work: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CLAIMS_DB", None)
    return env


def run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run ``command``; return its wall-clock seconds and stdout."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-2000:])
        raise SystemExit(f"command failed ({result.returncode}): {' '.join(command)}")
    return seconds, result.stdout


def tree_peak(command: list[str], env: dict[str, str]) -> float:
    """Peak memory (MB) of a command and its workers: the sum of each process's peak resident size
    (VmHWM), sampled every 20 ms until it ends (an upper bound of the sum at any one moment)."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in [proc.pid, *descendants(proc.pid)]:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]))
        time.sleep(0.02)
    return sum(peaks.values()) / 1024


def descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return found


def copy_store(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
        else:
            Path(f"{target}{suffix}").unlink(missing_ok=True)


def has_dask() -> bool:
    import importlib.util

    return importlib.util.find_spec("distributed") is not None and importlib.util.find_spec("dask") is not None


def measure(args, work: Path, docs_dir: Path, env: dict[str, str]) -> dict:
    claims_cmd = [sys.executable, "-m", "claims"]
    jobs = [int(j) for j in args.jobs.split(",")]
    most = max(jobs)
    # A new article for the one-file ingest, named to sort after the corpus: like a later report joining
    # a story it keeps the story's id (one that became a story's earliest would rename it: all regrouped).
    extra = work / "extra" / "zz-one-more-article.txt"
    extra.parent.mkdir()
    extra.write_bytes(next(iter(sorted(docs_dir.glob("standard-*.txt")))).read_bytes() + b"\nNachtrag.\n")
    run([*claims_cmd, "--db", str(work / "warm.db"), "ingest", str(ROOT / "seeds")], env)  # bytecode, caches
    m: dict = {"first": {j: [] for j in jobs}, "extract": {j: [] for j in jobs}, "again": [], "floor": [],
               "one": [], "dask": [], "extract_cli": [], "dask_identical": None, "load": [os.getloadavg()[0]]}
    for round_ in range(args.runs):
        for j in jobs:
            db = work / f"run{round_}-{j}.db"
            m["first"][j].append(run([*claims_cmd, "--db", str(db), "ingest", str(docs_dir), "--jobs", str(j)], env)[0])
            m["extract"][j].append(float(run([sys.executable, "-c", EXTRACT, str(docs_dir), str(j)], env)[1]))
        full = work / f"run{round_}-{most}.db"
        m["again"].append(run([*claims_cmd, "--db", str(full), "ingest", str(docs_dir)], env)[0])
        m["floor"].append(run([sys.executable, "-c", FLOOR, str(docs_dir), str(work / f"floor{round_}.db")], env)[0])
        one = work / "one.db"
        for _ in range(ONE_FILE_RUNS):  # a short command: several runs a round for a steadier median
            copy_store(full, one)
            m["one"].append(run([*claims_cmd, "--db", str(one), "ingest", str(extra)], env)[0])
        if has_dask() and not args.no_dask:
            seconds, lines = run([*claims_cmd, "extract", str(docs_dir), "--jobs", "2"], env)
            m["extract_cli"].append(seconds)
            out = work / "dask.jsonl"
            m["dask"].append(run([sys.executable, str(ROOT / "scripts" / "dask_extract.py"), str(docs_dir),
                                  "-o", str(out), "--workers", "2"], env)[0])
            m["dask_identical"] = (m["dask_identical"] is not False) and out.read_text(encoding="utf-8") == lines
        m["load"].append(os.getloadavg()[0])
    m["peak"] = {j: tree_peak([*claims_cmd, "--db", str(work / f"peak{j}.db"), "ingest", str(docs_dir), "--jobs",
                               str(j)], env) for j in jobs}
    m["floor_peak"] = tree_peak([sys.executable, "-c", FLOOR, str(docs_dir), str(work / "floorpeak.db")], env)
    m["cpu"] = json.loads(run([sys.executable, "-c", CPU_SPLIT, "--db", str(work / "cpu.db"), "ingest", str(docs_dir),
                               "--jobs", str(most)], env)[1].strip().splitlines()[-1])
    m["linearity"] = [] if args.no_linearity else linearity(docs_dir)
    return m


def report(m: dict, count: int, mb: float, markdown: bool) -> list[str]:
    med = statistics.median
    jobs = sorted(m["first"])
    floor = med(m["floor"])
    rows = [(f"claims ingest --jobs {j}", med(m["first"][j]), m["peak"][j]) for j in jobs]
    rows.append(("floor: regex for digit runs + SQLite insert", floor, m["floor_peak"]))
    out = []
    if markdown:
        out += ["| | docs/s | MB/s | seconds | × floor | peak MB |", "|---|---:|---:|---:|---:|---:|"]
        out += [f"| {name} | {count / t:,.0f} | {mb / t:.2f} | {t:.2f} | {t / floor:.1f} | {peak:.0f} |"
                for name, t, peak in rows]
        out += ["", "| extraction alone | seconds | MB/s | MB/s per worker | speed-up |", "|---|---:|---:|---:|---:|"]
    else:
        out.append(f"{'':46}{'docs/s':>9}{'MB/s':>8}{'seconds':>9}{'x floor':>9}{'peak MB':>9}")
        out += [f"{name:46}{count / t:>9,.0f}{mb / t:>8.2f}{t:>9.2f}{t / floor:>9.1f}{peak:>9.0f}" for name, t, peak in rows]
        out.append(f"{'extraction alone':46}{'seconds':>9}{'MB/s':>8}{'per job':>9}{'speed-up':>9}")
    one = med(m["extract"][jobs[0]]) * jobs[0]
    for j in jobs:
        t = med(m["extract"][j])
        cells = (f"{t:.2f}", f"{mb / t:.2f}", f"{mb / t / j:.2f}", f"{one / t:.2f}×")
        out.append(f"| {j} worker{'s' * (j > 1)} | " + " | ".join(cells) + " |" if markdown
                   else f"{f'  {j} worker' + 's' * (j > 1):46}" + "".join(f"{c:>9}" for c in cells[:1])
                   + f"{cells[1]:>8}" + "".join(f"{c:>9}" for c in cells[2:]))
    first = med(m["first"][max(jobs)])
    writer, workers = m["cpu"]["writer"], m["cpu"]["workers"]
    notes = [
        f"ingest --jobs {max(jobs)} CPU: writer process {writer:.2f} s (start-up, reading, storing, regrouping), "
        f"workers {workers:.2f} s (decoding, extracting); projected wall-clock on free cores, writer + workers / N: "
        + ", ".join(f"{n} cores {writer + workers / n:.2f} s ({mb / (writer + workers / n):.1f} MB/s)" for n in (2, 8, 16)),
        f"re-ingest of the unchanged corpus: {med(m['again']):.2f} s = {100 * med(m['again']) / first:.1f}% of the "
        f"first run with --jobs {max(jobs)} (target < 5%)",
        f"one-file ingest into the store of {count} documents: {med(m['one']):.2f} s (median of {len(m['one'])} runs; "
        f"{med(m['one']) / med(m['floor']):.2f}× the floor's whole-corpus run; target < 0.5 s)",
    ]
    if m["dask"]:
        dask, cli = med(m["dask"]), med(m["extract_cli"])
        notes.append(f"dask.bag on a LocalCluster of 2 workers: {dask:.2f} s against {cli:.2f} s for "
                     f"`claims extract --jobs 2` ({dask / cli:.2f}×, {dask - cli:+.2f} s); lines identical: "
                     f"{'yes' if m['dask_identical'] else 'NO'}")
    notes.append(f"load average (1 min) during the runs: {min(m['load']):.1f}-{max(m['load']):.1f} on "
                 f"{os.cpu_count()} cores; {len(m['floor'])} runs each, medians")
    if m["linearity"]:
        notes.append("extraction time per MB by document length (linear if flat): "
                     + ", ".join(f"{length:,} chars {per_mb:.2f} s/MB" for length, per_mb in m["linearity"]))
    out.append("")
    out += [f"- {note}" if markdown else note for note in notes]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="1,2", help="the --jobs values to compare, e.g. 1,2")
    parser.add_argument("--markdown", action="store_true", help="print the tables of docs/performance.md")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask run even when dask is installed")
    parser.add_argument("--no-linearity", action="store_true", help="skip the per-length extraction figures")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found at {args.corpus}; pass --corpus PATH")
    work = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    try:
        docs_dir = work / "docs"
        docs_dir.mkdir()
        count, size = write_corpus(args.corpus, docs_dir)
        mb = size / 1_000_000
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        print(f"corpus: {count} documents, {mb:.2f} MB; commit {commit}; "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        measured = measure(args, work, docs_dir, bench_env(work))
        print("\n".join(report(measured, count, mb, args.markdown)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
