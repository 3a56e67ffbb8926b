"""The schema of every lexicon file: each key, its shape and what it means (one line each).

``SCHEMAS`` maps a file name to its schema; per-language files (``de/numbers.yaml``) and
neutral ones (``grouping.yaml``) alike. The loader checks every file against it on load, so
a misspelt key fails with the file, the key and the closest known key; docs/lexicons.md is
printed from these descriptions (scripts/lexicon_reference.py). Word patterns: a plain word matches that word in any case, a leading ``=`` demands the case as
written, a trailing ``*`` allows up to four more letters, ``...`` stands for up to eight words,
``~`` for up to three phrases of time or place (attribution's gap_leads, gap_adverbs); nouns also
match as the last part of a compound.
"""

from __future__ import annotations

import re

from ..models import QUALIFIERS
from .schema_extract import EXTRACT, NUMBERS_OF, WORDS
from .schema_sources import PLACES, SOURCES
from .schema_stories import STORY_THRESHOLDS, STORY_WORDS
from .shapes import Bounds, OneOf, Regex, Section, optional, required

# What a number qualifier in numbers.yaml may mean (models.QUALIFIERS are what a claim reports).
NUMBER_QUALIFIERS = ("exact", "approx", "a_good", "at_least", "more_than", "more_than_far", "at_most", "nearly",
                     "less_than", "range_open")

DIGITS = Section({
    "decimal": required(str, 'the decimal mark: "," in "1.234,5", "." in "1,234.5"'),
    "group": required(WORDS, "marks that group thousands"),
    "dot_ordinals": optional(bool, 'digits and a period may be an ordinal ("6. Januar", "die 4. Winterwelt")'),
    "space_groups": required(bool, 'thousands may be grouped by spaces ("10 000")'),
}, "how digits are written")
NUMBER_WORDS = Section({
    "zero": required(NUMBERS_OF, "the word for zero"),
    "units": required(NUMBERS_OF, "one to nine"),
    "teens": required(NUMBERS_OF, "ten to twelve (German) or ten to nineteen (English)"),
    "tens_stems": optional(NUMBERS_OF, 'stems that take a tens suffix ("zwan" of "zwanzig")'),
    "teen_stems": optional(NUMBERS_OF, 'stems that take "zehn" ("drei" of "dreizehn")'),
    "tens_suffixes": optional(WORDS, 'suffixes of the tens ("zig", "ßig")'),
    "tens": optional(NUMBERS_OF, "the tens as words of their own (English twenty .. ninety)"),
    "hundred": required(WORDS, "the word for a hundred"),
    "thousand": required(WORDS, "the word for a thousand"),
    "scales": required(NUMBERS_OF, "multiplier words after any smaller number (dozen, million)"),
    "joiner": required(WORDS, 'the word joining parts of a number ("einundzwanzig", "hundred and five")'),
    "article": required(WORDS, 'the indefinite article: a number only before a scale ("eine Million")'),
    "half": required(WORDS, 'the word for a half ("zweieinhalb", "half a million")'),
    "one_and_half": optional(WORDS, 'one word for one and a half ("anderthalb")'),
    "fractions": optional(NUMBERS_OF, 'fractions written as one word and their value ("dreiviertel": 0.75)'),
    "endings": optional(WORDS, "endings a number word may take (ordinals, plurals, article forms)"),
    "ordinal_stems": optional(NUMBERS_OF, 'ordinal stems that replace the cardinal ("dritt")'),
    "ordinals": optional(NUMBERS_OF, 'ordinals as whole words ("first", "twenty-first")'),
    "decimal_word": required(WORDS, 'the spoken decimal mark ("zwei Komma drei")'),
    "negative_words": required(WORDS, 'words that make a number negative ("minus")'),
}, "number words, the morphemes compound number words are chains of")
SHARES = Section({
    "nouns": required(NUMBERS_OF, 'share nouns and their N: one of them is 100/N % ("Drittel": 3)'),
    "one": required(WORDS, 'words for "one" before a share noun ("ein Drittel")'),
    "of": required(WORDS, 'one of these must follow the noun ("ein Viertel der Stadt")'),
    "unambiguous": required(WORDS, "share nouns that need no word of `of` after them"),
    "bare": required(WORDS, 'share words without "one" before them ("half")'),
    "bare_next": required(WORDS, 'words that must follow a bare share ("half the")'),
    "each": required(WORDS, 'words for "each" before an ordinal ("jeder dritte")'),
    "each_ordinals": required(NUMBERS_OF, 'ordinals after `each` and their N ("dritte": 3)'),
    "ratio": required(WORDS, 'words between N and M of a ratio ("zwei von drei", "one in three")'),
    "ratio_max": required(float, "the largest M of a ratio"),
    "ratio_not_before": required(WORDS, 'words after M that make it no ratio ("5 in 10 days")'),
    "compounds": optional({str: [float]}, 'shares written as one word, [numerator, denominator] ("dreiviertel": [3, 4])'),
}, "shares named by words, read as percentages")

NUMBERS = Section({
    "digits": required(DIGITS, DIGITS.doc),
    "words": required(NUMBER_WORDS, NUMBER_WORDS.doc),
    "scale_abbreviations": required(NUMBERS_OF, 'abbreviated scale words after digits ("Mio.", "bn")'),
    "glued_scales": required(NUMBERS_OF, 'case-sensitive scales glued to digits ("300k")'),
    "currency_glued_scales": optional(NUMBERS_OF, 'glued units that are scales after a currency sign ("£450m": a million, no metre)'),
    "vague": required({str: Bounds()}, 'vague amounts and the interval [low, high] each asserts ("Hunderte")'),
    "vague_inflections": optional({str: str}, 'inflected first words of vague phrases and their base ("mehreren")'),
    "vague_before": optional({str: Bounds()}, 'vague amounts only before a word of `vague_before_next` ("scores wounded")'),
    "vague_before_next": optional(WORDS, 'words after which a word of `vague_before` is an amount ("wounded", "were")'),
    "vague_before_not_after": optional(WORDS, 'words before a word of `vague_before` that make it no amount ("the scores")'),
    "vague_links": required(WORDS, 'words after a vague amount that belong to it ("Dutzende von")'),
    "approx_tolerance": required(float, "the share of a value an approximate figure may be off by"),
    "qualifiers": required({str: OneOf(NUMBER_QUALIFIERS)}, 'words before a number and the interval they give it'),
    "range_links": required(WORDS, 'words between two numbers that make a range ("150 bis 200")'),
    "range_links_after_open": required(WORDS, 'range words after an opening qualifier ("zwischen 150 und 200")'),
    "openers_closed_by_links_only": optional(WORDS, 'opening qualifiers that only range_links close ("von 150 bis 200", not "von 19 und 23")'),
    "percent": required(WORDS, 'percent units ("%", "Prozent", "percentage points")'),
    "percent_adjective": required(WORDS, 'percent adjectives glued to a number ("100-prozentigen")'),
    "currencies": required({str: str}, "currency names and symbols after a number, with their ISO code"),
    "currency_prefixes": required({str: str}, 'currency symbols and codes before a number ("US$ 5")'),
    "subunits": required({str: str}, 'hundredths of a currency ("Cent"), with the currency code'),
    "capitalised_amounts": required(WORDS, 'number words that stay amounts when capitalised ("mehrere Tausend")'),
    "glued_units": required(WORDS, 'unit letters that may stick to digits ("12km")'),
    "time_words": required(WORDS, 'words after a number that make it a clock time ("Uhr")'),
    "months": required(WORDS, 'month names: a day ordinal stands before them ("6. Januar")'),
    "ordinal_articles": optional(WORDS, 'words before "N." that make it an ordinal ("der 2. Weltkrieg")'),
    "digit_ordinal_suffixes": required(WORDS, 'endings glued to digits that make an ordinal ("3rd", "4ter")'),
    "change_words": optional(WORDS, 'verbs of change: "from X to Y" after them is a change, not a range'),
    "change_prepositions": optional(WORDS, 'a figure after one of these is a change ("rose by 1.5 percent")'),
    "shares": optional(SHARES, SHARES.doc),
    "measure_words": optional(WORDS, 'words before "6.8." that make it a decimal, not a date ("Stärke von")'),
    "governed_qualifiers": optional({str: WORDS}, 'qualifiers that the word before governs ("verfügt über 304")'),
}, "numbers, number words, vague amounts, qualifiers, units")

DATES = Section({
    "months": required({str: int}, "month names and their number (every language's are read in every text)"),
    "month_abbreviations": required({str: int}, 'abbreviated month names ("Jan.")'),
    "ambiguous_months": required(WORDS, 'month names that are also ordinary words or names ("Mai", "may")'),
    "weekdays": required({str: int}, "weekday names, 0 (Monday) to 6 (Sunday)"),
    "weekday_abbreviations": required({str: int}, 'abbreviated weekdays, dates only right before a date ("Fr,")'),
    "weekday_compounds": required(WORDS, 'parts of the day glued to a weekday ("Montagabend")'),
    "year_openers": optional(WORDS, 'words before a year before 1900 that make it a date ("im Jahr 1863")'),
    "night_before": optional(WORDS, 'phrases before a day whose night before it they name ("in der Nacht zum Donnerstag")'),
    "night_after": optional(WORDS, 'words after a day (or ending it) that name the night after it ("Wednesday night", "Mittwochnacht")'),
    "day_suffixes": required(WORDS, 'letters after a day number ("15te", "10th")'),
    "day_month_glue": required(WORDS, 'words between a day and its month ("5th of May")'),
    "ordinals": required({str: int}, "ordinal stems as words and the day they name"),
    "ordinal_endings": required(WORDS, "endings one of which follows an ordinal stem"),
    "qualifiers": required({str: OneOf(QUALIFIERS)}, 'words before a date and the qualifier they give it ("seit")'),
    "range_from": required(WORDS, 'words that open a span "from X to Y"'),
    "range_between": required(WORDS, 'words that open a span "between X and Y"'),
    "links": required(WORDS, "words between two dates that always make a span"),
    "links_after_from": required(WORDS, "span words only after a word of range_from"),
    "links_after_between": required(WORDS, "span words only after a word of range_between"),
    "articles": required(WORDS, 'articles between a preposition or weekday and the day ("Montag, dem 3.")'),
    "month_parts": required(WORDS, 'parts of a month or year ("Anfang Januar"); the date keeps its precision'),
    "cues": required(WORDS, 'words that make a bare month or year a date ("im Monat Mai")'),
    "future_cues": required(WORDS, 'cues that point forward ("kommenden")'),
    "past_cues": required(WORDS, 'cues that point back ("vergangenen")'),
    "scheduled_words": optional(WORDS, "words of a clause that tells of something planned: a year-less date is ahead"),
    "past_tense_words": optional(WORDS, "words of a clause that tells of the past: its year-less date is not ahead"),
    "relative_years": required({str: int}, 'words after a year-less date and the year offset they name'),
    "count_start": optional({str: WORDS}, 'since: a date after these starts a count, not its time ("seit dem 26. September"); unless_before: unless one follows it ("since 2013, when"); unless_relative: nor a comma and one of these ("since the flood of 1962, which"); earlier_level: a figure after these ("up from 72") dated right after is a count\'s earlier level'),
    "standalone_relative_years": optional({str: int}, 'a year named relative to the report ("im vergangenen Jahr")'),
    "relative_days": required({str: int}, 'days relative to the publication day ("gestern": -1)'),
    "lowercase_only": required(WORDS, 'relative days that count only in lower case ("morgen")'),
    "list_words": required(WORDS, 'words listing bare months after a date ("im April und Juni")'),
    "publication_labels": required(WORDS, 'labels before a publication date ("Stand:")'),
    "not_year_before": required(WORDS, "words after a four-digit number that make it no year"),
    "not_year_after": required(WORDS, "words before a figure that make it no year and no date (\"Seite 2011\", \"magnitude 6.8.\")"),
    "decade_endings": required(WORDS, 'endings that make a year a decade ("1980er", "1990s")'),
    "decade_nouns": required(WORDS, 'nouns after a decade ("1980er Jahre")'),
    "decade_words": required({str: int}, 'decades as words and their first year ("Achtziger")'),
    "day_month_without_dot": required(bool, 'a day and month in figures may lack the closing dot ("am 22.04")'),
    "dotted_date_needs_year": optional(bool, 'a day and month in figures with dots ("7.8.") is a date only with its year'),
    "year_after_comma": required(bool, 'a comma may stand between a day and its year ("January 7, 2022")'),
    "month_first_needs_year": required(bool, 'a yearless day after its month needs a weekday or a phrase end'),
    "slash_month_first": required(bool, 'a date with slashes names the month first ("12/16/11")'),
}, "month and weekday names, the words around dates, how dates are written")

ACTORS = Section({
    "actors": required({str: WORDS}, "canonical names of states and alliances and the names written for them"),
    "adjective_endings": optional(WORDS, "endings of adjectives of nationality written with a trailing *"),
    "adjectives": optional({str: WORDS}, 'adjectives of nationality of each actor ("russisch*")'),
}, "the parties figures are attributed to, by one canonical name across languages")

CATEGORIES = Section({
    "fates": required(WORDS, "categories of what befalls people, mildest to worst: only a worse one overrides"),
    "befall_any": optional(WORDS, "categories beside the fates whose verbs a noun the lexicon does not know takes as a group of its own"),
    "contingents": required(WORDS, "categories whose figure after a state's name is that state's contribution"),
    "graded": required(str, "the category whose figures are told apart by severity (injury_severities)"),
}, "the categories of extract.yaml that rules treat apart, the same in every language")

GROUPING = Section({
    "subject_similarity": required(float, "rapidfuzz ratio (0-100) at which two subjects are the same thing"),
    "subject_prefix": required(int, "only subjects sharing this many first letters are compared fuzzily"),
    "fuzzy_max_keys": required(int, "a block with more distinct subjects matches the rest exactly"),
    "cumulative_categories": required(WORDS, "categories whose later, higher count is an update, not a conflict"),
    "update_window_days": required(int, "days after a scope's end an earlier report may still be updated"),
    "never_grouped": optional(WORDS, 'concepts of one person or thing, never grouped ("age")'),
    "gathering_categories": optional(WORDS, "categories counting one gathering: crowds dated to two days by their sentences are two events"),
    "unit_subjects": optional(WORDS, 'categories whose subject is a unit ("Minuten"): a claim of no concept joins no detail of it'),
    "people_categories": optional(WORDS, "categories of fates in which a detail naming people in general is no subgroup"),
    "people_nouns": optional(WORDS, 'stems of details that name people in general ("pilg", "passag"): one toll with "people"'),
    "remainder_words": optional(WORDS, 'words after a figure making it the rest of a toll beside named subgroups ("24 others")'),
    "within_report_categories": optional(WORDS, "categories in which one report's two named source lines are compared"),
    "falling_categories": optional(WORDS, "categories whose counts fall normally over time (the missing are found)"),
    "perpetrator_nouns": optional(WORDS, "stems of nouns of an attack's perpetrators: one subgroup, never the toll"),
    "part_words": optional(WORDS, "words that make a lower figure in the sentence of a toll a part of it"),
    "total_words": optional(WORDS, "words before a figure that tell it as a total, never a part"),
    "label_skips": optional(Section({
        "words": required(WORDS, 'subjects that are no nouns ("others", "killed")'),
        "endings": required(WORDS, 'endings of subjects that are no nouns ("ed")'),
    }), "subjects a group's label passes over when a noun is at hand"),
    "labelled_details": optional(WORDS, 'details and aspects of a concept a group label names ("(serious)", "(part)")'),
    "stories": optional(STORY_THRESHOLDS, "which documents tell of one event (claims/stories/): thresholds of the comparison"),
}, "how claims are grouped across documents and how a group's status is decided")

TOPICS = Section({
    "topics": required({str: Section({
        "categories": required(WORDS, "the categories the topic stands for"),
        "de": optional(WORDS, "German words of a query that select it, matched by their Snowball stem"),
        "en": optional(WORDS, "English words of a query that select it, matched by their Snowball stem"),
        "words": optional(WORDS, "words of any language that select it, matched by their stem in either"),
    })}, "each topic of `claims query`: its categories and the words that name it"),
    "question_words": optional({str: WORDS}, "words of a question, by language, a full-text query leaves out"),
}, "topic words of `claims query`")

NOISE = Section({
    "patterns": required({str: Regex(re.IGNORECASE | re.MULTILINE)}, "spans whose digits are never claims, as regexes"),
    "trigger": required(Section({
        "characters": required(str, "characters near a number that may mean noise"),
        "words": required(WORDS, "whole words near a number that may mean noise"),
        "suffixes": required(WORDS, "word endings near a number that may mean noise"),
        "regex": required(Regex(re.IGNORECASE | re.MULTILINE), "a regex on the characters glued to a number"),
    }), "the cheap test that decides whether the patterns are run near a number"),
    "trigger_reach": required(int, "how far (characters) the trigger looks around a number"),
    "line_edge": required(int, "spans this close to a line start are always checked"),
}, "addresses, contact data, links, handles, times, list numbers")

LANGUAGE_GUESS = Section({
    "stopwords": required({str: WORDS}, "frequent function words of each language, to guess a text's language"),
}, "what tells the languages apart")

SCHEMAS: dict[str, Section] = {  # file name (without .yaml) -> its schema
    "numbers": NUMBERS, "dates": DATES, "extract": EXTRACT, "actors": ACTORS, "categories": CATEGORIES,
    "grouping": GROUPING, "sources": SOURCES, "places": PLACES, "topics": TOPICS, "noise": NOISE,
    "languages": LANGUAGE_GUESS, "stories": STORY_WORDS,
}
PER_LANGUAGE = ("numbers", "dates", "extract")  # the files in de/ and en/; the others are neutral
