"""Shared fixtures: deterministic console output, temporary stores, a stand-in extractor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.models import Claim

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def _deterministic_terminal(monkeypatch):
    # rich reads these: a fixed width and no colour make outputs comparable.
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("CLAIMS_DB", raising=False)
    monkeypatch.setenv("CLAIMS_BUSY_TIMEOUT", "0.2")


_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")


def digit_extractor(text: str, *, lang=None, doc_date=None) -> list[Claim]:
    """A predictable extractor for tests of the I/O around extraction: every digit run is a count."""
    claims = []
    for m in _DIGITS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        value = float(m.group().replace(",", "."))
        claims.append(
            Claim("", "", "count", value, value, value, None, "exact", m.group(), m.start(), m.end(),
                  text[line_start:line_end], line_start, lang=lang or "de")
        )
    return claims


@pytest.fixture
def fake_extractor(monkeypatch):
    """Replace the real extractor by ``digit_extractor``; returns the list of texts it was called with."""
    calls: list[str] = []

    def extract(text, **kwargs):
        calls.append(text)
        return digit_extractor(text, **kwargs)

    monkeypatch.setattr("claims.ingest._extractor", lambda: extract)
    return calls


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "claims.db"


@pytest.fixture
def cli(db):
    """Run the CLI in-process on a temporary store: ``cli("docs", "--json")``."""
    from claims.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None, store: Path | None = None):
        return runner.invoke(app, ["--db", str(store or db), *args], input=input)

    run.db = db
    return run
