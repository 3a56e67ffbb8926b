"""claims: pull quantitative claims out of news reports and compare them across sources.

Public API::

    from claims import extract_claims, Store
    claims = extract_claims("Mindestens 2200 Menschen wurden verletzt.", doc_date="2022-01-11")

    import claims
    with claims.open_store("claims.db") as store:       # for notebooks: see claims/api.py
        frame = store.query("Verletzte", since="2022-01").to_dataframe()
"""

from importlib import import_module

__all__ = [
    "extract_claims", "Claim", "ClaimFilter", "Document", "Group", "Store", "ClaimsError",
    "open_store", "ClaimStore", "GroupResult", "Results",
]

_EXPORTS = {
    "extract_claims": "claims.extract",
    "Claim": "claims.models",
    "Document": "claims.models",
    "Group": "claims.models",
    "Store": "claims.store",
    "ClaimsError": "claims.errors",
    "ClaimFilter": "claims.models",
    "open_store": "claims.api",
    "ClaimStore": "claims.api",
    "GroupResult": "claims.api",
    "Results": "claims.api",
}


def __getattr__(name: str):
    # Imported lazily so that `claims --help` does not pay for loading every stage.
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'claims' has no attribute {name!r}")
