"""The compiled date grammar of a language.

``grammar(lang)`` builds, once per language, the patterns ``find_dates`` runs from
``lexicon/data/<lang>/dates.yaml`` (month names of every language): two trigger scans, the
anchored atom patterns (one named branch per notation: "16.12.11", "3. Jänner 2022",
"January 7", "2018-2020", "gestern"...) and the patterns for the words around an atom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import lexicon
from ...lexicon.wordlists import WordMatcher, alternation_tree, word_start_finder

_DAY = r"(?:3[01]|[12]\d|0?[1-9])"


_MON = r"(?:1[0-2]|0?[1-9])"


_YEAR = r"(?:1\d{3}|20\d{2})"


_NUM_END = r"(?![\d]|[.,]\d)"


_WORD_END = r"(?![^\W\d_])"


_START = r"(?<![\w.,/-])"  # not inside a word or a number


_YEAR_START = r"(?:(?<![\w.,/-])|(?<=[^\W\d_]-))"  # also "mid-1990s": the word before is checked later


def _alt(words, lower: bool = True) -> str:
    """Regex alternation of ``words`` (lower-cased unless told not to) as a prefix tree."""
    return alternation_tree({str(w).lower() if lower else str(w) for w in words})


@dataclass(frozen=True)
class Grammar:
    digit_trigger: re.Pattern
    word_trigger: re.Pattern
    word_trigger_lower: re.Pattern  # the same words in lower case only, for lower-cased text
    digit_atoms: re.Pattern
    word_atoms: re.Pattern
    prefix: re.Pattern
    suffix: re.Pattern
    gap_link: re.Pattern
    gap_weekday: re.Pattern
    gap_list: re.Pattern
    label: re.Pattern
    not_number_after: re.Pattern
    lex: dict
    months: dict
    abbreviations: frozenset
    ambiguous: frozenset
    month_first_needs_year: bool
    month_first_end: re.Pattern
    scheduled: WordMatcher  # "soll ... stattfinden", "is scheduled": the clause tells of something planned
    past_tense: WordMatcher  # "wurde", "had": the clause tells of the past


@lexicon.lexicon_cache()
def grammar(lang: str) -> Grammar:
    lex = lexicon.load("dates", lang)
    months, abbreviations, ambiguous = {}, set(), set()
    for other in lexicon.LANGUAGES:  # month names of every language, own language last
        if other == lang:
            continue
        olex = lexicon.load("dates", other)
        months.update(olex["months"]), months.update(olex["month_abbreviations"])
        abbreviations.update(olex["month_abbreviations"]), ambiguous.update(olex["ambiguous_months"])
    months.update(lex["months"]), months.update(lex["month_abbreviations"])
    abbreviations.update(lex["month_abbreviations"]), ambiguous.update(lex["ambiguous_months"])
    full = [m for m in months if m not in abbreviations]
    month = rf"(?:{_alt(full)}|(?:{_alt(abbreviations)})\.?){_WORD_END}"
    lsuf = rf"(?:(?:{_alt(lex['day_suffixes'])}){_WORD_END})"  # "15te", "10th"
    dsuf = rf"(?:\.|{lsuf})"
    links = lex["links"] + lex["links_after_from"] + lex["links_after_between"]
    link = rf"(?:{_alt(links)})"
    arts = rf"(?:(?:{_alt(lex['articles'])})\s+)"
    glue = rf"(?:(?:{_alt(lex['day_month_glue'])})\s+)?" if lex["day_month_glue"] else ""
    ordinal = rf"(?:{_alt(lex['ordinals'])})(?:{_alt(lex['ordinal_endings'])}){_WORD_END}"
    year_sep = r"(?:,\s*|\s+)" if lex["year_after_comma"] else r"\s+"
    not_year = rf"(?!\s*(?:{_alt(lex['not_year_before'])})(?![^\W\d_]))"
    year_optional = "" if lex.get("dotted_date_needs_year") else "?"  # English: "7.8." is no date
    weekday = rf"(?:{_alt(lex['weekdays'])})(?:{_alt(lex['weekday_compounds'])})?{_WORD_END}"
    relative_years = lex.get("standalone_relative_years", {})
    decade_end = _alt(lex["decade_endings"])
    decade_noun = rf"\s*-?\s*(?:{_alt(lex['decade_nouns'])})"
    branches = {
        "ISO": rf"{_START}(?P<iso_y>{_YEAR})(?P<iso_s>[-/.])(?P<iso_m>{_MON})(?P=iso_s)(?P<iso_d>{_DAY}){_NUM_END}",
        "NUM": rf"{_START}(?:(?P<n_d0>{_DAY})\.?\s*(?P<n_l>{link})\s*)?(?P<n_d>{_DAY})\.\s?(?P<n_m>{_MON})\."
        rf"(?:(?P<n_y>\d\d)|\s?(?P<n_y4>{_YEAR})){year_optional}{_NUM_END}",
        "SLASH": rf"{_START}(?P<s_a>\d{{1,2}})/(?P<s_b>\d{{1,2}})/(?P<s_y>{_YEAR}|\d\d)(?![\d/]|[.,]\d)",
        # month and year in figures: "05.2016", "05/2016", "2016-05"; spaces only around a
        # zero-padded month, and "2016-05" needs the zero ("2011-12" is a pair of years)
        "MY": rf"{_START}(?:(?P<my_m>0[1-9])\s*[./-]\s*|(?P<my_m2>1[0-2])[./-])(?P<my_y>(?:19|20)\d\d)"
        rf"(?![\d/]|[.,]\d)",
        "YM": rf"{_START}(?P<ym_y>(?:19|20)\d\d)\s*[./-]\s*(?P<ym_m>0[1-9])(?![\d/-]|[.,]\d)",
        "DASH": rf"{_START}(?P<h_d>{_DAY})(?P<h_s>[-/])(?:(?P<h_m>{_MON})|(?P<h_t>{month}))(?P=h_s)(?P<h_y>{_YEAR})"
        rf"{_NUM_END}",
        "NODOT": rf"{_START}(?P<nd_d>{_DAY})\.(?P<nd_m>{_MON})(?![\d]|[.,:]\d){not_year}",
        # "3. und 4. Januar", and a list "7., 8. und 9. Mai": the span from its first day to its last
        "DMY": rf"{_START}(?:(?:(?P<t_dl>{_DAY}){dsuf}?\s*,\s*(?:{_DAY}{dsuf}?\s*,\s*)*)?"
        rf"(?P<t_d0>{_DAY}){dsuf}?\s*(?P<t_l>{link})\s*{arts}?)?(?P<t_d>{_DAY}){dsuf}?\s*{glue}"
        rf"(?P<t_m>{month})(?:{year_sep}(?P<t_y>{_YEAR}){_NUM_END}{_WORD_END})?",
        "ORD": rf"(?<!\w)(?P<o_w>{ordinal})\s+{glue}(?P<o_m>{month})(?:\s+(?P<o_y>{_YEAR}){_NUM_END}{_WORD_END})?",
        # "May 7 and 8", "May 7, 8 and 9": the span from its first day to its last
        "MDY": rf"(?<!\w)(?P<u_m>{month})\s*(?P<u_d>{_DAY}){lsuf}?(?:(?:\s*,\s*{_DAY}{lsuf}?(?!\d))*"
        rf"\s*(?P<u_l>{link})\s*(?P<u_d2>{_DAY})"
        rf"{lsuf}?)?(?:(?:,\s*|\s+)(?P<u_y>{_YEAR}))?(?![\d]|[.,:]\d|[^\W\d_])",
        "MDASH": rf"(?<!\w)(?P<md_m>{month})-(?P<md_d>{_DAY})-(?P<md_y>{_YEAR}){_NUM_END}",
        "MONTH": rf"(?<!\w)(?P<b_m>{month})(?:\s+(?P<b_y>{_YEAR}){_NUM_END}{_WORD_END})?",
        "WEEKDAY": rf"(?<!\w)(?P<w_full>{weekday})",
        "WABBR": rf"(?<!\w)(?P<w_abbr>{_alt(lex['weekday_abbreviations'])})(?:\.,?|,|(?=\s+\d))(?=\s*\d)",
        "YEAR": rf"{_YEAR_START}(?<![€$£§+])(?P<y>(?:19|20)\d\d)(?:\s*[-–—/]\s*(?P<y2>(?:19|20)\d\d|\d\d))?"
        rf"(?![\d]|[.,]\d|[^\W\d_]){not_year}",
        "DECADE": rf"{_YEAR_START}(?:(?P<dc>(?:1[5-9]|20)\d0)(?:{decade_end})(?:{decade_noun})?"
        rf"|(?P<dc2>[3-9]0)(?:{decade_end})(?:{decade_noun})|(?<=['’])(?P<dc3>[3-9]0)(?:{decade_end})){_WORD_END}",
        "DECWORD": rf"(?<!\w)(?P<dw>{_alt(lex['decade_words'])})(?:{decade_noun}|-?(?:{decade_end})(?:{decade_noun}))"
        rf"{_WORD_END}",
        "REL": rf"(?<!\w)(?P<r>{_alt(lex['relative_days'])}){_WORD_END}",
        "RELYEAR": rf"(?<!\w)(?P<ry>{_alt(relative_years)}){_WORD_END}",
    }

    def compile_branches(names):
        return re.compile("|".join(f"(?P<{n}>{branches[n]})" for n in names), re.IGNORECASE)

    dotted = ["NODOT"] if lex["day_month_without_dot"] else []  # "am 22.04" (German); in English "1.5" is a decimal
    digit_atoms = compile_branches(["ISO", "NUM", "SLASH", "MY", "YM", "DASH", *dotted, "DMY", "DECADE", "YEAR"])
    word_atoms = compile_branches(["ORD", "MDASH", "MDY", "MONTH", "WEEKDAY", "WABBR", "DECWORD", "REL", "RELYEAR"])
    # Candidates are found case-sensitively (lower case or capitalised), which
    # is several times faster than scanning with the IGNORECASE atom patterns.
    # A phrase is found by its first word ("vergangenen Jahr": the trigger knows no mixed case).
    keywords = [*months, *lex["weekdays"], *lex["relative_days"], *lex["ordinals"], *lex["decade_words"],
                *(p.split()[0] for p in relative_years)]
    forms = {f for w in keywords for f in (w.lower(), w.capitalize(), w.upper())}
    abbr = {f for w in lex["weekday_abbreviations"] for f in (w.lower(), w.capitalize(), w.upper())}
    # The digit comes first and the look-behind after it: the engine then skips to digits
    # at C speed instead of trying the look-behind at every character.
    # A year glued to a word by a hyphen starts a date only as "mid-1990s", "Mitte-2021" (checked by the prefix).
    digit_trigger = re.compile(r"\d(?:(?<![\w.,/-]\d)|(?<=[^\W\d_]-\d)(?=\d{3}(?!\d)))")
    word_trigger = re.compile(rf"(?<!\w)(?:{_alt(forms, lower=False)}|(?:{_alt(abbr, lower=False)})(?=[.,]|\s+\d))")
    word_trigger_lower = word_start_finder(rf"{_alt(forms)}|(?:{_alt(abbr)})(?=[.,]|\s+\d)")
    words = lambda key: _alt(lex[key])  # noqa: E731
    prefix = re.compile(
        rf"(?<!\w)(?:(?P<prep>{words('qualifiers')})\s+)?(?:(?P<part>{words('month_parts')})(?:\s+|-))?"
        rf"{arts}?(?:(?P<cue>{_alt(lex['cues'] + lex['future_cues'] + lex['past_cues'])})\s+)?{arts}?\Z",
        re.IGNORECASE,
    )
    suffix = re.compile(rf"\s+(?P<rel>{words('relative_years')}){_WORD_END}", re.IGNORECASE)
    gap_link = re.compile(rf"\s*(?P<link>{link})\s*{arts}?", re.IGNORECASE)
    gap_weekday = re.compile(rf",?\s*{arts}?", re.IGNORECASE)
    gap_list = re.compile(rf"\s*(?:{words('list_words')})\s*", re.IGNORECASE)
    label = re.compile(rf"(?<!\w)(?:{words('publication_labels')})\s*:?\Z", re.IGNORECASE)
    not_number_after = re.compile(rf"(?<!\w)(?:{words('not_year_after')})\s*\Z", re.IGNORECASE)
    month_first_end = re.compile(r"\s*(?:\Z|[,;:)!?\n]|\.(?!\d)|[-–]\s*\w)")
    return Grammar(digit_trigger, word_trigger, word_trigger_lower, digit_atoms, word_atoms, prefix, suffix, gap_link, gap_weekday,
                    gap_list, label, not_number_after, lex, months, frozenset(abbreviations), frozenset(ambiguous), lex["month_first_needs_year"],
                    month_first_end, WordMatcher(lex.get("scheduled_words", [])), WordMatcher(lex.get("past_tense_words", [])))
