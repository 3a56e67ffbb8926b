"""The typer app, the options every command shares, and the one place where errors become one line.

``ClaimsGroup.invoke`` turns the errors of every command (also those added
later) into one line: ClaimsError -> "Error: ..." and exit 1; Ctrl-C -> exit
130; never a traceback (set CLAIMS_DEBUG=1 to see one for an internal error).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from .. import render
from ..errors import INTERRUPTED, ClaimsError
from ..export import json_text
from ..store import Store
from .interrupts import exit_interrupted, on_sigint


class ClaimsGroup(TyperGroup):
    """Turns every error of every command into one line on stderr and an exit code."""

    def invoke(self, ctx):
        err = render.line_console(stderr=True)
        if signal.getsignal(signal.SIGINT) is exit_interrupted:
            # From here on Ctrl-C raises KeyboardInterrupt, so open transactions roll back.
            on_sigint(signal.default_int_handler)
        try:
            return super().invoke(ctx)
        except ClaimsError as exc:
            render.print_error(err, str(exc))
        except KeyboardInterrupt:
            render.print_line(err, INTERRUPTED)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _silence_stdout()
        except sqlite3.Error as exc:
            render.print_error(err, f"database error: {exc}")
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            render.print_error(err, f"{where}{exc.strerror or exc}")
        except Exception as exc:
            if type(exc).__module__.startswith(("typer", "click")) or os.environ.get("CLAIMS_DEBUG"):
                raise
            render.print_error(err, f"internal error ({type(exc).__name__}: {exc}); please report this")
        raise typer.Exit(1)


app = typer.Typer(
    cls=ClaimsGroup,
    help="Extract quantitative claims from news reports and compare them across sources.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="CLAIMS_DB", help="The claims store (a SQLite file).", show_default=True),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
DocOption = Annotated[Optional[str], typer.Option("--doc", help="Only this document (id, unique prefix or path).")]
CategoryOption = Annotated[Optional[str], typer.Option("--category", help="Only this category, e.g. deaths.")]
GroupLimitOption = Annotated[int, typer.Option("--limit", min=1, help="At most this many groups.")]
StoryOption = Annotated[
    Optional[str], typer.Option("--story", help="Only this story: its id or a unique prefix (see `claims stories`).")
]
SinceOption = Annotated[Optional[str], typer.Option(
    "--since", help="Only claims whose event or publication date is on or after this (YYYY, YYYY-MM, YYYY-MM-DD).")]
UntilOption = Annotated[Optional[str], typer.Option(
    "--until", help="Only claims whose event or publication date is on or before this (YYYY, YYYY-MM, YYYY-MM-DD).")]
SourceOption = Annotated[Optional[str], typer.Option(
    "--source", help="Only claims of documents whose source (or a word of it) starts with this, in any case.")]


@dataclasses.dataclass
class State:
    db: Path


def _print_version(value: bool) -> None:
    if value:
        from ..version import describe

        render.print_line(render.line_console(), describe())
        raise typer.Exit()


VersionOption = Annotated[bool, typer.Option(
    "--version", callback=_print_version, is_eager=True, help="Print the version of claims and exit.")]


@app.callback()
def _global_options(ctx: typer.Context, db: DbOption = Path("claims.db"), version: VersionOption = False) -> None:
    ctx.obj = State(db=db)


def open_store(ctx: typer.Context, *, create: bool = False) -> Store:
    """The store named by --db; only `ingest` may create it."""
    return Store(ctx.obj.db, create=create)


def claim_filter(since: str | None, until: str | None, source: str | None):
    """The ClaimFilter of the --since, --until and --source options (a bad date is a one-line error)."""
    from ..filters import claim_filter as make_filter

    return make_filter(since, until, source)


def out_console():
    return render.make_console()


def err_console():
    return render.make_console(stderr=True)


def print_json(data: object) -> None:
    """``data`` as indented JSON on stdout (unsafe characters escaped: see export.json_text)."""
    sys.stdout.write(json_text(data, indent=2) + "\n")


def regroup(store: Store) -> None:
    """Group anew the claims of the blocks a command changed (claims.compare.regroup_changed)."""
    from ..compare import regroup_changed  # rapidfuzz and the comparison stages load only now

    regroup_changed(store)


def _silence_stdout() -> None:
    # The reader went away (e.g. `| head`): stop writing without a second error at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Console entry point."""
    on_sigint(exit_interrupted)  # until a command runs (typer builds the parser first)
    try:
        app()
    except KeyboardInterrupt:
        exit_interrupted()
