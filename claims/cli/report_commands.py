"""The command that writes a report to share: ``claims report`` (HTML or Markdown).

It parses its arguments, calls ``claims.report.build_report`` and writes what ``render_html`` or
``render_markdown`` gives; the report package (and Jinja2) load only when the command runs.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .. import export, render
from ..errors import ClaimsError
from .core import app, err_console, open_store


class ReportFormat(str, Enum):
    html = "html"
    md = "md"


@app.command("report")
def report_command(
    ctx: typer.Context,
    story: Annotated[str | None, typer.Option("--story", help="Only this story (as `claims stories` names it).")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="html: one self-contained file; md: Markdown.")] = ReportFormat.html,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here; '-' is stdout. Default: report.html, or stdout for md.")
    ] = None,
) -> None:
    """Write a report to share: per story, every group side by side, a timeline per casualty and arrest group,
    how far each pair of sources agrees, and the source texts with each figure marked.

    Example: claims report --format md -o report.md
    """
    from .. import report

    with open_store(ctx) as store:
        data = report.build_report(store, story=story)
    text = report.render_html(data) if fmt is ReportFormat.html else report.render_markdown(data)
    if output is None:
        output = Path("report.html") if fmt is ReportFormat.html else Path("-")
    if str(output) == "-":
        typer.echo(text, nl=False)
        return
    if not output.parent.is_dir():
        raise ClaimsError(f"{output.parent}: no such folder; give -o a path in an existing folder")
    with export.atomic_file(output) as out:
        out.write(text)
    groups = sum(len(s.groups) for s in data.stories)
    render.print_line(err_console(), f"Wrote {output}: {len(data.stories)} stor{'y' if len(data.stories) == 1 else 'ies'}, "
                      f"{groups} groups, {len(data.texts)} sources")
