"""Score `claims` against a fixture's truth.yaml: figures found, groups, relations across sources.

    python scripts/score_fixture.py                       # tests/fixtures/mixed, english_events, german_events
    python scripts/score_fixture.py tests/fixtures/mixed -v   # ... and list every miss
    python scripts/score_fixture.py --markdown            # the table of docs/comparison.md

The folder is ingested into a temporary store by the checkout this script lives in. Each figure
of the truth is found as the claim whose span overlaps the figure's span and whose value is the
figure's; then, with the store's groups:

- a figure is *found* when such a claim exists, *right* when its category is the truth's too;
- a truth group is *together* when its found members share one group of the store that holds no
  figure of another truth group, and *right* when that group's status is the truth's (or one the
  truth accepts);
- a relation is right when the store says what the truth says: series, falling counts, counts
  between updates, agreements, compatible figures, source conflicts and subgroups need all their
  figures in one group whose status is the status of the truth group that holds them; a
  never-compared relation needs its sides in different groups; a part needs to be kept apart from
  its whole or summed against it (a group with the whole whose status is no conflict).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import check_fixture  # noqa: E402

from claims.store import Store  # noqa: E402

SAME_GROUP = {"series", "falls_normally", "between_updates", "agree", "compatible", "source_conflict", "subgroups"}
FIXTURES = [ROOT / "tests" / "fixtures" / name for name in ("mixed", "english_events", "german_events")]


def ingest(folder: Path, db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "claims", "--db", str(db), "ingest", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode not in (0, 1):  # 1: some files had errors; the others are stored
        raise SystemExit(f"ingest failed: {result.stderr.strip()[-500:]}")


def same_value(claim, figure: dict) -> bool:
    want = figure["value"]
    if figure["category"] == "date" or isinstance(want, str):
        return str(claim.value) == str(want)
    values = [v for v in (claim.value, claim.value_low) if isinstance(v, (int, float))]
    return any(abs(v - want) <= 1e-6 * max(1, abs(want)) for v in values)


def match_figures(folder: Path, truth: dict, store: Store) -> dict[str, object]:
    """Each figure id -> its claim, or None when the store holds no claim for it."""
    by_path: dict[str, list] = defaultdict(list)
    docs = {Path(d.path).resolve(): d.doc_id for d in store.documents()}
    for _, claim in store.claims_with_groups():
        by_path[claim.doc].append(claim)
    found: dict[str, object] = {}
    for fid, figure in check_fixture.figures(truth).items():
        path = (folder / figure["doc"]).resolve()
        text = path.read_text(encoding="utf-8")
        offsets = check_fixture.span_offsets(text, figure)
        candidates = [c for c in by_path.get(docs.get(path, ""), [])
                      if offsets and c.start < offsets[1] and c.end > offsets[0]]
        found[fid] = next((c for c in candidates if same_value(c, figure)), None)
    return found


def score(folder: Path) -> dict:
    truth = check_fixture.load(folder)
    figs = check_fixture.figures(truth)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "score.db"
        ingest(folder, db)
        with Store(db) as store:
            group_of = {claim.claim_id: group for group, claim in store.claims_with_groups()}
            claims = match_figures(folder, truth, store)
    group = {fid: (group_of.get(c.claim_id) if c else None) for fid, c in claims.items()}
    misses: list[str] = []
    found = sum(c is not None for c in claims.values())
    right = sum(c is not None and c.category == figs[fid]["category"] for fid, c in claims.items())
    misses += [f"figure {fid} {figs[fid]['span']!r}: not found" for fid, c in claims.items() if c is None]
    misses += [f"figure {fid} {figs[fid]['span']!r}: {c.category}, truth {figs[fid]['category']}"
               for fid, c in claims.items() if c is not None and c.category != figs[fid]["category"]]

    truth_group_of = {m: g for g in truth.get("groups", []) for m in g["members"]}
    tool_members: dict[str, set[str]] = defaultdict(set)  # store group -> truth groups of its figures
    for fid, g in group.items():
        if g is not None:
            tool_members[g.group_id].add(truth_group_of[fid]["id"] if fid in truth_group_of else f"single:{fid}")

    def status_right(g, truth_group) -> bool:
        return truth_group is None or g.status in {truth_group["status"], *truth_group.get("acceptable", [])}

    groups = Counter()
    for tg in truth.get("groups", []):
        members = [group[m] for m in tg["members"] if group.get(m) is not None]
        ids = {g.group_id for g in members}
        together = len(ids) == 1 and len(members) == len(tg["members"]) and tool_members[next(iter(ids))] == {tg["id"]}
        groups["total"] += 1
        groups["together"] += together
        ok = together and status_right(members[0], tg)
        groups["right"] += ok
        if not ok:
            shown = sorted({f"{g.label} [{g.status}]" for g in members})
            misses.append(f"group {tg['id']} ({tg['status']}): {len(members)}/{len(tg['members'])} found in {shown}")

    relations: dict[str, Counter] = defaultdict(Counter)
    for relation in truth.get("relations", []):
        kind = relation["type"]
        ok = relation_right(relation, group, truth_group_of, status_right)
        relations[kind]["total"] += 1
        relations[kind]["right"] += ok
        if not ok:
            misses.append(f"relation {relation['id']} ({kind}): wrong")
    return {"figures": (len(figs), found, right), "groups": groups, "relations": relations, "misses": misses}


def relation_right(relation: dict, group: dict, truth_group_of: dict, status_right) -> bool:
    kind = relation["type"]
    if kind == "never_compared":
        sides = [{group[f].group_id for f in side if group.get(f) is not None} for side in relation["sides"]]
        return all(not (a & b) for i, a in enumerate(sides) for b in sides[i + 1:])
    if kind == "part_of":
        whole = group.get(relation["whole"])
        parts = [group.get(p) for p in relation["parts"]]
        if whole is None or any(p is None for p in parts):
            return False
        return all(p.group_id != whole.group_id or whole.status != "conflict" for p in parts)
    if kind in SAME_GROUP:
        ids = check_fixture.relation_ids(relation)
        members = [group.get(f) for f in ids]
        if any(m is None for m in members) or len({m.group_id for m in members}) != 1:
            return False
        return status_right(members[0], truth_group_of.get(ids[0]))
    return False


def report(folder: Path, result: dict, verbose: bool) -> str:
    total, found, right = result["figures"]
    groups, relations = result["groups"], result["relations"]
    all_rel = sum(c["total"] for c in relations.values())
    all_right = sum(c["right"] for c in relations.values())
    lines = [f"{folder.relative_to(ROOT)}: figures {found}/{total} found, {right} of the right category; "
             f"groups {groups['together']}/{groups['total']} together, {groups['right']} with the right status; "
             f"relations {all_right}/{all_rel} right"]
    lines += [f"  {kind:16} {c['right']:3}/{c['total']:<3}" for kind, c in sorted(relations.items())]
    if verbose:
        lines += [f"    {miss}" for miss in result["misses"]]
    return "\n".join(lines)


def markdown(results: list[tuple[Path, dict]]) -> str:
    rows = ["| fixture | figures found | right category | groups together | groups right | relations right |",
            "|---|---:|---:|---:|---:|---:|"]
    for folder, r in results:
        total, found, right = r["figures"]
        g, rel = r["groups"], r["relations"]
        n, ok = sum(c["total"] for c in rel.values()), sum(c["right"] for c in rel.values())
        rows.append(f"| {folder.name} | {found}/{total} | {right}/{total} | {g['together']}/{g['total']} "
                    f"| {g['right']}/{g['total']} | {ok}/{n} |")
    kinds = sorted({k for _, r in results for k in r["relations"]})
    rows += ["", "| relation | " + " | ".join(f.name for f, _ in results) + " |",
             "|---|" + "---:|" * len(results)]
    for kind in kinds:
        cells = [f"{r['relations'][kind]['right']}/{r['relations'][kind]['total']}" if kind in r["relations"] else "–"
                 for _, r in results]
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="fixture folders (default: both fixtures)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--markdown", action="store_true", help="print the Markdown tables of the docs")
    args = parser.parse_args(argv)
    folders = [f.resolve() for f in args.folders] or FIXTURES
    results = [(folder, score(folder)) for folder in folders]
    if args.markdown:
        print(markdown(results))
    else:
        print("\n".join(report(folder, r, args.verbose) for folder, r in results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
