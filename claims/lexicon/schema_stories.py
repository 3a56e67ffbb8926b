"""The schema of story detection's lexicon: the thresholds under `stories:` in grouping.yaml and
the words of stories.yaml (claims/stories/). Part of ``schema.SCHEMAS``."""

from __future__ import annotations

import re

from .shapes import Regex, Section, optional, required

WORDS = [str]

STORY_THRESHOLDS = Section({
        "similarity": required(float, "cosine of two documents' word weights (0-1) at which they tell of one story"),
        "event_similarity": optional(float, "a lower cosine at which two reports of one kind of event and one main place are one story"),
        "event_days": optional(int, "... when they are at most this many days apart"),
        "event_names": optional(int, "... and the heaviest name of one is among this many heaviest names of the other"),
        "follow_up_days": optional(int, "a late report of one event in one place links this many days apart at most ..."),
        "follow_up_similarity": optional(float, "... when its cosine reaches this, both name one event and one main place"),
        "term_cap": required(float, "one shared word adds at most this much to a cosine (one city shared is no story)"),
        "undated_similarity": required(float, "the same, when either document has no publication date"),
        "window_days": required(int, "two reports of one story are at most this many days apart (a chain may span more)"),
        "lead_days": required(int, "a figure dated this many days before a story's first report is still of the story"),
        "name_weight": required(float, "weight of a capitalised word inside a sentence (names, places; German nouns)"),
        "name_prefix": required(int, 'names longer than this also count by their first letters ("Belgrad", "Belgrade")'),
        "title_weight": required(float, "weight of a word of the title, against one of the text"),
        "terms_per_document": required(int, "a document is compared by this many of its best words"),
        "block_terms": required(int, "of those, this many rarest words find the documents it is compared with"),
        "max_block_documents": required(int, "a word in more documents than this finds none (it is not rare)"),
        "common_documents": required(int, "a word in this many documents or more weighs nothing; weights depend on a word's document count alone"),
        "min_word_length": required(int, "shorter words are left out"),
        "label_names": required(int, "a story's label names at most this many of its shared words"),
    })

STORY_WORDS = Section({
    "boilerplate": required([Regex(re.IGNORECASE | re.MULTILINE)], "spans blanked before story detection reads a text (bylines, credits)"),
    "stopwords": required({str: WORDS}, "words of each language that tell nothing of an event (left out of story detection)"),
    "bridge": optional(Section({
        "words": required({str: {str: WORDS}}, 'concept -> its words per language ("wort*": and the words it begins); one term in both languages'),
        "events": optional(WORDS, "the concepts above that are kinds of events (attack, flood), not news words (dead, police)"),
        "broader_events": required({str: str}, 'an event of extract.yaml -> the broader event it also is ("general_strike" -> "strike")'),
        "names": required({str: WORDS}, "a place's key -> its forms in German and English (\"Bukarest\", \"Bucharest\")"),
    }, "the bilingual bridge: German and English words of one concept are one term"), "German and English words that story detection reads as one term"),
}, "the words story detection leaves out and the bilingual bridge")
