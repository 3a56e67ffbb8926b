"""The compiled number grammar of a language, built once from lexicon/data/<lang>/numbers.yaml.

``grammar(lang)`` turns the lexicon into the regexes the number scanner runs: the master
regex for digits, number words and vague amounts, and the patterns read around a hit
(qualifier, sign and currency before it; scale, percent, currency, ordinal dot after it;
range links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ... import lexicon
from ...lexicon.schema import SHARES
from ...lexicon.wordlists import WordMatcher, alternation_tree, fold_phrase

# A lexicon without shares: every list empty, every table empty.
_NO_SHARES = {name: ({} if key.shape == {str: float} else 0.0 if key.shape is float else [])
              for name, key in SHARES.keys.items()}


_ORDINAL_ENDINGS = "rnsm"  # "jeder dritte", "jede dritter"... German ordinal endings after -e


_LETTER = "[^\\W\\d_]"


DASHES = "-–—"


VULGAR_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8,
                    "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}


def inflected(phrase: str) -> str:
    """Regex for a currency phrase: adjectives may inflect, the noun may take a plural ending."""
    words = phrase.split()
    parts = []
    for i, word in enumerate(words):
        rx = re.escape(word)
        if i < len(words) - 1 and word.endswith("e"):
            rx += "[nrsm]?"
        elif i == len(words) - 1 and word[-1:].isalpha() and len(word) > 3:
            rx += "(?:s|n|en|es)?"
        parts.append(rx)
    return r"\s+".join(parts)


@dataclass
class Grammar:
    lang: str
    data: dict
    master: re.Pattern
    head: re.Pattern  # the master regex for a number at the very start of the text
    body: str  # the pattern of both, compiled again case-insensitively when first needed
    prefix_words: set  # last words of qualifiers, currency prefixes, negative words
    ordinal_articles: set  # words before "N." that make it an ordinal
    morpheme: re.Pattern
    prefix: re.Pattern
    follow: re.Pattern
    link: re.Pattern
    link_open: re.Pattern
    change_before: re.Pattern  # a verb of change before "from X to Y": a change, not a range
    after_vague: re.Pattern
    cents_then: re.Pattern
    roles: dict
    currency_codes: dict
    share_parts: dict  # share noun or "each" ordinal -> N ("drittel" -> 3): the share is 100/N %
    ratio_link: re.Pattern  # between N and M of "two out of three", "zwei von drei"
    ratio_max: float
    ratio_not_before: frozenset  # words after M that make "5 in 10 days" a pace, not a share
    change_prepositions: frozenset  # "rose by 1.5 percent to 8.4": a change and a level, not a range
    governed_qualifiers: dict  # qualifier -> WordMatcher of the words that make it their preposition
    vague: dict  # vague phrase (lower case, single spaces, inflected forms too) -> (low, high)
    digit_decimal: re.Pattern | None = None  # "1 komma 1": a spoken decimal mark between digits
    share_percent: dict | None = None  # share written as one word -> its percentage ("dreiviertel": 75)
    share_of: re.Pattern | None = None  # after a fraction, a word of shares["of"]: "3/4 der Befragten" is a share
    share_noun: re.Pattern | None = None  # a share noun after a number word: "zwei drittel Brot" is 2/3
    measure_words: frozenset = frozenset()  # "Stärke 6.8.": before a day-month shape, a decimal

    @cached_property
    def master_i(self) -> re.Pattern:
        """``master``, case-insensitive, for the rare text whose lower case changes its length."""
        return re.compile(rf"\W(?:{self.body})", re.IGNORECASE)

    @cached_property
    def head_i(self) -> re.Pattern:
        return re.compile(self.body, re.IGNORECASE)


@lexicon.lexicon_cache()
def grammar(lang: str) -> Grammar:
    data = lexicon.load("numbers", lang)
    words = data["words"]
    low = lambda xs: sorted({x.lower() for x in xs}, key=len, reverse=True)  # noqa: E731
    number_words = set(words["zero"]) | set(words["units"]) | set(words["teens"]) | set(words.get("tens", {}))
    number_words |= set(words.get("teen_stems", {})) | set(words.get("tens_stems", {}))
    number_words |= set(words["hundred"]) | set(words["thousand"]) | set(words["scales"]) | set(words["half"])
    number_words |= set(words.get("one_and_half", [])) | set(words.get("ordinal_stems", {}))
    number_words |= set(words.get("ordinals", {})) | set(words.get("fractions", {}))
    glue = set(words.get("tens_suffixes", [])) | set(words["joiner"]) | set(words["decimal_word"])
    english = "tens" in words
    first = alternation_tree(low(number_words))
    inner = alternation_tree(low(number_words | glue | set(words["half"])))
    endings = alternation_tree(low(words.get("endings", [])))
    token_end = r"(?:(?!\w)|(?=prozent))" if data["percent_adjective"] else r"(?!\w)"
    token = f"(?:{inner})++(?:{endings})?{token_end}"
    first_token = f"{first}(?:{inner})*+(?:{endings})?{token_end}"
    scale_after_article = alternation_tree(low(set(words["scales"]) | set(words["hundred"]) | set(words["thousand"])
                                           | set(words["half"])))
    currency_rx = "|".join(inflected(c) for c in low(data["currencies"]))
    subunits = "|".join(inflected(c) for c in low(data["subunits"]))
    articles = alternation_tree(low(words["article"]))
    and_a_half = ""
    if english:
        halves = alternation_tree(low(words["half"]))
        article_start = rf"(?:{articles})\s+(?={scale_after_article})"
        half_start = rf"(?:{halves})\s+(?:{articles})\s+(?={scale_after_article})"  # "half a million"
        run_start = rf"(?:(?:{article_start}|{half_start}){token}|{first_token})"
        # "two and a half million", "seven and a half years"
        and_a_half = rf"\s+(?:{alternation_tree(low(words['joiner']))})\s+(?:{articles})\s+(?:{halves})(?!\w)|"
    else:
        # An article alone ("eine") only starts a run before a number word or a currency.
        # Checked after the first word, so the common case costs nothing (the Python side checks again).
        not_article = "".join(rf"(?<!\W{re.escape(a)}{e})" for a in low(words["article"])
                              for e in ("", "e", "er", "em", "en", "es"))
        joiner = alternation_tree(low(words["joiner"]))
        before_number = rf"(?=\s+(?:(?:{joiner}\s+)?{inner}|(?:{currency_rx}|{subunits})(?!\w)))"
        run_start = rf"{first_token}(?:{not_article}|{before_number})"
    joins = alternation_tree(low(words["joiner"] + words["decimal_word"]))
    run = rf"{run_start}(?:{and_a_half}(?:\s+(?:(?:{joins})\s+)?|-){token})*+"
    vague_table = _vague_table(data)
    vague = rf"(?:{alternation_tree(low(vague_table))})(?!\w)"
    if data.get("vague_before"):  # "scores wounded": an amount only before one of the words that may follow it
        following = alternation_tree(low(data["vague_before_next"]))
        not_after = "".join(rf"(?<!\b{re.escape(w)}\s)" for w in low(data.get("vague_before_not_after", [])))
        vague += rf"|{not_after}(?:{alternation_tree(low(data['vague_before']))})(?=\s+(?:{following})(?!\w))"
        vague_table.update({fold_phrase(p): (float(lo), float(hi)) for p, (lo, hi) in data["vague_before"].items()})
    decimal = re.escape(data["digits"]["decimal"])
    spaced = rf"\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}})++(?:{decimal}\d+)?(?![\d])|" if data["digits"]["space_groups"] else ""
    skip = r"\d{4}-\d{1,2}-\d{1,2}|\d{4}-(?:0[1-9]|1[0-2])(?!\d)|\d{1,2}:\d{2}(?::\d{2})?|\d+/\d+(?:/\d+)*"
    if not english:
        skip += r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2}(?!\d))?"
    shares = data.get("shares") or _NO_SHARES
    vulgar = "".join(VULGAR_FRACTIONS)
    # "1/2", "3/4": a fraction of a small denominator below one (not "24/7", "9/11", "2019/20");
    # "½", "1½": the vulgar fraction characters
    fraction = rf"(?P<frac>[1-9]/(?:[2-9]|10)(?![\d/.,]|\s*[{DASHES}]\s*\d))|(?P<vulgar>\d{{0,3}}[{vulgar}])(?![\d/])"
    body = (
        rf"(?=[\d.,{vulgar}])(?:{fraction}|(?P<skip>{skip})(?![\w])"
        rf"|(?<![.%=&#@/\\])(?<![\d.,],)(?P<num>{spaced}(?:[.,](?=\d))?\d+(?:[.,'’]\d+)*+))"
        rf"|(?P<vague>{vague})"
        rf"|(?P<share>{_share_pattern(shares, low)})"
        rf"|(?P<words>{run})"
    )
    # Numbers start after a non-word character: the engine skips ahead to those quickly.
    # It runs case-sensitively over the lowercased text, which is faster than IGNORECASE.
    master = re.compile(rf"\W(?:{body})")
    head = re.compile(body)
    morpheme = re.compile(rf"({inner})|({endings})$", re.IGNORECASE)
    quals = alternation_tree(low(data["qualifiers"]))
    cur_prefix = alternation_tree(low(data["currency_prefixes"]))
    negative = alternation_tree(low(words["negative_words"]))
    prefix = re.compile(
        rf"(?:(?<!{_LETTER})(?P<q>{quals})\s+)?(?:(?<!{_LETTER})(?P<cur>{cur_prefix})\s?)?"
        rf"(?:(?<!{_LETTER})(?P<negword>{negative})\s+|(?<![\w.,)])(?P<sign>[-−+]))?\Z",
        re.IGNORECASE,
    )
    scales = {k.lower(): v for k, v in {**data["scale_abbreviations"], **words["scales"]}.items()}
    glued = "|".join(re.escape(g) for g in data["glued_scales"])
    percent = alternation_tree(low(data["percent"]))
    percent_adj = alternation_tree(low(data["percent_adjective"]))
    glued_units = "|".join(re.escape(u) for u in low(data["glued_units"]))
    # "6. Januar", "der 3. und 4. Tag": a dot after digits before a month or a lower-case word
    months = alternation_tree(low(data["months"]))
    dot_ordinal = rf"\.(?=\s+(?:{months}|(?-i:[^\W\d_A-ZÄÖÜ])))|" if data["digits"].get("dot_ordinals") else ""
    follow = re.compile(
        rf"(?P<scale>(?:\s*|-)(?:{alternation_tree(low(scales))})(?!\w)|(?<=\d)(?-i:{glued})(?!\w))?"
        rf"(?:(?P<pct>\s*(?:{percent})(?!\w)|(?:\s*|-)(?:{percent_adj})(?!\w))"
        rf"|(?:\s*|-)(?P<cur>{currency_rx})(?![\w])"
        rf"|\s*(?P<sub>{subunits})(?!\w)"
        rf"|(?P<time>\s*(?:{alternation_tree(low(data['time_words']))})(?!\w)|:\d)"
        rf"|(?<=\d)(?P<ord>{dot_ordinal}(?:{alternation_tree(low(data['digit_ordinal_suffixes']))})(?!\w))"
        rf"|(?<=\d)(?P<unitglue>(?-i:{glued_units}))(?!\w)"
        rf"|(?<=\d)(?P<glued>[^\W\d_])"
        rf")?",
        re.IGNORECASE,
    )
    links = "|".join(rf"\s+{re.escape(w)}\s+" for w in data["range_links"])
    link = re.compile(rf"(?:\s*[{DASHES}]\s*|-?(?:{links}))\Z", re.IGNORECASE)
    open_links = "|".join(rf"\s+{re.escape(w)}\s+" for w in data["range_links_after_open"])
    link_open = re.compile(rf"-?(?:{open_links})\Z", re.IGNORECASE)
    change_words = alternation_tree(low(data.get("change_words", [])))
    change_before = re.compile(rf"(?<!\w)(?:{change_words})(?:\s+\S+){{0,3}}?\s*\Z", re.IGNORECASE)
    after_vague = re.compile(rf"\s+(?:{alternation_tree(low(data['vague_links']))})(?!\w)", re.IGNORECASE)
    joiner = alternation_tree(low(words["joiner"]))
    cents_then = re.compile(rf"\s+(?:(?:{joiner})\s+)?\Z", re.IGNORECASE)
    roles = {"english": english, "number_words": {w.lower() for w in number_words}}
    for key in ("zero", "units", "teens", "tens", "teen_stems", "tens_stems", "scales", "ordinal_stems", "ordinals",
                "fractions"):
        roles[key] = {k.lower(): float(v) for k, v in words.get(key, {}).items()}
    for key in ("hundred", "thousand", "joiner", "article", "half", "one_and_half", "tens_suffixes", "decimal_word"):
        roles[key] = {w.lower() for w in words.get(key, [])}
    roles["scales_all"] = scales
    codes = {fold_phrase(k): v for k, v in data["currencies"].items()}
    codes.update({"sub:" + fold_phrase(k): v for k, v in data["subunits"].items()})
    codes.update({"pre:" + fold_phrase(k): v for k, v in data["currency_prefixes"].items()})
    prefix_words = {fold_phrase(q).split()[-1] for q in data["qualifiers"]} | {w.lower() for w in words["negative_words"]}
    prefix_words |= {fold_phrase(c) for c in data["currency_prefixes"]}
    ordinal_articles = {w.lower() for w in data.get("ordinal_articles", [])}
    share_parts = {k.lower(): v for k, v in {**shares["nouns"], **shares["each_ordinals"]}.items()}
    ratio_words = "|".join(r"\s+".join(map(re.escape, w.split())) for w in low(shares["ratio"])) or "(?!)"
    ratio_link = re.compile(rf"\s+(?:{ratio_words})\s+\Z", re.IGNORECASE)
    return Grammar(lang, data, master, head, body, prefix_words, ordinal_articles, morpheme, prefix,
                 follow, link, link_open, change_before, after_vague, cents_then, roles, codes,
                 share_parts, ratio_link, shares["ratio_max"], frozenset(low(shares["ratio_not_before"])),
                 frozenset(low(data.get("change_prepositions", []))),
                 {fold_phrase(q): WordMatcher(words) for q, words in data.get("governed_qualifiers", {}).items()},
                 vague_table,
                 re.compile(rf"\s+(?:{alternation_tree(low(words['decimal_word']))})\s+(\d+)(?![\d.,]\d)", re.IGNORECASE),
                 {k.lower(): 100.0 * n / d for k, (n, d) in (shares.get("compounds") or {}).items()},
                 re.compile(rf"\s+(?:{alternation_tree(low(shares['of'])) or '(?!)'})(?!\w)", re.IGNORECASE),
                 re.compile(rf"\s+(?:{alternation_tree(low(shares['nouns'])) or '(?!)'})(?!\w)", re.IGNORECASE),
                 frozenset(low(data.get("measure_words", []))))


def _vague_table(data: dict) -> dict[str, tuple[float, float]]:
    """The vague phrases with their bounds, and their inflected forms: "mehreren tausend" as
    "mehrere tausend" (``vague_inflections`` maps an inflected first word to its base)."""
    table = {fold_phrase(phrase): (float(low), float(high)) for phrase, (low, high) in data["vague"].items()}
    for inflected, base in data.get("vague_inflections", {}).items():
        for phrase, bounds in list(table.items()):
            first, _, rest = phrase.partition(" ")
            if first == base.lower() and rest:
                table.setdefault(f"{inflected.lower()} {rest}", bounds)
    return table


def _share_pattern(shares: dict, low) -> str:
    """Shares named by words: "die Hälfte", "ein Drittel der", "half of", "jeder dritte" (lower case).

    Each word list is tried once at a position and empty lists are left out: this branch
    of the master regex is tried at every word start.
    """
    tree = lambda words: alternation_tree(low(words))  # noqa: E731
    end = r"(?!\w)"
    after_one = [rf"(?:{tree(shares['nouns'])}){end}(?=\s+(?:{tree(shares['of'])}){end})"]  # "ein Drittel der"
    if shares["unambiguous"]:
        after_one.append(rf"(?:{tree(shares['unambiguous'])}){end}")  # "die Hälfte"
    parts = [rf"(?:{tree(shares['one'])})\s+(?:{'|'.join(after_one)})"]
    if shares.get("compounds"):  # "dreiviertel der Stimmen": a share written as one word
        parts.append(rf"(?:{tree(shares['compounds'])}){end}(?=\s+(?:{tree(shares['of'])}){end})")
    if shares["bare"]:  # "half of", "half the"
        parts.append(rf"(?:{tree(shares['bare'])})(?=\s+(?:{tree(shares['bare_next'])}){end})")
    if shares["each"]:  # "jeder dritte"
        ordinals = tree(shares["each_ordinals"])
        parts.append(rf"(?:{tree(shares['each'])})\s+(?:{ordinals})[{_ORDINAL_ENDINGS}]?{end}")
    return "|".join(parts)


@lexicon.lexicon_cache()
def currency_words(lang: str) -> re.Pattern:
    """Every currency and subunit name of ``lang`` with its inflections, as one pattern."""
    L = grammar(lang)
    names = [*L.data["currencies"], *L.data["subunits"]]
    return re.compile("|".join(inflected(name.lower()) for name in names) or "(?!)", re.IGNORECASE)
