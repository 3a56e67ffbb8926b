"""Scoring extract_claims against the hand-annotated news sentences (tests/data/news_sentences.jsonl).

Each line of the file is one sentence with the claims a careful reader takes from it. A
predicted claim matches a gold claim of its sentence when both name the same category and the
same value (dates as ISO strings, numbers within a relative 1e-6); a gold claim of qualifier
``vague`` may leave its value out and then matches a vague prediction of its category whose
interval meets the gold ``value_low``/``value_high`` if given. Each gold and each predicted
claim is matched at most once. Qualifier and attribution are scored only over matched claims:
the attribution is right when both are empty or when one, normalised, contains the other.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

GOLD_PATH = Path(__file__).resolve().parent.parent / "data" / "news_sentences.jsonl"
# Sentences of the same kind written after the rules were tuned on GOLD_PATH: their figures
# say how far the rules carry to wording they were not written for. No floor is held on them.
HELDOUT_PATH = GOLD_PATH.with_name("news_sentences_heldout.jsonl")
# A second held-out file, written (and scored) before the rules of its round were tuned.
HELDOUT2_PATH = GOLD_PATH.with_name("news_sentences_heldout2.jsonl")
# A third, written with tests/fixtures/heldout_events2 (issue 16) before the tool was run on either.
HELDOUT3_PATH = GOLD_PATH.with_name("news_sentences_heldout3.jsonl")

# The fates whose precision the tests hold to a floor (issue #17).
FLOOR_CATEGORIES = ("deaths", "injuries", "arrests")
PRECISION_FLOOR = 0.97


def load_gold(path: Path = GOLD_PATH) -> list[dict]:
    """The sentences of the gold file, in file order."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            row["line"] = number
            rows.append(row)
    return rows


ARTICLES = {"a", "an", "the", "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem"}


def normalise_source(text: str | None) -> str:
    """Lower case, words only, no article in front: 'A report by the Inspectorate,' -> 'report by the inspectorate'."""
    words = re.findall(r"\w+", (text or "").lower())
    while words and words[0] in ARTICLES:
        words.pop(0)
    return " ".join(words)


def attribution_agrees(gold: str | None, got: str | None) -> bool:
    want, have = normalise_source(gold), normalise_source(got)
    if not want or not have:
        return want == have
    return want in have or have in want


def same_value(gold: dict, claim) -> bool:
    want = gold.get("value")
    if gold.get("qualifier") == "vague" and want is None:
        if claim.qualifier != "vague":
            return False
        low, high = gold.get("value_low"), gold.get("value_high")
        have_low = claim.value_low if claim.value_low is not None else claim.value
        have_high = claim.value_high if claim.value_high is not None else float("inf")
        return (low is None or have_high >= low) and (high is None or have_low <= high)
    if isinstance(want, str) or isinstance(claim.value, str):
        return str(want) == str(claim.value)
    if want is None or claim.value is None:
        return False
    want, have = float(want), float(claim.value)
    if abs(have - want) <= 1e-6 * max(1.0, abs(want)):
        return True
    decimals = written_decimals(want)  # "a third" is 33.3 in the gold, 33.333... extracted
    return decimals > 0 and round(have, decimals) == want


def written_decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") or "e" in text else len(text.split(".")[1])


@dataclass
class SentenceResult:
    row: dict
    matched: list[tuple[dict, object]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)  # gold claims no prediction matched
    extra: list[object] = field(default_factory=list)  # predictions no gold claim matched


def match_sentence(row: dict, predicted: list) -> SentenceResult:
    """Match greedily: exact values before vague ones, each claim at most once."""
    result = SentenceResult(row)
    left = list(predicted)
    gold = sorted(row["claims"], key=lambda g: g.get("value") is None)
    for want in gold:
        hit = next((c for c in left if c.category == want["category"] and same_value(want, c)), None)
        if hit is None:
            result.missed.append(want)
        else:
            left.remove(hit)
            result.matched.append((want, hit))
    result.extra = left
    return result


def run(rows: list[dict]) -> list[SentenceResult]:
    from claims.extract import extract_claims

    return [match_sentence(row, extract_claims(row["text"], lang=row["lang"], doc_date=row["doc_date"]))
            for row in rows]


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


@dataclass
class Scores:
    by_category: dict[str, Tally]
    by_language: dict[str, Tally]
    total: Tally
    qualifier: Counter  # "right"/"wrong" over matched claims
    attribution: Counter


def score(results: list[SentenceResult]) -> Scores:
    by_category: dict[str, Tally] = defaultdict(Tally)
    by_language: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    qualifier, attribution = Counter(), Counter()
    for result in results:
        lang = result.row["lang"]
        tallies = [by_language[lang], total]
        for want, claim in result.matched:
            for tally in (by_category[want["category"]], *tallies):
                tally.gold += 1
                tally.predicted += 1
                tally.matched += 1
            qualifier["right" if want.get("qualifier", "exact") == claim.qualifier else "wrong"] += 1
            attribution["right" if attribution_agrees(want.get("attribution"), claim.attribution) else "wrong"] += 1
        for want in result.missed:
            for tally in (by_category[want["category"]], *tallies):
                tally.gold += 1
        for claim in result.extra:
            for tally in (by_category[claim.category], *tallies):
                tally.predicted += 1
    return Scores(dict(sorted(by_category.items())), dict(sorted(by_language.items())), total, qualifier, attribution)


def describe_gold(want: dict) -> str:
    value = want.get("value")
    if value is None:
        value = f"[{want.get('value_low', '')}..{want.get('value_high', '')}]"
    source = f" attr={want['attribution']!r}" if want.get("attribution") else ""
    return f"{want['category']} {value} q={want.get('qualifier', 'exact')}{source}"


def describe_claim(claim) -> str:
    value = claim.value if isinstance(claim.value, str) else f"{claim.value:g}"
    source = f" attr={claim.attribution!r}" if claim.attribution else ""
    return f"{claim.category} {value} q={claim.qualifier} {claim.text!r} concept={claim.concept}{source}"


CLASSIFICATION = "classification (what it counts: i17classify)"
FORMS = "forms (numbers/dates/noise/attribution: i17forms)"


def failures(result: SentenceResult) -> list[tuple[str, str, str, str]]:
    """(area, kind, expected, got) for each mismatch of one sentence.

    A missed gold claim and an extra prediction of the same value are one mistake of what the
    number counts (classification); of the same category and another value, one mistake of
    reading the number or date (forms). What is left, a number not read at all or read where
    there is no claim, and wrong qualifiers and sources, are mistakes of forms.
    """
    out = []
    extra = list(result.extra)
    for want in result.missed:
        twin = next((c for c in extra if same_value({**want, "category": c.category}, c)), None)
        area = CLASSIFICATION
        if twin is None:
            twin = next((c for c in extra if c.category == want["category"]), None)
            area = FORMS
        if twin is None:
            out.append((FORMS, "missed", describe_gold(want), "-"))
        else:
            extra.remove(twin)
            out.append((area, "wrong", describe_gold(want), describe_claim(twin)))
    for claim in extra:
        out.append((FORMS, "extra", "-", describe_claim(claim)))
    for want, claim in result.matched:
        if want.get("qualifier", "exact") != claim.qualifier:
            out.append((FORMS, "qualifier", describe_gold(want), describe_claim(claim)))
        if not attribution_agrees(want.get("attribution"), claim.attribution):
            out.append((FORMS, "attribution", describe_gold(want), describe_claim(claim)))
    return out
