"""claims: pull quantitative claims out of news reports and compare them across sources.

Public API::

    from claims import extract_claims, Store
    claims = extract_claims("Mindestens 2200 Menschen wurden verletzt.", doc_date="2022-01-11")
"""

from importlib import import_module

__all__ = ["extract_claims", "Claim", "Document", "Group", "Store", "ClaimsError"]

_EXPORTS = {
    "extract_claims": "claims.extract",
    "Claim": "claims.models",
    "Document": "claims.models",
    "Group": "claims.models",
    "Store": "claims.store",
    "ClaimsError": "claims.errors",
}


def __getattr__(name: str):
    # Imported lazily so that `claims --help` does not pay for loading every stage.
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'claims' has no attribute {name!r}")
