"""claims.extract.numbers: a data-driven table, invariants on any input, robustness, peer scores."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import lexicon
from claims.errors import LexiconError
from claims.extract.numbers import find_numbers, parse_number
from tests.support.growth import assert_linear, time_limit

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
CASES = yaml.safe_load((DATA / "numbers_cases.yaml").read_text(encoding="utf-8"))


def _check_invariants(text: str, found) -> None:
    previous_end = 0
    for m in found:
        assert text[m.start:m.end] == m.text
        assert previous_end <= m.start < m.end
        assert m.start <= m.number_start < m.number_end <= m.end
        assert math.isfinite(m.value)
        if m.low is not None:
            assert m.low <= m.value + 1e-9
        if m.high is not None:
            assert m.value <= m.high + 1e-9
        assert m.qualifier in ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague")
        assert m.kind in ("cardinal", "decimal", "percent", "money", "vague", "ordinal")
        previous_end = m.end


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_table(case):
    text, lang = case["text"], case.get("lang", "de")
    found = find_numbers(text, lang)
    _check_invariants(text, found)
    assert [m.text for m in found] == [e["text"] for e in case["expected"]]
    for m, expected in zip(found, case["expected"]):
        for key, want in expected.items():
            if key == "text":
                continue
            if key == "number_text":
                assert text[m.number_start:m.number_end] == want
                continue
            got = getattr(m, key)
            if isinstance(want, (int, float)) and not isinstance(want, bool):
                assert got == pytest.approx(want), (m.text, key)
            else:
                assert got == want, (m.text, key)


def test_the_counted_noun_follows_the_match():
    text = "Dafür stehen 10.000 Verhaftete, mindestens 2200 Verletzte und weit über 160 Tote."
    nouns = [text[m.end:].split()[0].strip(".,") for m in find_numbers(text)]
    assert nouns == ["Verhaftete", "Verletzte", "Tote"]


def test_parse_number_reads_exactly_one_number():
    assert parse_number("dreiundfünfzig") == 53
    assert parse_number(" 1.234,5 ") == 1234.5
    assert parse_number("2,500", "en") == 2500
    assert parse_number("ungefähr 849 €") == 849
    assert parse_number("zwei drei") is None
    assert parse_number("Hallo") is None
    assert parse_number("") is None


def test_language_changes_separators():
    assert parse_number("3.000", "de") == 3000
    assert parse_number("3.000", "en") == 3.0
    assert parse_number("2,5", "de") == 2.5


# name: (head, unit, tail); the text is the unit repeated between head and tail
PATHOLOGICAL = {
    "ueber": ("", "über ", "160"),
    "digits": ("", "9", ""),
    "groups": ("1", ".000", ""),
    "eins": ("", "eins", ""),
    "einund": ("", "einund", ""),
    "zwei": ("", "zwei ", ""),
    "dashes": ("", "1-", ""),
    "hunderte": ("", "Hunderte ", ""),
    "unicode": ("", "\x00\ud7ff\U0001f600", ""),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_inputs_are_read_safely_and_in_linear_time(name):
    head, unit, tail = PATHOLOGICAL[name]
    text = head + unit * 3000 + tail
    with time_limit(10):
        found = find_numbers(text)
    _check_invariants(text, found)
    assert_linear(lambda size: lambda: find_numbers(head + unit * size + tail), 100, name)


def test_time_grows_linearly():
    chunk = "Am 6. Januar wurden mindestens 2200 Menschen verletzt, rund 10.000 verhaftet und Dutzende getötet. "
    assert_linear(lambda size: lambda: find_numbers(chunk * size), 50, "news sentences")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,-–% €$abceinsundzwölfhundertÜberMio.\u00a0\n")), max_size=80),
       st.sampled_from(["de", "en"]))
def test_invariants_hold_on_any_text(text, lang):
    _check_invariants(text, find_numbers(text, lang))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_on_arbitrary_unicode(text):
    _check_invariants(text, find_numbers(text))
    parse_number(text)


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_invariants_on_seed_articles(path):
    text = path.read_text(encoding="utf-8")
    _check_invariants(text, find_numbers(text))


def test_unknown_qualifier_kind_is_a_lexicon_error(tmp_path, monkeypatch):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "numbers.yaml").write_text("qualifiers:\n  rund: roughly\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMS_LEXICONS", str(tmp_path))
    lexicon.clear_cache()
    try:
        with pytest.raises(LexiconError, match="rund"):
            find_numbers("rund 5")
    finally:
        monkeypatch.delenv("CLAIMS_LEXICONS")
        lexicon.clear_cache()


def _peers():
    spec = importlib.util.spec_from_file_location("peers_numbers", ROOT / "scripts" / "peers_numbers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_peer_suites_pass_rates():
    """Floors measured with scripts/peers_numbers.py; a drop means a regression."""
    suites = _peers().all_suites()
    floors = {"rt-number": 0.95, "rt-percent": 0.93, "rt-currency": 0.95, "rt-range": 0.95,
              "duckling-numeral": 0.95, "rustling": 0.95, "text2num": 0.92}
    for name, floor in floors.items():
        assert suites[name].rate >= floor, (name, suites[name].failures)
    counted = [t for n, t in suites.items() if n in floors]
    passed = sum(sum(t.passed.values()) for t in counted)
    total = sum(sum(t.total.values()) for t in counted)
    assert total >= 350
    assert passed / total >= 0.96
    fractions = suites["rt-number"]
    assert fractions.total["fraction"] >= 10 and fractions.passed["fraction"] >= 8, fractions.failures
