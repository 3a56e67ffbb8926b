"""The report as one self-contained HTML file: Jinja2 templates with autoescape, CSS inlined, no script.

Every value a template writes is escaped by Jinja2's autoescape after ``finalize`` has made control
characters and bidi overrides visible (``render.neutralise``), so a document can add no element,
attribute or link. Only three things are written unescaped, all of them ours: the stylesheet
(``templates/report.css``), the source texts built by ``appendix.marked_text`` (which escapes every
character of the document) and the numbers of the chart. A Content-Security-Policy allows no script,
no fetch and no style but the one stylesheet (by its hash): the file works offline, and even markup
that slipped through could run nothing and load nothing.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from .. import version
from ..compare import SEVERITY
from ..render import neutralise
from .appendix import marked_ids, marked_text
from .chart import Chart, charted_categories, timeline
from .data import Figure, GroupReport, ReportData, StoryReport, anchor
from .matrix import PairAgreement, agreement, grid

TEMPLATES = Path(__file__).with_name("templates")


COLUMNS_PER_TABLE = 6  # a group of more sources is shown in several tables, one under the other


@dataclass(slots=True)
class GroupView:
    report: GroupReport
    anchor: str
    chart: Chart | None = None

    @property
    def chunks(self) -> list[list]:
        """The group's sources, in publication order, in tables of at most COLUMNS_PER_TABLE: none is hidden."""
        sources = self.report.sources
        return [sources[i:i + COLUMNS_PER_TABLE] for i in range(0, len(sources), COLUMNS_PER_TABLE)]


@dataclass(slots=True)
class StoryView:
    story: StoryReport
    label: str
    multi: list[GroupView]
    singles: list[GroupView]
    grid: list[list[PairAgreement | None]]
    counts: list[tuple[str, int]]


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return neutralise(value) if isinstance(value, str) else value


def _px(value: float) -> str:
    return f"{float(value):.1f}"


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      finalize=_finalize, trim_blocks=True, lstrip_blocks=True)
    env.filters["px"] = _px
    return env


def stylesheet() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def content_policy(css: str) -> str:
    """No script, no connection, no frame, no image; the one stylesheet, by its SHA-256."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def story_label(story: StoryReport, data: ReportData) -> str:
    if story.name:
        return f"Story: {story.label} ({story.name})" if story.label and story.label != story.name else f"Story: {story.name}"
    return "Documents in no story" if any(s.name for s in data.stories) else "All documents"


def story_view(story: StoryReport, data: ReportData) -> StoryView:
    charted = set(charted_categories())
    multi, singles = [], []
    for group in story.groups:
        item = GroupView(group, anchor("g", group.group.group_id))
        if group.multi_source:
            item.chart = timeline(group) if group.group.category in charted else None
            multi.append(item)
        else:
            singles.append(item)
    pairs = agreement([g.report for g in multi], story.sources)
    counts = Counter(g.group.status for g in story.groups)
    ordered = [(status, counts[status]) for status in SEVERITY if counts[status]]
    return StoryView(story, story_label(story, data), multi, singles, grid(pairs, story.sources), ordered)


def render_html(data: ReportData, title: str = "Claims report") -> str:
    """The whole report as one HTML document."""
    css = stylesheet()
    linked = {doc: marked_ids(data.texts[doc], claims) for doc, claims in data.claims.items() if doc in data.texts}

    def link(figure: Figure) -> str:
        if figure.claim.claim_id in linked.get(figure.claim.doc, ()):
            return figure.anchor
        source = data.sources.get(figure.claim.doc)
        return source.anchor if source else anchor("d", figure.claim.doc)

    stories = [story_view(story, data) for story in data.stories]
    notes = {figure.claim.claim_id: (f"{view.report.what} · {figure.reads_as}", view.anchor)
             for story in stories for view in story.multi + story.singles
             for figures in view.report.figures.values() for figure in figures}
    appendix = []
    seen: set[str] = set()
    for story in data.stories:
        for source in story.sources:
            if source.doc_id not in seen and source.doc_id in data.texts:
                seen.add(source.doc_id)
                text = marked_text(data.texts[source.doc_id], data.claims.get(source.doc_id, []), notes)
                appendix.append((source, text))
    template = environment().get_template("report.html.j2")
    return template.render(
        title=title, store=Path(data.store).name, stories=stories, appendix=appendix, link=link,
        css=Markup(css), csp=content_policy(css), version=version.extractor_version(),
        n_sources=len(seen), n_groups=sum(len(s.story.groups) for s in stories),
    )
