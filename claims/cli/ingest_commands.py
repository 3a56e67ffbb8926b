"""The commands that read documents: ingest (into the store) and extract (to JSON lines, no store)."""


from __future__ import annotations

import dataclasses
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import claimlines, documents, render
from ..errors import DocumentError
from ..ingest import extract_document, extract_paths, ingest
from ..parallel import usable_cores
from ..progress import IngestProgress
from .core import (
    app,
    err_console,
    open_store,
    regroup,
)


class Lang(str, Enum):
    de = "de"
    en = "en"


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
    prune: Annotated[bool, typer.Option(
        "--prune", help="Remove the documents once read from these folders whose files are gone.")] = False,
) -> None:
    """Read documents, extract their claims and store them; unchanged files are skipped.

    A folder read again notes the documents once read from it whose files are gone;
    --prune removes them.

    Example: claims ingest seeds/ reports/extra.txt --jobs 4
    Example: claims ingest seeds/ --prune
    """
    if bool(paths) == (from_jsonl is not None):
        raise typer.BadParameter("give files and folders to ingest, or --from-jsonl FILE, not both")
    err = render.line_console(stderr=True)
    with open_store(ctx, create=True) as store, IngestProgress(err) as progress:
        if from_jsonl is None:
            report = ingest(store, paths, jobs=jobs or usable_cores(), on_progress=progress, after_ingest=regroup,
                            prune=prune)
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


@app.command("extract")
def extract_command(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(help="Files (.txt, .md) and folders; - reads a list of paths from standard input, one a line.",
                       show_default=False),
    ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="Language of the text (default: guessed).")] = None,
    jobs: JobsOption = None,
    files_from: Annotated[
        Optional[str],
        typer.Option("--files-from", metavar="FILE", help="Also the paths listed in FILE, one a line (- for stdin)."),
    ] = None,
    stdin_document: Annotated[
        bool, typer.Option("--stdin-document", help="Read one document's text from standard input (its id: stdin).")
    ] = False,
) -> None:
    """Print documents and their claims as JSON lines (a line per document, then one per claim); the
    store is not touched. `claims ingest --from-jsonl` stores them.

    Example: claims extract reports/ --jobs 4 > claims.jsonl

    Example: claims extract - < paths.txt
    """
    paths = list(paths or [])
    if stdin_document:
        if paths or files_from is not None:
            raise typer.BadParameter("--stdin-document reads one document; give no paths with it")
        _extract_stdin(lang)
        return
    if "-" in paths and files_from == "-":
        raise typer.BadParameter("standard input can be read once: give - or --files-from -, not both")
    if "-" in paths:  # the list of paths on stdin takes the place of the -
        at = paths.index("-")
        paths[at : at + 1] = _listed_paths(sys.stdin, "-")
    if files_from is not None:
        paths += _listed_paths(sys.stdin if files_from == "-" else None, files_from)
    if not paths:
        raise typer.BadParameter("give files and folders, - for a list of paths on stdin, or --files-from FILE")
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


