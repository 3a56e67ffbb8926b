"""Property tests: the number and date readers and extract_claims on arbitrary Unicode text.

For any text: nothing raises, every span lies inside the text and
``text[start:end]`` is the match's text, intervals are ordered
(``low <= value <= high`` where set, all finite) and ISO dates are real
calendar dates. Texts are drawn from all of Unicode and, to reach the
interesting code paths, from alphabets of digits, separators, qualifiers,
month names and scale words.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract.dates import find_dates, parse_date
from claims.extract import extract_claims
from claims.extract.numbers import find_numbers, parse_number
from tests.support import hostile
from tests.support.hostile import BIDI, HOSTILE_DATES, QUALIFIERS, SCRIPTS, claim_problems, interval_problems, valid_iso

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces a news text is made of, so that random texts reach the number and date readers.
PIECES = [
    *"0123456789", "1", "12", "2022", "10.000", "4,2", "2,500", "3.000", "19,1", ".", ",", " ", " ", "\n", "-", "–",
    "%", "€", "$", "(", ")", "„", "“", ":", "/", "+", "'", "\u00a0", "\u202f",
    *QUALIFIERS, *SCRIPTS[:6], *BIDI[:4], *HOSTILE_DATES[:6],
    " Prozent", " Millionen", " Mio.", " Mrd.", " US-Dollar", " Tenge", " million", " percent", " dollars",
    "zwölf", "einundzwanzig", "zweitausend", "hundert", "tausend", "eine Million", "nineteen", "hundreds",
    "Dutzende", "Tausende", "Zehntausende", "hunderter", "mehrere tausend", "dozens", "thousands",
    " Januar", " Jänner", " Februar", " Dezember", " January", " February", "Montag dem ", "vom ", " bis zum ",
    " zum ", " und ", "zwischen ", " and ", "im Dezember letzten Jahres", " letzten Jahres",
    " Tote", " Menschen", " Soldaten", " Verletzte", " wurden getötet", " festgenommen", " killed", " people",
    "laut der Regierung ", "offiziell ", "Russland ", "Armenien ",
]
news_like = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.text(max_size=300)
texts = st.one_of(news_like, any_text, st.tuples(news_like, any_text, news_like).map("".join))
langs = st.sampled_from(["de", "en"])
doc_dates = st.one_of(st.none(), st.sampled_from(["2022-01-11", "2022-01", "2022", "2020-02-29", "1999-12-31"]),
                      st.dates().map(lambda d: d.isoformat()))


def span_ok(text: str, match) -> bool:
    return 0 <= match.start <= match.end <= len(text) and text[match.start : match.end] == match.text


@SETTINGS
@given(texts, langs)
def test_find_numbers_spans_and_intervals(text, lang):
    for m in find_numbers(text, lang):
        assert span_ok(text, m), m
        assert not interval_problems(m.value, m.low, m.high), m
        if 0 <= m.number_start:
            assert m.start <= m.number_start <= m.number_end <= m.end, m


@SETTINGS
@given(texts, langs)
def test_parse_number_never_raises_and_orders_its_interval(text, lang):
    value = parse_number(text, lang)
    assert value is None or not interval_problems(value, None, None), value
    if value is not None:
        (match,) = find_numbers(text.strip(), lang)
        assert match.value == value


@SETTINGS
@given(texts, langs, doc_dates)
def test_find_dates_spans_are_real_calendar_dates(text, lang, doc_date):
    for m in find_dates(text, lang, doc_date):
        assert span_ok(text, m), m
        for value in (m.value, m.low, m.high):
            assert value is None or valid_iso(value), m
        if m.low and m.high and len(m.low) == len(m.high):
            assert m.low <= m.high, m


@SETTINGS
@given(texts, langs, doc_dates)
def test_parse_date_never_raises(text, lang, doc_date):
    m = parse_date(text, lang, doc_date)
    if m is not None:
        assert valid_iso(m.value), m


@SETTINGS
@given(texts, st.one_of(st.none(), langs), doc_dates)
def test_extract_claims_invariants(text, lang, doc_date):
    claims = extract_claims(text, lang=lang, doc_date=doc_date)
    assert not claim_problems(text, claims), claim_problems(text, claims)
    assert [c.start for c in claims] == sorted(c.start for c in claims)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=400, max_value=12_000), st.sampled_from(["de", "en"]))
def test_huge_numbers_stay_finite(digits, lang):
    text = f"Es gab {'9' * digits} Tote und {'1' + '.000' * (digits // 4)} Verletzte."
    for m in find_numbers(text, lang):
        assert span_ok(text, m)
        assert not interval_problems(m.value, m.low, m.high), m
    assert not claim_problems(text, extract_claims(text, lang=lang))


def test_known_invalid_calendar_dates_are_not_dates():
    for text in ("31.02.2022", "29. Februar 2023", "31. April 2022", "February 30, 2021", "00.00.0000", "32. Dezember 2021"):
        for lang in ("de", "en"):
            for m in find_dates(text, lang, "2022-01-11"):
                assert valid_iso(m.value), (text, m)
            for c in extract_claims(text, lang=lang, doc_date="2022-01-11"):
                assert c.kind != "date" or valid_iso(c.value), (text, c)


def test_leap_day_is_a_date():
    (m,) = find_dates("am 29.02.2020", "de")
    assert m.value == "2020-02-29"


DATES_AND_COUNTS = (
    "Im April, seit Juni 2021, bis April 2022, am 3. Juni und im Dezember letzten Jahres starben 5 Menschen. "
    "In April, since June 2021, on June 3 and last December at least 5 people died; dozens were killed."
)
CASE_TRAPS = {"i": "İ", "I": "İ", "ss": "ß", "ß": "ẞ", "ffi": "ﬃ", "s": "ſ", "K": "K"}  # İ.lower() is 2 chars


def test_letters_whose_case_changes_length_do_not_crash():
    """Case-insensitive regexes match 'Junİ' as 'Juni', but 'Junİ'.lower() is 'juni̇' (five characters)."""
    failures = set()
    for text in [*hostile.seed_texts(), DATES_AND_COUNTS]:
        for variant in (text.upper(), text):
            for old, new in CASE_TRAPS.items():
                mutated = variant.replace(old, new)
                for lang in ("de", "en"):
                    try:
                        assert not claim_problems(mutated, extract_claims(mutated, lang=lang, doc_date="2022-01-11"))
                        find_dates(mutated, lang, "2022-01-11")
                        find_numbers(mutated, lang)
                    except Exception as exc:  # noqa: BLE001 - list every distinct failure at once
                        failures.add(f"{old}->{new} ({lang}): {type(exc).__name__}: {exc}")
    assert not failures, sorted(failures)


def test_number_word_spans_stay_on_word_boundaries_when_lower_changes_length():
    """'ZWEİ HUNDERT': 'İ'.lower() is two characters, so offsets taken from the lower-cased run are
    one off for every later word ('UNDERT ' instead of 'HUNDERT')."""
    texts = ["ZWEİ HUNDERT Menschen", "DREİ TAUSEND Tote", "zweİ hundert Tote und drei tausend Verletzte",
             "İ ZWEI HUNDERT Tote", "FÜNF MİLLİONEN Euro und ZWEİ Tote"]
    for text in texts:
        for m in find_numbers(text, "de"):
            assert m.start == 0 or not text[m.start - 1].isalnum(), (text, m)
            assert m.text == m.text.strip(), (text, m)
