"""Comparing claims across documents: grouping, the status of a group, and asking the store.

``group.py`` puts the claims that speak of the same thing into groups;
``status.py`` decides whether a group's sources agree, comparing like with like
(source lines: ``sources.py``; series: ``series.py``; parts and sums: ``sums.py``,
``subgroups.py``) as intervals (``intervals.py``), and ``explain.py`` says why;
``query.py`` answers the questions of the
command line (a topic, the conflicts, two documents side by side, a regroup; one
claim in its group and story: ``claim_context.py``)
from the store, with no SQL of its own.
"""

from ..store import GroupView
from .claim_context import ClaimContext, claim_context
from .group import group_claims, normalise_subject
from .intervals import claim_interval, day_span, format_value
from .query import DiffResult, QueryResult, conflicts, diff, grouped_claims, named_events, parse_topics, query
from .regroup import RegroupSummary, regroup, regroup_changed, summarise
from .scopes import StoryScopes, scopes_compatible, split_by_scope
from .sources import SourceLine, source_line
from .status import (
    CLAIM_ORDER,
    DISAGREEMENTS,
    SEVERITY,
    Finding,
    compare_group,
    explain,
    findings,
    load_config,
    severity,
    status_counts,
    status_of_sorted,
)

__all__ = [
    "CLAIM_ORDER", "DISAGREEMENTS", "SEVERITY", "DiffResult", "StoryScopes", "Finding", "GroupView", "QueryResult", "RegroupSummary",
    "claim_interval", "compare_group", "conflicts", "day_span", "diff", "explain", "findings", "format_value",
    "group_claims", "grouped_claims", "load_config", "named_events", "normalise_subject", "parse_topics", "query",
    "regroup", "regroup_changed", "scopes_compatible", "severity", "split_by_scope", "status_counts", "status_of_sorted", "summarise",
    "SourceLine", "source_line", "ClaimContext", "claim_context",
]
