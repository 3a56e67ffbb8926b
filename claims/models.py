"""Plain records passed between the pipeline stages.

Every stage takes and returns these dataclasses, so each stage can be tested
alone. Values of date claims are ISO strings (``YYYY-MM-DD``, ``YYYY-MM`` or
``YYYY``); values of every other claim are floats. ``None`` in a bound means
the bound is open (``mindestens 2200`` has no upper bound).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter

# Part of every claim id. The same span of the same document keeps its id across
# extractor versions (see version.py), so ids noted by a user stay valid.
CLAIM_ID_SCHEME = "1"

# No document yields more claims than this: a real article has dozens, a dump of digits
# could have hundreds of thousands, and every one of them would be held and stored.
MAX_CLAIMS = 20_000

Value = float | str | None

QUALIFIERS = (
    "exact",
    "approx",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "range",
    "vague",
)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number found in text, before we know what it counts.

    ``start``/``end`` cover the qualifier, the number, its scale word and its
    unit, e.g. ``weit über 160``, ``55 Mrd. US-Dollar``, ``mindestens 2200``.
    """

    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: str = "exact"
    unit: str | None = None  # "%", ISO currency code ("EUR", "USD", "KZT"), or None
    kind: str = "cardinal"  # cardinal | decimal | percent | money | vague | ordinal
    number_start: int = -1  # where the bare number begins (after qualifiers)
    number_end: int = -1


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A calendar date or date span found in text, as ISO strings."""

    start: int
    end: int
    text: str
    value: str  # YYYY-MM-DD | YYYY-MM | YYYY; the start of a span
    low: str | None = None  # span start (equals value) or None for a single date
    high: str | None = None  # span end or None
    precision: str = "day"  # day | month | year
    qualifier: str = "exact"  # exact | range | at_most (bis ...) | at_least (seit/ab ...)
    # True for the date of a thing, not of an event: "Autos der 1960er-Jahre", "aus den
    # 1950er Jahren". It is a claim, but gives no other claim its time.
    attributive: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """One quantitative or factual statement with its provenance.

    What is counted or dated is keyed by four fields, which grouping compares together:

    - ``concept``: the base key: a category's key ("killed", "injured", "inhabitants"), an
      event ("general_strike", "protests"), "age", a duration's unit ("year", "day"), or the
      normalised counted noun ("inflatio", "diesel");
    - ``detail``: which kind of it: a subgroup ("polizist" in killed police officers), a
      severity of injury ("serious", "critical", "light"), what lasted ("rentenalt" of a
      duration, from "Rentenalter"), the surname of a person whose age it is ("jeremic"), the
      group a part of a whole belongs to ("feuerwehrleut"). When rules stack (a group named
      among a toll that itself has a detail or is a change), the details are joined by ":" in
      the order the rules applied them ("sicherheitskräft:frau", "change:polizist"); that is rare;
    - ``aspect``: how the figure relates to the concept, when not as its level or start:
      "change" (a change of the level: "stieg um 2 Prozent"), "part" (a part of a whole of its
      own kind: "246 der 350 Toten"), "end" (a date of the event's end: "bis zum 19. Januar"),
      "capacity" (how many a thing may hold: "licensed for 120 passengers", never the count),
      "projection" (what a count could or is expected to reach: "the toll could reach 20,000",
      never a reported figure);
      a detail and an aspect may come together ("polizist" and "change");
    - ``occasion``: for a date of a recurring event (protests, strikes ...), the ISO date
      itself, so that protests on two days are two events, not a conflict about one date.

    ``detail`` and ``aspect`` are None when there is none; a concept-less claim has none of
    them. ``full_concept`` joins the four the way stores before migration m008 held them in
    ``concept`` alone ("killed:polizist:change", "strike:end@2008-03-14").
    """

    claim_id: str
    doc: str
    category: str
    value: Value
    value_low: Value
    value_high: Value
    unit: str | None
    qualifier: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int = 0
    subject: str | None = None  # what is counted ("Tote", "Soldaten") or the dated event
    scope: str | None = None  # event time the claim is about: "2022-01", "2011"
    attribution: str | None = None  # "offiziell", "laut der Regierung"
    actor: str | None = None  # "Russland" in "Russland 3.000 ... Soldaten"
    kind: str = "number"  # number | date
    lang: str = "de"
    as_of: str | None = None  # publication date of the document
    # Normalised key of what is counted or which event is dated ("killed",
    # "general_strike"); grouping compares claims by it, `subject` is for people.
    concept: str | None = None
    detail: str | None = None  # "polizist", "serious", "rentenalt" (see the class docstring)
    aspect: str | None = None  # "change", "part", "end", "capacity", "projection"
    occasion: str | None = None  # "2022-01-05": the day of a recurring event a date claim dates
    # Where the figure is about, from its clause ("In Afghanistan, at least 115", "in Almaty 103",
    # "im Gebiet Mangystau"): a regional figure is a part of the total of no place, never its rival.
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A document as read from disk, with its metadata."""

    doc_id: str
    path: str
    text: str
    content_hash: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None  # ISO, at `date_precision`
    date_precision: str | None = None  # day | month | year
    lang: str = "de"
    warnings: tuple[str, ...] = ()
    story: str | None = None  # the story front matter declares (`story:`); else story detection decides


@dataclass(frozen=True, slots=True)
class Story:
    """Documents that tell of one event (``claims.stories``), and the time they span.

    ``first``/``last`` are the earliest and latest publication dates of its documents, as ISO
    strings at their precision ("2022-01", "2024-03-15"); None when no document is dated.
    ``declared`` is True when front matter named the story (``story:``).
    """

    story_id: str
    label: str
    first: str | None
    last: str | None
    doc_ids: tuple[str, ...]
    declared: bool = False

    @property
    def span(self) -> str | None:
        """The time the story spans: one date ("2022-01") or an ISO interval ("2024-03-12/2024-03-15")."""
        if self.first is None or self.last is None:
            return None
        return self.first if self.first == self.last else f"{self.first}/{self.last}"


@dataclass(slots=True)
class Group:
    """Claims from one or more documents that speak of the same thing."""

    group_id: str
    category: str
    label: str
    scope: str | None
    status: str  # agree | compatible | conflict | update | sum_agree | sum_conflict | single
    claim_ids: list[str] = field(default_factory=list)
    explanation: str = ""
    story: str | None = None  # the id of the story its claims belong to (None: grouped without stories)


def full_concept(
    concept: str | None, detail: str | None = None, aspect: str | None = None, occasion: str | None = None
) -> str | None:
    """The concept with its detail, aspect and occasion as one string, as stores before
    migration m008 held it: "killed:polizist:change", "strike:end@2008-03-14". Group ids hash it."""
    if concept is None:
        return None
    if detail is not None:
        concept = f"{concept}:{detail}"
    if aspect is not None:
        concept = f"{concept}:{aspect}"
    return concept if occasion is None else f"{concept}@{occasion}"


def claim_id_for(doc: str, start: int, end: int) -> str:
    """Stable id: the same document span always gets the same id."""
    raw = f"{CLAIM_ID_SCHEME}:{doc}:{start}:{end}".encode()
    return hashlib.sha1(raw).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims a listing, query, conflicts or export keeps (``claims.filters.claim_filter`` checks input).

    ``since`` / ``until`` are ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), both ends
    included: a claim passes when its event time (its scope, or the date a date claim names) or
    its document's publication date overlaps the window. ``source`` is a document source (front
    matter ``source``), matched case-insensitively at the start of the name or of one of its words ("daily" finds "The Daily Ledger"). An unset field keeps every claim.
    """

    since: str | None = None
    until: str | None = None
    source: str | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, name) is not None for name in self.__slots__)


def with_ids(doc: Document, claims: list[Claim]) -> list[Claim]:
    """``claims`` of ``doc`` with ``doc``, stable ids and ``as_of`` set, as the store writes them."""
    return [
        replace(
            claim,
            doc=doc.doc_id,
            claim_id=claim_id_for(doc.doc_id, claim.start, claim.end),
            as_of=claim.as_of or doc.date,
        )
        for claim in claims
    ]


_CLAIM_VALUES = attrgetter(*(f.name for f in fields(Claim)))  # one C call for a claim's values
_DOC, _ID, _AS_OF = ([f.name for f in fields(Claim)].index(name) for name in ("doc", "claim_id", "as_of"))


def stamped_values(doc: Document, claims: list[Claim]) -> list[tuple]:
    """The field values of ``with_ids(doc, claims)`` as tuples (``Claim(*values)`` makes each claim
    again), without making the claims: an extract's workers send these, several times cheaper to
    pickle and read back than Claims."""
    found = []
    for claim in claims:
        values = list(_CLAIM_VALUES(claim))
        values[_DOC], values[_ID] = doc.doc_id, claim_id_for(doc.doc_id, claim.start, claim.end)
        values[_AS_OF] = claim.as_of or doc.date
        found.append(tuple(values))
    return found
