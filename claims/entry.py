"""The console entry point: load the CLI, turning a Ctrl-C during loading into one line.

Kept apart from cli.py because loading cli.py (typer, rich, the stages) takes
long enough on a busy machine for a user to press Ctrl-C in the middle of it.
"""

import sys

INTERRUPTED = "Interrupted; nothing half-written was kept."


def main() -> None:
    try:
        from .cli import main as run_cli
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        raise SystemExit(130) from None
    run_cli()
