"""Golden outputs of the comparison views at a fixed width (100 columns, no colour).

Set CLAIMS_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate
change, then read the diff as a reader would.
"""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from rich.console import Console

from claims.compare import conflicts, diff, query, regroup
from claims.models import Document
from claims.views import render_conflicts, render_diff, render_query
from tests.support.claimfactory import make_claim, seedlike_store
from tests.support.golden import check_golden


def _console(width: int = 100) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=width, color_system=None, emoji=False, highlight=False), out




@pytest.fixture()
def store(tmp_path):
    with seedlike_store(tmp_path / "claims.db") as s:
        yield s


def test_query_casualties_golden(store):
    console, out = _console()
    render_query(query(store, "claims about casualties"), console)
    check_golden("view_query_casualties.txt", out.getvalue())


def test_query_dates_golden(store):
    console, out = _console()
    render_query(query(store, "Datum"), console)
    check_golden("view_query_dates.txt", out.getvalue())


def test_conflicts_golden(store):
    console, out = _console()
    render_conflicts(conflicts(store), console)
    check_golden("view_conflicts.txt", out.getvalue())


def test_diff_golden(store):
    console, out = _console()
    render_diff(diff(store, "001", "004"), console)
    check_golden("view_diff_001_004.txt", out.getvalue())


def test_query_without_matches(store):
    console, out = _console()
    render_query(query(store, "Preise"), console)
    assert out.getvalue() == (
        "Query: Preise  (prices → price)\nNo matching claims: no groups of price (topics: prices).\n")
    console, out = _console()
    render_query(query(store, "Erdbeben im Juli"), console)
    assert out.getvalue().splitlines()[1] == (
        'No matching claims: no claim whose sentence holds "erdbeben", "juli" (as written or by stem); '
        "no topic word was found.")


def test_document_text_is_shown_literally(store):
    hostile = "[bold red]12[/bold red]\x1b[31m"
    doc = Document(doc_id="[red]x[/red]", path="x.txt", text=hostile + " Tote.", content_hash="x",
                   source="[link=http://e.vil]o[/link]", date="2022-01-12", story="kazakhstan-2022")
    store.replace_document(doc, [make_claim(doc=doc.doc_id, value=12.0, text=hostile, start=0,
                                            subject="[i]Tote[/i]")])
    regroup(store)
    out = io.StringIO()
    render_query(query(store, "Tote"), Console(file=out, width=250, color_system=None))
    text = out.getvalue()
    assert "\x1b" not in text and "␛[31m" in text
    assert "[bold red]12[/bold red]" in text and "[link=http://e.vil]o[/link]" in text
    assert "(deaths, [red]x[/red] vs 004_99f585cc6e7d65d5)" in text
    out = io.StringIO()
    render_diff(diff(store, "[red]x[/red]", "004"), Console(file=out, width=250, color_system=None))
    assert "A [red]x[/red] · [link=http://e.vil]o[/link] · 2022-01-12" in out.getvalue()


def _one_story_store(path, values_by_doc: dict[str, list[float]], attribution: str | None = None,
                     title: str | None = None):
    """A store of one story: each document gives its values as 'N Tote.', one a day from 10 January."""
    from claims.store import Store

    store = Store(path)
    for day, (doc_id, values) in enumerate(values_by_doc.items()):
        text = "".join(f"{v:g} Tote. " for v in values)
        claims = [dataclasses.replace(make_claim(doc=doc_id, value=v, text=f"{v:g}", start=8 * n), attribution=attribution)
                  for n, v in enumerate(values)]
        store.replace_document(Document(doc_id=doc_id, path=f"{doc_id}.txt", text=text, content_hash=doc_id, title=title,
                                        date=f"2022-01-{10 + day % 20:02}", story="one story"), claims)
    regroup(store)
    return store


def _many_sources_store(path, n_docs: int, per_doc: int):
    return _one_story_store(path, {f"src{i:03}": [float(5 + n) for n in range(per_doc)] for i in range(n_docs)})


def test_many_sources_fold_into_one_row_per_claim(tmp_path):
    with _one_story_store(tmp_path / "many.db", {f"doc{i:02}": [5.0] for i in range(12)}) as store:
        console, out = _console()
        render_query(query(store, "Tote"), console)
    text = out.getvalue()
    assert "Source" in text.splitlines()[1] and "not shown" not in text  # folded: no source is hidden
    assert all(f"doc{i:02}" in text for i in range(12))
    assert max(len(line) for line in text.splitlines()) <= 100


def test_source_columns_too_narrow_for_a_word_fold_rather_than_break_it(tmp_path):
    docs = {f"doc{i:02}": [5.0] for i in range(6)}
    with _one_story_store(tmp_path / "few.db", docs, attribution="nach Angaben der Regierung") as store:
        console, out = _console(width=160)
        render_query(query(store, "Tote"), console)
        assert "Sources:" in out.getvalue()  # room enough: one column per source
        console, out = _console(width=116)  # six columns of 11: "(government)" would break
        render_query(query(store, "Tote"), console)
    text = out.getvalue()
    assert "Source" in text.splitlines()[1] and "Sources:" not in text  # folded: no "(ministry" / ")" slivers
    assert "(government)" in text


def test_a_title_standing_for_the_source_is_cut_at_a_word(tmp_path):
    docs = {f"doc{i:02}": [5.0] for i in range(12)}
    with _one_story_store(tmp_path / "titles.db", docs, title="Hochwasser in Rumänien: Zahl der Toten steigt weiter") as store:
        console, out = _console()
        render_query(query(store, "Tote"), console)
    text = out.getvalue()
    assert "Rumänien…" in text and "steigt" not in text


def test_the_folded_table_keeps_ids_and_words_whole_or_stacks(tmp_path):
    docs = {f"{i:03}_fdef368ba31d4be8": [5.0] for i in range(12)}  # untitled: the id names the source
    with _one_story_store(tmp_path / "ids.db", docs, attribution="der Nachrichtensendung des Staates") as store:
        result = query(store, "Tote")
        console, out = _console(width=100)
        render_query(result, console)
        text = out.getvalue()
        assert "Source" in text.splitlines()[1]  # the folded table
        assert all(f"{i:03}_fdef368ba31d4be8" in text for i in range(12))  # every id on one line, pasteable
        assert "Nachrichtensendung" in text
        claim_ids = [c.claim_id for c in result.groups[0].claims]
        assert all(claim_id in text for claim_id in claim_ids)  # never cut by a narrow console
        console, out = _console(width=92)  # too narrow for the ids in a table: one line per claim
        render_query(result, console)
    lines = out.getvalue().splitlines()
    assert "Source" not in lines[1] and sum("_fdef368ba31d4be8, 2022-01" in line for line in lines) == 12


def test_a_huge_folded_group_keeps_every_source_with_its_range(tmp_path):
    values = {f"doc{i:02}": [5.0, 5.0, 6.0, 7.0] if i == 3 else [5.0, 5.0] for i in range(14)}  # doc03: 5, 6, 7
    with _one_story_store(tmp_path / "huge.db", values) as store:
        console, out = _console()
        render_query(query(store, "Tote"), console)
    text = out.getvalue()
    assert all(f"doc{i:02}" in text for i in range(14))  # every source of the group is still shown
    rows = [line for line in text.splitlines() if re.search(r"doc\d\d +2022-", line)]
    assert len(rows) == 15  # one row per source, two for doc03 (its lowest 5 and its highest 7)
    doc03 = " ".join(line for line in rows if "doc03" in line)
    assert " 5 " in doc03 and " 7 " in doc03 and " 6 " not in doc03
    assert "15 more claims repeat these sources' values" in " ".join(text.split())


def test_a_narrow_console_stacks_the_folded_view_as_lines(tmp_path):
    values = {f"doc{i:02}": [5.0] for i in range(6)}
    with _one_story_store(tmp_path / "narrow.db", values, attribution="nach Angaben des Ministeriums") as store:
        console, out = _console(width=60)
        render_query(query(store, "Tote"), console)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 60
    assert sum(line.startswith("  doc") for line in lines) == 6  # a line per claim, its source first
    assert all(not line.rstrip().endswith("Ministeri") for line in lines)  # wrapped at spaces, not in words


def test_a_group_of_more_claims_than_loaded_still_loads_every_source(tmp_path):
    with _many_sources_store(tmp_path / "many.db", n_docs=60, per_doc=5) as store:
        view = query(store, "Tote", claims_per_group=100).groups[0]
        assert view.n_claims == 300 and len(view.claims) == 100
        assert len({c.doc for c in view.claims}) == 60  # each source's first claim before any second one
        console, out = _console()
        render_query(query(store, "Tote", claims_per_group=100), console)
    text = " ".join(out.getvalue().split())
    assert all(f"src{i:03}" in text for i in range(60))
    assert "100 of 300 claims loaded, the first of each source" in text and "not loaded" not in text


def test_conflicts_name_every_source_of_the_group(tmp_path):
    with _many_sources_store(tmp_path / "c.db", n_docs=4, per_doc=2) as store:
        console, out = _console()
        render_conflicts(conflicts(store), console)
    text = " ".join(out.getvalue().split())
    assert "sources: src000, src001, src002, src003" in text


def test_the_sources_line_counts_a_document_as_named_only_by_its_whole_id():
    from claims.models import Group
    from claims.store import GroupView
    from claims.views import sources_line

    claims = [make_claim(doc="reuters/2024-03-21", value=5.0), make_claim(doc="2024-03-21", value=5.0)]
    named_one = Group("g", "deaths", "deaths: Tote", "2022-01", "conflict", [c.claim_id for c in claims],
                      "official 5 vs monitor 7 (deaths, reuters/2024-03-21 vs reuters/2024-03-21)")
    assert sources_line(GroupView(named_one, claims, 2, 2)) == "sources: reuters/2024-03-21, 2024-03-21"
    named_both = dataclasses.replace(named_one, explanation="5 vs 7 (deaths, reuters/2024-03-21 vs 2024-03-21)")
    assert sources_line(GroupView(named_both, claims, 2, 2)) is None
    assert sources_line(GroupView(named_both, claims, 3, 2)) == "sources: reuters/2024-03-21, 2024-03-21 and 1 more"
