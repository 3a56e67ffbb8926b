"""Story terms read each word once per language (stories/terms.py ``_readings``): what a document's
terms are must not depend on which documents were read before it (issue 13, speed)."""

from __future__ import annotations

from claims.lexicon import clear_cache
from claims.stories import document_terms, settings

# The same words in other roles: a name in one text ("Flut", "Kasachstans"), a lower-case word in
# another ("flut"), a capitalised word also written in lower case ("Retter"/"retter"), a stopword,
# a word of the bridge ("Hochwasser"), a dateline in capitals ("GOMA"), the outlet's name.
TEXTS = [
    ("de", "Flut in Kasachstans Norden", "Die Flut traf Kasachstans Norden. Retter suchten, die retter fanden 16 Menschen. Hochwasser in Almaty.", "Tagesblatt"),
    ("de", None, "Die flut stieg weiter. In Kasachstan und Almaty halfen Retter; das Tagesblatt berichtete.", None),
    ("en", "Floods in Goma", "GOMA — Floods hit Goma on Monday. Rescuers said the floods killed 12 people in Goma's north.", "Daily Ledger"),
    ("en", None, "The goma floods. Rescuers, rescuers and the Ledger's reporters in Kazakhstan's capital.", None),
]


def _terms(text):
    lang, title, body, source = text
    terms = document_terms(body, lang, title, settings(), source)
    return list(terms.weights.items()), list(terms.forms.items())  # in order: the stored bytes keep it


def test_a_documents_terms_do_not_depend_on_the_documents_read_before():
    cold = []
    for text in TEXTS:
        clear_cache()
        cold.append(_terms(text))
    clear_cache()
    for text in TEXTS:  # every word is read once, then found again in the next texts
        _terms(text)
    assert [_terms(text) for text in reversed(TEXTS)] == cold[::-1]
