"""Score extract_claims on the hand-annotated news sentences and print the figures.

    python scripts/news_gold.py                  # precision, recall, F1 per category and language
    python scripts/news_gold.py --failures       # and every mismatch: id, text, expected, got
    python scripts/news_gold.py --write FILE     # the figures and the failures, grouped, into FILE
    python scripts/news_gold.py --markdown       # the figures as the table of docs/claims.md
    python scripts/news_gold.py --lang de        # one language only
    python scripts/news_gold.py --heldout        # the held-out sentences (written after the rules were tuned)
    python scripts/news_gold.py --heldout2       # the second held-out file (scored before its round of tuning)
    python scripts/news_gold.py --heldout3       # the third (written with the second held-out fixture, scored untuned)

The sentences and their claims are tests/data/news_sentences.jsonl (written for the tests, in
the style of wire and newspaper reports). A prediction matches a gold claim by category and
value; qualifier and attribution are scored over the matched claims (tests/support/newsgold.py).
Exit status 0 whatever the figures: the floor is asserted by tests/test_news_sentences.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.newsgold import (
    CLASSIFICATION,
    FLOOR_CATEGORIES,
    FORMS,
    GOLD_PATH,
    HELDOUT2_PATH,
    HELDOUT3_PATH,
    HELDOUT_PATH,
    failures,
    load_gold,
    run,
    score,
)


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def figure_lines(scores, markdown: bool) -> list[str]:
    rows = [(name, tally) for name, tally in scores.by_category.items()]
    rows += [(f"language {name}", tally) for name, tally in scores.by_language.items()]
    rows.append(("all", scores.total))
    if markdown:
        lines = ["| category | gold | predicted | matched | precision | recall | F1 |",
                 "|---|---:|---:|---:|---:|---:|---:|"]
        for name, t in rows:
            label = f"**{name}**" if name in FLOOR_CATEGORIES or name == "all" else name
            lines.append(f"| {label} | {t.gold} | {t.predicted} | {t.matched} | {percent(t.precision)} | "
                         f"{percent(t.recall)} | {percent(t.f1)} |")
    else:
        lines = [f"{'category':<18} {'gold':>5} {'pred':>5} {'match':>5} {'precision':>10} {'recall':>8} {'F1':>8}"]
        for name, t in rows:
            lines.append(f"{name:<18} {t.gold:>5} {t.predicted:>5} {t.matched:>5} {percent(t.precision):>10} "
                         f"{percent(t.recall):>8} {percent(t.f1):>8}")
    if markdown:
        lines.append("")
    for label, counts in (("qualifier", scores.qualifier), ("attribution", scores.attribution)):
        total = counts["right"] + counts["wrong"]
        share = percent(counts["right"] / total if total else None)
        lines.append(f"{'- ' if markdown else ''}{label} right over matched claims: {counts['right']} of {total} ({share})")
    return lines


def failure_lines(results, grouped: bool) -> list[str]:
    lines: list[str] = []
    areas = (CLASSIFICATION, FORMS) if grouped else (None,)
    for area in areas:
        if area:
            lines += ["", f"== {area} =="]
        for result in results:
            mine = [f for f in failures(result) if area is None or f[0] == area]
            if not mine:
                continue
            lines.append(f"{result.row['id']}: {result.row['text']}")
            for _, kind, expected, got in mine:
                lines.append(f"    {kind:<11} expected: {expected}")
                lines.append(f"    {'':<11}      got: {got}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD_PATH, help="the JSON lines file of sentences")
    parser.add_argument("--heldout", action="store_true", help=f"score {HELDOUT_PATH.name} instead")
    parser.add_argument("--heldout2", action="store_true", help=f"score {HELDOUT2_PATH.name} instead")
    parser.add_argument("--heldout3", action="store_true", help=f"score {HELDOUT3_PATH.name} instead")
    parser.add_argument("--lang", choices=("de", "en"), help="score one language only")
    parser.add_argument("--failures", action="store_true", help="print every mismatch")
    parser.add_argument("--write", type=Path, metavar="FILE", help="write figures and grouped failures to FILE")
    parser.add_argument("--markdown", action="store_true", help="print the figures as a Markdown table")
    args = parser.parse_args(argv)

    path = HELDOUT3_PATH if args.heldout3 else HELDOUT2_PATH if args.heldout2 else HELDOUT_PATH if args.heldout else args.gold
    rows = [row for row in load_gold(path) if args.lang in (None, row["lang"])]
    results = run(rows)
    scores = score(results)
    counts = {lang: sum(row["lang"] == lang for row in rows) for lang in ("en", "de")}
    head = f"{len(rows)} sentences ({counts['en']} en, {counts['de']} de), {scores.total.gold} gold claims"
    lines = [head, *([""] if args.markdown else []), *figure_lines(scores, args.markdown)]
    print("\n".join(lines))
    if args.failures:
        print("\n".join(failure_lines(results, grouped=False)))
    if args.write:
        args.write.write_text("\n".join([*lines, *failure_lines(results, grouped=True)]) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
