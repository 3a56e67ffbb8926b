"""The extraction vocabulary of one language, loaded from ``data/<lang>/extract.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .gaps import adverbial_gap
from .language import sentence_openers
from .loader import lexicon_cache, load
from .tokens import normalise_token
from .wordlists import KeyedMatcher, WordMatcher


@dataclass(frozen=True)
class Category:
    name: str
    concept: str
    nouns: WordMatcher
    predicates: WordMatcher
    min_value: float = 0  # smaller numbers are not of this category ("14 Personen wohnen in ...")
    yields_to_verbs: bool = False  # a noun of it takes another category's verb next to it ("30.000 Bewohner wurden evakuiert")
    general_only: bool = False  # its verbs decide only people in general ("sent 3,000 people", not "rescue workers")
    state: bool = False  # a state, not an event ("on board"): any event verb of the clause comes first


class NounInfo(NamedTuple):
    """What the lexicon knows about one noun."""

    category: Category | None  # the category whose nouns it is ("Tote" -> deaths)
    person: bool  # a noun for people in general ("Menschen", "Arbeiter")
    subgroup: bool  # a subgroup of people ("Polizisten")
    duration: str | None  # a unit of time ("Tage" -> day)
    not_counted: bool  # numbers before it are no claims ("Male", "Gründe")

    @property
    def known(self) -> bool:
        return self.category is not None or self.person or self.duration is not None or self.not_counted


@dataclass(frozen=True)
class Vocabulary:
    lang: str
    categories: tuple[Category, ...]
    person_nouns: WordMatcher
    strength_nouns: frozenset[str]  # "2.250 Mann": a unit's strength ...
    strength_category: str | None  # ... of this category (troops) ...
    strength_cues: WordMatcher  # ... in a sentence with one of these ("Kontingent", "Bundeswehr")
    subgroup_nouns: WordMatcher
    durations: KeyedMatcher
    measures: KeyedMatcher  # "km", "miles": a figure before one is a measure of that unit, never people
    measure_words: WordMatcher  # every unit word of measures, to reject most words in one test
    measure_lead_ends: frozenset[str]  # the last words of measure_leads ("magnitude", "of", "stärke")
    measure_leads: dict[str, tuple[str, ...]]  # "magnitude", "Stärke": a figure after one measures that unit
    ages: WordMatcher
    age_openers: tuple[str, ...]
    not_counted: WordMatcher
    prepositions: frozenset[str]
    identifier_words: frozenset[str]
    phrase_articles: frozenset[str]  # "bis zum Nachmittag fünf": the noun after one is no name with a number word
    price_words: WordMatcher
    attribution_before: WordMatcher
    attribution_after: WordMatcher
    attribution_standalone: WordMatcher
    attribution_needs_verb: frozenset[str]
    attribution_verbs: WordMatcher
    attribution_source_before: WordMatcher  # "after" phrases whose source is only ever before them
    attribution_not_source: frozenset[str]  # lower-case words that end a source phrase ("while", "was")
    attribution_clause_verbs: frozenset[str]  # after words that follow "says": they are a clause, no source
    attribution_between: frozenset[str]  # "police had put": words between a source and its verb
    attribution_back_openers: frozenset[str]  # "Das teilte die Polizei mit": the sentence before is the source's
    attribution_source_only: WordMatcher  # "put the": after-phrases left out of the attribution
    attribution_no_source: WordMatcher  # "an estimated": no attribution at all
    attribution_of_words: frozenset[str]  # "des", "of": words that hang a genitive on a source
    attribution_gap_words: frozenset[str]  # "von", "at": a second source's preposition, its verb left out
    back_references: WordMatcher
    present_markers: WordMatcher
    citation_words: WordMatcher
    idioms: WordMatcher
    events: KeyedMatcher
    event_words: WordMatcher
    recurring_events: frozenset[str]
    speech_verbs: WordMatcher  # "said on Tuesday": a date after one is the day a source spoke
    speech_gap_stops: frozenset[str]  # "that", "dass": after one a date is again the event's
    fractions: dict[str, float]
    until_words: tuple[str, ...]
    attached_date_leads: frozenset[str]  # "im", "in": a date so led right after a figure is the figure's
    comparison_leads: tuple[str, ...]  # "höher als 2019", "compared with 2019": a baseline, no event time
    temporal_conjunctions: frozenset[str]  # ", als im Juli 2005": after a comma a lead is "when"
    level_verbs: WordMatcher  # verbs that say where a figure stands ("reached", "stood at"): never what it measures
    not_nouns: frozenset[str]  # capitalised function words ("Doch", "Nur"): never what a number counts
    adverb_endings: tuple[str, ...]  # English "-ly": "three seriously" counts no "seriously"
    verb_endings: tuple[str, ...]  # English "-ed": "863 recorded on Friday" counts no "recorded"
    nouns_like_adverbs: frozenset[str]  # "family", "rally": nouns with an adverb's ending
    injury_severities: dict[str, str]  # "schwer" -> serious: how badly the injured counted are hurt
    injury_stems: tuple[str, ...]  # "verletz", "injur": words of injury a severity stands before
    injury_partial: frozenset[str]  # "zum Teil schwer verletzt": the severity is some of them's
    attributive_leads: frozenset[str]  # "Stadt mit 30.000 Einwohnern": the number describes the noun before
    capacity_before: tuple[str, ...]  # "licensed for 120 passengers": a capacity, never the count on board ...
    capacity_after: frozenset[str]  # ... "für 120 Passagiere zugelassen"
    people_in_general: frozenset[str]  # "Menschen", "people": no particular group of people
    demonym_endings: tuple[str, ...]  # endings of capitalised nouns of people ("Ukrainians"): English only
    closed_compounds: bool  # a category noun may end a compound: "Ölarbeiter" (German), not "firefighters"
    singular_articles: tuple[str, ...]  # "ein", "einen", "a": one, before a casualty noun or a victim
    singular_nouns: WordMatcher  # "Toter", "Festnahme": after an article, one casualty
    noun_followers: frozenset[str]  # "fell", "-ed": words that may follow "a passenger"; others make it a modifier
    agent_words: frozenset[str]  # "von", "by": the article after them names who did it, not the victim
    change_markers: frozenset[str]  # the word before a percentage that makes it a change ("um", "by")
    change_verbs: WordMatcher  # "stieg", "rose": with a change marker they make a count a change
    comparatives: frozenset[str]  # after "um 12 Cent": "mehr", "teurer" make an amount of money a change
    percentage_points: tuple[str, ...]  # "11,9 Prozentpunkte": a difference of percentages, never a level
    number_words: frozenset[str]  # "Die Zahl war ... mit 93 angegeben": the figure of the sentence before
    number_of: WordMatcher  # "Zahl der", "number of": what a later bare number counts follows them
    partitive_links: tuple[str, ...]  # "32 der 4.200 Passagiere": after a figure and one of these, a total
    partitive_openers: frozenset[str]  # the links that may open a clause: "Von den 500 Demonstranten ... 40"
    change_targets: frozenset[str]  # "von 21 auf 25": the figure after one of these ends a change, it is no part
    partitive_pronouns: tuple[tuple[str, ...], ...]  # "drei von ihnen": the figure is a part of one before
    inclusions: tuple[str, ...]  # "darunter 43 Kinder": a part named inside the whole's phrase
    finite_verbs: WordMatcher  # "died, and survivors said ... 250 passengers": "said" opens a clause of its own
    auxiliaries: frozenset[str]  # "Eine Frau wurde leicht, ein Mann schwer verletzt": the verb is shared
    relative_pronouns: frozenset[str]  # "the 30 people who were injured": a relative clause without a comma
    predicates: WordMatcher  # all categories' predicates, to find candidates in one scan
    attribution_any: WordMatcher  # before, after and standalone attribution words, for one scan
    category_nouns: WordMatcher  # all categories' nouns: most words are none, told in one test
    phrase_noun_starts: frozenset[str]  # first words of the nouns of two words ("mann" of "Mann starke")
    fates: tuple[str, ...]  # categories of what befalls people, mildest to worst (categories.yaml)
    casualties: frozenset[str]  # the same as a set
    befall_any: frozenset[str]  # what a noun the lexicon does not know may take from a verb (categories.yaml)
    contingents: frozenset[str]  # "Russia sent 2,500 troops": the figure is the state's contribution
    graded_category: str  # the category told apart by severity ("injuries")
    nouns_capitalised: bool  # German: nouns are capitalised, lower-case words before them are adjectives
    counted_before_of: bool  # English "a population of 47 million": the noun before "of" is counted
    money_change_needs_comparative: bool  # "um 12 Cent mehr" is a change, "um 1.400 Euro" a price
    linkers: frozenset[str]  # "zwei von den Demonstranten", "two of the": the noun follows them
    source_after_verb: bool  # "schätzt die Polizei": a source is looked for after its verb first
    dot_ordinals: bool  # "die 4. Winterwelt": digits and a period may be an ordinal (numbers.yaml)
    sentence_openers: frozenset[str]  # function words that, capitalised, open a sentence (languages.yaml)
    _nouns: dict = field(default_factory=dict, compare=False, repr=False)

    def counts_people(self, category: str) -> bool:
        """True for the lexicon's categories of people (deaths, troops, ...), not count or duration."""
        return category != "count" and any(c.name == category for c in self.categories)

    def noun(self, word: str) -> NounInfo:
        """Classify ``word`` once; news repeats its nouns, so the answer is cached."""
        info = self._nouns.get(word)
        if info is None:
            normal = normalise_token(word)
            category = next((c for c in self.categories if c.nouns.matches_head_normalised(normal, self.closed_compounds)),
                            None) if self.category_nouns.may_match_head(normal) else None
            info = NounInfo(
                category,
                self.person_nouns.matches_head_normalised(normal)
                or word[:1].isupper() and normal.endswith(self.demonym_endings),  # "137 Ukrainians"
                self.subgroup_nouns.matches_head_normalised(normal),
                self.durations.key_of_normalised(normal),
                self.not_counted.matches_normalised(normal),
            )
            if len(self._nouns) < 200_000:
                self._nouns[word] = info
        return info


def calendar_words(lang: str) -> frozenset[str]:
    """The names of the weekdays and of the months that are no other word (dates.yaml)."""
    dates = load("dates", lang)
    ambiguous = set(dates.get("ambiguous_months", []))
    months = [m for m in dates.get("months", {}) if m not in ambiguous]
    return frozenset(w.lower() for w in [*dates.get("weekdays", {}), *months])


@lexicon_cache()
def vocabulary(lang: str) -> Vocabulary:
    """Load and validate the vocabulary for ``lang`` ("de" or "en")."""
    data = load("extract", lang)
    categories = [Category(name, e["concept"], WordMatcher(e["nouns"]), WordMatcher(e["predicates"]), float(e.get("min_value", 0)),
                           bool(e.get("yields_to_verbs", False)), general_only=bool(e.get("general_only", False)))
                  for name, e in data["categories"].items()]
    # Verbs of a category for people in general only: "searching for 181 people", not "for three suspects"
    categories += [Category(name, e["concept"], WordMatcher([]), WordMatcher(e["general_predicates"]), general_only=True)
                   for name, e in data["categories"].items() if e.get("general_predicates")]
    # What befell people that is none of the categories (the rescued): counts whose verbs compete.
    for concept, words in data.get("count_predicates", {}).items():
        categories.append(Category("count", concept, WordMatcher([]), WordMatcher(words)))
    for concept, words in data.get("count_states", {}).items():  # "200 people on board" unless "were killed"
        categories.append(Category("count", concept, WordMatcher([]), WordMatcher(words), state=True))
    attribution = data["attribution"]
    gap = adverbial_gap(attribution.get("gap_leads", []), attribution.get("gap_adverbs", []))  # "sprach am Mittwoch von"
    kinds = load("categories")
    numbers = load("numbers", lang)
    durations = {unit: [p for p, u in data["durations"].items() if u == unit] for unit in dict.fromkeys(data["durations"].values())}
    return Vocabulary(
        lang=lang,
        categories=tuple(categories),
        person_nouns=WordMatcher(data["person_nouns"]),
        strength_nouns=frozenset(w.lower() for w in data.get("strength_nouns", [])),
        strength_category=data.get("strength_category"),
        strength_cues=WordMatcher(data.get("strength_cues", [])),
        subgroup_nouns=WordMatcher(data["subgroup_nouns"]),
        durations=KeyedMatcher(durations),
        measures=KeyedMatcher(data.get("measures", {})),
        measure_words=WordMatcher([w for words in data.get("measures", {}).values() for w in words]),
        measure_lead_ends=frozenset(w.split()[-1].lower() for words in data.get("measure_leads", {}).values() for w in words),
        measure_leads={unit: tuple(" ".join(w.lower().split()) for w in words)
                       for unit, words in data.get("measure_leads", {}).items()},
        ages=WordMatcher(data["ages"]),
        age_openers=tuple(w.lower() for w in data["age_openers"]),
        not_counted=WordMatcher(data["not_counted"]),
        prepositions=frozenset(w.lower() for w in data["prepositions"]),
        identifier_words=frozenset(w.lower() for w in data["identifier_words"]),
        phrase_articles=frozenset(w.lower() for w in data.get("phrase_articles", [])),
        price_words=WordMatcher(data["price_words"]),
        attribution_before=WordMatcher(attribution["before"]),
        attribution_after=WordMatcher(attribution["after"], gap),
        attribution_standalone=WordMatcher(attribution["standalone"]),
        attribution_needs_verb=frozenset(attribution["needs_verb"]),
        attribution_verbs=WordMatcher(attribution["verbs"]),
        attribution_source_before=WordMatcher(attribution.get("source_before", []), gap),
        attribution_not_source=frozenset(w.lower() for w in attribution.get("not_source", [])),
        attribution_clause_verbs=frozenset(w.lower() for w in attribution.get("clause_verbs", [])),
        attribution_between=frozenset(w.lower() for w in attribution.get("between", [])),
        attribution_back_openers=frozenset(attribution.get("back_openers", [])),
        attribution_source_only=WordMatcher(attribution.get("source_only", [])),
        attribution_no_source=WordMatcher(attribution.get("no_source", [])),
        attribution_of_words=frozenset(w.lower() for w in attribution.get("of_words", [])),
        attribution_gap_words=frozenset(w.lower() for w in attribution.get("gap_words", [])),
        back_references=WordMatcher(data["back_references"]),
        present_markers=WordMatcher(data["present_markers"]),
        citation_words=WordMatcher(data["citation_words"]),
        idioms=WordMatcher(data["idioms"]),
        events=KeyedMatcher(data["events"]),
        event_words=WordMatcher([w for words in data["events"].values() for w in words]),
        recurring_events=frozenset(data["recurring_events"]),
        speech_verbs=WordMatcher(data.get("speech_dates", {}).get("verbs", [])),
        speech_gap_stops=frozenset(w.lower() for w in data.get("speech_dates", {}).get("not_between", [])),
        fractions={word.lower(): float(n) for word, n in data["fractions"].items()},
        until_words=tuple(w.lower() + " " for w in data["until_words"]),
        attached_date_leads=frozenset(w.lower() for w in data.get("attached_date_leads", [])),
        comparison_leads=tuple(" ".join(w.lower().split()) for w in data.get("comparison_leads", [])),
        temporal_conjunctions=frozenset(w.lower() for w in data.get("temporal_conjunctions", [])),
        level_verbs=WordMatcher(data.get("level_verbs", [])),
        # Days and months never name what a number counts: "rose to 233 Sunday" (ambiguous months may)
        not_nouns=frozenset(w.lower() for w in data.get("not_nouns", [])) | calendar_words(lang),
        adverb_endings=tuple(w.lower() for w in data.get("adverb_endings", [])),
        verb_endings=tuple(w.lower() for w in data.get("verb_endings", [])),
        nouns_like_adverbs=frozenset(w.lower() for w in data.get("nouns_like_adverbs", [])),
        injury_severities={w.lower(): level for w, level in data.get("injury_severities", {}).items()},
        injury_stems=tuple(w.lower() for w in data.get("injury_stems", [])),
        injury_partial=frozenset(w.lower() for w in data.get("injury_partial", [])),
        attributive_leads=frozenset(w.lower() for w in data.get("attributive_leads", [])),
        capacity_before=tuple(" ".join(w.lower().split()) for w in data.get("capacity_before", [])),
        capacity_after=frozenset(w.lower() for w in data.get("capacity_after", [])),
        people_in_general=frozenset(w.lower() for w in data.get("people_in_general", [])),
        demonym_endings=tuple(w.lower() for w in data.get("demonym_endings", [])),
        closed_compounds=data.get("closed_compounds", True),
        singular_articles=tuple(w.lower() for w in data.get("singular_articles", [])),
        singular_nouns=WordMatcher(data.get("singular_nouns", [])),
        noun_followers=frozenset(w.lower() for w in data.get("noun_followers", [])),
        agent_words=frozenset(w.lower() for w in data.get("agent_words", [])),
        change_markers=frozenset(w.lower() for w in data.get("change_markers", [])),
        change_verbs=WordMatcher(numbers.get("change_words", [])),  # "prices rose from 60 to 120"
        comparatives=frozenset(w.lower() for w in data.get("comparatives", [])),
        percentage_points=tuple(w.lower() for w in data.get("percentage_points", [])),
        number_of=WordMatcher(data.get("number_of", [])),
        number_words=frozenset(w.lower() for w in data.get("number_words", [])),
        partitive_links=tuple(" ".join(w.lower().split()) for w in data.get("partitive_links", [])),
        partitive_openers=frozenset(" ".join(w.lower().split()) for w in data.get("partitive_openers", [])),
        change_targets=frozenset(w.lower() for w in data.get("change_targets", [])),
        partitive_pronouns=tuple(tuple(w.lower().split()) for w in data.get("partitive_pronouns", [])),
        relative_pronouns=frozenset(w.lower() for w in data.get("relative_pronouns", [])),
        auxiliaries=frozenset(w.lower() for w in data.get("auxiliaries", [])),
        finite_verbs=WordMatcher(data.get("finite_verbs", [])),
        inclusions=tuple(" ".join(w.lower().split()) for w in data.get("inclusions", [])),
        predicates=WordMatcher([p for category in categories for p in category.predicates.patterns]),
        attribution_any=WordMatcher(attribution["before"] + attribution["after"] + attribution["standalone"]
                                    + attribution.get("source_only", []) + attribution.get("no_source", []), gap),
        category_nouns=WordMatcher([p for category in categories for p in category.nouns.patterns]),
        phrase_noun_starts=frozenset(
            p.split()[0].lower() for category in categories for p in category.nouns.patterns if " " in p.strip()
        ),
        fates=tuple(kinds["fates"]),
        casualties=frozenset(kinds["fates"]),
        befall_any=frozenset(kinds["fates"]) | frozenset(kinds.get("befall_any", ())),
        contingents=frozenset(kinds["contingents"]),
        graded_category=kinds["graded"],
        nouns_capitalised=data["nouns_capitalised"],
        counted_before_of=data["counted_before_of"],
        money_change_needs_comparative=data["money_change_needs_comparative"],
        linkers=frozenset(w.lower() for w in data["linkers"]),
        source_after_verb=attribution["source_after_verb"],
        dot_ordinals=bool(numbers["digits"].get("dot_ordinals")),
        # a capitalised number word opens a sentence too: "stieg auf 23. Sechs Menschen ..." ends at "23."
        sentence_openers=sentence_openers(lang) | _number_words(numbers),
    )


def _number_words(numbers: dict) -> frozenset[str]:
    """The cardinal number words of one to twelve of a language (numbers.yaml)."""
    words = numbers.get("words", {})
    return frozenset(w.lower() for key in ("units", "teens") for w in words.get(key, {}))
