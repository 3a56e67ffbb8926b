"""Domain exceptions. The CLI turns them into one-line user errors at its edge.

Each exception's message says what went wrong and, where possible, what to do.
"""

# The one line a command prints when Ctrl-C stops it (every write is one transaction).
INTERRUPTED = "Interrupted; nothing half-written was kept."


class ClaimsError(Exception):
    """Something went wrong in claims."""


class LexiconError(ClaimsError):
    """A lexicon YAML file is missing, malformed or fails validation."""


class DocumentError(ClaimsError):
    """A document could not be read (missing, binary, empty, undecodable, too large, bad front matter)."""


class NoDocumentsFound(DocumentError):
    """A path holds no .txt or .md documents."""


class MissingPath(DocumentError):
    """A path does not exist."""


class BinaryDocument(DocumentError):
    """A file holds binary data, not text."""


class UndecodableDocument(DocumentError):
    """A file's bytes are not text in UTF-8, cp1252 or latin-1."""


class EmptyDocument(DocumentError):
    """A file is empty or holds only whitespace."""


class MalformedFrontMatter(DocumentError):
    """A file's YAML front matter cannot be read."""


class DocumentTooLarge(DocumentError):
    """A file is larger than the size limit and was skipped."""


class DuplicateDocumentId(DocumentError):
    """Two files with the same name (document id) in different folders."""


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


class UnsupportedLanguage(ClaimsError):
    """The language is not one claims reads (de, en)."""


class UnknownStory(ClaimsError):
    """No story matches the given id or prefix."""
