"""Tests for claims.extract.dates: the data tables, offsets, robustness, speed and the peer pass rate."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import lexicon
from claims.extract.dates import find_dates, find_publication_date, parse_date
from claims.errors import LexiconError
from tests.support.growth import assert_linear

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parents[1] / "seeds"
PRECISION = {4: "year", 7: "month", 10: "day"}


def _table(name: str) -> list[tuple[str, dict]]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return [(data["lang"], case) for case in data["cases"]]


CASES = _table("dates_de.yaml") + _table("dates_en.yaml")


def _expected(entry: dict) -> tuple:
    value = entry["value"]
    qualifier = entry.get("qualifier", "exact")
    low = entry.get("low", value if qualifier == "range" else None)
    return (entry["text"], value, low, entry.get("high"), entry.get("precision", PRECISION[len(value)]), qualifier)


@pytest.mark.parametrize("lang,case", CASES, ids=[c["text"][:50] for _, c in CASES])
def test_table(lang, case):
    found = find_dates(case["text"], case.get("lang", lang), case.get("doc_date"))
    got = [(m.text, m.value, m.low, m.high, m.precision, m.qualifier) for m in found]
    assert got == [_expected(e) for e in case["expected"]]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_matches_are_exact_sorted_and_disjoint(path):
    text = path.read_text(encoding="utf-8")
    found = find_dates(text, "de", "2022-01-10")
    assert found, "every seed mentions dates"
    for m in found:
        assert text[m.start:m.end] == m.text
        dt.date.fromisoformat(m.value + "-01-01"[len(m.value) - 4:])  # a real calendar date
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_seed_dates_of_the_unrest():
    text = (SEEDS / "004_99f585cc6e7d65d5.txt").read_text(encoding="utf-8")
    values = {m.value for m in find_dates(text, "de", "2022-01-10")}
    assert {"2022-01-03", "2022-01-05", "2022-01-06", "2022-01-08", "2011"} <= values


@pytest.mark.parametrize("doc_date,expected", [
    ("2022-01-10", "2021-12-16"),
    ("2022-01", "2021-12-16"),
    ("2022", "2022-12-16"),
    (dt.date(2022, 1, 10), "2021-12-16"),
    (dt.datetime(2022, 11, 1, 12, 0), "2022-12-16"),
    ("2022-01-10T08:00:00", "2021-12-16"),
])
def test_doc_date_forms(doc_date, expected):
    assert [m.value for m in find_dates("am 16. Dezember", "de", doc_date)] == [expected]


@pytest.mark.parametrize("doc_date", [None, "", "gestern", "2022-13-45", "9999-12", 42, object()])
def test_unusable_doc_date_skips_yearless_dates_only(doc_date):
    found = find_dates("am 16. Dezember und am 3. Januar 2022", "de", doc_date)
    assert [m.value for m in found] == ["2022-01-03"]


def test_relative_days_need_a_publication_day():
    assert find_dates("gestern", "de", "2022-01") == []
    assert [m.value for m in find_dates("gestern", "de", "2022-01-01")] == ["2021-12-31"]


@pytest.mark.parametrize("text,value,precision", [
    ("21. Dezember 2013", "2013-12-21", "day"),
    ("1. Sept 2000", "2000-09-01", "day"),
    ("Oktober 2014", "2014-10", "month"),
    ("  am 15.2.  ", "2013-02-15", "day"),
    ("2018-8-31", "2018-08-31", "day"),
    ("12-Mär-2014", "2014-03-12", "day"),
])
def test_parse_date(text, value, precision):
    m = parse_date(text, "de", "2013-02-12")
    assert (m.value, m.precision) == (value, precision)


@pytest.mark.parametrize("text", ["kein Datum", "am 3. und am 5. Januar 2022", "3. Januar 2022 war es", ""])
def test_parse_date_rejects_anything_but_one_whole_date(text):
    assert parse_date(text, "de", "2022-01-10") is None


@pytest.mark.parametrize("text,lang,value", [
    ("# Aktuelle Information\n\nfür Presse und Öffentlichkeit - 11.01.2022\n\n## Kasachstan", "de", "2022-01-11"),
    ("Von Jorge Martín und Hamid Alizadeh (7. Jänner 2022).\n\nAm Donnerstag, dem 6. Januar, ...", "de", "2022-01-07"),
    ("By Jane Doe\nJanuary 7, 2022\n\nProtests in 2011 ...", "en", "2022-01-07"),
    ("Die Proteste von 2011 wirken nach. Stand: Januar 2022", "de", "2022-01"),
    ("Wien, 14. März 2023\n\nHochwasser in Slowenien: sechs Tote", "de", "2023-03-14"),
    ("Frankfurt am Main, 3.2.2021\nDie Bank meldet ...", "de", "2021-02-03"),
    ("NEW YORK, January 7, 2022\n\nStocks fell.", "en", "2022-01-07"),
])
def test_find_publication_date(text, lang, value):
    assert find_publication_date(text, lang).value == value


def test_publication_dateline_after_a_long_lead():
    text = (SEEDS / "004_99f585cc6e7d65d5.txt").read_text(encoding="utf-8")
    assert find_publication_date(text).value == "2022-01-10"


@pytest.mark.parametrize("text", [
    "Am 11. März 2004 explodierten in Madrid Bomben.",
    "Krawalle am vergangenen Samstag (02.06.2007) zwischen Polizei und Autonomen.",
    "Vor einem Jahr - am 7. Mai 2014 wurde er ermordet.",
    "— Bota Jardemalie (@jardemalie) January 7, 2022",
    "Der Anschlag ereignete sich in Wien, 14. März 2023 wird man nicht vergessen.",
    "die Stadt Wien, 14. März 2023",
])
def test_event_dates_in_running_text_are_not_datelines(text):
    assert find_publication_date(text) is None


def test_publication_date_needs_a_year_and_ignores_spans():
    assert find_publication_date("Am 6. Januar und seit 2011, zwischen 2018 und 2020") is None
    assert find_publication_date("x" * 2000 + " 11.01.2022") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.-/ ,:JjanuärzMaiDezbsvomtgheu\n–")), max_size=80),
       st.sampled_from(["de", "en", "fr"]),
       st.sampled_from([None, "2022-01-10", "2022-01", "2022", "garbage"]))
def test_never_raises_and_spans_are_exact(text, lang, doc_date):
    found = find_dates(text, lang, doc_date)
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.precision in ("day", "month", "year")
        for iso in (m.value, m.low, m.high):
            if iso:
                dt.date.fromisoformat(iso + "-01-01"[len(iso) - 4:])
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    parse_date(text, lang, doc_date)
    find_publication_date(text, lang)


@pytest.mark.parametrize("bad", [None, 3, b"16.12.2011"])
def test_non_text_input_gives_nothing(bad):
    assert find_dates(bad) == [] and parse_date(bad) is None and find_publication_date(bad) is None


@pytest.mark.parametrize("unit", ["1.", "1.1.", "Januar ", "2011-", "am vom bis ", "3. Jan. ", "12/", "Montag, ", "5.      ", "bis zum\t\t"])
def test_linear_time_on_pathological_input(unit):
    assert_linear(lambda size: lambda: find_dates(unit * size, "de", "2022-01-10"), 200, repr(unit))


def test_bad_lexicon_names_file_and_key(tmp_path, monkeypatch):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "dates.yaml").write_text("qualifiers:\n  seit: sometimes\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMS_LEXICONS", str(tmp_path))
    lexicon.clear_cache()
    try:
        with pytest.raises(LexiconError, match="qualifiers.seit"):
            find_dates("seit 2011")
    finally:
        monkeypatch.delenv("CLAIMS_LEXICONS")
        lexicon.clear_cache()


@functools.lru_cache(maxsize=1)
def _peers():
    path = Path(__file__).parents[1] / "scripts" / "peers_dates.py"
    spec = importlib.util.spec_from_file_location("peers_dates", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


# Measured: 92.5% overall (dateparser 91.7, duckling 92.3, rustling 97.1,
# Recognizers model 82.1, Recognizers components 94.6). Floors sit a little below.
PEER_FLOORS = {
    "dateparser_de": 0.90,
    "duckling_time_de": 0.90,
    "rustling_de": 0.95,
    "recognizers_text_datetime_model_de": 0.80,
    "recognizers_text_datetime_components_de": 0.92,
}


@pytest.mark.parametrize("suite", sorted(PEER_FLOORS))
def test_peer_pass_rate(suite):
    stats = _peers().evaluate(suite)
    assert stats.in_scope >= 10
    assert stats.rate >= PEER_FLOORS[suite], [c["text"] for c in stats.failures]


def test_peer_pass_rate_overall():
    peers = _peers()
    results = [peers.evaluate(suite) for suite in peers.SUITES]
    passed = sum(s.strict + s.policy for s in results)
    assert passed / sum(s.in_scope for s in results) >= 0.90


@pytest.mark.parametrize("text, lang, dates", [
    ("The quake measured 7.8. At least 40 people died.", "en", []),  # a magnitude, no 7 August
    ("The vote was held on 7.8.2022 in the capital.", "en", ["2022-08-07"]),  # with its year, a date
    ("Am 7.8. starben zwei Menschen.", "de", ["2023-08-07"]),  # German writes day and month so
])
def test_a_dotted_day_and_month_is_an_english_date_only_with_its_year(text, lang, dates):
    from claims import extract_claims

    claims = extract_claims(text, lang=lang, doc_date="2024-03-10")
    assert [c.value for c in claims if c.category == "date"] == dates
    assert all(c.scope != "2023-08" for c in claims if lang == "en")
