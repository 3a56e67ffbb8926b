"""Score claims.extract.numbers against the German test cases of peer projects.

    python scripts/peers_numbers.py [--verbose]

Prints the pass rate per suite and sub-kind (numbers, percentages, money) over
the cases in scope, and lists the cases left out of scope with the reason.
Reads tests/data/peers/*.jsonl and, when it exists, ../shared/peers/num2words_de.jsonl
(LGPL test strings, read in place and never copied into this repository).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extract.numbers import find_numbers, parse_number  # noqa: E402

PEERS = ROOT / "tests" / "data" / "peers"
NUM2WORDS = ROOT.parent / "shared" / "peers" / "num2words_de.jsonl"

# Recognizers-Text unit names -> ISO codes
RT_CURRENCY = {
    "Dollar": "USD", "Euro": "EUR", "United States dollar": "USD", "Pound": "GBP", "British pound": "GBP",
    "Canadian dollar": "CAD", "Indian rupee": "INR", "Rupee": "INR", "Mexican peso": "MXN",
    "Australian dollar": "AUD", "New Zealand dollar": "NZD",
}
# Rustling's generic symbols -> the codes we accept for them
RUSTLING_UNITS = {"$": {"USD"}, "£": {"GBP"}, "¥": {"JPY", "CNY"}, "KR": {"SEK", "DKK", "NOK"}, "฿": {"BTC"},
                  "cent": {"EUR", "USD", "GBP"}}
SHARED_SCALE = re.compile(r"\d\s+bis\s+\d+\s+(?:Milliarden|Millionen)")
NOUN_NUMBER = re.compile(r"\b[Ee]ine\s+(?:Eins|Zwei|Drei|Vier|Fünf|Sechs|Sieben|Acht|Neun|Null)\b")
FRACTION = re.compile(r"/|[½⅙¼¾⅓]|drittel|viertel|\bhalbe?s?\b(?!\s+(?:million|milliard|dutzend))|einundhalb",
                      re.IGNORECASE)
FRACTION_KIND = "fraction"  # the row of fraction cases: "1/2", "½", "dreiviertel", "ein halbes"
ARTICLES = {"ein", "eine", "einer", "einen", "einem", "eines", "keiner", "keinen"}


@dataclass
class Tally:
    passed: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    out: dict = field(default_factory=lambda: defaultdict(list))
    failures: list = field(default_factory=list)

    def add(self, kind: str, ok: bool, case_id: str, detail: str = "") -> None:
        self.total[kind] += 1
        self.passed[kind] += ok
        if not ok:
            self.failures.append(f"{case_id} [{kind}] {detail}")

    def skip(self, reason: str, case_id: str) -> None:
        self.out[reason].append(case_id)

    @property
    def rate(self) -> float:
        n = sum(self.total.values())
        return sum(self.passed.values()) / n if n else 1.0


def _read(name: str, folder: Path = PEERS) -> list[dict]:
    path = folder / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _covering(found, start: int, end: int):
    return [m for m in found if m.start < end and start < m.end]


def _values(m) -> tuple:
    return (m.value, m.low, m.high) if m.qualifier == "range" else (m.value,)


def recognizers_text() -> dict[str, Tally]:
    suites = {"rt-number": Tally(), "rt-percent": Tally(), "rt-currency": Tally(), "rt-range": Tally()}
    for case in _read("recognizers_text_number_de.jsonl") + _read("recognizers_text_numberwithunit_de.jsonl"):
        model, text, expected, cid = case["model"], case["text"], case["expected"], case["id"]
        spans = [e.get("span") or e["text"] for e in expected]
        if model.startswith("Ordinal"):
            suites["rt-number"].skip("ordinals (low priority, another stage)", cid)
        elif model in ("AgeModel", "DimensionModel", "TemperatureModel"):
            suites["rt-currency"].skip(f"{model}: units other than percent and money", cid)
        elif "dotnet" in case.get("not_supported", []):
            suites["rt-number"].skip("aspirational upstream (no implementation passes)", cid)
        elif any(FRACTION.search(s) for s in spans) and model != "NumberModel":
            suites["rt-number"].skip("fractions outside the number model", cid)
        elif any(s.lower() in ARTICLES for s in spans):
            suites["rt-number"].skip("bare article 'ein(e)' as 1 (by design not a number)", cid)
        elif SHARED_SCALE.search(text):
            suites["rt-number"].skip("'100 bis 300 Milliarden': we read one range with a shared scale", cid)
        elif model == "NumberModel":
            # Fractions ("1/2", "½", "dreiviertel", "ein halbes") are a row of their own.
            kind = "fraction" if any(FRACTION.search(s) for s in spans) else "number"
            found = [m for m in find_numbers(text) if m.kind in ("cardinal", "decimal")]
            ok = len(found) <= max(len(expected), 1) if expected else not found
            for e in expected:
                ok &= any(_close(e["value_num"], v) for m in _covering(found, e["start"], e["end"])
                          for v in _values(m))
            suites["rt-number"].add(kind, ok, cid, f"{text[:60]!r} -> {[(m.text, m.value) for m in found]}")
        elif model == "NumberRangeModel":
            found = [m for m in find_numbers(text) if m.qualifier not in ("exact", "vague")]
            ok = len(found) == len(expected)
            for e in expected:
                low, high = re.match(r"[\[(]([\d.,]*),([\d.,]*)[\])]", e["value"]).groups()
                ok &= any(_close(m.high, float(high)) for m in _covering(found, e["start"], e["end"]))
            suites["rt-range"].add("range", ok, cid, f"{text[:60]!r} -> {[m.text for m in found]}")
        elif model == "PercentModel":
            found = [m for m in find_numbers(text) if m.kind == "percent"]
            ok = len(found) == len(expected)
            for e in expected:
                ok &= any(_close(e["value_num"], m.value) for m in _covering(found, e["start"], e["end"]))
            suites["rt-percent"].add("percent", ok, cid, f"{text[:60]!r} -> {[m.text for m in found]}")
        elif model == "CurrencyModel":
            e = expected[0] if len(expected) == 1 else None
            iso = e and (e.get("isoCurrency") or RT_CURRENCY.get(e.get("unit")))
            if not e or e["value_num"] is None:
                suites["rt-currency"].skip("currency named without an amount", cid)
                continue
            if not iso:
                suites["rt-currency"].skip(f"currency not in lexicon ({e.get('unit')})", cid)
                continue
            found = [m for m in find_numbers(text) if m.kind == "money"]
            ok = any(_close(e["value_num"], m.value) and m.unit == iso for m in _covering(found, e["start"], e["end"]))
            suites["rt-currency"].add("money", ok, cid, f"{text[:60]!r} -> {[(m.text, m.unit) for m in found]}")
    return suites


def duckling_numeral() -> Tally:
    t = Tally()
    for case in _read("duckling_numeral_ordinal_de.jsonl"):
        cid, text, exp = case["id"], case["text"], case["expected"]
        if case.get("negative"):
            found = [m for m in find_numbers(text) if m.kind == "ordinal"]
            t.add("not-ordinal", not found, cid, f"{text!r} -> {[m.text for m in found]}")
        elif exp["dim"] == "ordinal":
            t.skip("ordinals (low priority, another stage)", cid)
        elif text.lower() in ARTICLES:
            t.skip("bare article / 'keiner' as a number (by design not a number)", cid)
        elif re.search(r"\d[MG]\b", text):
            t.skip("glued M/G scale (clashes with 3M, 5G)", cid)
        else:
            got = parse_number(text)
            t.add("number", _close(got, exp["value"]), cid, f"{text!r} -> {got}")
    return t


def rustling() -> Tally:
    t = Tally()
    for case in _read("rustling_de.jsonl"):
        cid, text, exp = case["id"], case["text"], case["expected"]
        dim = exp["dim"]
        if dim in ("time", "temperature"):
            t.skip(f"{dim} (other stages or out of scope)", cid)
            continue
        if dim == "ordinal":
            t.skip("ordinals (low priority, another stage)", cid)
            continue
        if re.search(r"\d[MG]\b", text):
            t.skip("glued M/G scale (clashes with 3M, 5G)", cid)
            continue
        found = find_numbers(text.strip())
        whole = found[0] if len(found) == 1 and found[0].end - found[0].start == len(text.strip()) else None
        if dim == "number":
            t.add("number", bool(whole) and _close(whole.value, exp["value"]), cid, f"{text!r} -> {found}")
        elif dim == "percentage":
            ok = bool(whole) and whole.kind == "percent" and _close(whole.value, exp["value"])
            t.add("percent", ok, cid, f"{text!r} -> {found}")
        else:
            unit = exp["unit"]
            units = RUSTLING_UNITS.get(unit, {unit})
            value = exp["value"] / 100 if unit == "cent" else exp["value"]
            ok = bool(whole) and whole.kind == "money" and whole.unit in units and _close(whole.value, value)
            if ok:
                ok = (whole.qualifier == "exact") == (exp["precision"] == "exact")
            t.add("money", ok, cid, f"{text!r} -> {found}")
    return t


def _expected_numbers(s: str) -> list[float]:
    return [float(x.replace(",", ".")) for x in re.findall(r"[+-]?\d+(?:,\d+)?", s)]


def text2num() -> Tally:
    t = Tally()
    for case in _read("text2num_de.jsonl"):
        cid, fn, text, exp = case["id"], case["function"], case["text"], case["expected"]
        if case.get("options"):
            t.skip("options (relaxed, thresholds, ordinal thresholds) set rewriting conventions", cid)
        elif fn in ("text2num", "text2digits"):
            if isinstance(exp, str) and (exp.endswith(".") or (exp.startswith("0") and len(exp) > 1)):
                t.skip("ordinals or digit-by-digit readings ('null acht' = 08)", cid)
                continue
            got = parse_number(text)
            if case.get("expect_error"):
                t.add("reject", got is None, cid, f"{text!r} -> {got}")
            else:
                t.add("number", _close(got, float(exp)), cid, f"{text!r} -> {got}")
        elif fn == "alpha2digit":
            if NOUN_NUMBER.search(text):
                t.skip("capitalised number nouns ('eine Zwei', a school grade) by design not amounts", cid)
                continue
            if re.search(r"\d\.", exp) or "Grad" in text:
                t.skip("ordinals or temperatures in the sentence", cid)
                continue
            got = [m.value for m in find_numbers(text) if m.kind != "ordinal"]
            want = _expected_numbers(exp)
            ok = len(got) == len(want) and all(_close(abs(a), abs(b)) for a, b in zip(got, want))
            t.add("sentence", ok, cid, f"{text!r} -> {got} want {want}")
        else:
            t.skip("replace_numbers_in_text: threshold conventions of text2num-rs", cid)
    return t


def num2words() -> Tally:
    t = Tally()
    for case in _read(NUM2WORDS.name, NUM2WORDS.parent):
        cid, text, kind = case["id"], case["text"], case["kind"]
        if kind in ("ordinal", "ordinal_num"):
            t.skip("ordinals (low priority, another stage)", cid)
            continue
        found = find_numbers(text)
        whole = found[0] if len(found) == 1 and found[0].text == text else None
        ok = bool(whole) and _close(whole.value, case["value"])
        if kind == "currency":
            ok = ok and whole.unit == case["currency"]
        t.add(kind, ok, cid, f"{text!r} -> {[(m.text, m.value, m.unit) for m in found]}")
    return t


def all_suites() -> dict[str, Tally]:
    suites = recognizers_text()
    suites["duckling-numeral"] = duckling_numeral()
    suites["rustling"] = rustling()
    suites["text2num"] = text2num()
    suites["num2words (reversed)"] = num2words()
    return suites


def main(verbose: bool = False) -> float:
    suites = all_suites()
    passed = total = 0
    print(f"{'suite':24} {'kind':12} {'pass':>5} {'of':>5} {'rate':>7}")
    for name, tally in suites.items():
        for kind in sorted(tally.total):
            p, n = tally.passed[kind], tally.total[kind]
            passed, total = passed + p, total + n
            print(f"{name:24} {kind:12} {p:5} {n:5} {p / n:7.1%}")
    print(f"{'ALL IN SCOPE':24} {'':12} {passed:5} {total:5} {passed / max(total, 1):7.1%}")
    fp = sum(t.passed[FRACTION_KIND] for t in suites.values())
    fn = sum(t.total[FRACTION_KIND] for t in suites.values())
    p, n = passed - fp, total - fn
    print(f"{'ALL WITHOUT FRACTIONS':24} {'':12} {p:5} {n:5} {p / max(n, 1):7.1%}")
    print("\nOut of scope:")
    for name, tally in suites.items():
        for reason, ids in sorted(tally.out.items()):
            print(f"  {name:24} {len(ids):4}  {reason}")
    if verbose:
        print("\nFailures:")
        for name, tally in suites.items():
            for line in tally.failures:
                print(f"  {name}: {line}")
    return passed / max(total, 1)


if __name__ == "__main__":
    main(verbose="--verbose" in sys.argv or "-v" in sys.argv)
