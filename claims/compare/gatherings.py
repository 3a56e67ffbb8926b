"""Gatherings of one story on two days are two events: their crowds are never compared.

A story of protests tells of several marches: "In Athen und Thessaloniki gingen am Mittwochabend
Tausende Menschen auf die Straße" and, four days later, "Am Sonntag demonstrierten in Athen nach
Polizeiangaben rund 12.000 Menschen". A crowd is the crowd of one gathering; the figures of a
gathering category (``gathering_categories`` of grouping.yaml: protesters) are dated by the day
of a date their own sentence gives ("am Mittwochabend", "on Sunday", "am 9. Juni"). When every
figure of a group is so dated and they name two or more days, each day is a group of its own.

A figure no day of its own sentence dates may be of any of the gatherings ("eine Woche zuvor
hatten die Veranstalter 1,03 Millionen Menschen gezählt": no date rule reads "a week earlier"),
so a group holding one stays one, compared as before. The work is one pass over the claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..models import Claim
from .countries import split_foreign


def split_story_keys(keyed: dict[tuple, list[Claim]], config: dict, lone: Iterable[Claim] = ()) -> dict[str, str]:
    """The splits of a story's keys beyond category, concept and scope: gatherings of two days
    (``split_gatherings``; ``lone`` are the claims grouped alone, dates of no event among them),
    figures of another country (``countries.split_foreign``, whose claim id -> country it
    returns, for the labels)."""
    split_gatherings(keyed, frozenset(config.get("gathering_categories", ())), lone)
    return split_foreign(keyed)


def split_gatherings(keyed: dict[tuple, list[Claim]], categories: frozenset[str], lone: Iterable[Claim] = ()) -> None:
    """Within ``keyed`` ((story, category, unit, key) -> claims), give each day of a gathering
    category's group a key of its own when every figure of it is dated to a day by its sentence."""
    if not categories or not any(k[1] in categories for k in keyed):
        return
    days: dict[tuple[str, int], set[str]] = defaultdict(set)  # (document, sentence) -> the days it names
    dates = [c for k, members in keyed.items() if k[1] == "date" for c in members]
    for c in dates + [c for c in lone if c.category == "date"]:
        if isinstance(c.value, str) and len(c.value) == 10 and c.aspect is None and c.value_high in (None, c.value):
            days[(c.doc, c.sentence_start)].add(c.value)
    if not days:
        return
    moved: dict[tuple, list[Claim]] = {}
    for k, members in keyed.items():
        if k[1] not in categories or len(members) < 2:
            continue
        dated = [days.get((c.doc, c.sentence_start), ()) for c in members]
        if any(len(d) != 1 for d in dated) or len({next(iter(d)) for d in dated}) < 2:
            continue  # a figure of no day (or of two) may be of any gathering: one group, as before
        for c, d in zip(members, dated):
            moved.setdefault((*k[:3], f"{k[3]}|day:{next(iter(d))}"), []).append(c)
        members.clear()
    for k in [k for k, members in keyed.items() if not members]:
        del keyed[k]
    keyed.update(moved)
