"""Domain exceptions. The CLI turns them into one-line user errors at its edge.

Each exception's message says what went wrong and, where possible, what to do.
"""


class ClaimsError(Exception):
    """Something went wrong in claims."""


class LexiconError(ClaimsError):
    """A lexicon YAML file is missing, malformed or fails validation."""


class DocumentError(ClaimsError):
    """A document could not be read (missing, binary, empty, undecodable, too large, bad front matter)."""


class NoDocumentsFound(DocumentError):
    """A path holds no .txt or .md documents."""


class StoreError(ClaimsError):
    """The claim store cannot be opened or written."""


class StoreLocked(StoreError):
    """The claim store is locked by another process."""


class SchemaTooNew(StoreError):
    """The store was written by a newer version of claims."""


class UnknownDocument(ClaimsError):
    """No document matches the given id, prefix or path."""


class AmbiguousDocument(ClaimsError):
    """A document prefix matches more than one document."""


class UnknownClaim(ClaimsError):
    """No claim has the given id."""
