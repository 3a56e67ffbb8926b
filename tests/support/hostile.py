"""Inputs for the reliability harness: sample documents, mutations, adversarial texts, invariants.

Used by the harnesses beside it (``scripts/reliability.py`` runs them) and by the reliability tests. Texts come
from ``seeds/`` and, when present, the real news in ``/work/shared/corpus``
(read at run time, never copied into the repository).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository
SEEDS = ROOT / "seeds"
CORPUS = Path("/work/shared/corpus")
GNAD = CORPUS / "10kGNAD" / "test.csv"
WIKINEWS = CORPUS / "german-news-quotation-attribution-2024" / "articles.jsonl"

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_ISO_YEAR = re.compile(r"\d{4}")


# -- source texts -------------------------------------------------------------------


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


def corpus_articles(limit: int | None = None) -> Iterator[dict]:
    """Articles of the shared corpus as {"text", "title", "date"}; nothing when it is absent."""
    count = 0
    if WIKINEWS.exists():
        with WIKINEWS.open(encoding="utf-8") as lines:
            for line in lines:
                if limit is not None and count >= limit:
                    return
                record = json.loads(line)
                yield {"text": record["text"], "title": record.get("title"), "date": record.get("date")}
                count += 1
    if GNAD.exists():
        with GNAD.open(encoding="utf-8", newline="") as rows:
            for row in csv.reader(rows, delimiter=";", quotechar="'"):
                if limit is not None and count >= limit:
                    return
                if len(row) >= 2:
                    yield {"text": row[1], "title": None, "date": None}
                    count += 1


def normal_text(size: int) -> str:
    """About ``size`` characters of ordinary news: corpus articles (or seeds) joined by blank lines."""
    parts, total = [], 0
    sources = [a["text"] for a in corpus_articles()] or seed_texts()
    while total < size:
        for text in sources:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def synthesise_documents(count: int, seed: int = 0) -> dict[str, bytes]:
    """``count`` documents (relative path -> bytes) built from the seeds and corpus articles.

    About a third are seeds with a corpus paragraph appended, the rest corpus
    articles with YAML front matter; some sit in sub-folders, some are ``.md``.
    """
    rng = random.Random(seed)
    seeds = seed_texts()
    articles = list(corpus_articles(limit=max(count, 50))) or [{"text": t, "title": None, "date": None} for t in seeds]
    docs: dict[str, bytes] = {}
    for i in range(count):
        folder = f"part{i % 4}/" if i % 3 else ""
        suffix = ".md" if i % 7 == 0 else ".txt"
        if i % 3 == 0:
            extra = rng.choice(articles)["text"].split("\n\n")[0]
            text = f"{rng.choice(seeds)}\n\n{extra}\n"
        else:
            article = articles[i % len(articles)]
            front = ["---", f"title: {json.dumps(article['title'] or f'Artikel {i}', ensure_ascii=False)}"]
            if article["date"]:
                front.append(f"date: {article['date']}")
            front.append(f"source: quelle{i % 11}")
            text = "\n".join(front) + "\n---\n" + article["text"] + "\n"
        docs[f"{folder}doc{i:04d}{suffix}"] = text.encode("utf-8")
    return docs


def write_documents(folder: Path, docs: dict[str, bytes]) -> None:
    for name, data in docs.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def edited(data: bytes, rng: random.Random) -> bytes:
    """A changed version of a document: a sentence with new figures appended."""
    n = rng.randint(2, 900)
    return data + f"\nNachtrag: Inzwischen meldeten die Behörden {n} Tote und mindestens {n * 3} Verletzte.\n".encode()


# -- mutations ----------------------------------------------------------------------

QUALIFIERS = ("mindestens ", "über ", "rund ", "etwa ", "weit über ", "mehr als ", "bis zu ", "knapp ",
              "more than ", "at least ", "about ", "ca. ")
SCRIPTS = ("٣٤٥", "१२३", "১২৩", "１２３", "߁߂", "Ⅻ", "²³", "一千", "Тысячи", "ثلاثة آلاف", "שלושה",
           "๑๒๓", "𝟏𝟐𝟑", "İstanbul", "ẞ", "ß", "ﬃ", "Ǆ")
BIDI = ("\u200f", "\u200e", "\u202e", "\u202b", "\u2067", "\u2069", "\u061c", "\u200b", "\ufeff", "\u00ad")
HOSTILE_DATES = ("31.02.2022", "29. Februar 2023", "0. Januar 0", "32. Dezember", "99.99.9999", "1.1.99999",
                 "31. April", "February 30, 2021", "00.00.0000", "vom 5. bis zum 3. Januar", "29.02.1900",
                 "3. Jänner 10000", "Montag dem 31. Juni", "im Dezember letzten Jahres")


def _insert(text: str, rng: random.Random, piece: str) -> str:
    at = rng.randint(0, len(text))
    return text[:at] + piece + text[at:]


def _byte_flips(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        if buf:
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def _near_numbers(text: str, rng: random.Random, pieces: tuple[str, ...]) -> str:
    """Put random ``pieces`` right before or after digits, where the number reader looks."""
    out, last = [], 0
    for m in re.finditer(r"\d+", text):
        if rng.random() < 0.5:
            out.append(text[last : m.start()])
            out.append(rng.choice(pieces) + m.group() + rng.choice(pieces))
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def mutations() -> dict[str, Callable[[bytes, random.Random], bytes]]:
    """Named mutations of a document's bytes; the result may be invalid UTF-8 on purpose."""

    def on_text(fn: Callable[[str, random.Random], str]):
        return lambda data, rng: fn(data.decode("utf-8", "replace"), rng).encode("utf-8", "surrogatepass")

    return {
        "byte_flips": _byte_flips,
        "truncate": lambda data, rng: data[: rng.randint(0, len(data))],
        "truncate_mid_char": lambda data, rng: data[: _mid_char(data, rng)],
        "latin1_reencode": lambda data, rng: data.decode("utf-8", "replace").encode("latin-1", "replace"),
        "digits_10000": on_text(lambda t, rng: _insert(t, rng, " " + "".join(rng.choice("0123456789") for _ in range(10_000)) + " Tote ")),
        "grouped_10000": on_text(lambda t, rng: _insert(t, rng, " 1" + ".000" * 2500 + " Menschen ")),
        "decimal_10000": on_text(lambda t, rng: _insert(t, rng, " 0," + "9" * 10_000 + " Prozent ")),
        "qualifier_x1000": on_text(lambda t, rng: _insert(t, rng, rng.choice(QUALIFIERS) * 1000 + "5 Tote ")),
        "qualifier_mix_x1000": on_text(lambda t, rng: _insert(t, rng, "".join(rng.choice(QUALIFIERS) for _ in range(1000)) + "12 Verletzte")),
        "vague_x1000": on_text(lambda t, rng: _insert(t, rng, "Tausende " * 1000 + "Demonstranten")),
        "mixed_scripts": on_text(lambda t, rng: _near_numbers(t, rng, SCRIPTS)),
        "scripts_inserted": on_text(lambda t, rng: "".join(_insert(t, rng, rng.choice(SCRIPTS)) for _ in range(1))),
        "nul_bytes": lambda data, rng: bytes(b for chunk in _chunks(data, rng) for b in chunk + b"\x00"),
        "long_line": on_text(lambda t, rng: (t.replace("\n", " ") + " ") * 40),
        "no_spaces": on_text(lambda t, rng: re.sub(r"\s+", "", t)),
        "rtl_marks": on_text(lambda t, rng: _near_numbers(t, rng, BIDI)),
        "bidi_everywhere": on_text(lambda t, rng: "".join(ch + rng.choice(BIDI) if rng.random() < 0.2 else ch for ch in t)),
        "control_chars": on_text(lambda t, rng: _near_numbers(t, rng, ("\x1b[31m", "\x07", "\x0b", "\x0c", "\r", "\x85", "\x1b]8;;http://x\x1b\\"))),
        "markup": on_text(lambda t, rng: _near_numbers(t, rng, ("[red]", "[/]", "[link=http://x]", "[bold", "\\[", "]"))),
        "hostile_dates": on_text(lambda t, rng: _insert(t, rng, " " + " und ".join(rng.sample(HOSTILE_DATES, 5)) + " ")),
        "case_changes": on_text(lambda t, rng: t.upper() if rng.random() < 0.5 else t.swapcase()),
        "dotted_i": on_text(lambda t, rng: t.replace("i", "İ").replace("ss", "ß")),
        "combining": on_text(lambda t, rng: _near_numbers(t, rng, ("\u0301", "\u0308\u0308\u0308", "\u20dd", "\ufe0f"))),
        "separators": on_text(lambda t, rng: _near_numbers(t, rng, ("\u00a0", "\u202f", "\u2009", "'", "’", "_", "·"))),
        "crlf": on_text(lambda t, rng: t.replace("\n", "\r\n") if rng.random() < 0.5 else t.replace("\n", "\r")),
        "front_matter_junk": lambda data, rng: b"---\ndate: [\x00\n: :\n---\n" + data,
        "only_numbers": on_text(lambda t, rng: " ".join(re.findall(r"\d[\d.,]*", t)) or "1"),
        "shuffled_words": on_text(lambda t, rng: " ".join(rng.sample(t.split(), len(t.split())))),
        "empty_ish": lambda data, rng: rng.choice([b"", b" ", b"\n\n", b"\xef\xbb\xbf", b"---\n---\n", b"\x00"]),
    }


def _mid_char(data: bytes, rng: random.Random) -> int:
    starts = [i for i, b in enumerate(data) if b >= 0xC0]
    return rng.choice(starts) + 1 if starts else len(data)


def _chunks(data: bytes, rng: random.Random) -> list[bytes]:
    cuts = sorted(rng.randint(0, len(data)) for _ in range(rng.randint(1, 5)))
    return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)])]


def mutated_inputs(texts: list[str], rounds: int = 1, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) for every mutation of every text, ``rounds`` times with different randomness."""
    rng = random.Random(seed)
    for r in range(rounds):
        for i, text in enumerate(texts):
            data = text.encode("utf-8")
            for name, mutate in mutations().items():
                yield f"r{r}_t{i:03d}_{name}", mutate(data, rng)


# -- adversarial texts for the speed check -----------------------------------------------

ADVERSARIAL: dict[str, str] = {
    "1.1.1.1...": "1.",
    "1,1,1,1...": "1,",
    "1.000.000... (one number)": ".000",
    "100k digits": "1" * 100_000 + " ",
    "über über über": "über ",
    "mindestens rund etwa ca.": "mindestens rund etwa ca. ",
    "Tausende Tausende": "Tausende ",
    "tausendtausend (one word)": "tausend",
    "einundzwanzig (one word)": "einundzwanzig",
    "hundert hundert": "hundert ",
    "(((": "(",
    ", und , und": ", und",
    "zwischen 1 und 2 und": "zwischen 1 und 2 und ",
    "1-2-3-4": "1-",
    "1. Januar 1. Januar": "1. Januar ",
    "vom 1. bis zum 2.": "vom 1. bis zum 2. ",
    "12.12.12.12": "12.",
    "5 Tote und (no full stop)": "5 Menschen wurden getötet und ",
    "aaaa (one word)": "a",
    "spaces": " ",
    "newlines": "\n",
    "dots": ".",
    "RTL marks around digits": "\u200f5\u200f ",
    "Arabic-Indic digits": "٣٤٥ ",
    "[red] markup": "[red]5[/red] ",
}


def adversarial_text(name: str, size: int) -> str:
    """``size`` characters of the adversarial pattern ``name`` (or normal news for "normal news")."""
    if name == "normal news":
        return normal_text(size)
    unit = ADVERSARIAL[name]
    text = unit * (size // len(unit) + 1)
    if name == "1.000.000... (one number)":
        text = "1" + text
    return text[:size]


# -- invariants ------------------------------------------------------------------------


def valid_iso(value: object) -> bool:
    """True for a real calendar date as YYYY-MM-DD, YYYY-MM or YYYY."""
    if not isinstance(value, str):
        return False
    try:
        if _ISO_DAY.fullmatch(value):
            dt.date.fromisoformat(value)
            return True
        if _ISO_MONTH.fullmatch(value):
            return 1 <= int(value[5:]) <= 12
        return bool(_ISO_YEAR.fullmatch(value))
    except ValueError:
        return False


def claim_problems(text: str, claims: list) -> list[str]:
    """What is wrong with ``claims`` extracted from ``text`` (empty when all invariants hold)."""
    problems = []
    for c in claims:
        where = f"{c.start}:{c.end} {c.text[:40]!r}"
        if not (0 <= c.start <= c.end <= len(text)):
            problems.append(f"offsets out of range {where}")
        elif text[c.start : c.end] != c.text:
            problems.append(f"text[start:end] != claim.text at {where}: {text[c.start:c.end][:40]!r}")
        if c.sentence and text[c.sentence_start : c.sentence_start + len(c.sentence)] != c.sentence:
            problems.append(f"sentence not at sentence_start {where}")
        if c.sentence_start > c.start or c.sentence_start + len(c.sentence) < c.end:
            problems.append(f"sentence does not hold the claim {where}")
        if c.kind == "date":
            for name in ("value", "value_low", "value_high"):
                value = getattr(c, name)
                if value is not None and not valid_iso(value):
                    problems.append(f"{name} {value!r} is not a calendar date {where}")
            if isinstance(c.value_low, str) and isinstance(c.value_high, str) and len(c.value_low) == len(c.value_high):
                if c.value_low > c.value_high:
                    problems.append(f"date span ends before it starts {where}")
        else:
            problems.extend(f"{p} {where}" for p in interval_problems(c.value, c.value_low, c.value_high))
    return problems


def interval_problems(value, low, high) -> list[str]:
    """``low <= value <= high`` where set, and every bound a finite number."""
    problems = []
    for name, v in (("value", value), ("low", low), ("high", high)):
        if v is not None and (not isinstance(v, (int, float)) or not math.isfinite(v)):
            problems.append(f"{name} {v!r} is not a finite number")
    if problems:
        return problems
    if value is not None and low is not None and low > value:
        problems.append(f"low {low} > value {value}")
    if value is not None and high is not None and value > high:
        problems.append(f"value {value} > high {high}")
    if low is not None and high is not None and low > high:
        problems.append(f"low {low} > high {high}")
    return problems
