"""Links between two reports beyond the plain cosine and window (``cluster.linked``): short reports
of one event in one place (``one_event``), a late follow-up of one event in one place
(``follow_up``), and two incidents of one kind in two places (``two_events``, a veto)."""

from __future__ import annotations

import heapq

from ..lexicon import lexicon_cache, load


def follow_up(a: dict[str, float], b: dict[str, float], sim: float, days: int, settings: dict) -> bool:
    """A late report of one event in one place: more than ``window_days`` but at most
    ``follow_up_days`` apart, a cosine of at least ``follow_up_similarity``, one event named by both
    (a kind of ``bridge.events`` or an event of extract.yaml: "the collapse", "der Einsturz") and
    one place among the ``event_names`` heaviest names of each that is no state of actors.yaml (a
    town, not "Iran"): the last victim identified in Surfside 16 days after the report before.
    German nouns weigh as names, so the place need not be the heaviest name of either; two
    incidents in two places (each one's heaviest name missing from the other) stay apart."""
    if not settings["window_days"] < days <= settings.get("follow_up_days", -1) or sim < settings.get("follow_up_similarity", 1.0):
        return False
    events = event_terms()
    if not any(t in events or t.startswith("e:") for t in a.keys() & b.keys()):
        return False
    return bool(follow_up_places(a, settings) & follow_up_places(b, settings)) and not two_events(a, b, days, settings)


def follow_up_places(vector: dict[str, float], settings: dict) -> frozenset[str]:
    """The names a late report may share with one before it as the event's place (``follow_up``)."""
    return frozenset(heaviest_names(vector, settings.get("event_names", 3))) - state_terms()


@lexicon_cache(maxsize=1)
def state_terms() -> frozenset[str]:
    """The name terms of the states and alliances of actors.yaml ("n:iran"): too wide to be the place of one event."""
    from .terms import name_key

    return frozenset("n:" + name_key(canonical.replace(" ", "")) for canonical in load("actors")["actors"])


def two_events(a: dict[str, float] | None, b: dict[str, float] | None, days: int, settings: dict) -> bool:
    """Two events of one kind: reports more than ``event_days`` apart that name one kind of event
    (an emergency landing, a flood) but each a heaviest name the other never gives ("in Leeds",
    "in Guam") share many words and tell of two incidents, not one story."""
    if not a or not b or days <= settings.get("event_days", -1):
        return False
    events = event_terms()
    if not any(t in events for t in a.keys() & b.keys()):
        return False
    top_a, top_b = heaviest_names(a, 1), heaviest_names(b, 1)
    return bool(top_a and top_b) and not _gives_name(b, top_a[0]) and not _gives_name(a, top_b[0])


def _gives_name(vector: dict[str, float], name: str) -> bool:
    """True if ``vector`` names ``name`` or a name of its first four letters: "Hongkong" in German
    is "Hong Kong" in English."""
    stem = name[:6]  # "n:" and four letters
    return name in vector or any(t.startswith(stem) for t in vector if t.startswith("n:"))


def one_event(a: dict[str, float], b: dict[str, float], sim: float, days: int, settings: dict) -> bool:
    """Short reports of one event share few words: two reports at most ``event_days`` apart whose
    cosine reaches ``event_similarity`` tell of one story when they name one kind of event
    (``bridge.events`` of stories.yaml: an attack, a flood) and one place that is the heaviest name
    of one and among the heaviest ``event_names`` of the other ("Anschlag in Mostar", "Mostar trauert")."""
    if days > settings.get("event_days", -1) or sim < settings.get("event_similarity", 1.0):
        return False
    events = event_terms()
    if not any(t in events for t in a.keys() & b.keys()):
        return False
    k = settings.get("event_names", 3)
    top_a, top_b = heaviest_names(a, k), heaviest_names(b, k)
    return bool(top_a and top_b and (top_a[0] in top_b or top_b[0] in top_a))


def heaviest_names(vector: dict[str, float], k: int) -> list[str]:
    return [t for _w, t in heapq.nsmallest(k, ((-w, t) for t, w in vector.items() if t.startswith("n:")))]


@lexicon_cache(maxsize=1)
def event_terms() -> frozenset[str]:
    """The bridge terms of kinds of events (``bridge.events`` of stories.yaml): "b:attack"."""
    return frozenset("b:" + e for e in load("stories").get("bridge", {}).get("events", ()))
