"""Migration m008's split of the one-string `concept` of stores m001-m007 into concept, detail,
aspect and occasion: what follows "@" is the occasion (the day of a recurring event); before it,
the first ":" ends the concept; a last piece "change", "part" or "end" is the aspect; what lies
between is the detail. Joining them again (models.full_concept) gives the old string, so group
ids and labels stay the same."""

from __future__ import annotations

import sqlite3


def split_concept_column(conn: sqlite3.Connection) -> None:
    """Migration m008: the columns detail, aspect and occasion, filled from `concept`."""
    # Until now `concept` held in one string what a claim counts or dates and how:
    # "killed:polizist", "injured:serious", "inflatio:change", "strike:end@2008-03-14". The
    # pieces get columns of their own, split exactly as the extractor joined them: what follows
    # "@" is the occasion (the day of a recurring event); before it, the first ":" ends the
    # concept; a last piece "change", "part" or "end" is the aspect; what lies between is the
    # detail. Joining them again gives the old string, so group ids and labels stay the same.
    for column in ("detail", "aspect", "occasion"):
        conn.execute(f"ALTER TABLE claims ADD COLUMN {column} TEXT")
    rows = conn.execute(
        "SELECT rowid, concept FROM claims WHERE instr(concept, ':') > 0 OR instr(concept, '@') > 0"
    ).fetchall()
    # The update touches no indexed column: without the trigger the index is not rewritten row by row.
    conn.execute("DROP TRIGGER claims_fts_update")
    conn.executemany(
        "UPDATE claims SET concept = ?, detail = ?, aspect = ?, occasion = ? WHERE rowid = ?",
        [(*split_concept(concept), rowid) for rowid, concept in rows],
    )
    conn.executescript(
        """
        CREATE TRIGGER claims_fts_update AFTER UPDATE ON claims BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, sentence, subject, text)
            VALUES ('delete', old.rowid, old.sentence, old.subject, old.text);
            INSERT INTO claims_fts(rowid, sentence, subject, text)
            VALUES (new.rowid, new.sentence, new.subject, new.text);
        END;
        """
    )


def split_concept(joined: str) -> tuple[str, str | None, str | None, str | None]:
    """(concept, detail, aspect, occasion) of a concept string of m001-m007 (see m008)."""
    head, at, occasion = joined.partition("@")
    concept, colon, rest = head.partition(":")
    detail, aspect = (rest if colon else None), None
    if colon:
        pieces = rest.split(":")
        if pieces[-1] in ("change", "part", "end"):
            aspect = pieces.pop()
            detail = ":".join(pieces) if pieces else None
    return concept, detail, aspect, (occasion if at else None)
