"""Text -> claims: the extraction stage.

``extract_claims`` is a plain sequence of steps: find numbers and dates, drop
noise, split sentences, decide what each number counts, then read its context
(event time, attribution, actor). It is a pure function with no database.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date

from . import context
from .actors import actor_of_adjective, canonical_actor
from .classify import CASUALTIES, Reading, counts_people, injury_severity, partitive_part, read_number
from .dateclaims import bare_span, date_bounds, is_metadata_date, resolve_years
from .dates import find_dates
from ..errors import UnsupportedLanguage
from ..lexicon.language import detect_language, sentence_openers
from ..lexicon import LANGUAGES
from ..models import MAX_CLAIMS, Claim, DateMatch, NumberMatch, claim_id_for
from .nouns import TOKEN, is_counted_noun, words_before_noun
from .numbers import find_numbers, parse_number
from .predicates import find_predicates, owned_by_figures
from .sentences import NoiseChecker, Sentences, split_sentences
from .singulars import find_singulars
from ..lexicon.vocabulary import vocabulary

# "Russland 3.000, Weißrussland 500 ... und Armenien 70 Soldaten": what lies
# between two members of an enumeration.
# between two members of an enumeration; the first member may carry the counted noun
# ("Russia sent 3,000 troops, Belarus 500").
_ENUMERATION_GAP = re.compile(
    r"\s*(?P<noun>[^\W\d_][\w-]*\s*)?(?:,|und|and|sowie|&|,\s*und|,\s*and)\s*(?P<names>(?:[^\W\d_][\w-]*\s+){0,3})"
)
# The name just before a number, allowing one verb in between ("Russia sent 3,000").
_ACTOR_BEFORE = re.compile(r"([A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?)\s+(?:(?!und\b|and\b|oder\b|or\b)[a-zäöüß]+\s+)?$")
CHUNK_CHARS = 200_000  # longer documents are read a chunk at a time
# Between a figure and a date attached to it: at most one word, its noun ("64,3 Prozent im Dezember").
_ATTACHED_DATE_GAP = re.compile(r"\s+(?:[^\W\d_]+\s+)?")
PART_WORDS = 3  # "davon leben etwa [zwei Millionen]": how far before a figure its inclusion word may stand
BORROW_REACH = 150  # how far back in its sentence a bare number looks for what it counts
_COUNT_KINDS = ("cardinal", "vague")
_PAIRING = re.compile(
    r"\s*(?:statt|anstatt|auf|oder|bis|bzw\.|beziehungsweise|und|gegenüber|to|or|and|instead of|rather than|"
    r"compared with|compared to|versus|vs\.?|-|–)\s*",
    re.IGNORECASE,
)


def extract_claims(text: str, *, lang: str | None = None, doc_date: str | date | None = None) -> list[Claim]:
    """Every quantitative and dated claim in ``text``, in document order.

    ``lang`` is "de" or "en" (guessed when None). ``doc_date`` is the
    publication date (ISO string at day, month or year precision, or a
    ``datetime.date``); year-less dates are resolved against it and it is the
    default event time of the claims.
    """
    lang = lang or detect_language(text)
    if lang not in LANGUAGES:
        raise UnsupportedLanguage(f"language {lang!r} is not supported; use one of {', '.join(LANGUAGES)}")
    as_of = doc_date.isoformat() if isinstance(doc_date, date) else doc_date
    if len(text) <= CHUNK_CHARS:
        return _extract(text, lang, as_of)[:MAX_CLAIMS]
    # A very long document is read a chunk at a time, cut between sentences: what a claim
    # means is decided within its sentence, and memory stays bounded however long the text.
    claims: list[Claim] = []
    for start, end in _chunks(text):
        claims.extend(_shifted(claim, start) for claim in _extract(text[start:end], lang, as_of))
        if len(claims) >= MAX_CLAIMS:
            break
    return claims[:MAX_CLAIMS]


def _chunks(text: str):
    """(start, end) pieces of at most CHUNK_CHARS, ending at a paragraph, a sentence or a space."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            floor = end - CHUNK_CHARS // 10
            for mark in ("\n\n", ". ", "\n", " "):
                cut = text.rfind(mark, floor, end)
                if cut > start:
                    end = cut + len(mark)
                    break
        yield start, end
        start = end


def _shifted(claim: Claim, offset: int) -> Claim:
    start, end = claim.start + offset, claim.end + offset
    return replace(
        claim, start=start, end=end, sentence_start=claim.sentence_start + offset, claim_id=claim_id_for("", start, end)
    )


def _extract(text: str, lang: str, as_of: str | None) -> list[Claim]:
    vocab = vocabulary(lang)
    noise = NoiseChecker(text)
    sentences = split_sentences(text, lang)
    numbers = [n for n in find_numbers(text, lang) if not noise.overlaps(n.start, n.end) and n.kind != "ordinal"]
    numbers, dates = resolve_years(text, numbers, find_dates(text, lang, as_of), vocab)
    # Metadata dates go only after numbers inside them are gone: "January 7, 2022" is no count of 7.
    dates = [d for d in dates if not is_metadata_date(text, d, noise, vocab)]
    numbers = sorted(numbers + find_singulars(text, numbers, sentences, vocab), key=lambda n: n.start)
    builder = _ClaimBuilder(text, lang, vocab, sentences, dates, as_of)
    claims = builder.number_claims(numbers) + builder.date_claims(dates)
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


def _weaker(mine: Reading | None, theirs: Reading | None) -> bool:
    """True if an enumeration member should take its neighbour's reading instead of its own.

    A casualty verb of its own keeps a member's reading against another casualty: in "starben
    12 Menschen, 40 wurden verletzt" the 40 are injured, not dead.
    """
    if theirs is None or not theirs.counted:
        return False
    if mine is not None and mine.category != theirs.category and {mine.category, theirs.category} <= CASUALTIES:
        return False
    return mine is None or (not mine.from_noun and theirs.from_noun)


def _share_units(text: str, numbers: list[NumberMatch], lang: str) -> list[NumberMatch]:
    """'sieben statt 6,50 Euro', 'um 62 beziehungsweise 46 Prozent', 'von 120 auf 132 Euro':
    a bare number takes the unit of the number it is paired with; in an enumeration of named
    members ("Germany pledged 2 billion euros and France 1.5 billion") the later members take
    the unit of the first."""
    shared = list(numbers)
    for i in range(1, len(shared)):
        first, second = shared[i - 1], shared[i]
        if first.unit is None or second.unit is not None or second.kind not in ("cardinal", "decimal"):
            continue
        gap = _ENUMERATION_GAP.fullmatch(text, first.end, second.start)
        if gap and gap.group("names")[:1].isupper():
            shared[i] = replace(second, unit=first.unit, kind=first.kind)
    for i in range(len(shared) - 2, -1, -1):
        first, second = shared[i], shared[i + 1]
        if first.unit is not None or second.unit is None or first.kind not in ("cardinal", "decimal"):
            continue
        if not _PAIRING.fullmatch(text[first.end : second.start]):
            continue
        bare_second = parse_number(text[second.number_start : second.number_end], lang) if second.number_start >= 0 else None
        scale = second.value / bare_second if bare_second else 1.0
        shared[i] = replace(
            first,
            value=first.value * scale,
            low=None if first.low is None else first.low * scale,
            high=None if first.high is None else first.high * scale,
            unit=second.unit,
            kind=second.kind,
        )
    return shared


class _ClaimBuilder:
    """Turns matches into claims with context; holds what the steps share."""

    def __init__(self, text, lang, vocab, sentences: Sentences, dates: list[DateMatch], as_of):
        self.text, self.lang, self.vocab, self.sentences, self.as_of = text, lang, vocab, sentences, as_of
        self.default_scope = as_of[:7] if as_of else None
        self.dates_by_sentence: dict[int, list[DateMatch]] = {}
        for found in dates:
            self.dates_by_sentence.setdefault(sentences.locate(found.start), []).append(found)
        # The dates that may give a claim its time: not those a figure is compared with, nor
        # those of things ("Autos der 1960er-Jahre").
        self.scope_dates = {
            index: [d for d in found if not d.attributive and not self._baseline(d)]
            for index, found in self.dates_by_sentence.items()
        }
        # What is read once per sentence (predicates, attributions, events, back references),
        # shared by all claims of that sentence: keyed by (what, sentence index).
        self._per_sentence: dict[tuple[str, int], object] = {}
        self._sentence_texts: dict[tuple[int, int], str] = {}
        self.number_starts: list[int] = []
        self.number_ends: set[int] = set()
        self._partitive: dict[int, int | None] = {}  # a number's start -> where its part stands (see _part_at)

    # -- numbers ---------------------------------------------------------
    def number_claims(self, numbers: list[NumberMatch]) -> list[Claim]:
        numbers = [n for n in _share_units(self.text, numbers, self.lang) if not self._is_ordinal(n)]
        self.number_starts = [n.start for n in numbers]
        self.number_ends = {n.end for n in numbers}
        readings: list[Reading | None] = []
        for number in numbers:
            readings.append(self._read(number))
        actors: list[str | None] = [None] * len(numbers)
        links = [self._enumeration_names(a, b) for a, b in zip(numbers, numbers[1:])]
        # Members of an enumeration share the reading taken from a counted noun: the
        # noun follows the last member in German ("Russland 3.000, ... Armenien 70
        # Soldaten") and the first in English ("Russia sent 3,000 troops, Belarus 500").
        for order in (range(len(links) - 1, -1, -1), range(len(links))):
            for i in order:
                if links[i] is None:
                    continue
                a, b = (i, i + 1) if order.step < 0 else (i + 1, i)  # a borrows from b
                if _weaker(readings[a], readings[b]):
                    readings[a] = readings[b]
        for i, reading in enumerate(readings):
            if reading is None:  # "..., Human Rights Watch sprach von mehr als 10.000."
                readings[i] = self._reading_before(numbers, readings, i)
        for i, names in enumerate(links):
            if names and names[0].isupper():  # each member is named: the names are actors
                actors[i] = actors[i] or self._actor(numbers[i])
                actors[i + 1] = actors[i + 1] or self._actor(numbers[i + 1])
        for i, reading in enumerate(readings):
            # "Russia sent about 2,500 troops": one state's contribution, not the force's total.
            # Only for troops: a population or toll "in Kasachstan" is the country's own figure.
            if actors[i] is None and reading is not None and reading.category == "troops":
                actors[i] = self._nationality(numbers[i], reading) or canonical_actor(self._actor(numbers[i]))
        actors = [canonical_actor(actor) or actor for actor in actors]
        self._people_among_casualties(numbers, readings)
        parts = self._parts_of_wholes(numbers, readings, actors)
        claims = []
        for i, (number, reading, actor) in enumerate(zip(numbers, readings, actors)):
            if reading is None:
                if actor is None and self._is_name_number(number):
                    continue
                reading = Reading("count", None, None)
            if not reading.counted or self._in_idiom(number):
                continue
            if number.kind == "article" and reading.category not in CASUALTIES:
                continue  # "ein Mensch" counts only as a casualty
            claims.append(self._number_claim(number, reading, actor, part=parts.get(i)))
        return claims

    def _parts_of_wholes(self, numbers: list[NumberMatch], readings: list[Reading | None], actors) -> dict[int, str]:
        """The figures that count part of a whole in their sentence, each with the detail its
        concept gets. A part of a whole of its own kind is no rival toll ("part"): "31 Personen
        verletzt, 18 von ihnen im Krankenhaus", "19 Millionen Einwohner, davon ... zwei Millionen in
        Almaty", "Of the 30 people who were injured, five were children", "246 der 350 Toten". A part
        named of a group of other people is that group's ("200 Feuerwehrleute im Einsatz, drei von
        ihnen verletzt": injured firefighters); of people in general it is a toll of its own
        ("10.000 infiziert, von denen 800 starben"). An actor's figure is compared by actor."""
        parts: dict[int, str] = {}
        by_kind: dict[tuple, list[int]] = {}
        for i, reading in enumerate(readings):
            if reading is not None and reading.concept and ":" not in reading.concept and actors[i] is None \
                    and counts_people(reading.category, self.vocab):
                by_kind.setdefault((self.sentences.locate(numbers[i].start), reading.concept), []).append(i)
        for members in by_kind.values():
            for whole in members if len(members) > 1 else ():
                at = self._part_at(numbers[whole])
                parts.update((i, "part") for i in members if at is not None and numbers[i].start <= at < numbers[i].end)
            for i in members:
                whole = self._figure_before(numbers, readings, i)
                if whole is None or i in parts or not self._named_part(numbers[i]):
                    continue
                if readings[whole].concept == readings[i].concept:
                    parts[i] = "part"
                elif readings[whole].from_noun and readings[whole].concept and self._names_a_group(readings[whole].subject):
                    parts[i] = readings[whole].concept
        return parts

    def _people_among_casualties(self, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
        """A count of people named as part of a toll is a toll of that group: in "Unter den 300
        Toten waren 40 Polizisten" the 40 are dead police officers ("killed:polizist")."""
        for whole, reading in enumerate(readings):
            if reading is None or reading.category not in CASUALTIES:
                continue
            at = self._part_at(numbers[whole])
            i = None if at is None else bisect_right(self.number_starts, at) - 1
            part = readings[i] if i is not None and i >= 0 and at < numbers[i].end else None
            if part and part.category == "count" and part.from_noun and part.concept and self._names_a_group(part.subject):
                readings[i] = replace(part, category=reading.category, concept=f"{reading.concept}:{part.concept}")

    def _figure_before(
        self, numbers: list[NumberMatch], readings: list[Reading | None], i: int, reach: int | None = None
    ) -> int | None:
        """The nearest figure before number ``i`` in its sentence (and within ``reach`` characters)
        that counts something."""
        sentence = self.sentences.locate(numbers[i].start)
        for j in range(i - 1, -1, -1):
            if self.sentences.locate(numbers[j].start) != sentence:
                return None
            if reach is not None and numbers[i].start - numbers[j].end > reach:
                return None
            if readings[j] is not None and readings[j].counted:
                return j
        return None

    def _part_at(self, whole: NumberMatch) -> int | None:
        """Where the part of ``whole`` stands, if it is a partitive whole (see partitive_part); asked
        of one number by several rules, so it is read once."""
        if whole.start not in self._partitive:
            self._partitive[whole.start] = partitive_part(self.text, whole, self._clause(whole)[1], self.vocab)
        return self._partitive[whole.start]

    def _names_a_group(self, noun: str | None) -> bool:
        """True if a noun names particular people or things ("Feuerwehrleute", "Polizisten"), not
        people in general ("Menschen") nor a category's own noun ("Tote")."""
        return bool(noun) and noun.lower() not in self.vocab.people_in_general and self.vocab.noun(noun).category is None

    def _read(self, number: NumberMatch) -> Reading | None:
        if self._is_identifier(number):
            return Reading("count", None, None, counted=False)
        index, clause = self._clause(number)
        predicates = lambda: self._sentence("predicates", index, self._predicates)  # noqa: E731
        return read_number(self.text, number, clause, self.vocab, predicates)

    def _predicates(self, text: str, span: tuple[int, int], vocab) -> list:
        return owned_by_figures(text, find_predicates(text, span, vocab), self.number_ends)

    def _reading_before(self, numbers: list[NumberMatch], readings: list[Reading | None], i: int) -> Reading | None:
        """A bare number (no noun, no verb of its own) counts what the figure before it in its
        sentence counts: "Die Zahl der Festnahmen wurde mit 9.900 angegeben, HRW sprach von
        mehr als 10.000"."""
        # The nearest figure that counts something decides: after "2.500 Einsatzkräften", "1.600
        # davon" are not the participants named before them.
        j = self._figure_before(numbers, readings, i, BORROW_REACH)
        if j is None or self._part_at(numbers[j]) is not None:
            return None  # "Von den 300 Festgenommenen wurden 20 verurteilt": a part, not more arrests
        reading = readings[j]
        if reading.category in ("count", "duration"):
            return None  # not durations: a bare number after "drei Jahre" is seldom a number of years
        same_kind = numbers[j].kind in _COUNT_KINDS and numbers[i].kind in _COUNT_KINDS
        return reading if same_kind else None

    def _clause(self, number: NumberMatch) -> tuple[int, tuple[int, int]]:
        """The index of the number's sentence and the bounds of its clause."""
        index = self.sentences.locate(number.start)
        return index, context.clause_bounds(self.text, number.start, number.end, self.sentences.span(index))

    def _is_identifier(self, number: NumberMatch) -> bool:
        """'Nr. 5', 'Artikel 5', 'Platz 13', 'Artikel 49-3': the word before makes the number a name."""
        words = self.text[max(0, number.start - 20) : number.start].split()
        if len(words) > 1 and words[-1][:-1].isdigit() and words[-1][-1] in "-/":
            words.pop()  # "Artikel 49-3", "Zimmer 12/4": the second number of one name
        if not words or words[-1].endswith((",", ";")):
            return False  # "865.835 Artikel, 220 Millionen Wörter": a list, not "Artikel 220"
        return words[-1].strip(".:()").lower() in self.vocab.identifier_words

    def _is_ordinal(self, number: NumberMatch) -> bool:
        """German "die 4. Winterwelt", "ein 13. Monatsgehalt": digits, a period, the phrase goes on."""
        if self.lang != "de" or number.kind != "cardinal" or not number.text.isdigit():
            return False
        after = self.text[number.end : number.end + 40]
        if not after.startswith(". "):
            return False
        word = TOKEN.match(after, 2)
        if word is None or not word.group()[0].isalpha():
            return False
        # A capitalised article or pronoun after the period starts a new sentence: "Es starben 16. Die ..."
        return not (word.group()[0].isupper() and word.group().lower() in sentence_openers(self.lang))

    def _is_name_number(self, number: NumberMatch) -> bool:
        """'Expedition 13', 'Bündnis 90/Die Grünen': a name with a number, counting nothing."""
        if number.kind != "cardinal" or number.qualifier != "exact" or number.start != bare_span(number)[0]:
            return False
        before = TOKEN.findall(self.text, max(0, number.start - 30), number.start)
        if not before or not before[-1][0].isupper() or not before[-1].replace("-", "").isalpha():
            return False
        if not number.text[:1].isdigit() and len(before) > 1 and before[-2].lower() in self.vocab.phrase_articles:
            return False  # "bis zum Nachmittag fünf", not "ORF eins"
        sentence_start = self.sentences.span(self.sentences.locate(number.start))[0]
        return self.text.rfind(before[-1], sentence_start, number.start) > sentence_start

    def _in_idiom(self, number: NumberMatch) -> bool:
        idioms = self.vocab.idioms
        if not idioms.may_match_digits and any(ch.isdigit() for ch in number.text):
            return False  # "eins zu eins", "one by one": idioms of number words, not of figures
        lo, hi = max(0, number.start - 20), min(len(self.text), number.end + 20)
        return any(m.start() <= number.start and m.end() >= number.end for m in idioms.finditer(self.text, lo, hi))

    def _enumeration_names(self, first: NumberMatch, second: NumberMatch) -> str | None:
        """The words naming the second member if two numbers are members of one enumeration, else None."""
        gap = self.text[first.end : second.start]
        if len(gap) > 40 or first.kind != second.kind:
            return None
        if self.sentences.locate(first.start) != self.sentences.locate(second.start):
            return None
        found = _ENUMERATION_GAP.fullmatch(gap)
        if not found:
            return None
        noun, names = (found.group("noun") or "").strip(), found.group("names")
        # Between members stand only the first member's noun and the next member's name
        # ("3,000 troops, Belarus 500"), not verbs ("100.000 gestoßen und hatten drei").
        if noun and not (noun[0].isupper() if self.lang == "de" else is_counted_noun(noun, self.vocab)):
            return None
        if names and not names[0].isupper():
            return None
        if noun and not names:
            return None  # "Of the 500 protesters, 40 were arrested": the 40 are no member of a list
        return names

    def _nationality(self, number: NumberMatch, reading: Reading) -> str | None:
        """The state an adjective between the number and its noun names: "1,450 Russian paratroopers"."""
        if not reading.subject:
            return None
        for word in words_before_noun(self.text, number.end, reading.subject, number.end + 60):
            actor = actor_of_adjective(word)
            if actor is not None:
                return actor
        return None

    def _actor(self, number: NumberMatch) -> str | None:
        found = _ACTOR_BEFORE.search(self.text, max(0, number.start - 40), number.start)
        if found is None:
            return None
        words = found.group(1).split()
        # "Der Eintritt kostet 5 Euro": a capitalised article or pronoun opens a sentence, it names no one
        openers = sentence_openers(self.lang)
        while words and (words[0].lower() in openers or words[0].lower() in self.vocab.not_nouns):
            words.pop(0)
        return " ".join(words) or None

    def _number_claim(self, number: NumberMatch, reading: Reading, actor: str | None, part: str | None = None) -> Claim:
        index = self.sentences.locate(number.start)
        span = self.sentences.span(index)
        unit = reading.unit if reading.unit is not None else number.unit
        if reading.end is not None and reading.end > number.end:
            number = replace(number, end=reading.end, text=self.text[number.start : reading.end])
        value, low, high = (None if v is None else v * reading.factor for v in (number.value, number.low, number.high))
        concept = reading.concept
        if reading.category == "injuries" and concept and ":" not in concept:
            severity = injury_severity(self.text, number, self._clause(number)[1], self.vocab)
            concept = f"{concept}:{severity}" if severity else concept  # "drei schwer verletzt"
        if part and ":" not in concept:
            concept += f":{part}"  # "200 verletzt, 30 von ihnen im Krankenhaus": never compared with the whole
        return self._claim(
            number, reading.category, value, low, high, unit, number.qualifier,
            index, span, subject=reading.subject, concept=concept, actor=actor,
            scope=self._scope(index, number.start, number.end, reading.category), kind="number",
        )

    # -- dates -----------------------------------------------------------
    def date_claims(self, dates: list[DateMatch]) -> list[Claim]:
        claims = []
        for found in dates:
            index = self.sentences.locate(found.start)
            span = self.sentences.span(index)
            others = tuple(d.start for d in self.dates_by_sentence.get(index, ()) if d is not found)
            event = context.event_of(self._sentence("events", index, context.sentence_events), found.start, others)
            low, high = date_bounds(found)
            concept = event[0] if event else None
            if concept and found.text.lower().startswith(self.vocab.until_words):
                concept += ":end"  # "bis mindestens 19. Januar" dates the end, not the start
            if concept and concept.split(":")[0] in self.vocab.recurring_events:
                # Protests or clashes on two days are two events, not a conflict about one date.
                concept = f"{concept}@{found.value}"
            claims.append(
                self._claim(
                    found, "date", found.value, low, high, None, found.qualifier, index, span,
                    subject=event[1] if event else None, concept=concept,
                    actor=None, scope=context.date_scope(found), kind="date",
                )
            )
        return claims

    # -- shared ----------------------------------------------------------
    def _claim(self, match, category, value, low, high, unit, qualifier, index, span, *, subject, concept, actor, scope, kind):
        start, end = span
        if match.end > end:  # a match may run over a sentence break ("15\n Prozent"): its sentence covers both
            end = max(end, self.sentences.span(self.sentences.locate(max(match.start, match.end - 1)))[1])
        # Claims of one sentence share one string: dense text has thousands per sentence.
        sentence = self._sentence_texts.get((start, end))
        if sentence is None:
            sentence = self._sentence_texts[(start, end)] = self.text[start:end]
        return Claim(
            claim_id=claim_id_for("", match.start, match.end),
            doc="",
            category=category,
            value=value,
            value_low=low,
            value_high=high,
            unit=unit,
            qualifier=qualifier,
            text=match.text,
            start=match.start,
            end=match.end,
            sentence=sentence,
            sentence_start=start,
            subject=subject,
            scope=scope,
            attribution=context.nearest_attribution(
                self._sentence("attributions", index, context.attributions_in), match.start
            ),
            actor=actor,
            kind=kind,
            lang=self.lang,
            as_of=self.as_of,
            concept=concept,
        )

    def _sentence(self, what: str, index: int, read):
        """``read(text, sentence span, vocabulary)`` for sentence ``index``, computed once."""
        key = (what, index)
        if key not in self._per_sentence:
            self._per_sentence[key] = read(self.text, self.sentences.span(index), self.vocab)
        return self._per_sentence[key]

    def _scope(self, index: int, start: int, end: int, category: str | None = None) -> str | None:
        """The event time of a claim: a date in its sentence, a 'damals' pointing back, the event
        the sentence before told of, or the report's.

        A 'damals' before the claim wins over a 'heute' after it: in "Damals waren 1.500 Helfer im
        Einsatz, heute sind es 3.000" the 1.500 are of the earlier time.
        """
        back_reference = self._sentence("back_reference", index, context.back_reference_start)
        points_back = back_reference is not None and back_reference < start
        own = self._sentence_scope(index, (start, end), today_allowed=not points_back)
        if own is not None:
            return own
        if back_reference is not None:
            for back in range(index - 1, max(-1, index - 4), -1):
                earlier = self._sentence_scope(back, None)
                if earlier is not None:
                    return earlier
                if self._new_paragraph(back):
                    break  # "dabei" points to the sentence before, not across a paragraph to an older date
        if category in CASUALTIES:
            return self._told_before(index) or self.default_scope
        return self.default_scope

    def _new_paragraph(self, index: int) -> bool:
        """True if sentence ``index`` starts a paragraph (a line break before it)."""
        previous_end = self.sentences.ends[index - 1] if index > 0 else 0
        return "\n" in self.text[previous_end : self.sentences.starts[index]]

    def _told_before(self, index: int) -> str | None:
        """The time of the event the sentence before tells of, when this one goes on with its toll:
        "In December 2011, police opened fire on striking oil workers. At least 14 were killed."
        Not when this sentence points to the present ("heute", "now")."""
        if index == 0 or not self._sentence("events", index - 1, context.sentence_events):
            return None
        earlier = self._sentence_scope(index - 1, None)
        if earlier is None or earlier == self.default_scope:
            return None
        return None if self._sentence("present", index, context.points_to_present) else earlier

    def _baseline(self, date: DateMatch) -> bool:
        """True if ``date`` is what a figure is compared with: "höher als 2019", "than in 2019"."""
        sentence_start = self.sentences.starts[self.sentences.locate(date.start)]
        window = max(sentence_start, date.start - 24)
        words = self.text[window : date.start].lower().split()
        before = " ".join(words)
        for lead in self.vocab.comparison_leads:
            if before != lead and not before.endswith(" " + lead):
                continue
            if lead not in self.vocab.temporal_conjunctions:
                return True
            # "höher als 2019" compares; "Als im Juli 2005 ..." and ", als 1993 ..." tell when
            size = lead.count(" ") + 1
            opens_sentence = len(words) == size and window == sentence_start
            return not (opens_sentence or len(words) > size and words[-size - 1].endswith(","))
        return False

    def _attached(self, end: int, date: DateMatch) -> bool:
        """True if ``date`` follows the figure ending at ``end`` as its own: "40.000 im Jahr 2004"."""
        lead = date.text.split(None, 1)[0].lower()
        return lead in self.vocab.attached_date_leads and _ATTACHED_DATE_GAP.fullmatch(self.text, end, date.start) is not None

    def _sentence_scope(self, index: int, span: tuple[int, int] | None, today_allowed: bool = True) -> str | None:
        """The scope a date of sentence ``index`` gives the claim at ``span`` (any claim if None)."""
        dates = self.scope_dates.get(index)
        if not dates:
            return None
        if span is None:
            return context.date_scope(dates[0])
        start, end = span
        after = min((d for d in dates if d.start >= end), key=lambda d: d.start, default=None)
        usable_after = after is not None and (today_allowed or after.value != self.as_of)
        # "lag im Januar bei 57,7 Prozent, nach 64,3 Prozent im Dezember": the 64,3 are December's.
        if usable_after and self._attached(end, after):
            return context.date_scope(after)
        before = [d for d in dates if d.end <= start]
        if before:
            return context.date_scope(before[-1])
        # A date after the claim dates it only if no other number stands between them:
        # in "67.3 percent, up from 61 percent in 2019" the year is the 61's.
        if not usable_after or any(start < other < after.start and not self._included(other) for other in self.number_starts):
            return None
        return context.date_scope(after)

    def _named_part(self, number: NumberMatch) -> bool:
        """True if the figure is named as part of another: "davon leben etwa zwei Millionen",
        "darunter 300", "30 von ihnen", "30 of them" (a partitive pronoun or an inclusion word
        among the few words before it in its stretch of the sentence, or a pronoun right after it)."""
        vocab = self.vocab
        sentence_start = self.sentences.span(self.sentences.locate(number.start))[0]
        lo = max(sentence_start, number.start - 40)
        before = self.text[lo : number.start]
        cut = max(before.rfind(","), before.rfind(";"))
        words = before[cut + 1 :].lower().split()[-PART_WORDS:]
        after = self.text[number.end : number.end + 20].lower().split()[:3]
        pronouns = vocab.partitive_pronouns
        if any(tuple(after[: len(p)]) == p for p in pronouns):
            return True
        joined = " " + " ".join(words) + " "
        return any(f" {p} " in joined for p in [" ".join(p) for p in pronouns] + list(vocab.inclusions))

    def _included(self, start: int) -> bool:
        """True if the figure at ``start`` is named as a part of the one before: "darunter 43"."""
        before = " ".join(self.text[max(0, start - 24) : start].lower().split())
        return any(before == word or before.endswith(" " + word) for word in self.vocab.inclusions)
