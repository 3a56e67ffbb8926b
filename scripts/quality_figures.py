"""Print the peer-suite figures of docs/claims.md as Markdown tables.

Usage: python scripts/quality_figures.py

The numbers come from scripts/peers_numbers.py and scripts/peers_dates.py (run either with -v
for the failing cases). scripts/docs_figures.py pastes this output into docs/claims.md, and
tests/test_docs_figures.py fails when the page and the output differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers_dates  # noqa: E402
import peers_numbers  # noqa: E402


def rate(passed: int, total: int) -> str:
    return f"{passed / total:.1%}".replace("%", " %") if total else "–"


def numbers_table() -> list[str]:
    rows = ["| number suite | kind | in scope | passed | rate |", "|---|---|---:|---:|---:|"]
    passed = total = 0
    by_kind: dict[str, list[int]] = {}
    # num2words (LGPL) is read from ../shared/peers where that folder exists and is never copied:
    # the table holds only the suites in tests/data/peers, so it reads the same in every checkout.
    suites = {name: tally for name, tally in peers_numbers.all_suites().items() if not name.startswith("num2words")}
    for name, tally in suites.items():
        for kind in sorted(tally.total):
            p, n = tally.passed[kind], tally.total[kind]
            passed, total = passed + p, total + n
            by_kind.setdefault(kind, [0, 0])
            by_kind[kind][0] += p
            by_kind[kind][1] += n
            rows.append(f"| {name} | {kind} | {n} | {p} | {rate(p, n)} |")
    for kind, (p, n) in sorted(by_kind.items()):
        rows.append(f"| all suites | {kind} | {n} | {p} | {rate(p, n)} |")
    rows.append(f"| **numbers, all** | | **{total}** | **{passed}** | **{rate(passed, total)}** |")
    fp, fn = by_kind.get(peers_numbers.FRACTION_KIND, [0, 0])
    p, n = passed - fp, total - fn
    rows.append(f"| numbers without fractions | | {n} | {p} | {rate(p, n)} |")
    return rows


def dates_table() -> list[str]:
    rows = ["| date suite | in scope | passed | rate |", "|---|---:|---:|---:|"]
    passed = total = 0
    for suite in peers_dates.SUITES:
        stats = peers_dates.evaluate(suite)
        ok = stats.strict + stats.policy
        passed, total = passed + ok, total + stats.in_scope
        rows.append(f"| {suite} | {stats.in_scope} | {ok} | {rate(ok, stats.in_scope)} |")
    rows.append(f"| **dates, all** | **{total}** | **{passed}** | **{rate(passed, total)}** |")
    return rows


def main() -> int:
    print("\n".join(numbers_table()))
    print()
    print("num2words (LGPL, read in reverse from ../shared/peers where it exists): `python scripts/peers_numbers.py`.")
    print()
    print("\n".join(dates_table()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
