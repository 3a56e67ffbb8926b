"""Reports to share: one self-contained HTML file, or Markdown for a ticket or a chat.

``build_report(store, story=None)`` reads what a report shows (``data.py``): per story, its sources
in publication order and every group with each source's figures; ``render_html`` writes it with
the agreement matrix (``matrix.py``), a timeline per casualty and arrest group (``chart.py``, an
inline SVG) and the source texts with every figure's span marked (``appendix.py``);
``render_markdown`` writes the tables as Markdown. Nothing here groups or judges claims: groups,
statuses and explanations are the comparison stage's. Every document-derived string is escaped
for the format it goes to; the HTML has no script and loads nothing.
"""

from .data import ReportData, build_report
from .html import render_html
from .markdown import render_markdown

FORMATS = ("html", "md")

__all__ = ["FORMATS", "ReportData", "build_report", "render_html", "render_markdown"]
