"""All language knowledge: the YAML files in data/, checked on load against schema.py.

``load(name, lang)`` reads a file (with the user's CLAIMS_LEXICONS folder over the packaged
one); vocabulary.py compiles the extraction words of a language, wordlists.py the matchers
they are built of, language.py guesses a text's language. docs/lexicons.md lists every key.
"""

from .loader import (
    DATA_DIR,
    FAST_SAFE_LOADER,
    LANGUAGES,
    clear_cache,
    lexicon_cache,
    load,
    word_set,
)

__all__ = ["DATA_DIR", "FAST_SAFE_LOADER", "LANGUAGES", "clear_cache", "lexicon_cache", "load", "word_set"]
