"""The `claims` command line: parse arguments, call one library function, render.

``core.py`` holds the typer app, the options every command shares and the one
place where errors become one line (``ClaimsGroup.invoke``); the commands are
in ``ingest_commands.py`` (ingest, extract), ``store_commands.py`` (remove, docs, list, show,
stories, export),
``compare_commands.py`` (query, conflicts, diff, group) and ``report_commands.py``
(report). No SQL and no regex here. The comparison stages, yaml and rich tables are imported inside
the commands that need them, so ``claims ingest`` of unchanged files starts
without them.

To add a command: decorate a function in one of the command modules with
``@app.command()``, take ``ctx: typer.Context`` and open the store with
``open_store(ctx)``.
"""

from .interrupts import exit_interrupted, on_sigint

# Ctrl-C while the modules below load (up to a second on a busy machine) must
# not print a traceback either; the usual handler is back at the end of this module.
_previous_sigint = on_sigint(exit_interrupted)

# Each command module adds its commands to the app; --help lists them in this order.
from . import ingest_commands  # noqa: E402, F401, I001
from . import store_commands  # noqa: E402, F401
from . import compare_commands  # noqa: E402, F401
from . import report_commands  # noqa: E402, F401
from . import serve_commands  # noqa: E402, F401
from .core import app, main  # noqa: E402

if _previous_sigint is not None:
    on_sigint(_previous_sigint)

__all__ = ["app", "main"]
