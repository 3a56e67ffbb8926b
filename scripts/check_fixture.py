"""Check a hand-written fixture folder against its truth.yaml and print a summary.

    python scripts/check_fixture.py                      # tests/fixtures/mixed, english_events, german_events
    python scripts/check_fixture.py tests/fixtures/mixed -v

truth.yaml says what a careful reader knows about the documents of its folder:
each document's story and every figure of interest in it (the span as written,
what it counts, its source), the groups a fact-checker sets side by side and the
relations between figures across sources (its header describes the keys). This
script checks that the truth is true of the files (spans, sources, front matter,
every file listed) and consistent in itself (no group mixes stories, series
rise, parts do not exceed their whole, conflicting figures really are disjoint).
It uses no `claims` code on purpose: the fixture measures the tool, it is not a
picture of it. Exit status 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import itertools
import math
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = tuple(ROOT / "tests/fixtures" / name for name in ("mixed", "english_events", "german_events"))

CATEGORIES = frozenset(
    "deaths injuries arrests missing displaced evacuated troops security_forces protesters population "
    "percentage price money measure date duration count".split())
QUALIFIERS = frozenset("exact approx at_least more_than at_most less_than range vague".split())
SOURCE_LINES = frozenset(
    "outlet official government ministry police regional_official emergency_service hospital monitor media "
    "organisers rights_group union survivors relief_agency donor document statistics_office weather_service "
    "club company".split())
STATUSES = frozenset("agree compatible update conflict sum_agree sum_conflict single".split())
FIGURE_KEYS = frozenset(
    "id category value value_low value_high qualifier unit span occurrence what place country source "
    "source_line as_of event in_title same_as note".split())
APPROX = 0.1  # "about 230" is read as 230 +/- 10 % when intervals are compared
INF = math.inf


def load(folder: Path) -> dict:
    return yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))


def body_of(text: str) -> tuple[str, int, dict | None]:
    """The article text after any front matter, where it starts, and the parsed front matter."""
    if not text.startswith("---\n"):
        return text, 0, None
    end = text.index("\n---\n", 3) + len("\n---\n")
    return text[end:], end, yaml.safe_load(text[4 : end - 4])


def span_offsets(text: str, figure: dict) -> tuple[int, int] | None:
    """Where the figure's span is in the whole file text: its only occurrence in the
    article text, or its ``occurrence``-th; None when there is no such occurrence."""
    body, start, _ = body_of(text)
    span, hits, at = figure["span"], [], body.find(figure["span"])
    while at >= 0:
        hits.append(at)
        at = body.find(span, at + 1)
    wanted = figure.get("occurrence")
    if not hits or (len(hits) > 1 if wanted is None else wanted > len(hits)):
        return None
    at = start + hits[(wanted or 1) - 1]
    return at, at + len(span)


def figures(truth: dict) -> dict[str, dict]:
    """Every figure by id, with its document path, story and (unless it has its own) the report date as as_of."""
    return {figure["id"]: {"doc": path, "story": doc["story"], "as_of": doc["date"], **figure}
            for path, doc in truth["documents"].items() for figure in doc.get("figures", [])}


def interval(figure: dict) -> tuple[float, float]:
    """The interval a figure asserts (dates as day ordinals), for the consistency checks."""
    if figure["category"] == "date":
        return _days(figure.get("value_low", figure["value"]))[0], _days(figure.get("value_high", figure["value"]))[1]
    v, q = figure["value"], figure.get("qualifier", "exact")
    if q in ("range", "vague"):
        high = figure.get("value_high")
        return figure["value_low"], INF if high is None else high
    return {"exact": (v, v), "approx": (v * (1 - APPROX), v * (1 + APPROX)), "at_least": (v, INF),
            "more_than": (v, INF), "at_most": (0, v), "less_than": (0, v)}[q]


def _days(iso: str) -> tuple[int, int]:
    year, month, day = ([int(p) for p in str(iso).split("-")] + [0, 0])[:3]
    last_day = day or calendar.monthrange(year, month or 12)[1]
    return dt.date(year, month or 1, day or 1).toordinal(), dt.date(year, month or 12, last_day).toordinal()


def overlap(a: dict, b: dict) -> bool:
    (a_low, a_high), (b_low, b_high) = interval(a), interval(b)
    return a_low <= b_high and b_low <= a_high


def check(folder: Path) -> list[str]:
    """Every way truth.yaml disagrees with the files or with itself, one line each."""
    truth = load(folder)
    figs = figures(truth)
    return _check_documents(folder, truth) + _check_groups(truth, figs) + _check_relations(truth, figs)


def _check_documents(folder: Path, truth: dict) -> list[str]:
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.suffix in (".txt", ".md")}
    listed, stories, docs = set(truth["documents"]), truth["stories"], truth["documents"]
    problems = [f"{p}: file not listed in truth.yaml" for p in sorted(on_disk - listed)]
    problems += [f"{p}: listed but no such file" for p in sorted(listed - on_disk)]
    problems += [f"story {s}: no document" for s in stories if all(d["story"] != s for d in docs.values())]
    seen: set[str] = set()
    for path in sorted(listed & on_disk):
        doc, text = docs[path], (folder / path).read_bytes().decode("utf-8")
        body, _, meta = body_of(text)
        problems += [f"{path}: {p}" for p in _check_metadata(doc, body, meta, stories)]
        for figure in doc.get("figures", []):
            problems += [f"{path}: {figure['id']}: {p}" for p in _check_figure(doc, text, body, figure, seen)]
        for item in doc.get("not_figures", []):
            if set(item) != {"span", "why"} or item["span"] not in body:
                problems.append(f"{path}: not_figure {item.get('span')!r} needs a span that occurs and a why")
    return problems


def _check_metadata(doc: dict, body: str, meta: dict | None, stories: dict) -> list[str]:
    problems = []
    if doc["story"] not in stories:
        problems.append(f"story {doc['story']!r} is not in stories")
    elif doc["lang"] not in stories[doc["story"]]["languages"]:
        problems.append(f"language {doc['lang']} is not among its story's languages")
    if (meta is not None) != (doc["metadata"] == "front_matter"):
        problems.append(f"metadata says {doc['metadata']} but the file disagrees")
    elif meta is not None:
        for key, want in (("title", doc["title"]), ("source", doc["outlet"]), ("date", doc["date"])):
            if str(meta.get(key)) != str(want):
                problems.append(f"front matter {key} is {meta.get(key)!r}, truth says {want!r}")
    elif body.splitlines()[0].strip() != doc["title"] or doc["dateline"] not in body[:300]:
        problems.append("without front matter the first line must be the title and a dateline must follow")
    return problems


def _check_figure(doc: dict, text: str, body: str, figure: dict, seen: set[str]) -> list[str]:
    problems = [f"unknown key {k!r}" for k in figure if k not in FIGURE_KEYS]
    if figure["id"] in seen or not figure["id"].startswith(doc["key"] + "."):
        problems.append(f"the id must be unique and start with the document key {doc['key']}")
    seen.add(figure["id"])
    for key, allowed, default in (("category", CATEGORIES, None), ("qualifier", QUALIFIERS, "exact"),
                                  ("source_line", SOURCE_LINES, None)):
        if figure.get(key, default) not in allowed:
            problems.append(f"unknown {key} {figure.get(key)!r}")
    source = figure.get("source")
    if (source is None) != (figure.get("source_line") == "outlet"):
        problems.append("a figure without a source is the outlet's own (source_line: outlet), and only such a one")
    if source and source.lower() not in body.lower():
        problems.append(f"source {source!r} does not occur in the text")
    if span_offsets(text, figure) is None:
        problems.append(f"span {figure['span']!r} does not occur exactly once (or at its occurrence)")
    if figure.get("in_title") and (doc["metadata"] != "text" or figure["span"] not in body.splitlines()[0]):
        problems.append("in_title, but not in the title line of a document without front matter")
    first = {f["id"]: f for f in doc["figures"]}.get(figure.get("same_as"), figure)
    if "same_as" in figure and (first is figure or first["value"] != figure["value"]):
        problems.append("same_as must name another figure of this document with the same value")
    try:
        interval(figure)
    except (KeyError, ValueError, TypeError) as exc:
        problems.append(f"the value does not read as a {figure.get('category')} ({exc!r})")
    return problems


def _check_groups(truth: dict, figs: dict[str, dict]) -> list[str]:
    problems, owner = [], {}
    for group in truth.get("groups", []):
        where = f"group {group['id']}:"
        members = [m for m in group["members"] if m in figs]
        problems += [f"{where} unknown member {m}" for m in group["members"] if m not in figs]
        problems += [f"{where} {m} is also in group {owner[m]}" for m in members if m in owner]
        owner.update((m, group["id"]) for m in members)
        if {figs[m]["story"] for m in members} != {group["story"]}:
            problems.append(f"{where} mixes stories {sorted({figs[m]['story'] for m in members})}")
        if {figs[m]["category"] for m in members} != {group["category"]}:
            problems.append(f"{where} members are not all {group['category']}")
        if len({figs[m]["doc"] for m in members}) < 2 and group["status"] != "conflict":
            problems.append(f"{where} one document only: a single; list groups across sources")
        if any(s not in STATUSES for s in [group["status"], *group.get("acceptable", [])]):
            problems.append(f"{where} unknown status")
        if len(group.get("because", [])) != 2 or any(b not in members for b in group["because"]):
            problems.append(f"{where} because must name two of its members")
    for relation in truth.get("relations", []):
        for side_a, side_b in itertools.combinations(relation.get("sides", []), 2):
            problems += [f"relation {relation['id']}: {a} and {b} are never compared but share {owner[a]}"
                         for a, b in itertools.product(side_a, side_b) if a in owner and owner[a] == owner.get(b)]
    return problems


def _check_relations(truth: dict, figs: dict[str, dict]) -> list[str]:
    problems = []
    for relation in truth.get("relations", []):
        where, ids = f"relation {relation['id']}:", relation_ids(relation)
        if any(i not in figs for i in ids) or relation["type"] not in RELATION_CHECKS:
            problems.append(f"{where} unknown type or figures {[i for i in ids if i not in figs]}")
            continue
        problems += [f"{where} {p}" for p in RELATION_CHECKS[relation["type"]](relation, figs)]
        if relation["type"] != "never_compared" and len({figs[i]["story"] for i in ids}) > 1:
            problems.append(f"{where} relates figures of different stories")
    return problems


def relation_ids(relation: dict) -> list[str]:
    """Every figure id a relation names."""
    ids = [*relation.get("figures", []), *relation.get("parts", [])]
    ids += [i for step in relation.get("steps", []) + relation.get("sides", []) for i in step]
    return ids + [relation[k] for k in ("whole", "total", "figure", "before", "after") if k in relation]


def _series(relation: dict, figs: dict[str, dict]) -> list[str]:
    problems, falling = [], relation["type"] == "falls_normally"
    steps = [[figs[i] for i in step] for step in relation["steps"]]
    problems += [f"one step holds different values {[f['id'] for f in step]}"
                 for step in steps if len({f["value"] for f in step}) > 1]
    for before, after in zip(steps, steps[1:]):
        a, b = before[0], after[0]
        if max(f["as_of"] for f in before) > min(f["as_of"] for f in after):
            problems.append(f"{b['id']} is reported before {a['id']}")
        (a_low, a_high), (b_low, b_high) = interval(a), interval(b)
        if not (b_high <= a_high if falling else b_low >= a_low) or (a_low, a_high) == (b_low, b_high):
            problems.append(f"{a['id']} -> {b['id']} does not {'fall' if falling else 'rise'}")
    return problems


def _source_conflict(relation: dict, figs: dict[str, dict]) -> list[str]:
    a, b = (figs[i] for i in relation["figures"])
    problems = [f"{a['id']} and {b['id']} overlap: no conflict"] if overlap(a, b) else []
    if a["as_of"] != b["as_of"]:
        problems.append(f"{a['id']} and {b['id']} are not of the same day")
    if (a["source"], a["source_line"]) == (b["source"], b["source_line"]):
        problems.append("both figures come from the same source")
    return problems


def _overlapping(relation: dict, figs: dict[str, dict]) -> list[str]:
    pairs = itertools.combinations([figs[i] for i in relation["figures"]], 2)
    return [f"{a['id']} and {b['id']} do not overlap" for a, b in pairs if not overlap(a, b)]


def _between(relation: dict, figs: dict[str, dict]) -> list[str]:
    x, before, after = figs[relation["figure"]], figs[relation["before"]], figs[relation["after"]]
    inside = before["value"] <= x["value"] <= after["value"] and before["as_of"] <= x["as_of"] <= after["as_of"]
    return [] if inside else [f"{x['id']} does not lie between {before['id']} and {after['id']}"]


def _part_of(relation: dict, figs: dict[str, dict]) -> list[str]:
    whole, total = figs[relation["whole"]], sum(figs[i]["value"] for i in relation["parts"])
    return [] if total <= whole["value"] else [f"the parts sum to {total}, more than the whole {whole['value']}"]


def _subgroups(relation: dict, figs: dict[str, dict]) -> list[str]:
    total, summed = figs[relation["total"]], sum(figs[i]["value"] for i in relation["parts"])
    return [] if summed == total["value"] else [f"the subgroups sum to {summed}, the total is {total['value']}"]


def _never_compared(relation: dict, figs: dict[str, dict]) -> list[str]:
    return [] if relation.get("reason") and len(relation.get("sides", [])) >= 2 else ["needs two sides and a reason"]


RELATION_CHECKS = {
    "series": _series, "falls_normally": _series, "source_conflict": _source_conflict, "agree": _overlapping,
    "compatible": _overlapping, "between_updates": _between, "part_of": _part_of, "subgroups": _subgroups,
    "never_compared": _never_compared,
}


def summary(folder: Path, verbose: bool = False) -> str:
    """Documents per story, figures per category and source line, relations per type, groups per status."""
    truth = load(folder)
    figs, docs, groups, relations = figures(truth), truth["documents"], truth["groups"], truth["relations"]
    name = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    lines = [f"{name}: {len(docs)} documents, {len(figs)} figures, {len(groups)} groups, {len(relations)} relations"]
    for story, about in truth["stories"].items():
        langs = Counter(d["lang"] for d in docs.values() if d["story"] == story)
        lines.append(f"  {story:<10} {about['kind']:<10} {sum(langs.values()):>2} documents "
                     f"({', '.join(f'{n} {lang}' for lang, n in sorted(langs.items()))}), "
                     f"{sum(f['story'] == story for f in figs.values()):>3} figures  {about['summary']}")
    for label, counts in (("figures", Counter(f["category"] for f in figs.values())),
                          ("sources", Counter(f["source_line"] for f in figs.values())),
                          ("relations", Counter(r["type"] for r in relations)),
                          ("groups", Counter(g["status"] for g in groups))):
        lines.append(f"  {label + ':':<10} " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
    for group in groups if verbose else []:
        lines.append(f"  {group['id']:<20} {group['status']:<11} {' '.join(group['explanation'].split())}")
        lines += sorted({f"      {figs[m]['doc']} ({figs[m]['source_line']})" for m in group["members"] if m in figs})
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="fixture folders (default: both fixtures)")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list each group and its sources")
    args = parser.parse_args(argv)
    failed = False
    for folder in [f.resolve() for f in args.folders] or DEFAULT_FIXTURES:
        problems = check(folder)
        print(summary(folder, args.verbose))
        print("\n".join(f"  PROBLEM {p}" for p in problems) if problems else "  ok: the truth matches the files")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
