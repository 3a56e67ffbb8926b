"""Running a migration's SQL scripts inside the migration's transaction.

``sqlite3.Connection.executescript`` commits first, which would end the ``BEGIN IMMEDIATE`` of a
migration halfway; ``run_in_transaction`` gives the migration a connection whose
``executescript`` runs the statements one by one instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def run_in_transaction(conn: sqlite3.Connection, migration: Callable[[sqlite3.Connection], None]) -> None:
    """Run ``migration(conn)`` inside the transaction ``conn`` is in, its scripts statement by statement."""
    # executescript() would COMMIT first, so run the script statement by statement.
    class _Conn:
        def __getattr__(self, attr):
            return getattr(conn, attr)

        def executescript(self, script: str) -> None:
            for statement in split_sql(script):
                conn.execute(statement)

    migration(_Conn())  # type: ignore[arg-type]


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies hold inner semicolons)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    statements, current = [], ""
    for piece in "\n".join(lines).split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    return statements
