"""How many of the peer projects' German date cases claims.extract.dates gets right.

    python scripts/peers_dates.py            # pass rate per suite, out-of-scope reasons
    python scripts/peers_dates.py -v         # ... and every failing case
    python scripts/peers_dates.py --out      # ... and every out-of-scope case with its reason

Cases come from tests/data/peers (schema: that folder's README.md). In scope:
explicit calendar dates (days, months, years; day-months resolved against the
case's reference date) and date spans. Out of scope, each listed with its
reason: clock times, parts of the day, durations and "in 3 Tagen" offsets,
relative periods (this/next/last week, quarter, season), recurring sets,
holidays, bare weekdays, a day without its month, and exotic layouts.

A case passes "strict" when value, precision and span ends agree with the
upstream expectation. Duckling and Rustling put a year-less date in the
future ("Aug 8" seen on 2013-02-12 is 2013-08-08); claims puts it in the
recent past (2012-08-08), as documented in claims/dates.py. Such a case passes
"by policy" when only that year differs. Both counts are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.extract.dates import find_dates, parse_date  # noqa: E402

PEERS = ROOT / "tests" / "data" / "peers"
SUITES = (
    "dateparser_de",
    "duckling_time_de",
    "rustling_de",
    "recognizers_text_datetime_model_de",
    "recognizers_text_datetime_components_de",
)
# Extractor specs need no reference date; their upstream tests ran without one.
NEUTRAL_REFERENCE = "2016-11-07"

_WD = r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|mo|di|mi|do|fr|sa|so)"
_NUMWORD = r"(?:\d+|eine?[mnr]?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|paar|beiden|anderthalb|neunzehn)"
# (reason, pattern on the lower-cased text), checked in this order.
OUT_OF_SCOPE = [
    ("holiday", r"weihnacht|ostern|oster|silvester|neujahr|pfingst|valentin|muttertag|vatertag|einheit|halloween"
     r"|allerheiligen|nikolaus|fastnacht|karfreitag|karsamstag|himmelfahrt|fronleichnam|ramadan|kippur"
     r"|palmsonntag|drei könige|barbaratag|weltkindertag|johannistag|peter und paul|erntedank|tag der arbeit"
     r"|feiertag|ewigkeitssonntag|herbstanfang|friedensfest"),
    ("clock time", r"\d:\d|\buhr\b|\d\s*h\b|\bum (?:\d|ein|zwei|drei|vier|halb|viertel)|viertel|\bhalb \w|mitternacht"
     r"|jetzt|gerade eben|sekunde|minute|stunde|\bstd\b|\bgmt\b|\bcet\b|zu dieser zeit|\d+\.\d+ uhr|^mit \d"),
    ("part of day", r"morgens|abends?\b|nachmittag|vormittag|mittag|nacht|früh|tagesanbruch|morgengrauen"
     r"|am morgen|\bmorgen (?:abend|mittag)|spätabend"),
    ("duration or relative offset", rf"\b(?:vor|in|im|binnen|innerhalb von)\s+(?:etwa |zirka |fast )?{_NUMWORD}\s+"
     r"(?:tag|tg|woche|monat|jahr|std)|\d+ jahr|\bjahre?n?\b.*\bmonat|später|nach dem nächsten|\bjahr nach"),
    ("nth weekday or week of a month", rf"(?:erste|zweite|dritte|vierte|letzte)[rns]? (?:{_WD}|tag|woche)"
     r"|juliwoche|tag in"),
    ("relative period (week, quarter, season, this/next/last)",
     r"woche|quartal|nächst|nachst|übernächst|letzt|vorig|vorherig|kommend|\bdies|vergangen|sommer|winter"
     r"|herbst|frühling|rest de|zweitausender|laufend|werktag|^(?:das|dem|des) jahr|ende des|ab ende|ende \d"
     r"|\bdes jahres\b|\bdem jahr\b|^aktuelle"),
    ("recurring", r"jede[nrs]?\b|immer|täglich|jährlich|\w+tags\b|sonnabends|\balle \w+"),
    ("bare weekday (claims resolves it to the past)",
     rf"^(?:am |an |vor |bis |von |ab )?{_WD}\.?(?:\s+bis\s+{_WD})?$"),
    ("relative day combined with a weekday", rf"gestern {_WD}|\b{_WD}\w*früh"),
    ("day of month without its month", r"^(?:am |vom |zwischen dem )?\d+(?:\.|te[nr]?)(?:\s*(?:bis zum|-|und dem)"
     r"\s*\d+\.)?$|der \d+\.?\.?$"),
    ("day/month with a slash and no year (reads like a fraction)", r"^\d+/\d+(?:-\d+/\d+)?$"),
    ("month as an ordinal number word ('7. vierter')", r"(?:vierte|fünfte|elfte|zwölfte|vierten|fünften|zwölften)r?\b"
     r"|siebter 4|dritter/"),
]
_OUT = [(reason, re.compile(rx)) for reason, rx in OUT_OF_SCOPE]
_RT_OUT_TYPES = {
    "time": "clock time", "timerange": "clock time", "duration": "duration or relative offset",
    "set": "recurring", "datetime": "clock time", "datetimerange": "clock time",
}
_RT_OUT_MODELS = {
    "HolidayExtractor": "holiday", "HolidayParser": "holiday", "TimeExtractor": "clock time",
    "TimeParser": "clock time", "TimePeriodExtractor": "clock time", "TimePeriodParser": "clock time",
    "DurationExtractor": "duration or relative offset", "DurationParser": "duration or relative offset",
    "SetExtractor": "recurring", "SetParser": "recurring", "DateTimeExtractor": "clock time",
    "DateTimeParser": "clock time", "DateTimePeriodExtractor": "clock time", "DateTimePeriodParser": "clock time",
}


@dataclass
class Stats:
    total: int = 0
    in_scope: int = 0
    strict: int = 0
    policy: int = 0
    out: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (case, reason)

    @property
    def rate(self) -> float:
        return (self.strict + self.policy) / self.in_scope if self.in_scope else 0.0


def out_of_scope_reason(text: str) -> str | None:
    low = " ".join(text.lower().split())
    return next((reason for reason, rx in _OUT if rx.search(low)), None)


def _first_day(iso: str) -> dt.date:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def _after(iso: str) -> dt.date:
    """First day after the unit ``iso`` names (exclusive end)."""
    day = _first_day(iso)
    if len(iso) == 4:
        return dt.date(day.year + 1, 1, 1)
    if len(iso) == 7:
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + dt.timedelta(days=1)


def _same(mine: dt.date, theirs: dt.date, year_free: bool) -> str | None:
    if mine == theirs:
        return "strict"
    if year_free and (mine.month, mine.day) == (theirs.month, theirs.day) and abs(mine.year - theirs.year) <= 1:
        return "policy"
    return None


def _worst(*verdicts: str | None) -> str | None:
    return None if None in verdicts else "policy" if "policy" in verdicts else "strict"


def _year_free(text: str, ref: str | None, match) -> bool:
    """Was the year of ``match`` taken from the reference date (not written)?"""
    later = str(int(ref[:4]) + 3) + ref[4:] if ref else "2030-06-15"
    other = parse_date(text, "de", later) or next(iter(find_dates(text, "de", later)), None)
    return other is None or other.value != match.value


def _duckling(case: dict) -> str | None:
    exp, ref = case["expected"], case["reference_datetime"][:10]
    m = parse_date(case["text"], "de", ref)
    if m is None:
        return None
    free = _year_free(case["text"], ref, m)
    grain = exp.get("grain")
    if m.precision != grain:
        return None
    if exp.get("kind") == "value" or "value" in exp:
        if m.qualifier == "range":
            return None
        return _same(_first_day(m.value), dt.date.fromisoformat(exp["value"][:10]), free)
    if m.qualifier != "range" or not exp.get("from") or not exp.get("to"):
        return None
    return _worst(_same(_first_day(m.low), dt.date.fromisoformat(exp["from"][:10]), free),
                  _same(_after(m.high), dt.date.fromisoformat(exp["to"][:10]), free))


def _rt_value_ok(m, values: list) -> bool:
    for v in values:
        if "value" in v and v["value"] != "not resolved" and m.qualifier != "range":
            if m.precision == "day" and m.value == v["value"][:10]:
                return True
        if v.get("start") and v.get("end") and m.qualifier == "range":
            if m.low == v["start"][:10] or _first_day(m.low).isoformat() == v["start"][:10]:
                end = v["end"][:10]
                if end in (_first_day(m.high).isoformat(), _after(m.high).isoformat(), m.high):
                    return True
        if v.get("end") and not v.get("start") and m.qualifier == "at_most":
            if _first_day(m.value).isoformat() == v["end"][:10]:
                return True
        if v.get("start") and not v.get("end") and m.qualifier == "at_least":
            if _first_day(m.value).isoformat() == v["start"][:10]:
                return True
        if v.get("start") and v.get("end") and m.qualifier != "range" and m.precision != "day":
            if _first_day(m.value).isoformat() == v["start"][:10] and _after(m.value).isoformat() == v["end"][:10]:
                return True
    return False


def _rt_parser_values(entity: dict) -> list:
    value = entity.get("value") or {}
    out = []
    for key in ("FutureResolution", "PastResolution"):
        res = value.get(key) or {}
        if "date" in res:
            out.append({"value": res["date"]})
        if "startDate" in res:
            out.append({"start": res["startDate"], "end": res["endDate"]})
    return out


def _rt_entity_ok(entity: dict, matches: list, model: str) -> bool:
    if entity.get("span_mismatch"):
        return False
    s, e = entity["start"], entity["end"]
    near = [m for m in matches if m.start < e and s < m.end and abs(m.end - e) <= 1]
    if not near:
        return False
    values = entity.get("values") or _rt_parser_values(entity)
    if model.endswith("Extractor") or not values:
        return True
    if all(v.get("value") == "not resolved" for v in values):
        return False
    return any(_rt_value_ok(m, values) for m in near)


def _rt_scope(case: dict) -> tuple[list, str | None]:
    """In-scope expected entities of a Recognizers case, or the reason it is out of scope."""
    if case["model"] in _RT_OUT_MODELS:
        return [], _RT_OUT_MODELS[case["model"]]
    keep, reason = [], None
    for entity in case["expected"]:
        kind = entity.get("type", "").split(".")[-1]
        why = _RT_OUT_TYPES.get(kind) or out_of_scope_reason(entity.get("span") or entity["text"])
        if entity.get("values") and all(v.get("value") == "not resolved" for v in entity["values"]):
            why = why or "an invalid date the upstream leaves unresolved"
        if why:
            reason = reason or why
        else:
            keep.append(entity)
    return keep, reason


def evaluate(suite: str) -> Stats:
    stats = Stats()
    for line in (PEERS / f"{suite}.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if suite == "rustling_de" and case["expected"].get("dim") != "time":
            continue
        stats.total += 1
        verdict, reason = _judge(suite, case)
        if reason:
            stats.out[reason] = stats.out.get(reason, 0) + 1
            stats.skipped.append((case, reason))
            continue
        stats.in_scope += 1
        if verdict == "strict":
            stats.strict += 1
        elif verdict == "policy":
            stats.policy += 1
        else:
            stats.failures.append(case)
    return stats


def _judge(suite: str, case: dict) -> tuple[str | None, str | None]:
    """(verdict, out-of-scope reason): verdict is strict, policy or None (failed)."""
    text = case["text"]
    if suite.startswith("recognizers"):
        entities, reason = _rt_scope(case)
        if case["expected"] and not entities:
            return None, reason
        ref = (case["reference_datetime"] or NEUTRAL_REFERENCE)[:10]
        matches = find_dates(text, "de", ref)
        if not case["expected"]:
            return ("strict" if not matches else None), None
        return ("strict" if all(_rt_entity_ok(e, matches, case["model"]) for e in entities) else None), None
    if suite == "dateparser_de":
        exp = case["expected"]
        ref = (case["reference_datetime"] or NEUTRAL_REFERENCE)[:10]
        if "found" in exp:
            wanted = [f for f in exp["found"] if not (case.get("note") and f["text"] == "Die")]
            found = {m.value for m in find_dates(text, "de", ref)}
            return ("strict" if all(f["datetime"][:10] in found for f in wanted) else None), None
        if "datetime" not in exp:
            if out_of_scope_reason(text):
                return None, out_of_scope_reason(text)
            days = {"ago": -1, "in_future": 1}
            key = next(k for k in days if k in exp)
            offset = exp[key]
            if set(offset) != {"days"}:
                return None, "duration or relative offset"
            want = dt.date.fromisoformat(ref) + dt.timedelta(days=days[key] * offset["days"])
            m = parse_date(text, "de", ref)
            return ("strict" if m and m.value == want.isoformat() else None), None
        reason = out_of_scope_reason(text)
        if reason:
            return None, reason
        m = parse_date(text, "de", ref)
        return ("strict" if m and m.value == exp["datetime"][:10] else None), None
    # duckling and rustling
    exp = case["expected"]
    if case.get("negative"):
        return ("strict" if not find_dates(text, "de", case["reference_datetime"][:10]) else None), None
    if case.get("id") == "duckling-de-time-range-00" or exp.get("holiday"):
        return None, "holiday" if exp.get("holiday") else "clock time"
    if exp.get("grain") not in ("day", "month", "year"):
        return None, out_of_scope_reason(text) or "clock time"
    reason = out_of_scope_reason(text)
    if reason:
        return None, reason
    return _duckling(case), None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failing case")
    parser.add_argument("--out", action="store_true", help="list every out-of-scope case with its reason")
    parser.add_argument("--suite", choices=SUITES, action="append", help="only these suites")
    args = parser.parse_args(argv)
    grand = Stats()
    print(f"{'suite':42} {'cases':>6} {'in scope':>8} {'strict':>7} {'policy':>7} {'pass':>7}")
    for suite in args.suite or SUITES:
        s = evaluate(suite)
        print(f"{suite:42} {s.total:6} {s.in_scope:8} {s.strict:7} {s.policy:7} {s.rate:7.1%}")
        for name in ("total", "in_scope", "strict", "policy"):
            setattr(grand, name, getattr(grand, name) + getattr(s, name))
        for reason, n in s.out.items():
            grand.out[reason] = grand.out.get(reason, 0) + n
        if args.verbose:
            for case in s.failures:
                print(f"    FAIL {case['id']}: {case['text'][:90]!r}")
        if args.out:
            for case, reason in s.skipped:
                print(f"    OUT  {case['id']}: {case['text'][:70]!r} -- {reason}")
    print(f"{'all':42} {grand.total:6} {grand.in_scope:8} {grand.strict:7} {grand.policy:7} {grand.rate:7.1%}")
    print("\nout of scope:")
    for reason, n in sorted(grand.out.items(), key=lambda item: -item[1]):
        print(f"  {n:5}  {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
