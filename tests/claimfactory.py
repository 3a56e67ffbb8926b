"""Build Claims for tests of grouping, comparison, queries and views."""

from __future__ import annotations

from claims.models import Claim, claim_id_for

_counter = iter(range(10**9))


def make_claim(
    doc: str = "001",
    category: str = "deaths",
    value=10.0,
    low="same",
    high="same",
    qualifier: str = "exact",
    concept: str | None = "killed",
    subject: str | None = "Tote",
    scope: str | None = "2022-01",
    as_of: str | None = "2022-01-10",
    actor: str | None = None,
    unit: str | None = None,
    text: str | None = None,
    kind: str | None = None,
    start: int | None = None,
) -> Claim:
    """A claim with sensible defaults; ``low``/``high`` default to the value."""
    start = next(_counter) * 10 if start is None else start
    text = text or str(value)
    return Claim(
        claim_id=claim_id_for(doc, start, start + len(text)),
        doc=doc,
        category=category,
        value=value,
        value_low=value if low == "same" else low,
        value_high=value if high == "same" else high,
        unit=unit,
        qualifier=qualifier,
        text=text,
        start=start,
        end=start + len(text),
        sentence=f"Satz mit {text} {subject or ''}.",
        subject=subject,
        scope=scope,
        actor=actor,
        kind=kind or ("date" if isinstance(value, str) else "number"),
        as_of=as_of,
        concept=concept,
    )
