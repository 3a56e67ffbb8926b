"""Golden outputs: compare a rendered text with tests/golden/NAME, or rewrite the file when
CLAIMS_UPDATE_GOLDEN is set (then read the diff before committing it)."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def check_golden(name: str, text: str, width: int = 100) -> None:
    path = GOLDEN / name
    if os.environ.get("CLAIMS_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= width
