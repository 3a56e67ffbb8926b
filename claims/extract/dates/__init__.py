"""Date expressions in text -> ISO dates, resolved against the publication date.

``find_dates`` finds every calendar date or date span, ``parse_date`` reads a
whole string as one date, ``find_publication_date`` finds an article's dateline.

Two passes. Two quick scans find candidate positions (a figure, a month or
weekday name), where anchored patterns read date *atoms*: a day with its month
("3. Jänner", "16.12.11", "January 7, 2022"), a month ("Dezember 2011"), a
year, a weekday, a relative day ("gestern"). Then the words before each atom
give its qualifier and cues ("seit", "bis zum", "im", "Anfang"), a weekday
before a date joins it, and two atoms joined by a link word become a span
("vom 4. zum 5. Januar", "zwischen 2018 und 2020"). The words live in
``lexicon/data/<lang>/dates.yaml``.

Resolution policy (news mostly reports the recent past), kept conservative:

* A date without a year takes the publication year, or the year before when
  that would put it more than ``FUTURE_WINDOW_DAYS`` after the publication
  date (16 December in a report of 10 January 2022 is 2021-12-16). A
  publication date known only to the month or year counts as its last day.
* Without a publication date, dates without a year are skipped: a value must
  be a real calendar date, and guessing the year would invent one.
* "gestern", "heute" and bare weekdays ("am Dienstag") need a publication date
  at day precision. A weekday is the latest such day on or before it; after
  "vergangenen" the latest strictly before, after "kommenden" the next one.
  "im vergangenen Mai"/"im kommenden Januar" likewise pick the side.
* "Anfang/Mitte/Ende Januar" keep month precision (the word stays in the span).

The patterns live in grammar.py, the reading of atoms in atoms.py, their resolution against
the publication date in resolve.py; this module joins atoms into dates and spans.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ... import lexicon
from ...lexicon.wordlists import fast_finditer, fold_phrase
from ...models import DateMatch
from .atoms import Atom, read_atom
from .grammar import Grammar, grammar
from .resolve import Reference, make_date, reference, relative_day, relative_year

__all__ = ["find_dates", "find_publication_date", "parse_date"]

# Every date with a written year has one of these: a four-digit year, "16.12.11", "12/16/11".
_WRITTEN_YEAR = re.compile(r"\d{4}|\d\.\s?\d{1,2}\.\d\d|\d/\d{1,2}/\d\d")


# A place name before the date of a dateline: "Wien,", "New York,", "Frankfurt am Main,".
_PLACE = re.compile(r"[^\W\d_a-zäöüß][^\W\d_]*(?:[ .'/-]+[^\W\d_]+){0,3},")


PUBLICATION_WINDOW = 600  # a dateline is looked for in the first characters...


DATELINE_WINDOW = 1000  # ...or a little further when it stands out ("10. Januar 2022 |")


_PREFIX_WINDOW = 60


def _read_prefix(text: str, g: Grammar, a: Atom, lo: int) -> None:
    """Fill the atom's qualifier and cues from the words just before it."""
    a.lead = a.start
    m = g.prefix.search(text, max(lo, a.start - _PREFIX_WINDOW), a.start)
    if m and m.start() < a.start and _is_bare_year(a) and _ends_with_article(m.group(), g):
        m = None  # no article stands before a bare year: in "in der 2011" the "der" is a pronoun
    if m and m.start() < a.start:
        a.prep = fold_phrase(m["prep"])
        a.cue = bool(m["prep"] or m["part"] or m["cue"])
        cue = fold_phrase(m["cue"])
        a.direction = 1 if cue in g.lex["future_cues"] else -1 if cue in g.lex["past_cues"] else 0
        if a.cue or (a.kind == "date" and a.d):  # a lone article only before a day: "den 28.10."
            a.lead = m.start()


def _is_bare_year(a: Atom) -> bool:
    return a.kind == "date" and a.m is None and not a.decade


def _ends_with_article(words: str, g: Grammar) -> bool:
    last = words.split()
    return bool(last) and fold_phrase(last[-1]) in g.lex["articles"]


def _join_weekdays(text: str, g: Grammar, atoms: list[Atom]) -> list[Atom]:
    """'Montag, dem 3. Jänner': the weekday becomes part of the date after it."""
    out: list[Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if (prev and prev.kind in ("weekday", "wabbr") and atom.kind == "date" and atom.d
                and g.gap_weekday.fullmatch(text, prev.end, atom.start)):
            atom.start, atom.weekday, atom.month_first = prev.start, prev.weekday, False
            out[-1] = atom
        elif atom.month_first:
            out.append(atom.month_only)
        else:
            out.append(atom)
    return [a for a in out if a is not None]


def _linked(text: str, g: Grammar, a: Atom, b: Atom) -> bool:
    """Do two neighbouring atoms form a span ("2018 bis 2020", "vom 1. bis 5.1.")?"""
    if a.kind != b.kind or a.kind not in ("date", "weekday", "rel") or a.end_date or b.end_date:
        return False
    m = g.gap_link.fullmatch(text, a.end, b.start)
    if not m:
        return False
    link = fold_phrase(m["link"])
    if link in g.lex["links"]:
        return True
    if link in g.lex["links_after_from"]:
        return a.prep in g.lex["range_from"]
    return a.prep in g.lex["range_between"]


def _rejected(text: str, g: Grammar, a: Atom) -> bool:
    if a.needs_cue and not a.cue:
        return True
    if a.start > 1 and text[a.start - 1] == "-" and text[a.start - 2].isalpha():
        # Glued by a hyphen only to a part of a period: "mid-1990s", not "Euro-2008", "COVID-2019".
        word = text[text.rfind(" ", max(0, a.start - 30), a.start) + 1 : a.start - 1]
        return fold_phrase(word) not in g.lex["month_parts"]
    return text[a.start].isdigit() and bool(g.not_number_after.search(text, max(0, a.start - 20), a.start))


def _single(text: str, g: Grammar, a: Atom, ref: Reference | None, prev: Atom | None) -> DateMatch | None:
    qualifier = g.lex["qualifiers"].get(a.prep, "exact")
    if a.kind == "relyear":  # "im vergangenen Jahr": the year before the publication year
        return None if ref is None else make_date(text, a.lead, a.end, (ref.day.year + a.offset, None, None), None, qualifier)
    if a.kind == "wabbr" or (a.kind != "date" and (ref is None or ref.precision != "day")):
        return None
    if a.kind == "rel":
        word = fold_phrase(text[a.start:a.end])
        if word in g.lex["lowercase_only"] and prev and prev.kind in ("rel", "weekday") \
                and not text[prev.end:a.start].strip():
            return None  # "heute morgen" is this morning
    if a.kind in ("rel", "weekday"):
        if a.kind == "weekday" and not a.cue:
            return None
        day = relative_day(a, ref)
        return make_date(text, a.lead, a.end, (day.year, day.month, day.day), None, qualifier)
    if _rejected(text, g, a):
        return None
    year, end = a.y, a.end
    if year is None:
        year, end = relative_year(text, g, a, ref)
        if year is None:
            return None
    if a.end_date:
        ey, em, ed = a.end_date
        ey = ey or year
        return make_date(text, a.lead, end, (ey if a.m else year, a.m, a.d), (ey, em, ed), "range")
    return make_date(text, a.lead, end, (year, a.m, a.d), None, qualifier)


def _span(text: str, g: Grammar, a: Atom, b: Atom, ref: Reference | None) -> DateMatch | None:
    if a.kind != "date":  # "von Montag bis Freitag", "von heute bis morgen"
        if ref is None or ref.precision != "day":
            return None
        b.direction = b.direction or a.direction
        high = relative_day(b, ref)
        low = relative_day(a, ref) if a.kind == "rel" else \
            high - dt.timedelta(days=(b.weekday - a.weekday) % 7 or 7)
        return make_date(text, a.lead, b.end, (low.year, low.month, low.day), (high.year, high.month, high.day), "range")
    if _rejected(text, g, a) and _rejected(text, g, b):
        return None
    by, end = b.y, b.end
    if by is None and a.y is not None:
        by = a.y + (1 if b.m and a.m and (b.m, b.d or 0) < (a.m, a.d or 0) else 0)
    elif by is None:
        by, end = relative_year(text, g, b, ref)
        if by is None:
            return None
    ay = a.y
    if ay is None:
        ay = by - (1 if a.m and b.m and (a.m, a.d or 0) > (b.m, b.d or 0) else 0)
    return make_date(text, a.lead, end, (ay, a.m, a.d), (by, b.m, b.d), "range")


def find_dates(text: str, lang: str = "de", doc_date: str | dt.date | None = None) -> list[DateMatch]:
    """Every calendar date or date span in ``text``, in order, without overlaps."""
    if not isinstance(text, str) or not text:
        return []
    lang = lang if lang in lexicon.LANGUAGES else "de"
    g, ref = grammar(lang), reference(doc_date)
    atoms: list[Atom] = []
    done = 0
    # Two plain scans (digits, keywords) are much faster than one combined one.
    hits = [(m.start(), g.digit_atoms) for m in g.digit_trigger.finditer(text)]
    # Keywords are found in the lower-cased text (faster) and confirmed with the cased trigger.
    hits += [(m.start(), g.word_atoms) for m in fast_finditer(g.word_trigger, g.word_trigger_lower, text)]
    hits.sort(key=lambda hit: hit[0])
    for pos, pattern in hits:
        if pos < done:
            continue
        m = pattern.match(text, pos)
        if m:
            done = m.end()
            atom = read_atom(m, g)
            if atom is not None:
                atoms.append(atom)
    atoms = _join_weekdays(text, g, atoms)
    prev = None
    for atom in atoms:
        _read_prefix(text, g, atom, prev.end if prev else 0)
        if (atom.needs_cue and not atom.cue and prev and prev.kind == "date" and prev.m
                and (prev.cue or not prev.needs_cue) and g.gap_list.fullmatch(text, prev.end, atom.start)):
            atom.cue = True  # "im April und Juni"
        prev = atom
    found: list[DateMatch] = []
    i = 0
    while i < len(atoms):
        a, b = atoms[i], atoms[i + 1] if i + 1 < len(atoms) else None
        match = _span(text, g, a, b, ref) if b and _linked(text, g, a, b) else None
        if match:
            i += 2
        else:
            match = _single(text, g, a, ref, atoms[i - 1] if i else None)
            if match is not None and a.decade and not a.cue:
                match = replace(match, attributive=True)  # "Autos der 1960er-Jahre": no time of an event
            i += 1
        if match and (not found or match.start >= found[-1].end):
            found.append(_night(text, g, match))
    return found


def _night(text: str, g: Grammar, m: DateMatch) -> DateMatch:
    """A night runs over two days: "in der Nacht zum Donnerstag" from Wednesday to Thursday,
    "on Wednesday night" and "Mittwochnacht" from Wednesday to Thursday. The value stays the day
    named; low and high span the night (qualifier range), so that a report of the night to
    Thursday and one of Wednesday night meet (``night_before`` / ``night_after`` in dates.yaml)."""
    if m.precision != "day" or m.low is not None or m.qualifier != "exact":
        return m
    words = fold_phrase(m.text)
    before = any(words.startswith(w + " ") for w in g.lex.get("night_before", []))
    after = not before and any(
        words.endswith(w) or re.match(rf"\s+{re.escape(w)}(?!\w)", text[m.end : m.end + 12], re.IGNORECASE)
        or words.split(" ", 1)[0] in g.lex["day_month_glue"]  # "the night of July 14"
        and re.search(rf"(?<!\w){re.escape(w)}\s*\Z", text[max(0, m.start - 12) : m.start], re.IGNORECASE)
        for w in g.lex.get("night_after", []))
    if not before and not after:
        return m
    day = dt.date.fromisoformat(m.value)
    low, high = (day - dt.timedelta(days=1), day) if before else (day, day + dt.timedelta(days=1))
    return replace(m, low=low.isoformat(), high=high.isoformat(), qualifier="range")


def parse_date(text: str, lang: str = "de", doc_date=None) -> DateMatch | None:
    """Read the whole of ``text`` as one date or span; None if it is not exactly one."""
    matches = find_dates(text, lang, doc_date)
    if len(matches) != 1:
        return None
    m = matches[0]
    rest = text[: m.start] + " " + text[m.end:]
    return m if not rest.strip(" \t\r\n.,;:!?()[]\"'") else None


def find_publication_date(text: str, lang: str = "de") -> DateMatch | None:
    """The dateline near the top of an article: a full date with a year (day preferred).

    Only a date that stands out as a dateline counts: on a line of its own, after
    a separator ("Öffentlichkeit - 11.01.2022") or a label ("Stand:"), before a
    bar ("10. Januar 2022 |"), or in parentheses ("(7. Jänner 2022)"). A date in
    running text is an event date, not the publication date.
    """
    if not isinstance(text, str):
        return None
    g = grammar(lang if lang in lexicon.LANGUAGES else "de")
    head = text[:DATELINE_WINDOW]
    if _WRITTEN_YEAR.search(head) is None:
        return None  # without a reference date only dates with a written year are found
    best = None
    for m in find_dates(head, lang):
        if m.qualifier != "exact" or m.precision == "year" or not _dateline(head, m, g):
            continue
        if m.start < PUBLICATION_WINDOW or m.start < DATELINE_WINDOW and "\n" in head[m.end:m.end + 4]:
            if best is None or (m.precision == "day") > (best.precision == "day"):
                best = m
    return best


def _dateline(head: str, m: DateMatch, g: Grammar) -> bool:
    line_start = head.rfind("\n", 0, m.start) + 1
    line_end = head.find("\n", m.end)
    before = head[line_start:m.start].strip(" \t*_#>")
    after = head[m.end:line_end if line_end >= 0 else len(head)].strip(" \t*_.")
    ends_line = not after or after[0] == "|"
    return (not before and (ends_line or after[0] in "–—-")
            or before[-1:] in ("|", "–", "—", "-", "·", "•") and ends_line
            or before[-1:] == "(" and after[:1] == ")" and not after[1:].strip(" .")
            or ends_line and _PLACE.fullmatch(before) is not None  # "Wien, 14. März 2023"
            or bool(g.label.search(before)))
