"""The claim store: documents, claims and groups in one SQLite file.

``Store(path)`` opens (or creates) the file, switches it to WAL mode with a
busy timeout so that a reader and a writer or two writers can share it, and
applies any missing migrations (``migrations.py``, numbered, append-only).
Every write is one ``BEGIN IMMEDIATE`` transaction, so a crash or Ctrl-C
leaves each document fully present or absent. All SQL of the project lives in
this package, one module per table; values always travel as parameters.
SQLite errors leave it as StoreError / StoreLocked.
"""

from .block_table import BlockTables
from .claim_table import CLAIM_FIELDS, ClaimTables, claim_rows, fts_query
from .connection import DEFAULT_TIMEOUT_SECONDS, StoreConnection
from .document_table import DocumentState, DocumentTables, StoredDocument
from .group_tables import GroupTables, GroupView
from .story_table import StoryTables


class Store(DocumentTables, ClaimTables, GroupTables, StoryTables, BlockTables, StoreConnection):
    """A claims store in the SQLite file at ``path``; migrates itself on open.

    ``create=False`` refuses to create a missing file (for commands that only read).
    ``timeout`` is how long to wait for another writer (default: $CLAIMS_BUSY_TIMEOUT or 30 s).
    """

    def __enter__(self) -> "Store":
        return self


__all__ = [
    "CLAIM_FIELDS", "DEFAULT_TIMEOUT_SECONDS", "DocumentState", "GroupView", "Store", "StoredDocument", "claim_rows",
    "fts_query",
]
