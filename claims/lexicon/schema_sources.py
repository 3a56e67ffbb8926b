"""The schemas of the lexicons the comparison reads besides grouping.yaml: who speaks for a
figure (``sources.yaml``) and where a figure is about (``places.yaml``). schema.py lists them
with the others in ``SCHEMAS``."""

from __future__ import annotations

from .shapes import Section, optional, required

WORDS = [str]

SOURCE_KIND = Section({
    "words": optional(WORDS, "whole words of an attribution that name this kind of source (casefolded)"),
    "stems": optional(WORDS, 'pieces of a word that name it, also inside compounds ("ministeri" of "Innenministerium")'),
}, "what names one kind of source")
SOURCES = Section({
    "lines": required({str: Section({
        "label": required(str, 'how views name the line ("official", "independent monitor")'),
        "kinds": required({str: SOURCE_KIND}, 'the kinds of source of the line, shown in brackets ("ministry")'),
        "facility": optional(bool, "the line counts one facility (a hospital): its figures are parts of the total, rivals only when higher"),
    })}, "the source lines a comparison keeps apart, tried in order; the first kind that matches wins"),
    "hedges": required(WORDS, 'words that hedge a figure, not name its source ("vermutlich", "reportedly")'),
    "outlet_label": required(str, "the line of a figure the outlet gives in its own voice"),
    "other_label": required(str, "the line of an attribution no kind matches"),
}, "source lines: who speaks for a figure (officials, monitors, media, witnesses)")

PLACE_WORDS = Section({
    "prepositions": required(WORDS, 'a capitalised name right after one of these is a place ("in Almaty")'),
    "region_prepositions": required(WORDS, 'prepositions with an article, before a region noun ("im Gebiet", "in the province")'),
    "region_nouns": required(WORDS, 'nouns of regions and places; the name with them is the place ("Gebiet Mangystau")'),
    "facility_nouns": required(WORDS, 'places of one institution: the figure counts only there ("Krankenhaus", "morgue")'),
    "not_places": required(WORDS, 'capitalised words after a preposition that are no place ("Haft", "March")'),
    "name_words": required(int, 'how many capitalised words a place name may have ("Lake Kivu": 2)'),
    "name_before_noun": required(bool, 'a name may stand before its region noun ("in Galati county")'),
    "compound_nouns": required(bool, 'region and facility nouns may end a compound ("Kleinstadt")'),
    "national_words": required(WORDS, 'words making a clause\'s figure a whole, never a part ("landesweit")'),
    "relatives": required(WORDS, 'words opening a relative clause skipped after a fronted place ("wo", "where")'),
    "not_place_endings": required(WORDS, 'endings of abstract nouns that are never places ("Abstimmung": "ung")'),
    "openers": required(WORDS, 'words opening an introductory phrase a fronted place may follow ("Bei den Zusammenstößen in X,")'),
    "boundaries": required(WORDS, 'words that end a figure\'s clause: a place beyond them is another verb\'s ("when")'),
    "joiners": optional(WORDS, 'words joining two place phrases: a figure "in X and on Y" is of no one place ("and", "und")'),
    "owner_articles": optional(WORDS, 'articles before a region noun and the name that opens an owner\'s sentence ("Der Kreis Galați hat")'),
    "anaphors": optional(WORDS, 'words in a figure\'s clause pointing back to the last place before it in the sentence ("dort starben 20", "103 were missing there")'),
    "event_totals": optional(WORDS, 'words of a total ("Zahl", "toll"): after a place in a phrase of an earlier event ("nach dem Erdbeben auf der Halbinsel Noto ist die Zahl der Toten"), the place is the event\'s, not the figure\'s'),
    "possessive_endings": optional(WORDS, 'endings of a possessive: "the state\'s toll" is the toll of the name before it with that ending ("North Rhine-Westphalia\'s")'),
    "not_anaphor_before": optional(WORDS, 'words after an anaphor that make it no place ("there were": existential)'),
    "owner_links": optional(WORDS, 'words after a name opening the sentence that make it the figure\'s owner ("Kasachstan hat", "Tecuci, a town of")'),
}, "the words of one language that name where a figure is about")
PLACES = Section({
    "categories": required(WORDS, "the categories whose figures get a place"),
    "owner_categories": optional(WORDS, 'categories whose figure belongs to the name opening its sentence ("Tecuci, das 30.000 Einwohner hat")'),
    "reach_before": required(int, "how far (characters) a place phrase may stand before its figure"),
    "reach_after": required(int, "how far (characters) a place phrase may stand after its figure"),
    "languages": required({str: PLACE_WORDS}, "the place words of each language"),
    "care_places": optional(WORDS, 'nouns of hospitals as a bare place ("in hospital", "in Krankenhäusern"): the people in care, a count that falls'),
    "cities_of_actors": optional(WORDS, "names of actors.yaml that, as a figure's place, are a city (a capital), not its country"),
}, "where a figure is about: place prepositions, region and facility nouns")
