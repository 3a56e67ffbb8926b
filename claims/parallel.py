"""Run a pure function over a stream of items on every core, in order, with bounded memory.

``ordered_map(work, items, jobs=...)`` yields ``work(chunk)`` results item by item in the
order of ``items``, whatever finished first. Items are cut into chunks (by count and by
weight, e.g. characters of text); at most ``jobs * WINDOW_PER_JOB`` chunks are in flight,
so a slow consumer (the store's writer) holds back the readers and memory stays bounded.

The pool starts only when there is enough work to pay for it: items are looked ahead
until ``min_weight`` has gathered; a smaller stream (a one-file ingest, a test) runs in
this process with no pool at all. ``initializer`` (load the lexicons, compile the regexes)
runs once in each worker, or once in this process before forked workers inherit what it
loaded; workers keep that out of the collector's walks (gc.freeze). They ignore Ctrl-C (the
parent stops them and rolls back), and exit by themselves when the parent dies (a SIGKILL
leaves no orphan behind). Works with the
``fork``, ``forkserver`` and ``spawn`` start methods; ``work`` and ``initializer`` must be
importable module-level functions.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .errors import ClaimsError

T = TypeVar("T")
R = TypeVar("R")

CHUNK_ITEMS = 16  # items per chunk at most ...
CHUNK_WEIGHT = 48_000  # ... or this much weight (characters): about 25 ms of extraction
WINDOW_PER_JOB = 4  # chunks in flight per worker
PARENT_POLL_SECONDS = 0.5
STOP_GRACE_SECONDS = 10.0
WORKER_GC_THRESHOLD = (50_000, 20, 100)  # the collector's thresholds in a worker (the default first is 700)  # how long a Ctrl-C waits for a running chunk before it terminates the worker


class WorkerDied(ClaimsError):
    """A worker process died (killed, out of memory); what was stored before it is kept."""


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counter is not None:
        return max(1, counter() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable[T], weight: Callable[[T], int], max_items: int, max_weight: int) -> Iterator[list[T]]:
    """Consecutive chunks of ``items``: a chunk closes at ``max_items`` or ``max_weight``."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += weight(item)
        if len(chunk) >= max_items or total >= max_weight:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def ordered_map(
    work: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    jobs: int,
    weight: Callable[[T], int] = lambda item: 1,
    min_weight: int = 0,
    initializer: Callable[[], None] | None = None,
    start_method: str | None = None,
    chunk_items: int = CHUNK_ITEMS,
    chunk_weight: int = CHUNK_WEIGHT,
) -> Iterator[R]:
    """``work(chunk)`` for consecutive chunks of ``items``, flattened, in input order.

    ``work`` returns one result per item of its chunk. With ``jobs <= 1``, or when the
    whole stream weighs less than ``min_weight`` or fits in one chunk, everything runs in
    this process.
    """
    chunks = chunked(items, weight, chunk_items, chunk_weight)
    if jobs <= 1:
        for chunk in chunks:
            yield from work(chunk)
        return
    ahead: list[list[T]] = []
    gathered = 0
    for chunk in chunks:
        ahead.append(chunk)
        gathered += sum(map(weight, chunk))
        if gathered >= min_weight and len(ahead) >= 2:  # one chunk would keep one worker busy
            break
    else:  # too little work for a pool
        for chunk in ahead:
            yield from work(chunk)
        return
    yield from pooled(work, _chain(ahead, chunks), jobs, initializer, start_method)


def _chain(first: list[list[T]], rest: Iterator[list[T]]) -> Iterator[list[T]]:
    yield from first
    yield from rest


def pooled(work, chunks, jobs: int, initializer, start_method: str | None) -> Iterator:
    """``work`` of each chunk in a pool of ``jobs`` processes, in order (see ordered_map)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(start_method)
    if initializer is not None and context.get_start_method() == "fork":
        # Forked workers inherit what it loads (lexicons, compiled patterns): it runs once here,
        # not once in every worker.
        initializer()
        initializer = None
    # Workers start with Ctrl-C ignored (inherited by fork, kept across exec by Python), so a
    # Ctrl-C reaches only this process, which stops them; no worker prints a traceback.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
    try:
        executor = ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), initializer)
        )
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    pending: deque = deque()
    finished = False
    try:
        _spawn_all(executor, jobs)
        for chunk in chunks:
            pending.append(executor.submit(work, chunk))
            if len(pending) >= jobs * WINDOW_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    except BrokenProcessPool as exc:
        raise WorkerDied(
            "a worker process died (killed or out of memory); the documents stored before it are kept; "
            "run the command again, or with --jobs 1"
        ) from exc
    finally:
        if not finished:  # Ctrl-C, an error of the consumer: no new chunk starts
            _stop(executor, pending)
        executor.shutdown(wait=True, cancel_futures=True)


def _stop(executor, pending: deque) -> None:
    """Cancel the chunks not started and let the running ones end (a chunk is short). A worker
    terminated in the middle of sending its result, or of reading its next chunk, leaves the
    pool's threads blocked on a half-written pipe for ever, so it is terminated only when its
    chunk outlasts STOP_GRACE_SECONDS."""
    from concurrent.futures import wait

    for future in pending:
        future.cancel()
    _, late = wait([f for f in pending if not f.cancelled()], timeout=STOP_GRACE_SECONDS)
    if late:
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.terminate()


def _spawn_all(executor, jobs: int) -> None:
    """Start every worker now, with Ctrl-C ignored (the executor would start them lazily later)."""
    if not _main_thread():
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for _ in range(jobs):
            executor.submit(os.getpid)
    finally:
        signal.signal(signal.SIGINT, previous)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _start_worker(parent: int, initializer: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    if initializer is not None:
        initializer()
    # What is loaded now (lexicons, patterns) lives as long as the worker: the collector need not
    # walk it again, and runs less often (work makes many short-lived objects, few cycles).
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLD)


def _exit_with_parent(parent: int) -> None:
    """Exit when the parent is gone (a SIGKILL gives it no chance to stop its workers)."""
    while True:
        time.sleep(PARENT_POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)
