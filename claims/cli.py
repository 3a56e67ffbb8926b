"""The `claims` command line: parse arguments, call one library function, render.

No SQL and no regex here. Errors are turned into one line at a single place,
``ClaimsGroup.invoke``, so every command (also those added later) gets it:
ClaimsError -> "Error: ..." and exit 1; Ctrl-C -> exit 130; never a traceback
(set CLAIMS_DEBUG=1 to see one for an internal error).

To add a command: decorate a function with ``@app.command()``, take
``ctx: typer.Context`` and open the store with ``open_store(ctx)``.
"""

from __future__ import annotations

import signal
import sys

from .entry import INTERRUPTED


def _exit_interrupted(signum=None, frame=None):
    sys.stderr.write(INTERRUPTED + "\n")
    raise SystemExit(130)


def _on_sigint(handler):
    """Install a SIGINT handler; return the previous one (None outside the main thread)."""
    try:
        return signal.signal(signal.SIGINT, handler)
    except ValueError:
        return None


# Ctrl-C while the modules below load (up to a second on a busy machine) must
# not print a traceback either; the usual handler is back at the end of this module.
_previous_sigint = _on_sigint(_exit_interrupted)

import dataclasses  # noqa: E402
import os  # noqa: E402
import sqlite3  # noqa: E402
from enum import Enum  # noqa: E402
from itertools import islice  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated, Optional  # noqa: E402

import typer  # noqa: E402
from typer.core import TyperGroup  # noqa: E402

from . import documents, export, render  # noqa: E402
from .errors import ClaimsError  # noqa: E402
from .ingest import extract_document, ingest  # noqa: E402
from .store import Store  # noqa: E402

TABLE_MAX_ROWS = 2000  # a longer table helps nobody; --json streams any number


class ClaimsGroup(TyperGroup):
    """Turns every error of every command into one line on stderr and an exit code."""

    def invoke(self, ctx):
        err = render.line_console(stderr=True)
        if signal.getsignal(signal.SIGINT) is _exit_interrupted:
            # From here on Ctrl-C raises KeyboardInterrupt, so open transactions roll back.
            _on_sigint(signal.default_int_handler)
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
    add_completion=False,
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


class Lang(str, Enum):
    de = "de"
    en = "en"


class What(str, Enum):
    claims = "claims"
    groups = "groups"


class Format(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


@dataclasses.dataclass
class State:
    db: Path


@app.callback()
def _global_options(ctx: typer.Context, db: DbOption = Path("claims.db")) -> None:
    ctx.obj = State(db=db)


def open_store(ctx: typer.Context, *, create: bool = False) -> Store:
    """The store named by --db; only `ingest` may create it."""
    return Store(ctx.obj.db, create=create)


def out_console():
    return render.make_console()


def err_console():
    return render.make_console(stderr=True)


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .md) and folders (read recursively).")],
) -> None:
    """Read documents, extract their claims and store them; unchanged files are skipped."""
    err = render.line_console(stderr=True)
    with open_store(ctx, create=True) as store, render.IngestProgress(err) as progress:
        report = ingest(store, paths, on_progress=progress, after_ingest=_regroup)
    for warning in report.warnings:
        render.print_warning(err, warning)
    for error in report.errors:
        render.print_error(err, error)
    render.print_line(render.line_console(), report.summary())
    if report.errors:
        raise typer.Exit(1)


@app.command("docs")
def docs_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the documents: id, title, source, publication date, language, claim count."""
    with open_store(ctx) as store:
        docs = store.documents()
    if as_json:
        export.write_json((dataclasses.asdict(doc) for doc in docs), sys.stdout)
    elif not docs:
        render.print_line(err_console(), "No documents yet; add some with `claims ingest PATH`.")
    else:
        out = out_console()
        out.print(render.docs_table(docs, width=out.width))


@app.command("list")
def list_command(
    ctx: typer.Context,
    doc: DocOption = None,
    category: CategoryOption = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many claims.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List claims as a table, in document order."""
    with open_store(ctx) as store:
        claims = islice(store.claims(doc=doc, category=category), limit)
        if as_json:
            export.write(export.claim_records(claims), export.CLAIM_COLUMNS, sys.stdout, "json")
            return
        shown = list(islice(claims, TABLE_MAX_ROWS if limit is None else limit))
        more = limit is None and next(claims, None) is not None
    if not shown:
        render.print_line(err_console(), "No claims match.")
        return
    out_console().print(render.claims_table(shown, show_doc=doc is None))
    if more:
        render.print_line(
            err_console(), f"Showing the first {TABLE_MAX_ROWS} claims; narrow with --doc or --category, or use --json."
        )


@app.command("show")
def show_command(ctx: typer.Context, claim_id: str, as_json: JsonOption = False) -> None:
    """Show one claim: its sentence with the span highlighted, and all its fields."""
    with open_store(ctx) as store:
        claim = store.claim(claim_id)
        doc = store.document(claim.doc)
    if as_json:
        sys.stdout.write(export.json_text(export.claim_record(claim)) + "\n")
        return
    out = out_console()
    out.print(render.claim_view(claim, markers=out.color_system is None, doc=doc))


@app.command("extract")
def extract_command(
    file: Annotated[str, typer.Argument(help="A .txt or .md file, or - for standard input.")],
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="Language of the text (default: guessed).")] = None,
) -> None:
    """Print the claims of one document as JSON lines; the store is not touched."""
    if file == "-":
        doc = documents.parse_document(documents.read_stream(sys.stdin.buffer), Path("<stdin>"), doc_id="stdin")
    else:
        doc = documents.read_document(file)
    if lang is not None:
        doc = dataclasses.replace(doc, lang=lang.value)
    for warning in doc.warnings:
        render.print_warning(err_console(), warning)
    export.write_jsonl(export.claim_records(extract_document(doc)), sys.stdout)


@app.command("export")
def export_command(
    ctx: typer.Context,
    what: Annotated[What, typer.Option("--what", help="What to export.")] = What.claims,
    fmt: Annotated[Format, typer.Option("--format", help="csv, json (an array) or jsonl.")] = Format.csv,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    doc: DocOption = None,
    category: CategoryOption = None,
) -> None:
    """Export claims, or claims with their groups, as CSV or JSON (formula-like cells are neutralised)."""
    with open_store(ctx) as store:
        if output is None:
            _export(store, what, sys.stdout, fmt.value, doc, category)
            return
        with _atomic_write(output) as out:
            count = _export(store, what, out, fmt.value, doc, category)
    render.print_line(err_console(), f"Wrote {count} rows to {output}")


def _export(store: Store, what: What, out, fmt: str, doc: str | None, category: str | None) -> int:
    if what is What.groups:
        if doc is not None or category is not None:
            raise typer.BadParameter("--doc and --category filter claims; groups are exported whole")
        return export.export_groups(store, out, fmt)
    return export.export_claims(store, out, fmt, doc=doc, category=category)


def _regroup(store: Store) -> None:
    """After an ingest that changed something: group all claims anew (claims.compare.regroup)."""
    from .compare import regroup

    regroup(store)


class _atomic_write:
    """Write to a temporary file next to ``path`` and move it into place only when complete."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        import tempfile

        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent or ".", prefix=f".{self.path.name}.", suffix=".tmp")
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.file

    def __exit__(self, exc_type, exc, tb) -> None:
        self.file.close()
        try:
            if exc_type is None:
                os.replace(self.tmp, self.path)
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


def _silence_stdout() -> None:
    # The reader went away (e.g. `| head`): stop writing without a second error at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Console entry point."""
    _on_sigint(_exit_interrupted)  # until a command runs (typer builds the parser first)
    try:
        app()
    except KeyboardInterrupt:
        _exit_interrupted()


# The comparison commands (query, conflicts, diff, group) live in their own module.
from . import cli_compare  # noqa: E402  (needs open_store and out_console above)

cli_compare.register(app)

if _previous_sigint is not None:
    _on_sigint(_previous_sigint)
