"""Queries in plain words (stems, German and English), --since/--until/--source, unknown categories."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from claims.cli import app
from claims.compare import conflicts, parse_topics, query, regroup
from claims.errors import BadFilter
from claims.filters import check_category, claim_filter, window_end
from claims.ingest import ingest
from claims.models import ClaimFilter
from claims.store import Store

ROOT = Path(__file__).resolve().parents[1]
MIXED = ROOT / "tests" / "fixtures" / "mixed"


@pytest.mark.parametrize("text,categories", [
    ("troop numbers", ["troops"]),
    ("troop", ["troops"]),
    ("Truppenstärke", ["troops"]),
    ("Truppenstärken der Nachbarstaaten", ["troops"]),
    ("wie viele Menschen starben", ["deaths"]),
    ("Wie viele Menschen sind gestorben?", ["deaths"]),
    ("der Getöteten", ["deaths"]),
    ("Zahl der Verletzten", ["injuries"]),
    ("how many were killed", ["deaths"]),
    ("the killing of protesters", ["deaths", "protesters"]),
    ("Festnahme", ["arrests"]),
    ("Opferzahlen", ["deaths", "injuries"]),
    ("populations", ["population"]),
    ("Rat der Stadt", []),  # German "Rat" is not English "rate", though Snowball's German stems agree
    ("how many went missing", ["missing"]),
    ("Vermisste", ["missing"]),
    ("wie viele Menschen wurden evakuiert", ["evacuated"]),
    ("how many police officers", ["security_forces"]),
    ("Flüchtlinge", ["displaced"]),
])
def test_topic_words_match_every_inflection(text, categories):
    assert sorted(parse_topics(text)[1]) == sorted(categories)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds (German, 2022) and the English reports of tests/fixtures/mixed (2024), in one store."""
    root = tmp_path_factory.mktemp("corpus")
    folder = root / "docs"
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    for path in sorted(MIXED.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        if "\nlang: de" in text or path.parent.name in ("dpn", "morgenecho", "tagesblatt", "sportinfo"):
            continue  # the German reports of the fixture: the seeds are German already
        (folder / "mixed").mkdir(exist_ok=True)
        shutil.copy(path, folder / "mixed" / f"{path.parent.name}_{path.name}")
    db = root / "claims.db"
    with Store(db) as store:
        report = ingest(store, [folder], after_ingest=regroup)
        assert not report.errors, report.errors
    return db


def labels(result) -> list[str]:
    return [view.group.label for view in result.groups]


def test_plain_word_queries_find_their_groups(corpus):
    with Store(corpus) as store:
        for text in ("troop numbers", "troop", "Truppenstärke"):
            found = query(store, text)
            assert found.mode == "topic" and found.groups, text
            assert {v.group.category for v in found.groups} == {"troops"}, text
        died = query(store, "wie viele Menschen starben")
        assert died.groups and {v.group.category for v in died.groups} == {"deaths"}
        assert {c.lang for v in died.groups for c in v.claims} == {"de", "en"}  # German words find English deaths too
        missing = query(store, "how many went missing")
        assert missing.mode == "topic" and missing.groups and {v.group.category for v in missing.groups} == {"missing"}
        aboard = query(store, "how many passengers were aboard")  # no topic word: the sentences are searched
        assert aboard.mode == "fulltext" and aboard.searched == ["passengers", "aboard"]
        none = query(store, "how many were aboard")
        assert none.searched == ["aboard"] and none.groups
        # each group has a claim said in a sentence with the word (the others are its peers)
        assert all(any("aboard" in c.sentence.lower() for c in v.claims) for v in none.groups)
        passengers = query(store, "passenger")  # by stem: "passengers"
        assert passengers.groups and all(any("passenger" in c.sentence.lower() for c in v.claims)
                                         for v in passengers.groups)


def test_a_query_that_finds_nothing_says_what_it_looked_for_and_exits_0(corpus):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["--db", str(corpus), "query", "wie viele Erdbeben gab es"])
    assert result.exit_code == 0
    assert 'No matching claims: no claim whose sentence holds "erdbeben"' in result.output
    data = json.loads(CliRunner().invoke(app, ["--db", str(corpus), "query", "how many were aboard", "--json"]).output)
    assert data["mode"] == "fulltext" and data["searched"] == ["aboard"] and data["groups"]
    result = CliRunner().invoke(app, ["--db", str(corpus), "query", "troops", "--since", "2030"])
    assert result.exit_code == 0
    assert "No matching claims: no groups of troops (topics: troops), event or publication date from 2030" in (
        result.output)
    result = CliRunner().invoke(app, ["--db", str(corpus), "conflicts", "--source", "Nowhere Times"])
    assert result.exit_code == 0
    assert result.output == "No conflicts among the claims with source Nowhere Times*.\n"


def test_filters_by_date_window_and_source(corpus):
    with Store(corpus) as store:
        everything = list(store.claims())
        early = list(store.claims(claim_filter=claim_filter(until="2022")))
        late = list(store.claims(claim_filter=claim_filter(since="2024-03")))
        assert early and late and len({c.claim_id for c in early + late}) <= len(everything)
        assert all(not c.doc.startswith("0") for c in late)  # the seeds are of 2022, telling of 2022 and before
        both = [c for c in early if c in late]  # reports of 2024 about earlier events pass both ways
        assert all(not c.doc.startswith("0") and (c.scope or c.value) < "2023" for c in both)
        assert {c.doc for c in early if c.doc.startswith("0")} == {c.doc for c in everything if c.doc.startswith("0")}
        in_2011 = list(store.claims(claim_filter=claim_filter(since="2011", until="2011-12")))
        assert in_2011 and all(
            (c.scope or "").startswith("2011") or str(c.value).startswith("2011") for c in in_2011)
        ledger = list(store.claims(claim_filter=claim_filter(source="daily")))  # prefix, any case
        assert ledger and {c.doc.split("_")[0] for c in ledger} == {"dailyledger"}
        assert list(store.claims(claim_filter=claim_filter(source="%"))) == []  # a LIKE character is a character
        shown = conflicts(store, claim_filter=claim_filter(since="2024"))
        assert shown and all(not c.doc.startswith("0") for v in shown for c in v.claims)
        assert len(shown) < len(conflicts(store))


def test_filters_on_list_query_conflicts_and_export(corpus):
    from typer.testing import CliRunner

    def run(*args):
        result = CliRunner().invoke(app, ["--db", str(corpus), *args])
        assert result.exit_code == 0, result.output
        return result.output

    docs = {c["doc"] for c in json.loads(run("list", "--json", "--source", "Global"))}
    assert docs and all(d.startswith("globalwire_") for d in docs)
    groups = json.loads(run("query", "deaths", "--json", "--since", "2024-03-14", "--until", "2024-03-14"))["groups"]
    assert groups and all(c["as_of"] == "2024-03-14" or "2024-03-14".startswith(c["scope"] or "none")
                          for g in groups for c in g["claims"])  # a scope of March 2024 overlaps the day
    found = json.loads(run("conflicts", "--json", "--source", "atlas"))
    assert all(c["doc"].startswith("atlaspress_") for g in found for c in g["claims"])
    rows = [json.loads(r) for r in run("export", "--format", "jsonl", "--until", "2022").splitlines()]
    assert rows and all(r["as_of"] < "2023" or (r["scope"] or r["value"]) < "2023" for r in rows)
    grouped = run("export", "--what", "groups", "--format", "jsonl", "--source", "daily").splitlines()
    assert grouped and all(json.loads(r)["doc"].startswith("dailyledger_") for r in grouped)


@pytest.mark.parametrize("args,message", [
    (["list", "--since", "2022-13"], "--since '2022-13' is not a calendar date"),
    (["list", "--until", "gestern"], "--until 'gestern' is not a date; give YYYY, YYYY-MM or YYYY-MM-DD"),
    (["query", "Tote", "--since", "2022-02", "--until", "2022-01"], "--since 2022-02 is after --until 2022-01"),
    (["export", "--category", "Tote"], "unknown category 'Tote'; the categories are: arrests, count, date, deaths"),
    (["conflicts", "--source", " "], "--source is empty"),
    (["query", "?!"], "the query '?!' has no word to look for"),
    (["query", ""], "the query '' has no word to look for"),
])
def test_bad_filters_are_one_line_errors(corpus, args, message):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["--db", str(corpus), *args])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {message}") and result.output.count("\n") == 1, result.output


def test_filter_values():
    assert claim_filter("2022", "2022-01-31", " Tagesblatt ") == ClaimFilter("2022", "2022-01-31", "Tagesblatt")
    assert not claim_filter() and claim_filter(source="x")
    assert [window_end(d) for d in ("2022", "2022-02", "2022-02-03")] == ["2022-12-31", "2022-02-31", "2022-02-03"]
    assert claim_filter("2022-01", "2022-01")  # one month: since may equal until
    with pytest.raises(BadFilter):
        claim_filter(since="2022-1-5")
    assert check_category("deaths") == "deaths" and check_category(None) is None


def _period(iso: str | None) -> tuple[str, str] | None:
    """The first and last day an ISO date of any precision covers (a reference for the SQL)."""
    if not iso:
        return None
    import calendar

    parts = [int(p) for p in iso[:10].split("-")]
    if len(parts) == 1:
        return f"{parts[0]:04d}-01-01", f"{parts[0]:04d}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return f"{parts[0]:04d}-{parts[1]:02d}-01", f"{parts[0]:04d}-{parts[1]:02d}-{last:02d}"
    return iso[:10], iso[:10]


def _passes(claim_period, doc_period, window) -> bool:
    lo, hi = window
    return any(p is not None and p[1] >= lo and p[0] <= hi for p in (claim_period, doc_period))


def test_the_date_window_is_an_overlap_of_periods(tmp_path):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from claims.models import Document
    from tests.support.claimfactory import make_claim

    isos = st.one_of(
        st.none(),
        st.integers(2019, 2023).map(str),
        st.tuples(st.integers(2019, 2023), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
        st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2023, 12, 31)).map(str),
    )
    store = Store(tmp_path / "window.db")

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.tuples(isos, isos, st.booleans()), min_size=1, max_size=8), isos, isos)
    def check(rows, since, until):
        docs = []
        for i, (doc_date, event, is_date) in enumerate(rows):
            doc = Document(f"d{i}", f"/w/d{i}.txt", "x", f"h{i}", date=doc_date)
            value = (event or "2020") if is_date else 5.0
            claim = make_claim(doc=doc.doc_id, value=value, scope=None if is_date else event,
                               category="date" if is_date else "deaths")
            docs.append((doc, [claim], _period(doc_date), _period(value if is_date else event)))
        with store.transaction() as conn:
            conn.execute("DELETE FROM documents")
        store.replace_documents([(doc, claims) for doc, claims, _, _ in docs])
        try:
            selected = claim_filter(since, until)
        except BadFilter:
            assert since and until and _period(until)[1] < _period(since)[0]
            return
        window = (_period(since)[0] if since else "0000", _period(until)[1] if until else "9999")
        expected = {doc.doc_id for doc, _, doc_period, event_period in docs
                    if not selected or _passes(event_period, doc_period, window)}
        assert {c.doc for c in store.claims(claim_filter=selected)} == expected

    try:
        check()
    finally:
        store.close()


def test_story_and_filters_combine_and_a_miss_names_the_story(corpus):
    from typer.testing import CliRunner

    with Store(corpus) as store:
        story = next(s for s in store.stories() if all(not d.startswith("0") for d in s.doc_ids))  # an English one
        kept = list(store.claims(story=story.story_id, claim_filter=claim_filter(since="2024-03-14")))
        assert kept and {c.doc for c in kept} <= set(story.doc_ids)
        assert len(kept) < len(list(store.claims(story=story.story_id)))
    result = CliRunner().invoke(app, ["--db", str(corpus), "query", "Soldaten", "--story", story.story_id,
                                      "--since", "2024"])
    assert result.exit_code == 0
    assert f"No matching claims: no groups of troops (topics: troops), story {story.story_id}, event or " in (
        result.output.replace("\n", " "))
