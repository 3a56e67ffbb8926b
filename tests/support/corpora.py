"""Folders of documents that several tests ingest: the mixed fixture (without its truth file)
with the five seeds, copied into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"


def mixed_with_seeds(target: Path) -> Path:
    """Copy tests/fixtures/mixed (no truth.yaml) and the seeds into ``target``; return it."""
    shutil.copytree(FIXTURES / "mixed", target, ignore=shutil.ignore_patterns("truth.yaml"))
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, target / seed.name)
    return target
