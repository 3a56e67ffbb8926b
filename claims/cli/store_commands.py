"""The commands that fill and read the store: ingest, remove, docs, list, show, extract, export."""

from __future__ import annotations

import dataclasses
import sys
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import claimlines, documents, export, render
from ..errors import DocumentError
from ..ingest import extract_document, extract_paths, ingest, remove
from ..parallel import usable_cores
from ..progress import IngestProgress
from ..store import Store
from .core import (
    CategoryOption, DocOption, JsonOption, StoryOption, app, err_console, open_store, out_console, regroup,
)

TABLE_MAX_ROWS = 2000  # a longer table helps nobody; --json streams any number


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


JobsOption = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", min=1, show_default=False,
                 help="Processes that extract (default: the cores this process may use). The result is the same."),
]


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]], typer.Argument(help="Files (.txt, .md) and folders (read recursively).", show_default=False)
    ] = None,
    jobs: JobsOption = None,
    from_jsonl: Annotated[
        Optional[str],
        typer.Option("--from-jsonl", metavar="FILE", help="Store the claims `claims extract` wrote to FILE (- for "
                     "stdin) instead of extracting; the documents are read again from their paths."),
    ] = None,
) -> None:
    """Read documents, extract their claims and store them; unchanged files are skipped.

    Example: claims ingest seeds/ reports/extra.txt --jobs 4
    """
    if bool(paths) == (from_jsonl is not None):
        raise typer.BadParameter("give files and folders to ingest, or --from-jsonl FILE, not both")
    err = render.line_console(stderr=True)
    with open_store(ctx, create=True) as store, IngestProgress(err) as progress:
        if from_jsonl is None:
            report = ingest(store, paths, jobs=jobs or usable_cores(), on_progress=progress, after_ingest=regroup)
        elif from_jsonl == "-":
            report = claimlines.ingest_lines(store, sys.stdin, "<stdin>", on_progress=progress, after_ingest=regroup)
        else:
            with open(from_jsonl, encoding="utf-8") as lines:
                report = claimlines.ingest_lines(store, lines, from_jsonl, on_progress=progress, after_ingest=regroup)
    for warning in report.warnings:
        render.print_warning(err, warning)
    for error in report.errors:
        render.print_error(err, error)
    render.print_line(render.line_console(), report.summary())
    if report.errors:
        raise typer.Exit(1)


@app.command("remove")
def remove_command(
    ctx: typer.Context,
    docs: Annotated[list[str], typer.Argument(help="Documents: id, unique prefix or path.", show_default=False)],
) -> None:
    """Remove documents with their claims from the store, then group the claims left anew.

    A name that matches no document (or several) is an error, and nothing is removed.

    Example: claims remove 002 seeds/004_99f585cc6e7d65d5.txt
    """
    with open_store(ctx) as store:
        removed = remove(store, docs, after_remove=regroup)
    claims = sum(doc.n_claims for doc in removed)
    names = ", ".join(doc.doc_id for doc in removed)
    noun = "document" if len(removed) == 1 else "documents"
    render.print_line(render.line_console(), f"Removed {len(removed)} {noun} ({names}) with {claims} claims")


@app.command("docs")
def docs_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the documents: id, title, source, publication date, language, claim count.

    Example: claims docs --json
    """
    with open_store(ctx) as store:
        docs = store.documents()
    if as_json:
        export.write_json(export.document_records(docs), sys.stdout)
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
    story: StoryOption = None,
    as_json: JsonOption = False,
) -> None:
    """List claims as a table, in document order.

    Example: claims list --doc 002 --category deaths
    """
    with open_store(ctx) as store:
        claims = islice(store.claims(doc=doc, category=category, story=story), limit)
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


@app.command("stories")
def stories_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the stories: which documents tell of one event (id, label, documents, date span).

    Claims of two stories are never compared. Front matter `story:` puts a document into a story.

    Example: claims stories --json
    """
    with open_store(ctx) as store:
        stories = store.stories()
    if as_json:
        export.write_json(export.story_records(stories), sys.stdout)
    elif not stories:
        render.print_line(err_console(), "No stories yet; add documents with `claims ingest PATH`.")
    else:
        out = out_console()
        out.print(render.stories_table(stories, width=out.width))


@app.command("show")
def show_command(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="A claim id or a unique prefix (the ID column of `claims list`).")],
    as_json: JsonOption = False,
) -> None:
    """Show one claim: its sentence with the span highlighted, and all its fields.

    Example: claims show 3f2a9c1e
    """
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
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(help="Files (.txt, .md) and folders, or - for one document on standard input.",
                       show_default=False),
    ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="Language of the text (default: guessed).")] = None,
    jobs: JobsOption = None,
    files_from: Annotated[
        Optional[str],
        typer.Option("--files-from", metavar="FILE", help="Also the paths listed in FILE, one a line (- for stdin)."),
    ] = None,
) -> None:
    """Print documents and their claims as JSON lines (a line per document, then one per claim); the
    store is not touched. `claims ingest --from-jsonl` stores them.

    Example: claims extract reports/ --jobs 4 > claims.jsonl
    """
    paths = list(paths or [])
    if files_from is not None:
        paths += _listed_paths(sys.stdin if files_from == "-" else None, files_from)
    if paths == ["-"]:
        _extract_stdin(lang)
        return
    if not paths or "-" in paths:
        raise typer.BadParameter("give files and folders (or --files-from FILE); - alone reads one document")
    err = err_console()
    errors = 0
    for found in extract_paths(paths, jobs=jobs or usable_cores(), lang=lang.value if lang else None):
        if isinstance(found, DocumentError):
            render.print_error(err, str(found))
            errors += 1
            continue
        for warning in found.warnings:
            render.print_warning(err, warning)
        claimlines.write_document(found.doc, found.claims, sys.stdout)
    if errors:
        raise typer.Exit(1)


def _listed_paths(stream, name: str) -> list[str]:
    if stream is None:
        with open(name, encoding="utf-8") as listed:
            return [line.rstrip("\r\n") for line in listed if line.strip()]
    return [line.rstrip("\r\n") for line in stream if line.strip()]


def _extract_stdin(lang: Lang | None) -> None:
    doc = documents.parse_document(documents.read_stream(sys.stdin.buffer), Path("<stdin>"), doc_id="stdin")
    if lang is not None:
        doc = dataclasses.replace(doc, lang=lang.value)
    for warning in doc.warnings:
        render.print_warning(err_console(), warning)
    claimlines.write_document(doc, extract_document(doc), sys.stdout)


@app.command("export")
def export_command(
    ctx: typer.Context,
    what: Annotated[What, typer.Option("--what", help="What to export.")] = What.claims,
    fmt: Annotated[Format, typer.Option("--format", help="csv, json (an array) or jsonl.")] = Format.csv,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    doc: DocOption = None,
    category: CategoryOption = None,
    story: StoryOption = None,
) -> None:
    """Export claims, or claims with their groups, as CSV or JSON (formula-like cells are neutralised).

    Example: claims export --what groups --format json -o groups.json
    """
    with open_store(ctx) as store:
        if story is not None:
            story = store.story(story).story_id  # an unknown story is an error before anything is written
        if output is None:
            _export(store, what, sys.stdout, fmt.value, doc, category, story)
            return
        with export.atomic_file(output) as out:
            count = _export(store, what, out, fmt.value, doc, category, story)
    render.print_line(err_console(), f"Wrote {count} rows to {output}")


def _export(store: Store, what: What, out, fmt: str, doc: str | None, category: str | None, story: str | None) -> int:
    if what is What.groups:
        if doc is not None or category is not None:
            raise typer.BadParameter("--doc and --category filter claims; groups are exported whole")
        return export.export_groups(store, out, fmt, story=story)
    return export.export_claims(store, out, fmt, doc=doc, category=category, story=story)
