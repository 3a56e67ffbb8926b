"""Metadata for browsing a claims store with Datasette: descriptions, labels, facets, search.

``datasette_metadata(name)`` is the JSON ``claims datasette-metadata`` prints, for
``datasette serve claims.db --metadata metadata.json``; ``name`` is the database's name in
Datasette (the file name without ``.db``). Datasette finds the full-text index of ``claims`` by
itself (migration m007 declares it the way Datasette looks for); for the view ``claims_view``,
which has no index of its own, the metadata names ``claims_fts`` and the view's ``rowid`` column.
"""

from __future__ import annotations

from pathlib import Path

CLAIM_COLUMNS = {
    "claim_id": "stable id: a hash of document, character offsets and id scheme",
    "doc": "the document (file stem) the claim was read from",
    "category": "what is counted: deaths, injuries, arrests, troops, ... or date",
    "value": "the number as written, or an ISO date for a date claim (mixed types: use number for comparisons)",
    "number": "the value when it is a number, empty for dates: number > 100 never matches a date",
    "value_low": "the lower bound of the interval the text asserts (empty: open)",
    "value_high": "the upper bound of the interval the text asserts (empty: open)",
    "qualifier": "exact, approx, at_least, more_than, at_most, less_than, range or vague",
    "text": "the claim's words in the document",
    "start": "character offset where the text begins in the file as read",
    "end": "character offset where the text ends",
    "sentence": "the sentence the claim stands in",
    "subject": "what is counted or dated, as written",
    "scope": "the event time the claim is about (ISO)",
    "attribution": "the source the text names",
    "actor": "the party a figure belongs to",
    "concept": "normalised key of what is counted or dated (grouping compares it)",
    "stems": "Snowball stems of subject and sentence, indexed for stemmed search",
}

VIEW_COLUMNS = {
    "doc_title": "the document's title",
    "source": "the document's source (front matter)",
    "doc_date": "the document's publication date",
    "story": "the story (event) the document tells of: see the stories table",
    "group_id": "the group the claim is in",
    "group_label": "what the group is about",
    "status": "the group's status: agree, compatible, conflict, update, sum_agree, sum_conflict, single",
    "group_sources": "how many documents speak in the group",
}


def database_name(path: str | Path) -> str:
    """The name Datasette gives the database in the file at ``path``."""
    return Path(path).stem


def datasette_metadata(name: str = "claims") -> dict:
    """Datasette metadata for the claims store served under ``name``."""
    claim_columns = {k: v for k, v in CLAIM_COLUMNS.items() if k != "stems"}
    tables = {
        "claims": {
            "description": "One row per number or date read from a document, with its provenance.",
            "label_column": "text",
            "fts_table": "claims_fts",
            "facets": ["category", "qualifier", "lang"],
            "columns": CLAIM_COLUMNS,
        },
        "claims_view": {
            "description": "Each claim with its group's status and its document's title and source; "
                           "search it, or facet by category, status and source.",
            "label_column": "text",
            "fts_table": "claims_fts",
            "fts_pk": "rowid",
            "facets": ["category", "status", "source", "story"],
            "columns": {**claim_columns, **VIEW_COLUMNS},
        },
        "documents": {
            "description": "The documents read, one per file: title, source, publication date, language.",
            "label_column": "title",
            "facets": ["source", "lang"],
        },
        "groups": {
            "description": "Claims of several documents about the same thing, and whether the sources agree.",
            "label_column": "label",
            "facets": ["status", "category"],
        },
        "group_members": {"description": "Which group each claim is in."},
        "stories": {
            "description": "The events the documents tell of; claims of two stories are never compared.",
            "label_column": "label",
        },
    }
    hidden = ["claims_fts", "_migrations", "store_state"]
    tables.update({table: {"hidden": True} for table in hidden})
    return {
        "title": "claims",
        "description": "Quantitative claims from news reports, grouped across sources.",
        "databases": {name: {"tables": tables}},
    }
