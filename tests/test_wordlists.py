"""The word matchers: the fast lower-case phrase scan finds exactly what the IGNORECASE scan finds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.lexicon.gaps import adverbial_gap
from claims.lexicon.vocabulary import vocabulary
from claims.lexicon.wordlists import (
    LOWERED_MIN_CHARS,
    WordMatcher,
    lowered,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MATCHERS = ("predicates", "attribution_any", "event_words", "ages", "idioms", "price_words", "back_references")
# Cased, case-exact ("=leben") and gap patterns, with letters whose case is odd.
PIECES = [
    " ", "  ", "\n", ".", ",", "-", "Leben", "leben", "LEBEN", "nahm", "Nahm", " fest", " Polizei", "wurden getötet",
    "WURDEN GETÖTET", "Getötet", "laut", "Laut ", "nach Angaben", "NACH ANGABEN", "offiziell", "OFFIZIELL",
    "Jahre alt", "ı", "İ", "ſ", "ẞ", "ß", "K", "Σ", "killed", "Killed", "according to", "ACCORDING TO", "aged",
    "x", "Nr.", "z.B.", "sprach", " am Montag", " von", "Streik", "Generalstreik", "protests", "Proteste", "Preis", "price", "damals", "then", "12", "3.000",
]
long_texts = st.lists(st.sampled_from(PIECES), min_size=60, max_size=300).map("".join)


def _scan(matcher: WordMatcher, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matcher.finditer(text, start, end)]


def _reference(matcher: WordMatcher, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matcher._phrase.finditer(text, start, end)]


@SETTINGS
@given(text=long_texts, cut=st.tuples(st.integers(0, 400), st.integers(0, 400)), lang=st.sampled_from(["de", "en"]))
def test_lower_case_scan_finds_what_ignorecase_finds(text, cut, lang):
    start, end = sorted(min(c, len(text)) for c in cut)
    vocab = vocabulary(lang)
    for name in MATCHERS:
        matcher = getattr(vocab, name)
        assert _scan(matcher, text, start, end) == _reference(matcher, text, start, end), name


def test_case_exact_patterns_stay_case_exact_in_long_texts():
    matcher = WordMatcher(["=leben", "getötet"])
    text = "Auf Leben und Tod. " * 20 + "Dort leben 12 Menschen, 3 wurden GETÖTET."
    assert len(text) >= LOWERED_MIN_CHARS and lowered(text) is not None
    assert [m.group() for m in matcher.finditer(text)] == ["leben", "GETÖTET"]


def test_texts_whose_case_changes_length_are_scanned_directly():
    text = "İstanbul " * 40
    assert lowered(text) is None
    matcher = WordMatcher(["istanbul"])
    assert _scan(matcher, text, 0, len(text)) == _reference(matcher, text, 0, len(text))
    assert len(_scan(matcher, text, 0, len(text))) == 40
    assert lowered("x" * (LOWERED_MIN_CHARS - 1)) is None


DATE_PIECES = [
    " ", "\n", ".", ",", "(", "-", "3", "12", "Januar", "januar", "JÄNNER", "Jan.", "jan", "Mo.", "Mo", " 5", "Montag",
    "montags", "heute", "Heute", "ersten", "Dritten", "March", "May", "mai", "Maibaum", "x", "ß", "ı", "İ", "ſ",
    "vergangenen", " Jahr", "Letztes", "this", "This", " year",
]


@SETTINGS
@given(text=st.lists(st.sampled_from(DATE_PIECES), min_size=60, max_size=300).map("".join), lang=st.sampled_from(["de", "en"]))
def test_date_word_scan_finds_what_the_cased_trigger_finds(text, lang):
    from claims.extract.dates.grammar import grammar
    from claims.lexicon.wordlists import fast_finditer

    g = grammar(lang)
    found = [(m.start(), m.end()) for m in fast_finditer(g.word_trigger, g.word_trigger_lower, text)]
    assert found == [(m.start(), m.end()) for m in g.word_trigger.finditer(text)]


def test_an_adverbial_gap_takes_phrases_of_time_and_place_only():
    gap = adverbial_gap(["am", "in", "on"], ["weiterhin", "earlier"])
    matcher = WordMatcher(["=sprach* ~ von", "spoke ~ of"], gap)
    text = ("Die Polizei sprach am Mittwoch in Lyon von neun Toten. Sie sprach von zwei. "
            "Sie spricht weiterhin von drei. The union spoke earlier on Sunday of 12 dead.")
    for padded in (text, text + " " * LOWERED_MIN_CHARS):  # scanned directly and lower-cased
        found = [m.group() for m in matcher.finditer(padded)]
        assert found == ["sprach am Mittwoch in Lyon von", "sprach von", "spoke earlier on Sunday of"]
    assert not list(matcher.finditer("Sie sprach mit Vertretern von 20 Gruppen."))
    assert [m.group() for m in WordMatcher(["=sprach* ~ von"]).finditer("sprach von, sprach am Mittwoch von")] == ["sprach von"]
