"""The commands that compare sources: query, conflicts, diff, group.

Each parses its arguments, calls one function of ``claims.compare`` and
renders the result with ``claims.views`` or prints the JSON shape
``claims.export`` gives it. The comparison stages (and through them
rapidfuzz and rich tables) are imported inside the commands: ``claims
ingest`` of unchanged files starts without them.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .. import export
from .core import GroupLimitOption, JsonOption, StoryOption, app, open_store, out_console, print_json


@app.command("query")
def query_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help='Free text, e.g. "claims about casualties" or "Soldaten".')],
    limit: GroupLimitOption = 20,
    story: StoryOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the groups about a topic side by side: one row per group, one column per source.

    Example: claims query "claims about casualties"
    """
    from .. import compare, views

    with open_store(ctx) as store:
        result = compare.query(store, text, limit=limit, story=story)
    if as_json:
        print_json(export.query_record(result))
        return
    views.render_query(result, out_console())


@app.command("conflicts")
def conflicts_command(
    ctx: typer.Context,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many groups.")] = None,
    story: StoryOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the groups whose sources disagree (conflict, sum conflict, update), worst first.

    Example: claims conflicts --limit 10
    """
    from .. import compare, views

    with open_store(ctx) as store:
        found = compare.conflicts(store, limit=limit, story=story)
    if as_json:
        print_json([export.group_view_record(v) for v in found])
        return
    views.render_conflicts(found, out_console())


@app.command("diff")
def diff_command(
    ctx: typer.Context,
    doc_a: Annotated[str, typer.Argument(help="First document: id, unique prefix or path.")],
    doc_b: Annotated[str, typer.Argument(help="Second document: id, unique prefix or path.")],
    as_json: JsonOption = False,
) -> None:
    """Compare two documents: what they both say (agreeing or not), and what only one says.

    Example: claims diff 002 004
    """
    from .. import compare, views

    with open_store(ctx) as store:
        result = compare.diff(store, doc_a, doc_b)
    if as_json:
        print_json(export.diff_record(result))
        return
    views.render_diff(result, out_console())


@app.command("group")
def group_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Recompute the groups of all claims now (ingest and remove do this by themselves).

    Example: claims group --json
    """
    from .. import compare

    with open_store(ctx) as store:
        summary = compare.summarise(compare.regroup(store))
    if as_json:
        print_json(export.regroup_record(summary))
        return
    out_console().print(summary.line())
