"""Benchmark story detection on a big store: from scratch, with cached terms, and a one-file ingest.

Usage:
    python scripts/bench_stories.py [--corpus ../shared/corpus] [--db STORE] [--runs 3] [--code CHECKOUT]

The corpus (CC BY-NC-SA) is written as one .txt file per article into a temporary folder and
ingested once (or ``--db`` names a store already holding it; it is copied, never changed).
Printed, each the median of ``--runs`` (CPU seconds of this process, so that other work on the
machine does not count):

- detection from scratch: every document's text read and its terms computed (``detect_stories``);
- detection with the terms cached in the store (``detect_stored_stories``, a regroup's path);
- wall and CPU seconds of ``claims ingest`` of one new file into a copy of the big store (the
  whole command: extraction of the file, story detection, regrouping), run by this checkout or by
  ``--code`` (another checkout, e.g. main, for a before/after figure);

and whether the cached detection gives the very stories of the one from scratch.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_ingest import write_corpus

from claims.documents import extraction_text
from claims.models import Document
from claims.store import Store
from claims.store.story_table import StoryInputs
from claims.stories import (
    StoryDocument,
    detect,
    detect_stored_stories,
    document_terms,
    settings,
)

NEW_FILE = """---
title: Bridge collapse in the north, six people missing
date: 2024-05-02
source: Bench Wire
---
A road bridge collapsed on Wednesday evening in the north of the country, police said on Thursday.
Six people were missing and 14 injured, a regional official said.
"""


def median_seconds(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = function()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def from_scratch(db: Path):
    config = settings()
    with Store(db) as store, store.transaction() as conn:
        rows = conn.execute("SELECT doc_id, path, text, content_hash, title, source, url, date, date_precision, lang, "
                            "story_declared FROM documents ORDER BY doc_id")
        docs = [Document(*head, lang=lang, story=story) for *head, lang, story in rows]
    return detect([StoryDocument(d.doc_id, d.date, d.story, document_terms(extraction_text(d), d.lang, d.title, config, d.source))
                   for d in docs], config)


def cached(db: Path):
    with Store(db) as store, store.transaction() as conn:
        return detect_stored_stories(StoryInputs(conn))


def one_file_ingest(db: Path, code: Path, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "store.db"
            shutil.copy(db, copy)
            folder = Path(tmp) / "new"
            folder.mkdir()
            (folder / f"bench-new-{i}.txt").write_text(NEW_FILE, encoding="utf-8")
            env = {**os.environ, "PYTHONPATH": str(code)}
            # the first command migrates the copy (if its code is newer) and fills any cache; then one file comes in
            # cwd too: `python -m` puts the working folder first on the path
            subprocess.run([sys.executable, "-m", "claims", "--db", str(copy), "group"], env=env, check=True,
                           capture_output=True, cwd=code)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "claims", "--db", str(copy), "ingest", str(folder)], env=env,
                           check=True, capture_output=True, cwd=code)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--db", type=Path, help="a store already holding the corpus (copied, not changed)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose `claims ingest` is timed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.db"
        if args.db:
            shutil.copy(args.db, db)
        else:
            docs = Path(tmp) / "docs"
            docs.mkdir()
            write_corpus(args.corpus, docs)
            subprocess.run([sys.executable, "-m", "claims", "--db", str(db), "ingest", str(docs)], check=True,
                           capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        pristine = Path(tmp) / "pristine.db"  # as given: --code may be older than this checkout's schema
        shutil.copy(db, pristine)
        with Store(db) as store:
            n = len(list(store.documents()))
        cached(db)  # fill the cache once (a store ingested by this checkout has it already)
        scratch_s, scratch = median_seconds(lambda: from_scratch(db), args.runs)
        cached_s, warm = median_seconds(lambda: cached(db), args.runs)
        wall, cpu = one_file_ingest(pristine, args.code.resolve(), args.runs)
    print(f"documents: {n}; stories: {len(scratch)}")
    print(f"detection from scratch (every text read): {scratch_s:.2f} s")
    print(f"detection with cached terms:              {cached_s:.2f} s ({scratch_s / cached_s:.1f}x faster)")
    print(f"cached stories identical to scratch:      {warm == scratch}")
    print(f"one-file ingest into the store ({args.code.resolve().name}): wall {wall:.2f} s, cpu {cpu:.2f} s")


if __name__ == "__main__":
    main()
