"""Running the `claims` CLI as a user would, and checking what a store holds.

Shared by the harnesses beside it (crash, concurrency, fuzz) and the reliability tests:
``check_store`` tells whether every document in a store is whole (its claims
are exactly those a clean extraction gives) or absent, and whether SQLite and
the full-text index are intact.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from . import hostile

ROOT = hostile.ROOT
# `python -m claims` puts its working folder first on sys.path: run it where no claims/ lies.
NEUTRAL_CWD = tempfile.gettempdir()
Expected = dict[tuple[str, str], frozenset[str]]  # (doc_id, content_hash) -> claim ids

# -- running the CLI -------------------------------------------------------------------


def cli_env() -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120", PYTHONUNBUFFERED="1")
    env.pop("CLAIMS_DB", None)
    env.pop("FORCE_COLOR", None)
    return env


def claims_cmd(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claims", "--db", str(db), *args]


def run_claims(db: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(claims_cmd(db, *args), capture_output=True, text=True, env=cli_env(),
                          timeout=timeout, cwd=NEUTRAL_CWD)


def start_claims(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(claims_cmd(db, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=cli_env(), cwd=NEUTRAL_CWD)


def user_view_problems(result: subprocess.CompletedProcess | tuple[int, str, str], *, ok_codes=(0,)) -> list[str]:
    """What a user would object to: a traceback, a lock error, an unexpected exit code, a multi-line error."""
    code, out, err = result if isinstance(result, tuple) else (result.returncode, result.stdout, result.stderr)
    problems = []
    if "Traceback" in out + err:
        problems.append(f"traceback (exit {code}): {err.strip()[-600:]}")
    if "locked" in err:
        problems.append(f"lock error: {err.strip()[-300:]}")
    if code not in ok_codes:
        problems.append(f"exit code {code}: {err.strip()[-300:]}")
    for line in err.splitlines():
        if "internal error" in line or "extraction failed" in line:
            problems.append(line.strip()[:300])
    return problems


# -- what the store should hold ------------------------------------------------------------


def expected_claims(folder: Path, docs: dict[str, bytes]) -> Expected:
    """The claim ids a clean, in-process extraction gives for each (document, content) pair."""
    from claims import documents
    from claims.ingest import extract_document

    expected: Expected = {}
    for rel, data in docs.items():
        path = folder / rel
        doc = documents.parse_document(data, path, documents.doc_id_for(path))
        expected[(doc.doc_id, doc.content_hash)] = frozenset(c.claim_id for c in extract_document(doc))
    return expected


def content_state(folder: Path, docs: dict[str, bytes]) -> dict[str, str]:
    """doc id -> content hash of the files as they are now."""
    from claims import documents

    return {documents.doc_id_for(folder / rel): documents.content_hash(data) for rel, data in docs.items()}


def read_groups(db: Path) -> dict[str, tuple[str, ...]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT group_id, claim_id FROM group_members ORDER BY group_id, claim_id").fetchall()
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
    groups: dict[str, list[str]] = {}
    for gid, cid in rows:
        groups.setdefault(gid, []).append(cid)
    return {gid: tuple(ids) for gid, ids in groups.items()}


def check_store(db: Path, expected: Expected, complete: dict[str, str] | None = None,
                groups: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Problems of the store at ``db``: integrity, and every document fully present or absent.

    ``complete`` (doc id -> hash) demands exactly these documents; ``groups``
    demands exactly these group memberships (when grouping is wired into ingest).
    """
    if not db.exists():
        return ["store missing after a completed run"] if complete is not None else []
    problems: list[str] = []
    conn = sqlite3.connect(db, timeout=30)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk[:5]}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if "documents" not in tables:
            return problems + (["no documents table after a completed run"] if complete is not None else [])
        if "claims_fts" in tables:
            try:
                conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")
            except sqlite3.Error as exc:
                problems.append(f"full-text index out of step with claims: {exc}")
        stored: dict[str, str] = {}
        for doc_id, content_hash, n_claims in conn.execute("SELECT doc_id, content_hash, n_claims FROM documents"):
            stored[doc_id] = content_hash
            ids = frozenset(r[0] for r in conn.execute("SELECT claim_id FROM claims WHERE doc = ?", (doc_id,)))
            want = expected.get((doc_id, content_hash))
            if want is None:
                problems.append(f"{doc_id}: stored content {content_hash[:12]} was never on disk")
            elif ids != want:
                problems.append(
                    f"{doc_id}: stored claims differ from a clean extraction ({len(ids)} stored, {len(want)} expected, "
                    f"{len(want - ids)} missing)"
                )
            if n_claims != len(ids):
                problems.append(f"{doc_id}: n_claims says {n_claims}, {len(ids)} stored")
        orphans = conn.execute("SELECT count(*) FROM claims WHERE doc NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} claims without their document")
    finally:
        conn.close()
    if complete is not None and stored != complete:
        missing = sorted(set(complete) - set(stored))
        stale = sorted(d for d in complete if d in stored and stored[d] != complete[d])
        problems.append(f"after re-run: {len(missing)} documents missing {missing[:3]}, {len(stale)} stale {stale[:3]}")
    if groups is not None and read_groups(db) != groups:
        problems.append("after re-run: groups differ from a clean ingest of the same files")
    return problems


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def document_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@contextmanager
def temporary_folder(prefix: str):
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def has_command(name: str) -> bool:
    import typer.main

    from claims.cli import app

    return name in typer.main.get_command(app).commands  # type: ignore[attr-defined]


def takes_json(command: str) -> bool:
    import typer.main

    from claims.cli import app

    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return any("--json" in p.opts for p in cmd.params)


def table_rows(db: Path, queries: dict[str, str]) -> dict[str, list]:
    """The rows of each query, as dicts without the moment of the run (``ingested_at``)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {name: [{k: r[k] for k in r.keys() if k != "ingested_at"} for r in conn.execute(sql)]
                for name, sql in queries.items()}
    finally:
        conn.close()
