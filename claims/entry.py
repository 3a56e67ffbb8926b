"""The console entry point: load the CLI, turning a Ctrl-C during loading into one line.

Kept apart from the ``cli`` package because loading it (typer, the stages)
takes long enough on a busy machine for a user to press Ctrl-C in the middle
of it, before the package's own handler is installed.
"""

import sys

from .errors import INTERRUPTED


def main() -> None:
    try:
        from .cli import main as run_cli
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        raise SystemExit(130) from None
    run_cli()
