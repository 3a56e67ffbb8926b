"""The comparison commands: query, conflicts, diff, group.

``register(app)`` adds them to the main typer app (cli.py calls it), so they
share its --db option, its store opening and its one-line error handling.
Like cli.py this is a thin skin: parse, call claims.compare, render with
claims.views or print JSON.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Annotated, Optional

import typer

from .export import claim_record, json_text

# The comparison stages (claims.compare, claims.views and through them rapidfuzz) are
# imported inside the commands: `claims ingest` of unchanged files starts without them.

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LimitOption = Annotated[int, typer.Option("--limit", min=1, help="At most this many groups.")]


def _view_json(view) -> dict:
    """A claims.store.GroupView as JSON-ready data."""
    g = view.group
    return {
        "group_id": g.group_id, "category": g.category, "label": g.label, "scope": g.scope,
        "status": g.status, "explanation": g.explanation, "n_docs": view.n_docs, "n_claims": view.n_claims,
        "claims": [claim_record(c) for c in view.claims],
    }




def _print_json(data: object) -> None:
    sys.stdout.write(json_text(data, indent=2) + "\n")


def register(app: typer.Typer) -> None:
    """Add the comparison commands to ``app`` (once; calling again changes nothing)."""
    if any(c.name == "query" for c in app.registered_commands):
        return

    @app.command("query")
    def query_command(
        ctx: typer.Context,
        text: Annotated[str, typer.Argument(help='Free text, e.g. "claims about casualties" or "Soldaten".')],
        limit: LimitOption = 20,
        as_json: JsonOption = False,
    ) -> None:
        """Show the groups about a topic side by side: one row per group, one column per source."""
        from . import compare as q
        from . import views
        from .cli import open_store, out_console

        with open_store(ctx) as store:
            result = q.query(store, text, limit=limit)
        if as_json:
            _print_json({
                "query": result.text, "mode": result.mode, "topics": result.topics,
                "categories": result.categories, "total_groups": result.total_groups,
                "groups": [_view_json(v) for v in result.groups],
            })
            return
        views.render_query(result, out_console())

    @app.command("conflicts")
    def conflicts_command(
        ctx: typer.Context,
        limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many groups.")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """List the groups whose sources disagree (conflict, sum conflict, update), worst first."""
        from . import compare as q
        from . import views
        from .cli import open_store, out_console

        with open_store(ctx) as store:
            found = q.conflicts(store, limit=limit)
        if as_json:
            _print_json([_view_json(v) for v in found])
            return
        views.render_conflicts(found, out_console())

    @app.command("diff")
    def diff_command(
        ctx: typer.Context,
        doc_a: Annotated[str, typer.Argument(help="First document: id, unique prefix or path.")],
        doc_b: Annotated[str, typer.Argument(help="Second document: id, unique prefix or path.")],
        as_json: JsonOption = False,
    ) -> None:
        """Compare two documents: what they both say (agreeing or not), and what only one says."""
        from . import compare as q
        from . import views
        from .cli import open_store, out_console

        with open_store(ctx) as store:
            result = q.diff(store, doc_a, doc_b)
        if as_json:
            def part(group, claims):
                return {"group_id": group.group_id, "label": group.label, "category": group.category,
                        "scope": group.scope, "claims": [claim_record(c) for c in claims]}

            _print_json({
                "doc_a": result.doc_a.doc_id, "doc_b": result.doc_b.doc_id, "summary": result.summary,
                "shared": [{**part(g, a + b), "status": g.status, "explanation": g.explanation}
                           for g, a, b in result.shared],
                "only_a": [part(g, c) for g, c in result.only_a],
                "only_b": [part(g, c) for g, c in result.only_b],
            })
            return
        views.render_diff(result, out_console())

    @app.command("group")
    def group_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
        """Recompute the groups of all claims now (ingest does this by itself)."""
        from . import compare as q
        from .cli import open_store, out_console

        with open_store(ctx) as store:
            groups = q.regroup(store)
        counts = Counter(g.status for g in groups)
        ordered = {s: counts[s] for s in q.SEVERITY if counts[s]}
        if as_json:
            _print_json({"groups": len(groups), "claims": sum(len(g.claim_ids) for g in groups), "status": ordered})
            return
        summary = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in ordered.items())
        out_console().print(
            f"{len(groups)} groups of {sum(len(g.claim_ids) for g in groups)} claims"
            + (f": {summary}" if summary else "")
        )
