"""The figures in docs/ are what the scripts print today (timing blocks excepted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_printed_blocks_in_docs_match_their_scripts():
    result = subprocess.run(
        [sys.executable, "scripts/docs_figures.py"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, (
        "docs/ figures are stale; run `python scripts/docs_figures.py --write`:\n" + result.stdout + result.stderr
    )


def test_the_docs_hold_printed_blocks():
    pages = "".join(page.read_text(encoding="utf-8") for page in (ROOT / "docs").glob("*.md"))
    assert pages.count("<!-- printed by") == pages.count("<!-- end printed -->") >= 1
