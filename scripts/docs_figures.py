"""Keep the figures in docs/ true: re-run the scripts that print them and compare or rewrite.

A page marks each printed block like this:

    <!-- printed by: python scripts/quality_figures.py -->
    ...the output, pasted...
    <!-- end printed -->

Usage:
    python scripts/docs_figures.py            # check: list every block whose output changed, exit 1 if any
    python scripts/docs_figures.py --write    # rewrite the blocks with what the scripts print now
    python scripts/docs_figures.py --write --noisy   # also re-run the timing blocks

A block whose marker says ``printed by (timing):`` holds speed figures. They move from run to
run on a shared machine, so the check skips them and only ``--write --noisy`` re-runs them.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BLOCK = re.compile(
    r"(?P<head><!-- printed by(?P<timing> \(timing\))?: (?P<command>[^\n]*?) -->\n)"
    r"(?P<body>.*?)"
    r"(?P<tail><!-- end printed -->)",
    re.S,
)


def run(command: str) -> str:
    """The output of ``python scripts/...`` run with this interpreter from the project root."""
    words = shlex.split(command)
    if words[0] == "python":
        words[0] = sys.executable
    result = subprocess.run(words, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{command!r} failed: {result.stderr.strip().splitlines()[-1:]}")
    return result.stdout.rstrip("\n") + "\n"


def stale_blocks(page: Path, write: bool, noisy: bool) -> list[str]:
    """The commands whose output differs from the page; with ``write`` the page is rewritten."""
    text = page.read_text(encoding="utf-8")
    stale: list[str] = []

    def refresh(match: re.Match) -> str:
        if match["timing"] and not noisy:
            return match[0]
        output = run(match["command"])
        if output != match["body"]:
            stale.append(f"{page.relative_to(ROOT)}: {match['command']}")
        return match["head"] + output + match["tail"]

    new_text = BLOCK.sub(refresh, text)
    if write and new_text != text:
        page.write_text(new_text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the blocks")
    parser.add_argument("--noisy", action="store_true", help="also re-run the timing blocks")
    args = parser.parse_args(argv)
    stale = [line for page in sorted(DOCS.glob("*.md")) for line in stale_blocks(page, args.write, args.noisy)]
    for line in stale:
        print(("rewrote " if args.write else "stale: ") + line)
    return 1 if stale and not args.write else 0


if __name__ == "__main__":
    raise SystemExit(main())
