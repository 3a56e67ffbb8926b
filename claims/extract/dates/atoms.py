"""Date atoms: what one match of a grammar branch stands for (year, month and day as far as
written, before resolution), read by ``read_atom``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lexicon.wordlists import fold_phrase
from .grammar import Grammar


@dataclass
class Atom:
    start: int
    end: int
    kind: str  # date | weekday | wabbr | rel | relyear
    y: int | None = None
    m: int | None = None
    d: int | None = None
    end_date: tuple | None = None  # (y, m, d) of an inner span "5.-7. Januar"
    needs_cue: bool = False  # a bare month or "22.04": a date only after "im", "am", "Anfang"...
    weekday: int | None = None
    offset: int = 0  # days, for relative day words; years, for relative years
    month_first: bool = False
    month_only: Atom | None = None  # what is left when a German "März 15" has no weekday before it
    decade: bool = False  # "die 1980er Jahre": the years 1980 to 1989
    # filled from the words before the atom
    lead: int = -1
    prep: str = ""
    cue: bool = False
    direction: int = 0  # +1 "kommenden", -1 "vergangenen", 0 neither


def _year2(yy: str) -> int:
    value = int(yy)
    return value if len(yy) == 4 else (2000 + value if value < 50 else 1900 + value)


def read_atom(m: re.Match, g: Grammar) -> Atom | None:
    kind, lex, s, e = m.lastgroup, g.lex, m.start(), m.end()
    month = lambda name: g.months.get(fold_phrase(m.group(name)).rstrip("."))  # noqa: E731
    if kind == "ISO":
        return Atom(s, e, "date", int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if kind == "NUM":
        y = _year2(m["n_y"] or m["n_y4"]) if (m["n_y"] or m["n_y4"]) else None
        atom = Atom(s, e, "date", y, int(m["n_m"]), int(m["n_d"]))
        if m["n_d0"]:
            atom.end_date, atom.d = (y, atom.m, atom.d), int(m["n_d0"])
        return atom
    if kind == "SLASH":
        a, b, y = int(m["s_a"]), int(m["s_b"]), _year2(m["s_y"])
        day, mon = (b, a) if g.lex["slash_month_first"] and a <= 12 else (a, b)  # English month first
        if mon > 12:  # "31/12/2021" in English text too
            day, mon = mon, day
        return Atom(s, e, "date", y, mon, day)
    if kind == "MY":
        return Atom(s, e, "date", int(m["my_y"]), int(m["my_m"] or m["my_m2"]))
    if kind == "YM":
        return Atom(s, e, "date", int(m["ym_y"]), int(m["ym_m"]))
    if kind == "DASH":
        return Atom(s, e, "date", int(m["h_y"]), int(m["h_m"]) if m["h_m"] else month("h_t"), int(m["h_d"]))
    if kind == "NODOT":
        return Atom(s, e, "date", None, int(m["nd_m"]), int(m["nd_d"]), needs_cue=True)
    if kind == "DMY":
        y = int(m["t_y"]) if m["t_y"] else None
        atom = Atom(s, e, "date", y, month("t_m"), int(m["t_d"]))
        if m["t_d0"]:
            atom.end_date, atom.d = (y, atom.m, atom.d), int(m["t_dl"] or m["t_d0"])
        return atom
    if kind == "ORD":
        stem = fold_phrase(m["o_w"])
        day = next((v for k, v in lex["ordinals"].items() if stem.startswith(k) and
                    stem[len(k):] in lex["ordinal_endings"]), None)
        return Atom(s, e, "date", int(m["o_y"]) if m["o_y"] else None, month("o_m"), day)
    if kind == "MDY":
        mon, y = month("u_m"), int(m["u_y"]) if m["u_y"] else None
        if fold_phrase(m["u_m"]).rstrip(".") in g.ambiguous and not m["u_m"][:1].isupper():
            return None  # "may 5"
        atom = Atom(s, e, "date", y, mon, int(m["u_d"]))
        if g.month_first_needs_year and y is None and not g.month_first_end.match(m.string, e):
            # German "im März 15 Tote": a day only after a weekday or at the end of a phrase
            atom.month_first, atom.month_only = True, _month_atom(m, g, "u_m", None)
        if m["u_d2"]:
            atom.end_date = (y, mon, int(m["u_d2"]))
        return atom
    if kind == "MDASH":
        return Atom(s, e, "date", int(m["md_y"]), month("md_m"), int(m["md_d"]))
    if kind == "MONTH":
        return _month_atom(m, g, "b_m", int(m["b_y"]) if m["b_y"] else None)
    if kind == "WEEKDAY":
        word = fold_phrase(m["w_full"])
        day = next((v for k, v in lex["weekdays"].items() if word.startswith(k)), None)
        return None if day is None else Atom(s, e, "weekday", weekday=day)
    if kind == "WABBR":
        day = lex["weekday_abbreviations"].get(fold_phrase(m["w_abbr"]))
        return None if day is None else Atom(s, e, "wabbr", weekday=day)
    if kind == "YEAR":
        atom = Atom(s, e, "date", int(m["y"]))
        if m["y2"]:
            y2 = int(m["y2"]) if len(m["y2"]) == 4 else atom.y // 100 * 100 + int(m["y2"])
            if y2 <= atom.y:
                return None
            atom.end_date = (y2, None, None)
        return atom
    if kind in ("DECADE", "DECWORD"):
        if kind == "DECWORD":
            first = lex["decade_words"].get(fold_phrase(m["dw"]))
        else:
            first = int(m["dc"]) if m["dc"] else 1900 + int(m["dc2"] or m["dc3"])
        return None if first is None else Atom(s, e, "date", first, end_date=(first + 9, None, None), decade=True)
    if kind == "RELYEAR":
        offset = lex.get("standalone_relative_years", {}).get(fold_phrase(m["ry"]))
        return None if offset is None else Atom(s, e, "relyear", offset=offset)
    word = m["r"]
    if fold_phrase(word) in lex["lowercase_only"] and not word.islower():
        return None
    offset = lex["relative_days"].get(fold_phrase(word))
    return None if offset is None else Atom(s, e, "rel", offset=offset)


def _month_atom(m: re.Match, g: Grammar, group: str, year: int | None) -> Atom | None:
    word = m.group(group)
    name = fold_phrase(word).rstrip(".")
    if name not in g.months:  # a letter whose case folds to two ("İ") matched the pattern
        return None
    if year is not None:
        return Atom(m.start(group), m.end(), "date", year, g.months[name])
    if (name in g.ambiguous or name in g.abbreviations) and not word[:1].isupper():
        return None  # "may", "august" as ordinary words
    return Atom(m.start(group), m.end(group), "date", None, g.months[name], needs_cue=True)
