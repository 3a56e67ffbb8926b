"""Opening a claims store: the SQLite connection, its settings, errors and transactions.

``StoreConnection(path)`` opens (or creates) the file, switches it to WAL mode
with a busy timeout so that a reader and a writer or two writers can share it,
and applies any missing migrations. Every write is one ``BEGIN IMMEDIATE``
transaction, so a crash or Ctrl-C leaves each document fully present or absent.
SQLite errors leave the store package as StoreError / StoreLocked.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError, StoreLocked
from .migrations import migrate
from .search_schema import refresh_claims_view

DEFAULT_TIMEOUT_SECONDS = 30.0
PARAMETERS_PER_QUERY = 500  # SQLite limits the parameters of one statement


def chunks(items: Sequence, size: int = PARAMETERS_PER_QUERY) -> Iterable[Sequence]:
    """``items`` in slices small enough to be the parameters of one statement."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(items: Sequence) -> str:
    """``?, ?, ?``: one parameter mark per item."""
    return ", ".join("?" for _ in items)


class StoreConnection:
    """The SQLite file at ``path``, opened, configured and migrated; see ``Store``."""

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float | None = None):
        self.path = Path(path)
        self.name = str(path)
        if timeout is None:
            timeout = float(os.environ.get("CLAIMS_BUSY_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
        if self.path.is_dir():
            raise StoreError(f"{self.name} is a folder, not a claims store; give a file path with --db")
        if not create and not self.path.exists():
            raise StoreError(f"{self.name} does not exist; run `claims --db {self.name} ingest PATH` first")
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._refuse_foreign_database()
            self._switch_to_wal(timeout)
            self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn, self.name)
            refresh_claims_view(self.conn)
        except sqlite3.Error as exc:
            self.conn.close()
            raise self._error(exc) from None
        except BaseException:
            self.conn.close()
            raise

    def _switch_to_wal(self, timeout: float) -> None:
        # Changing the journal mode takes an exclusive lock without calling the busy handler, so
        # two processes creating the same new store at once would fail: wait and retry instead.
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.01)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _error(self, exc: sqlite3.Error) -> StoreError:
        message = str(exc)
        if "not a database" in message or "file is encrypted" in message:
            return StoreError(f"{self.name} is not a claims store (not a SQLite file); give another --db path")
        if "locked" in message or "busy" in message:
            return StoreLocked(
                f"{self.name} is locked by another process; wait for it to finish and try again"
            )
        if "malformed" in message or "corrupt" in message:
            return StoreError(
                f"{self.name}: the store is damaged ({message}); ingest again into a new --db or restore a copy"
            )
        if "unable to open" in message:
            return StoreError(f"{self.name}: cannot open the store (does its folder exist? may you write there?)")
        if "readonly" in message:
            return StoreError(f"{self.name}: the store is read-only; check its permissions")
        return StoreError(f"{self.name}: {message}")

    def _refuse_foreign_database(self) -> None:
        tables = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "_migrations" not in tables:
            raise StoreError(
                f"{self.name} is a SQLite database but not a claims store; give another --db path"
            )

    @contextmanager
    def reading(self):
        """The connection for reads; SQLite errors become StoreError."""
        try:
            yield self.conn
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    @contextmanager
    def transaction(self):
        """One write transaction; rolled back on any exception, Ctrl-C included."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise self._error(exc) from None
