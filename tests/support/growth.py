"""Checks that work grows linearly with input size, robust to a shared, noisy machine.

A wall-clock bound ("under 2 s") fails whenever another job takes the core. What these tests
guard against is superlinear growth (a quadratic loop, regex backtracking), so they compare two
sizes far apart: at 16 times the input, linear work takes about 16 times as long and quadratic
work about 256 times. Each size is timed in CPU seconds (waiting for the core is not counted)
and each size is run once on text it has not seen before: what the extractor caches is keyed by text.
A slow large run is run once more before it fails (an interruption only ever adds time).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from contextlib import contextmanager

SIZE_RATIO = 16
SLACK = 3  # linear work passes even when the large run is 3 times as noisy as the small one
FLOOR = 0.02  # seconds: start-up costs that do not grow with the input
MIN_SECONDS = 0.005


@contextmanager
def time_limit(seconds: float, cpu: bool = False):
    """Fail instead of hanging when the work is catastrophically slow: after ``seconds`` of
    wall-clock time, or of CPU time if ``cpu``."""

    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    timer, signum = (signal.ITIMER_PROF, signal.SIGPROF) if cpu else (signal.ITIMER_REAL, signal.SIGALRM)
    previous = signal.signal(signum, expire)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)


def cpu_seconds(work: Callable[[], object], repeat: int = 3, limit: float = 30) -> float:
    """The least CPU time of ``repeat`` runs of ``work``; TimeoutError after ``limit`` CPU seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        with time_limit(limit, cpu=True):
            work()
        best = min(best, time.process_time() - started)
    return best


def _capped_seconds(work: Callable[[], object], cap: float) -> float:
    """CPU seconds of one run of ``work``, or ``cap`` if it is cut off there."""
    try:
        return cpu_seconds(work, repeat=1, limit=cap)
    except TimeoutError:
        return cap


def assert_linear(work_of_size: Callable[[int], Callable[[], object]], start_size: int, what: str = "") -> None:
    """Fail if the work for ``SIZE_RATIO`` times a size takes clearly more than ``SIZE_RATIO``
    times as long. ``work_of_size(n)`` prepares the input of size ``n`` and returns the timed call.

    The small size is ``start_size`` doubled until its work takes ``MIN_SECONDS``: below that,
    the floor would hide even quadratic growth. Noise in the small run only makes the check
    more lenient."""
    size = start_size
    work_of_size(size)()  # lexicons loaded, caches of the repeated words warm
    while (small := cpu_seconds(work_of_size(size), repeat=1)) < MIN_SECONDS and size < start_size * 2**12:
        size *= 2
    bound = SLACK * SIZE_RATIO * small + FLOOR
    large = _capped_seconds(work_of_size(size * SIZE_RATIO), 2 * bound)
    if large >= bound:  # once more, as an interruption may have cost the time; one unit more, as
        large = min(large, _capped_seconds(work_of_size(size * SIZE_RATIO + 1), 2 * bound))  # the same text is cached
    assert large < bound, (
        f"{what}: size {size}: {small:.4f} s, size {size * SIZE_RATIO}: {large:.4f} s "
        f"(ratio {large / max(small, 1e-9):.0f}, linear would be about {SIZE_RATIO})"
    )
