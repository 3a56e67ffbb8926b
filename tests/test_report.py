"""`claims report`: what the HTML and Markdown reports show, in which order, and how they link.

Most tests read a seed-like store written claim by claim (tests/support/claimfactory.py), so what
is asserted does not move with the extractor; the end-to-end tests run the command on the seeds.
Set CLAIMS_UPDATE_GOLDEN=1 to rewrite tests/golden/report_seedlike.md after a deliberate change.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest

from claims.cli import app
from claims.errors import ClaimsError
from claims.report import build_report, render_html, render_markdown
from claims.report.data import publication_key, safe_url
from claims.report.matrix import agreement
from claims.store import Store
from tests.conftest import SEEDS
from tests.support.claimfactory import seedlike_store
from tests.support.htmlaudit import audit, parse, visible_text

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture()
def store(tmp_path):
    with seedlike_store(tmp_path / "claims.db") as s:
        yield s


@pytest.fixture()
def seeded(cli, tmp_path):
    db = tmp_path / "seeds.db"
    result = cli(["--db", str(db), "ingest", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture()
def cli():
    from typer.testing import CliRunner

    runner = CliRunner()
    return lambda args: runner.invoke(app, args)


def _group(data, label):
    return next(g for s in data.stories for g in s.groups if g.what == label and g.multi_source)


def test_sources_are_columns_in_publication_order_and_none_is_left_out(store):
    data = build_report(store)
    (story,) = data.stories
    assert [s.doc_id[:3] for s in story.sources] == ["003", "001", "004", "002"]  # 2022-01 first, then by day
    arrests = _group(data, "arrests: Verhaftungen")
    assert [s.doc_id[:3] for s in arrests.sources] == ["001", "004", "002"]
    assert {d[:3]: [f.claim.text for f in fs] for d, fs in arrests.figures.items()} == {
        "001": ["Tausende"], "004": ["tausender"], "002": ["10.000"]}
    troops = _group(data, "troops: Soldaten")
    assert next(f.reads_as for f in troops.figures["004_99f585cc6e7d65d5"]) == "3,000 (Russland)"


def test_groups_of_several_sources_come_first_with_the_comparison_stage_status(store):
    groups = build_report(store).stories[0].groups
    multi = [g.multi_source for g in groups]
    assert multi == sorted(multi, reverse=True) and multi[0]
    by_label = {g.what: g.group.status for g in groups if g.multi_source}
    assert by_label["deaths: Menschen"] == "conflict"
    assert by_label["population: Menschen"] == "conflict"
    assert by_label["date: general strike"] == "agree"


def test_agreement_matrix_counts_each_pair_of_sources(store):
    data = build_report(store)
    story = data.stories[0]
    pairs = {(p.a.doc_id[:3], p.b.doc_id[:3]): p for p in agreement(story.groups, story.sources)}
    assert len(pairs) == 6  # every pair of four sources, sharing or not
    conflict = pairs[("003", "004")]
    assert (conflict.shared, conflict.conflict, conflict.agree) == (2, 2, 0)  # 14 vs 16, 12 vs 19 million
    friends = pairs[("001", "004")]
    assert friends.shared == 4 and friends.agree == 3 and friends.compatible == 1 and friends.conflict == 0
    assert pairs[("003", "001")].shared == 0


def test_html_tables_link_every_figure_to_its_marked_span(store):
    html = render_html(build_report(store))
    assert audit(html) == []
    parsed = parse(html)
    marks = {a["id"] for tag, a in parsed.tags if tag == "mark"}
    figure_links = [a["href"][1:] for tag, a in parsed.tags if tag == "a" and a.get("href", "").startswith("#c-")]
    assert figure_links and set(figure_links) <= marks
    claims = [c for doc in build_report(store).claims.values() for c in doc]
    assert {f"c-{c.claim_id}" for c in claims} == marks  # every claim shown is marked in its text
    assert 'class="sent"' in html
    back = re.findall(r'<mark id="(c-[^"]+)"><a href="#(g-[^"]+)" title="([^"]+)">', html)
    assert {m for m, _, _ in back} == marks  # each marked figure links back to its group's card
    assert ("deaths: Menschen · 14") in {t for _, _, t in back}


def test_html_is_self_contained_and_its_policy_allows_only_its_own_style(store):
    html = render_html(build_report(store))
    assert "<script" not in html.lower() and " src=" not in html and "<link" not in html
    (css,) = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in policy and f"style-src 'sha256-{digest}'" in policy
    assert "script-src" not in policy  # falls back to default-src 'none': no script at all


def test_each_casualty_and_arrest_group_has_a_timeline_and_other_groups_none(store):
    html = render_html(build_report(store))
    charts = re.findall(r'aria-label="Timeline: ([^"]+)"', html)
    assert sorted(c.split(" · ")[0] for c in charts) == [
        "arrests: Verhaftungen", "deaths: Menschen", "deaths: Tote", "injuries: Verletzte"]
    assert not any(c.startswith(("population", "troops", "date")) for c in charts)


def test_markdown_has_a_row_per_source_and_the_pairs(store):
    text = render_markdown(build_report(store))
    section = text.split("#### ")[1]
    assert section.startswith("1. arrests: Verhaftungen · 2022-01: update")
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [r.split(" | ")[0] for r in rows] == ["| marxist.com", "| linkswende.org", "| mlpd.de"]
    assert "### Agreement between sources" in text and "### Said by one source only" in text
    assert "<" not in text.replace("&lt;", "")


def test_markdown_golden(store):
    text = render_markdown(build_report(store)).replace(Path(store.name).name, "claims.db")
    path = GOLDEN / "report_seedlike.md"
    if os.environ.get("CLAIMS_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_stories_split_the_report_and_story_picks_one(tmp_path):
    from dataclasses import replace

    from claims.compare import regroup
    from tests.support.claimfactory import seedlike_documents

    stories = {"001": "unrest", "002": "unrest", "003": "history", "004": "unrest"}
    with Store(tmp_path / "stories.db") as store:
        for doc, claims in seedlike_documents():  # declared, as front matter `story:` does
            store.replace_document(replace(doc, story=stories[doc.doc_id[:3]]), claims)
        regroup(store)
        data = build_report(store)
        assert [s.name for s in data.stories] == ["history", "unrest"]
        history, unrest = data.stories
        assert [s.doc_id[:3] for s in history.sources] == ["003"]
        assert [s.doc_id[:3] for s in unrest.sources] == ["001", "004", "002"]
        assert {g.what for g in history.groups} >= {"population: Einwohnern", "protesters: Menschen"}
        only = build_report(store, story="unr")  # a prefix, resolved by the store
        assert [s.name for s in only.stories] == ["unrest"]
        assert "Story: " in render_html(only) and "(unrest)" in render_markdown(only).splitlines()[4]
        with pytest.raises(ClaimsError, match="sport"):
            build_report(store, story="sport")


def test_stories_are_headed_by_their_label(store, monkeypatch):
    told = SimpleNamespace(story_id="kazakhstan-2022", label="Kasachstan · Almaty")
    monkeypatch.setattr(store, "stories", lambda: [told])
    data = build_report(store)
    assert [(s.name, s.label) for s in data.stories] == [("kazakhstan-2022", "Kasachstan · Almaty")]
    assert "Story: Kasachstan · Almaty (kazakhstan-2022)" in visible_text(render_html(data))


def test_an_unknown_story_is_a_one_line_error(seeded, cli):
    result = cli(["--db", str(seeded), "report", "--story", "x"])
    assert result.exit_code == 1 and result.output.startswith("Error:") and "story" in result.output
    assert len(result.output.splitlines()) == 1


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a", True), ("HTTP://example.org", True), ("javascript:alert(1)", False),
    (" java\tscript:alert(1)", False), ("data:text/html,x", False), ("https://x.org/\"onclick=", False),
    ("//evil.example", False), (None, False),
])
def test_only_http_addresses_become_links(url, kept):
    assert (safe_url(url) is not None) is kept


def test_undated_sources_come_last():
    def source(doc, date):
        return SimpleNamespace(doc_id=doc, date=date)
    docs = [source("b", None), source("a", "2022-01-10"), source("c", "2022-01"), source("d", "kaputt")]
    assert [s.doc_id for s in sorted(docs, key=publication_key)] == ["c", "a", "b", "d"]


def test_claims_report_writes_html_and_markdown_for_the_seeds(seeded, cli, tmp_path):
    html_path, md_path = tmp_path / "report.html", tmp_path / "report.md"
    result = cli(["--db", str(seeded), "report", "-o", str(html_path)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {html_path}" in result.output
    html = html_path.read_text(encoding="utf-8")
    assert audit(html) == []
    text = visible_text(html)
    for expected in ("Laut der Regierung", "offiziell", "mindestens 2200", "Agreement between sources"):
        assert expected in text
    cards = re.findall(r'<article class="group st-(\w+)" id="[^"]+">(.*?)</article>', html, re.DOTALL)
    toll_2011 = [status for status, card in cards if "Laut der Regierung" in card and "offiziell" in card]
    assert toll_2011 == ["conflict"]  # 14 vs 16, both columns in one card
    result = cli(["--db", str(seeded), "report", "--format", "md", "-o", str(md_path)])
    assert result.exit_code == 0, result.output
    markdown = md_path.read_text(encoding="utf-8")
    assert markdown.startswith("# Claims report\n") and "| offiziell" in markdown and "| Laut der Regierung" in markdown
    stdout = cli(["--db", str(seeded), "report", "--format", "md"])
    assert stdout.exit_code == 0 and stdout.output == markdown


def test_report_of_a_missing_store_is_one_line(cli, tmp_path):
    result = cli(["--db", str(tmp_path / "none.db"), "report"])
    assert result.exit_code == 1 and result.output.startswith("Error:") and "Traceback" not in result.output
    assert not (tmp_path / "report.html").exists()


def test_a_group_of_many_sources_shows_every_one_in_tables_of_six(tmp_path):
    from claims.compare import regroup
    from claims.models import Document
    from tests.support.claimfactory import make_claim

    with Store(tmp_path / "many.db") as store:
        for day in range(1, 10):  # nine outlets report the toll on nine days, the last one differs
            doc = f"outlet{day}"
            text = f"Bei den Unruhen in Almaty gab es {20 + (day == 9)} Tote, teilte die Polizei in Kasachstan mit."
            start = text.index("2")
            claim = make_claim(doc=doc, value=20.0 + (day == 9), text=text[start:start + 2], start=start,
                               as_of=f"2022-01-0{day}")
            store.replace_document(Document(doc, f"{doc}.txt", text, doc, source=f"Outlet {day}",
                                            date=f"2022-01-0{day}"), [claim])
        regroup(store)
        html = render_html(build_report(store))
    assert audit(html) == []
    card = html[html.index('<article class="group'):html.index("</article>")]
    heads = re.findall(r'<div class="outlet">([^<]+)</div>', card)
    assert heads == [f"Outlet {day}" for day in range(1, 10)]  # publication order, none dropped
    assert card.count("<table") == 2 and 'class="side n3"' in card


def test_an_empty_store_says_what_to_do_and_a_missing_folder_is_one_line(cli, tmp_path):
    db = tmp_path / "empty.db"
    Store(db).close()
    result = cli(["--db", str(db), "report", "--format", "md"])
    assert result.exit_code == 0 and "No documents: run `claims ingest PATH` first." in result.output
    result = cli(["--db", str(db), "report", "-o", str(tmp_path / "report.html")])
    assert result.exit_code == 0 and "claims ingest PATH" in (tmp_path / "report.html").read_text(encoding="utf-8")
    result = cli(["--db", str(db), "report", "-o", str(tmp_path / "no" / "report.html")])
    assert result.exit_code == 1 and result.output == f"Error: {tmp_path / 'no'}: no such folder; give -o a path in an existing folder\n"
