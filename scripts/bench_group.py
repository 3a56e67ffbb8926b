"""Benchmark grouping and querying on synthetic stores of 10k, 100k and 1M claims.

The claims are real: ``extract_claims`` runs over the articles of
/work/shared/corpus. They are then mutated into many fake documents: each
copy goes to another document with another publication date, and its value,
subject spelling, concept (sometimes lost) and scope are varied, so that
groups agree, conflict and need fuzzy subject matching the way real corpora
do, with about the same group sizes at every size (see ``synthetic``).

    .venv/bin/python scripts/bench_group.py [--sizes 10000,100000,1000000] [--store-size 1000000]

Prints the time of ``group_claims`` per size (median of five runs),
the growth ratio between sizes (target: 10x the claims costs at most 12x the
time; 1M claims in under two minutes), and the median latency of
``query("claims about casualties")`` on a store of ``--store-size`` claims
(target: under 100 ms).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import io
import json
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

from claims.compare import group_claims, query, regroup
from claims.extract import extract_claims
from claims.models import Claim, Document, claim_id_for
from claims.store import Store
from claims.views import render_query

CORPUS = Path("/work/shared/corpus")
CLAIMS_PER_DOC = 50
EVENT_SIZE = 20


def corpus_articles() -> list[tuple[str, str | None]]:
    """(text, publication date) of every corpus article."""
    articles = []
    wikinews = CORPUS / "german-news-quotation-attribution-2024" / "articles.jsonl"
    for line in wikinews.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles.append((record["text"], record.get("date")))
    gnad = CORPUS / "10kGNAD" / "test.csv"
    with gnad.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                articles.append((row[1], None))
    return articles


def real_claims() -> list[Claim]:
    claims = []
    for i, (text, date) in enumerate(corpus_articles()):
        for claim in extract_claims(text, doc_date=date):
            claims.append(dataclasses.replace(claim, doc=f"src{i:05}", as_of=claim.as_of or date))
    return claims


def _variant(subject: str | None, rng: random.Random) -> str | None:
    """The same subject as another outlet might inflect or misspell it (a bounded set of forms)."""
    if not subject or rng.random() > 0.1:
        return subject
    return rng.choice([subject + "n", subject.lower(), subject[:-1] if len(subject) > 4 else subject])


def synthetic(base: list[Claim], n: int, seed: int = 1) -> list[Claim]:
    """``n`` claims about ``n / EVENT_SIZE`` events, spread over ``n / CLAIMS_PER_DOC`` fake documents.

    An event is a real claim, moved to another month when the base runs out,
    so every size has groups of the same typical size (about EVENT_SIZE
    reports of one figure) and the growth ratios compare like with like.
    """
    rng = random.Random(seed)
    day0 = dt.date(2022, 1, 1).toordinal()
    months = [f"{y}-{m:02}" for y in range(2000, 2024) for m in range(1, 13)]
    n_events = max(1, n // EVENT_SIZE)
    n_docs = max(1, n // CLAIMS_PER_DOC)
    doc_dates = [dt.date.fromordinal(day0 + rng.randrange(60)).isoformat() for _ in range(n_docs)]
    shuffled = base[:]
    random.Random(0).shuffle(shuffled)  # so that every size draws on every kind of article
    out = []
    for i in range(n):
        event = rng.randrange(n_events)
        c = shuffled[event % len(shuffled)]
        scope = c.scope if event < len(base) else months[(event // len(base) * 37 + event) % len(months)]
        d = rng.randrange(n_docs)
        doc = f"fake{d:06}"
        start = i * 10
        value, low, high = c.value, c.value_low, c.value_high
        if isinstance(value, float) and rng.random() < 0.3:
            factor = rng.choice([0.5, 0.9, 1.0, 1.1, 2.0])
            value, low, high = (None if x is None else x * factor for x in (value, low, high))
        # some extractions miss the concept, and with it its detail, aspect and occasion
        concept = {} if rng.random() > 0.1 else dict(concept=None, detail=None, aspect=None, occasion=None)
        out.append(dataclasses.replace(
            c, claim_id=claim_id_for(doc, start, start + len(c.text)), doc=doc, start=start,
            end=start + len(c.text), sentence_start=start, value=value, value_low=low, value_high=high,
            subject=_variant(c.subject, rng), scope=scope, as_of=doc_dates[d], **concept,
        ))
    return out


def time_grouping(claims: list[Claim], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        group_claims(claims)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def build_store(path: Path, claims: list[Claim]) -> Store:
    store = Store(path)
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)
    for doc_id, members in by_doc.items():
        text_parts, placed, pos = [], [], 0
        for c in members:
            sentence = c.sentence[:200]
            text_parts.append(sentence + " ")
            placed.append(dataclasses.replace(c, start=pos, end=pos + len(c.text), sentence_start=pos,
                                              sentence=sentence))
            pos += len(sentence) + 1
        text = "".join(text_parts)
        doc = Document(doc_id=doc_id, path=f"{doc_id}.txt", text=text, content_hash=doc_id,
                       source=f"outlet{hash(doc_id) % 50}", date=members[0].as_of, date_precision="day")
        store.replace_document(doc, placed)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--store-size", type=int, default=1_000_000)
    parser.add_argument("--query-runs", type=int, default=30)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    t = time.perf_counter()
    base = real_claims()
    print(f"extracted {len(base)} real claims from the corpus in {time.perf_counter() - t:.1f} s", flush=True)

    previous = None
    first = None
    growth: list[float] = []
    for n in sizes:
        claims = synthetic(base, n)
        seconds = time_grouping(claims, runs=5)
        groups = group_claims(claims) if n <= 100_000 else None
        extra = f", {len(groups)} groups" if groups is not None else ""
        ratio = f"  growth x{seconds / previous[1]:.1f} for x{n / previous[0]:.0f} claims" if previous else ""
        if previous:
            growth.append((seconds / previous[1]) / (n / previous[0]) * 10)  # per 10x claims
        print(f"group_claims {n:>9,} claims: {seconds:7.2f} s{extra}{ratio}", flush=True)
        previous = (n, seconds)
        first = first or previous

    if args.store_size:
        with tempfile.TemporaryDirectory() as tmp:
            claims = synthetic(base, args.store_size, seed=2)
            t = time.perf_counter()
            store = build_store(Path(tmp) / "bench.db", claims)
            print(f"store of {args.store_size:,} claims written in {time.perf_counter() - t:.0f} s", flush=True)
            t = time.perf_counter()
            groups = regroup(store)
            print(f"regroup: {len(groups):,} groups in {time.perf_counter() - t:.0f} s", flush=True)
            latencies = []
            for _ in range(args.query_runs):
                t = time.perf_counter()
                result = query(store, "claims about casualties")
                latencies.append((time.perf_counter() - t) * 1000)
            cats = sorted({v.group.category for v in result.groups})
            print(f"query 'claims about casualties': median {statistics.median(latencies):.1f} ms, "
                  f"max {max(latencies):.1f} ms over {len(latencies)} runs; {len(result.groups)} of "
                  f"{result.total_groups} groups shown, categories {cats}", flush=True)
            rendered = []
            for _ in range(args.query_runs):
                t = time.perf_counter()
                render_query(query(store, "claims about casualties"), Console(file=io.StringIO(), width=100))
                rendered.append((time.perf_counter() - t) * 1000)
            print(f"query and its view at 100 columns: median {statistics.median(rendered):.1f} ms", flush=True)
            store.close()
    if growth:
        worst = max(growth)
        overall = (previous[1] / first[1]) ** (1 / math.log10(previous[0] / first[0]))  # per 10x, end to end
        print(f"summary: grouping growth per 10x claims {', '.join(f'x{g:.1f}' for g in growth)}, "
              f"x{overall:.1f} from {first[0]:,} to {previous[0]:,} "
              f"(target <= x12: {'ok' if worst <= 12 else 'over'})"
              + (f"; query median {statistics.median(latencies):.1f} ms on {args.store_size:,} claims "
                 f"(target < 100 ms: {'ok' if statistics.median(latencies) < 100 else 'over'})"
                 if args.store_size else ""), flush=True)


if __name__ == "__main__":
    sys.exit(main())
