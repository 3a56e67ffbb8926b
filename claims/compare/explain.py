"""The one line that says why a group has its status: the deciding pair, who said what, and when.

``official (ministry) 52 vs independent monitor 71, reported 14 March 2024 (deaths, gw-0314 vs gw-0314)``:
the values as intervals write them (intervals.format_value), the source line of each side when
the text names one (sources.py; the outlet's own voice is left unnamed), the report dates (said
"reported", so they are never read as the event's date) when
a source is named (one date when both sides are of the same day), what is counted and the
documents. A sum shows its terms with the place or party of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..models import Claim
from .intervals import claim_interval, format_amount, format_value
from .sources import source_line
from .sums import Finding

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def report_date(iso: str | None) -> str:
    """``14 March 2024`` for ``2024-03-14``, ``March 2024`` for ``2024-03``; ``undated`` for none."""
    if not iso:
        return "undated"
    try:
        parts = [int(p) for p in iso[:10].split("-")]
        if len(parts) == 3:
            dt.date(*parts)
            return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


def voice(claim: Claim, outlet: str | None = None) -> str:
    """The source line of a claim as views name it ("official (ministry)"); "" for the outlet's voice.
    ``outlet`` (the document's source) stands for an attribution the text does not give."""
    line = source_line(claim.attribution, outlet)
    return line.label if line.named else ""


def _said(claim: Claim, with_date: bool, outlets=None) -> str:
    who = voice(claim, (outlets or {}).get(claim.doc))
    text = f"{who} {format_value(claim)}" if who else format_value(claim)
    return f"{text} (reported {report_date(claim.as_of)})" if with_date else text


def explain(f: Finding, outlets: Mapping[str, str | None] | None = None) -> str:
    """One line: the two values, who gave them, what they count and which documents say them;
    ``outlets`` gives each document's source for figures the text attributes to no one."""
    outlets = outlets or {}
    what = f.left.category
    if f.left.actor and f.left.actor == f.right.actor and not f.parts:
        what = f"{what} of {f.left.actor}"  # "troops of Russia": one party's figure in both reports
    if f.left.place and f.left.place == f.right.place and not f.parts:
        what = f"{what} in {f.left.place}"
    docs = f"{f.left.doc} vs {f.right.doc}"
    if f.status == "update":
        rise = "later report is higher" if claim_interval(f.right)[0] >= claim_interval(f.left)[0] else "later report is lower"
        return (
            f"{_said(f.left, False, outlets)} ({f.left.doc}, reported {report_date(f.left.as_of)}) → "
            f"{_said(f.right, False, outlets)} ({f.right.doc}, reported {report_date(f.right.as_of)}): {rise} ({what})"
        )
    if f.parts:
        total = sum(p.value for p in f.parts if isinstance(p.value, (int, float)))
        terms = " + ".join(f"{p.place} {format_value(p)}" if p.place else format_value(p) for p in f.parts)
        right = _said(f.right, False, outlets)
        return f"{terms} = {format_amount(total)} vs {right} ({what}, {docs})"
    if f.left.place and not f.right.place and f.status == "compatible":
        return f"{f.left.place} {format_value(f.left)} is a part of {_said(f.right, False, outlets)} ({what}, {docs})"
    if not (voice(f.left, outlets.get(f.left.doc)) or voice(f.right, outlets.get(f.right.doc))):
        return f"{format_value(f.left)} vs {format_value(f.right)} ({what}, {docs})"
    if f.left.as_of == f.right.as_of:
        return f"{_said(f.left, False, outlets)} vs {_said(f.right, False, outlets)}, reported {report_date(f.left.as_of)} ({what}, {docs})"
    return f"{_said(f.left, True, outlets)} vs {_said(f.right, True, outlets)} ({what}, {docs})"

