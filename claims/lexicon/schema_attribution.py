"""The schema of the attribution words of extract.yaml: who a figure's source is ("laut der
Regierung", "police said", "sprach am Mittwoch von"). schema.py puts it in EXTRACT."""

from __future__ import annotations

from .shapes import Section, optional, required

WORDS = [str]

ATTRIBUTION = Section({
    "before": required(WORDS, 'phrases before their source ("laut", "according to")'),
    "after": required(WORDS, 'phrases after (or around) their source ("zufolge", "said")'),
    "standalone": required(WORDS, 'words that are an attribution by themselves ("offiziell")'),
    "needs_verb": required(WORDS, 'before-phrases that count only with a reporting verb after them ("wie")'),
    "verbs": required(WORDS, "reporting verbs, for needs_verb and as the end of a source phrase"),
    "source_before": optional(WORDS, 'after-phrases whose source is only ever before them ("sprach von")'),
    "not_source": optional(WORDS, 'lower-case words that end a source phrase ("while", "was")'),
    "clause_verbs": optional(WORDS, 'verbs after the words after "says" that make them a clause, no source'),
    "no_source": optional(WORDS, 'phrases that look like an attribution and name no source ("an estimated")'),
    "source_only": optional(WORDS, 'phrases after a source that are left out of its attribution ("put the")'),
    "of_words": optional(WORDS, 'words that hang a genitive on a source ("des staatlichen TV", "of the ministry")'),
    "gap_leads": optional(WORDS, 'prepositions of time and place whose phrase may stand in a verb\'s gap ~ ("sprach am Mittwoch von")'),
    "gap_adverbs": optional(WORDS, 'adverbs that may stand in a verb\'s gap ~ ("spricht weiterhin von", "spoke earlier of")'),
    "gap_words": optional(WORDS, 'prepositions after a second source whose verb is left out ("die Gewerkschaft von zwölf")'),
    "continuing": optional(WORDS, 'openers of a sentence that goes on with the figures and the source of the one before ("Another 62 ...")'),
    "source_after_verb": required(bool, 'a source is read after its verb first ("schätzt die Polizei"), else before'),
})
