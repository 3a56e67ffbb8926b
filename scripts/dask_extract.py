"""Extract the claims of many files on a Dask cluster and write the JSON lines `claims extract` writes.

Usage (dask is an optional extra: pip install -e '.[dask]'):

    python scripts/dask_extract.py corpus/ -o claims.jsonl                 # a LocalCluster of 2 processes
    python scripts/dask_extract.py corpus/ -o claims.jsonl --workers 8
    python scripts/dask_extract.py corpus/ --out-dir parts/ --scheduler tcp://scheduler:8786
    claims ingest --from-jsonl claims.jsonl                               # store them; nothing is extracted again
    cat parts/*.jsonl | claims ingest --from-jsonl -

Extraction is a pure function of a document's bytes, so the paths are cut into partitions of a
``dask.bag`` and each partition runs ``claims.claimlines.extract_lines`` on a worker. This
process lists the files (and reports missing paths and document ids used twice, as `claims
extract` does). With ``-o`` the partitions come back here and are written in input order, so the
file equals what `claims extract FOLDER --jobs 1` prints, byte for byte. With ``--out-dir`` each
worker writes its partition to ``part-00000.jsonl`` ... itself (a folder every worker and the
ingesting machine can read, e.g. a shared file system) and only errors travel back; the parts in
name order are the same lines.

On a real cluster: start ``dask scheduler`` and ``dask worker tcp://scheduler:8786`` on each
machine, each with the same claims installed (the lines carry the extractor version, and `claims
ingest --from-jsonl` refuses lines of another version) and the files at the same paths; then
pass ``--scheduler tcp://scheduler:8786``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.errors import DocumentError  # noqa: E402
from claims.ingest import list_files  # noqa: E402

DOCS_PER_PARTITION = 64


def extract_partition(files: list[tuple[str, str]], lang: str | None, out_dir: str | None, index: int):
    """Runs on a worker: the lines of these (path, document id) files (or, with ``out_dir``, their
    file written there)."""
    from claims.claimlines import extract_lines

    lines, errors, warnings = extract_lines(files, lang=lang)
    if out_dir is None:
        return lines, errors, warnings
    target = Path(out_dir) / f"part-{index:05d}.jsonl"
    partial = target.with_suffix(".jsonl.tmp")
    partial.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    partial.replace(target)  # a part is there whole or not at all
    return [], errors, warnings


def run(paths: list[str], *, output, out_dir: Path | None, scheduler: str | None, workers: int,
        lang: str | None = None, partition_docs: int = DOCS_PER_PARTITION, processes: bool = True) -> int:
    """Extract ``paths`` on the cluster; write the lines to ``output`` (or parts into ``out_dir``).
    Return the number of errors (printed to stderr)."""
    import dask
    from dask import bag
    from distributed import Client, LocalCluster

    files, errors = [], 0
    for item in list_files(paths):  # ids are chosen here, over all files, as `claims extract` chooses them
        if isinstance(item, DocumentError):
            print(f"Error: {item}", file=sys.stderr)
            errors += 1
        else:
            path, doc_id = item
            files.append((os.path.abspath(path), doc_id))
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    partitions = [files[i : i + partition_docs] for i in range(0, len(files), partition_docs)]
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                               dashboard_address=None, silence_logs=logging.ERROR)
    try:
        with Client(scheduler or cluster) as client:
            parts = bag.from_sequence(list(enumerate(partitions)), npartitions=max(1, len(partitions)))
            tasks = parts.map(lambda item: extract_partition(item[1], lang, None if out_dir is None else str(out_dir),
                                                             item[0]))
            with dask.config.set({"distributed.comm.timeouts.connect": "30s"}):
                futures = client.compute(tasks.to_delayed())
            for future in futures:  # in input order; each partition is written as soon as it and those before are in
                for lines, part_errors, warnings in future.result():
                    for warning in warnings:
                        print(f"Warning: {warning}", file=sys.stderr)
                    for error in part_errors:
                        print(f"Error: {error}", file=sys.stderr)
                    errors += len(part_errors)
                    if output is not None:
                        output.write("".join(line + "\n" for line in lines))
    finally:
        if cluster is not None:
            cluster.close()
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="files (.txt, .md) and folders")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", help="write the JSON lines here (- for stdout)")
    where.add_argument("--out-dir", type=Path, help="workers write part-NNNNN.jsonl here (a shared folder)")
    parser.add_argument("--scheduler", help="address of a running scheduler (default: a LocalCluster here)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the LocalCluster")
    parser.add_argument("--partition-docs", type=int, default=DOCS_PER_PARTITION, help="documents per partition")
    parser.add_argument("--lang", choices=["de", "en"], help="language of every document (default: guessed)")
    args = parser.parse_args()
    started = time.perf_counter()
    options = dict(out_dir=args.out_dir, scheduler=args.scheduler, workers=args.workers, lang=args.lang,
                   partition_docs=args.partition_docs)
    if args.output == "-":
        errors = run(args.paths, output=sys.stdout, **options)
    elif args.output:
        partial = Path(args.output + ".tmp")
        with open(partial, "w", encoding="utf-8") as out:
            errors = run(args.paths, output=out, **options)
        partial.replace(args.output)
    else:
        errors = run(args.paths, output=None, **options)
    print(f"extracted in {time.perf_counter() - started:.2f} s; {errors} errors", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
