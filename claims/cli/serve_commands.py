"""Commands for reading the store with other tools: datasette-metadata."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import render
from ..datasette import database_name, datasette_metadata
from ..export import atomic_file, json_text
from .core import app, err_console


@app.command("datasette-metadata")
def datasette_metadata_command(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
) -> None:
    """Print Datasette metadata for the store: table descriptions, labels, facets, full-text search.

    Datasette names the database after the --db file (claims.db is "claims"). Serve it with
    datasette serve claims.db --metadata metadata.json, then search /claims/claims_view?_search=Verletzte.

    Example: claims datasette-metadata -o metadata.json
    """
    text = json_text(datasette_metadata(database_name(ctx.obj.db)), indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    with atomic_file(output) as out:
        out.write(text)
    render.print_line(err_console(), f"Wrote Datasette metadata to {output}")
