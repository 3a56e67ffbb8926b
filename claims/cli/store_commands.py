"""The commands that read and change the store: remove, docs, list, stories, show, export."""

from __future__ import annotations

import sys
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import export, render
from ..filters import check_category
from ..ingest import remove
from ..store import Store
from .core import (
    CategoryOption,
    DocOption,
    JsonOption,
    SinceOption,
    SourceOption,
    StoryOption,
    UntilOption,
    app,
    claim_filter,
    err_console,
    open_store,
    out_console,
    regroup,
)

TABLE_MAX_ROWS = 2000  # a longer table helps nobody; --json streams any number


class What(str, Enum):
    claims = "claims"
    groups = "groups"


class Format(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


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
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceOption = None,
    as_json: JsonOption = False,
) -> None:
    """List claims as a table, in document order.

    Example: claims list --doc 002 --category deaths --since 2022-01
    """
    selected = claim_filter(since, until, source)
    with open_store(ctx) as store:
        claims = islice(
            store.claims(doc=doc, category=check_category(category, store.categories()), story=story,
                         claim_filter=selected), limit)
        if as_json:
            export.write(export.claim_records(claims), export.CLAIM_COLUMNS, sys.stdout, "json")
            return
        shown = list(islice(claims, TABLE_MAX_ROWS if limit is None else limit))
        more = limit is None and next(claims, None) is not None
        doc_ids = store.document_ids() if doc is None else []
    if not shown:
        render.print_line(err_console(), "No claims match.")
        return
    out_console().print(render.claims_table(shown, show_doc=doc is None, doc_ids=doc_ids))
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
    from ..claim_view import claim_view
    from ..compare import claim_context

    with open_store(ctx) as store:
        context = claim_context(store, claim_id)
    if as_json:
        sys.stdout.write(export.json_text(export.claim_context_record(context)) + "\n")
        return
    out = out_console()
    out.print(claim_view(context, markers=out.color_system is None))


@app.command("export")
def export_command(
    ctx: typer.Context,
    what: Annotated[What, typer.Option("--what", help="What to export.")] = What.claims,
    fmt: Annotated[Format, typer.Option("--format", help="csv, json (an array) or jsonl.")] = Format.csv,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    doc: DocOption = None,
    category: CategoryOption = None,
    story: StoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceOption = None,
) -> None:
    """Export claims, or claims with their groups, as CSV or JSON (formula-like cells are neutralised).

    Example: claims export --what groups --format json -o groups.json --source tagesblatt
    """
    selected = claim_filter(since, until, source)
    with open_store(ctx) as store:
        check_category(category, store.categories())
        if story is not None:
            story = store.story(story).story_id  # an unknown story is an error before anything is written
        if output is None:
            _export(store, what, sys.stdout, fmt.value, doc, category, story, selected)
            return
        with export.atomic_file(output) as out:
            count = _export(store, what, out, fmt.value, doc, category, story, selected)
    render.print_line(err_console(), f"Wrote {count} rows to {output}")


def _export(
    store: Store, what: What, out, fmt: str, doc: str | None, category: str | None, story: str | None, selected
) -> int:
    if what is What.groups:
        if doc is not None or category is not None:
            raise typer.BadParameter("--doc and --category filter claims; groups are exported whole")
        return export.export_groups(store, out, fmt, story=story, claim_filter=selected)
    return export.export_claims(store, out, fmt, doc=doc, category=category, story=story, claim_filter=selected)
