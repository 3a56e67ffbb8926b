"""Checking the options that narrow a listing: --since, --until, --source, --category.

``claim_filter`` turns the options as typed into a ``models.ClaimFilter`` (the store turns
that into SQL: ``claims.store.filter_sql``); ``check_category`` names the known categories
when one is misspelt. Both raise BadFilter, a one-line error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .errors import BadFilter
from .models import ClaimFilter

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def iso_date(text: str, option: str) -> str:
    """``text`` as an ISO date of year, month or day precision, checked for a real calendar date."""
    found = _ISO.match(text.strip())
    if found is None:
        raise BadFilter(f"{option} {text!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-01-06)")
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise BadFilter(f"{option} {text!r} is not a calendar date; give YYYY, YYYY-MM or YYYY-MM-DD") from None
    return found.group(0)


def claim_filter(since: str | None = None, until: str | None = None, source: str | None = None) -> ClaimFilter:
    """A ClaimFilter from options as typed; a bad date or an empty window raises BadFilter."""
    since = iso_date(since, "--since") if since is not None else None
    until = iso_date(until, "--until") if until is not None else None
    if since and until and window_end(until) < since:
        raise BadFilter(f"--since {since} is after --until {until}; nothing could match")
    if source is not None and not source.strip():
        raise BadFilter("--source is empty; give the start of a source name (see `claims docs`)")
    return ClaimFilter(since=since, until=until, source=source.strip() if source else None)


def window_end(iso: str) -> str:
    """The last day an ISO date of any precision covers, as text that sorts with ISO dates."""
    return iso + "-12-31"[len(iso) - 4:]


def known_categories() -> list[str]:
    """Every category a claim can have: those the topics name and those extract.yaml reads."""
    from .lexicon import (  # the lexicons (yaml) load only when a category is checked
        LANGUAGES,
        load,
    )

    found = {category for topic in load("topics")["topics"].values() for category in topic["categories"]}
    for lang in LANGUAGES:
        found.update(load("extract", lang).get("categories", {}))
    return sorted(found)


def check_category(category: str | None, stored: Iterable[str] = ()) -> str | None:
    """``category`` if claims knows it or a stored claim has it (None passes); else BadFilter
    listing the categories."""
    if category is None or category in (known := sorted({*known_categories(), *stored})):
        return category
    raise BadFilter(f"unknown category {category!r}; the categories are: {', '.join(known)}")
