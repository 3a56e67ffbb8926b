"""The SQL of a ``models.ClaimFilter``: a condition on a claim row named ``c``, with its parameters.

Each field adds one condition; documents are asked in uncorrelated subqueries, which SQLite runs
once per statement, so no query needs a join it does not have. ISO dates of any precision
compare as text: a date's period ends at ``date || substr('-12-31', length(date) - 3)`` (2022 ->
2022-12-31, 2022-01 -> 2022-01-31), so "2022" overlaps a window that starts 2022-06.
"""

from __future__ import annotations

from ..models import ClaimFilter


def _overlaps(column: str, since: str | None, until_end: str | None) -> tuple[str, list]:
    parts, params = [f"{column} IS NOT NULL"], []
    if since is not None:
        parts.append(f"{column} || substr('-12-31', length({column}) - 3) >= ?")
        params.append(since)
    if until_end is not None:
        parts.append(f"{column} <= ?")
        params.append(until_end)
    return "(" + " AND ".join(parts) + ")", params


def _like_prefix(text: str) -> str:
    return text.lower().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def filter_sql(claim_filter: ClaimFilter | None) -> tuple[str, list]:
    """``(condition, params)`` keeping the claims ``c`` that pass ``claim_filter`` ("1" for none)."""
    if not claim_filter:
        return "1", []
    conditions, params = [], []
    if claim_filter.since is not None or claim_filter.until is not None:
        until_end = None
        if claim_filter.until is not None:
            until = claim_filter.until
            until_end = until + "-12-31"[len(until) - 4:]
        event_date = "substr(CASE WHEN c.kind = 'date' THEN c.value ELSE c.scope END, 1, 10)"
        event, event_params = _overlaps(event_date, claim_filter.since, until_end)
        published, published_params = _overlaps("date", claim_filter.since, until_end)
        conditions.append(f"({event} OR c.doc IN (SELECT doc_id FROM documents WHERE {published}))")
        params += event_params + published_params
    if claim_filter.source is not None:
        # the start of the name or of one of its words: "daily" and "ledger" find "The Daily Ledger"
        conditions.append("c.doc IN (SELECT doc_id FROM documents WHERE ' ' || lower(source) LIKE ? ESCAPE '\\')")
        params.append("% " + _like_prefix(claim_filter.source))
    return " AND ".join(conditions), params


def group_filter_sql(claim_filter: ClaimFilter | None) -> tuple[str, list]:
    """``(condition, params)`` keeping the groups ``g`` with at least one claim that passes."""
    if not claim_filter:
        return "1", []
    where, params = filter_sql(claim_filter)
    return (
        "EXISTS (SELECT 1 FROM group_members m JOIN claims c ON c.claim_id = m.claim_id "
        f"WHERE m.group_id = g.group_id AND {where})"
    ), params
