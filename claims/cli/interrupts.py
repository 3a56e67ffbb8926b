"""Ctrl-C as one line and exit code 130, also while the command line is still loading.

Until a command runs, ``exit_interrupted`` is the SIGINT handler: it prints
the line and exits at once. While a command runs, Python's own handler is
back, so Ctrl-C raises KeyboardInterrupt and open transactions roll back
(``core.ClaimsGroup.invoke`` prints the same line).
"""

import signal
import sys

from ..errors import INTERRUPTED


def exit_interrupted(signum=None, frame=None):
    sys.stderr.write(INTERRUPTED + "\n")
    raise SystemExit(130)


def on_sigint(handler):
    """Install a SIGINT handler; return the previous one (None outside the main thread)."""
    try:
        return signal.signal(signal.SIGINT, handler)
    except ValueError:
        return None
