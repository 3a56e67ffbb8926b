"""Parts of wholes: "32 der 4.200 Passagiere", "Von 500 Demonstranten wurden 40 festgenommen",
"31 verletzt, 18 davon schwer", "drei von ihnen", "Unter den 300 Toten waren 40 Polizisten".

Where a partitive's part stands (read by the classifier, so a verb after a whole and its part
is the part's), and, once every figure is read, which figures count part of a whole in their
sentence: a part of a whole of its own kind is a group of its own (aspect "part"), never a rival toll.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..lexicon.vocabulary import Vocabulary
from ..models import NumberMatch
from .nouns import TOKEN, concept_key
from .numbers import is_figure
from .reading import Reading, joined
from .sentences import TextContext

# "246 der nach Behördenangaben 350": words between a partitive link and the whole it names.
PARTITIVE_GAP = 3
PARTITIVE_REACH = 80  # characters after a clause-opening whole ("Von 500 ...") searched for its part
PARTITIVE_NEAR = 24  # the same within a clause: "nahm von 500 Demonstranten 40 fest"
PART_WORDS = 3  # "davon leben etwa [zwei Millionen]": how far before a figure its inclusion word may stand
_WORD = re.compile(r"\S+")
_PART = (None, "part")  # the detail and aspect of a part of a whole of its own kind


def is_partitive_whole(text: str, number: NumberMatch, clause, vocab: Vocabulary, verb_end: int | None = None) -> bool:
    """True if the number is the whole another figure is part of, so a verb is the part's."""
    return partitive_part(text, number, clause, vocab, verb_end) is not None


def partitive_part(text: str, number: NumberMatch, clause, vocab: Vocabulary, verb_end: int | None = None) -> int | None:
    """Where the figure stands that is part of the number, if the number is such a whole.

    A figure and a link stand before it, maybe a few words between: "32 der 4.200 Passagiere",
    "246 der nach Behördenangaben 350 Passagiere", "two of the 40 miners". Or a link opens the
    clause and a figure follows: "Von 500 Demonstranten wurden 40 festgenommen", "Of the 500
    protesters, 40 were arrested". A verb is the whole's in a relative clause or in the whole's
    phrase before a comma: "Unter den sechs Menschen, die verwundet wurden, waren drei ...",
    "Among the 120 people killed, 30 were children" (``verb_end``: its end).
    """
    lo = max(clause[0], number.start - 60)
    words = [(m.start(), m.group().lower()) for m in _WORD.finditer(text, lo, number.start)]
    if not words:
        return None
    for link in vocab.partitive_links:
        size = link.count(" ") + 1
        for gap in range(min(PARTITIVE_GAP, len(words) - size) + 1):
            at = len(words) - gap - size  # where the link starts among the words
            if any(is_figure(w, vocab.lang) or w[-1] in ",.;" for _, w in words[at + size :]):
                break  # the link belongs to another figure, or the phrase ended
            if " ".join(w for _, w in words[at : at + size]) != link:
                continue
            if at > 0 and is_figure(words[at - 1][1], vocab.lang) and not words[at - 1][1].endswith(","):
                return words[at - 1][0]  # "32 der 4.200"; not "aus dem Jahr 2007, der 600 Geier tötete"
            if at > 0 and vocab.noun(words[at - 1][1].strip(".,;:!?\"'()")).category is not None:
                continue  # "a toll of 769 people killed and 934 injured": the toll's figure, no whole
            # "Von (insgesamt) 500 Demonstranten wurden 40 ...", "nahm von 500 Demonstranten 40 fest"
            opens = at == 0 and link in vocab.partitive_openers and _opens_clause(text, clause[0], words[0][0])
            if not opens and gap > 0:
                continue
            end = clause[1]
            if verb_end is not None and verb_end > number.end and _relative_between(text, number.end, verb_end, vocab):
                end = min(end, verb_end)  # a verb in a relative clause is the whole's, unless the part is before it
            part = _figure_after(text, number.end, end, vocab, PARTITIVE_REACH if opens else PARTITIVE_NEAR, not opens)
            if part is not None and verb_end is not None and number.end < verb_end <= part and "," in text[verb_end:part]:
                return None  # the verb ends the whole's phrase: "Among the 120 people killed, 30 were children"
            if part is not None:
                return part
    return None


def _relative_between(text: str, start: int, end: int, vocab: Vocabulary) -> bool:
    """True if a comma or a relative pronoun stands between ``start`` and ``end``."""
    between = text[start:end]
    return "," in between or any(w.lower() in vocab.relative_pronouns for w in between.split())


def _opens_clause(text: str, clause_start: int, at: int) -> bool:
    """True if only opening punctuation, or a comma, stands between the clause start and ``at``."""
    before = text[max(clause_start, at - 40) : at].rstrip(" \t\"'„“»«(")
    return at - 40 <= clause_start and not before or before.endswith(",")


def _figure_after(text: str, start: int, end: int, vocab: Vocabulary, reach: int, stop_at_break: bool) -> int | None:
    """Where a figure stands within ``reach`` characters after ``start`` in its clause (and
    before a comma or semicolon, with ``stop_at_break``), if one does and ends no change."""
    previous = ""
    for token in TOKEN.finditer(text, start, min(end, start + reach)):
        word = token.group()
        if is_figure(word, vocab.lang):
            return None if previous.lower() in vocab.change_targets else token.start()
        if stop_at_break and word in ",;":
            return None  # "von 45.000 Teilnehmern, davon 16.000 in Duisburg": a part, after a break
        previous = word
    return None


def part_between(tokens: list[str], vocab: Vocabulary) -> bool:
    """True if a figure and a partitive pronoun ("drei von ihnen", "three of them") are among ``tokens``."""
    pronouns = vocab.partitive_pronouns
    lowered = [t.lower() for t in tokens]
    for i, token in enumerate(tokens[:-1]):
        if any(tuple(lowered[i + 1 : i + 1 + len(p)]) == p for p in pronouns) and is_figure(token, vocab.lang):
            return True
    return False


def one_of_them(text: str, start: int, end: int, vocab: Vocabulary) -> bool:
    """True if a partitive link follows an article ("einer der Verletzten"): one of them, no count."""
    between = " ".join(text[start:end].lower().split()[:-1])
    return any(between == link or between.startswith(link + " ") for link in vocab.partitive_links)


def named_part(ctx: TextContext, number: NumberMatch) -> bool:
    """True if the figure is named as part of another: "davon leben etwa zwei Millionen",
    "darunter 300", "30 von ihnen", "30 of them" (a partitive pronoun or an inclusion word
    among the few words before it in its stretch of the sentence, or a pronoun right after it)."""
    text, vocab = ctx.text, ctx.vocab
    sentence_start = ctx.span(ctx.locate(number.start))[0]
    lo = max(sentence_start, number.start - 40)
    before = text[lo : number.start]
    cut = max(before.rfind(","), before.rfind(";"))
    words = before[cut + 1 :].lower().split()[-PART_WORDS:]
    after = text[number.end : number.end + 20].lower().split()[:3]
    pronouns = vocab.partitive_pronouns
    if any(tuple(after[: len(p)]) == p for p in pronouns):
        return True
    spaced = " " + " ".join(words) + " "
    return any(f" {p} " in spaced for p in [" ".join(p) for p in pronouns] + list(vocab.inclusions))


def included(ctx: TextContext, start: int) -> bool:
    """True if the figure at ``start`` is named as a part of the one before: "darunter 43"."""
    before = " ".join(ctx.text[max(0, start - 24) : start].lower().split())
    return any(before == word or before.endswith(" " + word) for word in ctx.vocab.inclusions)


def part_at(ctx: TextContext, whole: NumberMatch) -> int | None:
    """Where the part of ``whole`` stands, if it is a partitive whole (see partitive_part); asked
    of one number by several rules, so it is read once."""
    key = ("partitive", whole.start)
    if key not in ctx.cache:
        ctx.cache[key] = partitive_part(ctx.text, whole, ctx.clause(whole)[1], ctx.vocab)
    return ctx.cache[key]


def figure_before(
    ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None], i: int, reach: int | None = None
) -> int | None:
    """The nearest figure before number ``i`` in its sentence (and within ``reach`` characters)
    that counts something."""
    sentence = ctx.locate(numbers[i].start)
    for j in range(i - 1, -1, -1):
        if ctx.locate(numbers[j].start) != sentence:
            return None
        if reach is not None and numbers[i].start - numbers[j].end > reach:
            return None
        if readings[j] is not None and readings[j].counted:
            return j
    return None


def names_a_group(vocab: Vocabulary, noun: str | None) -> bool:
    """True if a noun names particular people or things ("Feuerwehrleute", "Polizisten"), not
    people in general ("Menschen") nor a category's own noun ("Tote")."""
    return bool(noun) and noun.lower() not in vocab.people_in_general and vocab.noun(noun).category is None


def people_among_casualties(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """A count of people named as part of a toll is a toll of that group: in "Unter den 300
    Toten waren 40 Polizisten" the 40 are dead police officers (concept "killed", detail
    "polizist"); the whole's own detail and aspect come first ("sicherheitskräft:polizist")."""
    for whole, reading in enumerate(readings):
        if reading is None or reading.category not in ctx.vocab.casualties:
            continue
        at = part_at(ctx, numbers[whole])
        i = None if at is None else bisect_right(ctx.number_starts, at) - 1
        part = readings[i] if i is not None and i >= 0 and at < numbers[i].end else None
        if part and part.category == "count" and part.from_noun and part.concept and names_a_group(ctx.vocab, part.subject):
            detail = joined(reading.detail, reading.aspect, part.concept, part.detail)
            readings[i] = replace(part, category=reading.category, concept=reading.concept, detail=detail)
        elif part and part.from_noun and part.subject and part.category not in ctx.vocab.casualties \
                and ctx.vocab.noun(part.subject).subgroup:  # "Unter den 300 Toten waren 40 Polizisten"
            detail = joined(reading.detail, reading.aspect, concept_key(part.subject), part.detail)
            readings[i] = replace(part, category=reading.category, concept=reading.concept, detail=detail)


def parts_keep_their_whole(ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None]) -> None:
    """A part with no noun of its own ("13,000 police officers were deployed, 5,000 of them in
    Paris") counts what its whole counts, not what the whole's verb makes of bare people; a
    casualty verb of its own stays ("200 Feuerwehrleute im Einsatz, drei von ihnen verletzt")."""
    vocab = ctx.vocab
    for i, reading in enumerate(readings):
        if reading is None or reading.from_noun or reading.category in vocab.casualties or not named_part(ctx, numbers[i]):
            continue
        whole = figure_before(ctx, numbers, readings, i)
        of = readings[whole] if whole is not None else None
        if of is not None and of.from_noun and vocab.counts_people(of.category) and of.category != reading.category:
            readings[i] = of


def parts_of_wholes(
    ctx: TextContext, numbers: list[NumberMatch], readings: list[Reading | None], actors: list[str | None]
) -> dict[int, tuple[str | None, str | None]]:
    """The figures that count part of a whole in their sentence, each with the detail and aspect
    its claim gets. A part of a whole of its own kind is no rival toll (aspect "part"): "31 Personen
    verletzt, 18 von ihnen im Krankenhaus", "19 Millionen Einwohner, davon ... zwei Millionen in
    Almaty", "Of the 30 people who were injured, five were children", "246 der 350 Toten". A part
    named of a group of other people is that group's ("200 Feuerwehrleute im Einsatz, drei von
    ihnen verletzt": injured firefighters); of people in general it is a toll of its own
    ("10.000 infiziert, von denen 800 starben"). An actor's figure is compared by actor."""
    parts: dict[int, tuple[str | None, str | None]] = {}
    by_kind: dict[tuple, list[int]] = {}
    vocab = ctx.vocab
    for i, reading in enumerate(readings):
        if reading is not None and reading.concept and reading.detail is None and reading.aspect is None \
                and actors[i] is None and vocab.counts_people(reading.category):
            by_kind.setdefault((ctx.locate(numbers[i].start), reading.concept), []).append(i)
    for members in by_kind.values():
        for whole in members if len(members) > 1 else ():
            at = part_at(ctx, numbers[whole])
            parts.update((i, _PART) for i in members if at is not None and numbers[i].start <= at < numbers[i].end)
        for i in members:
            whole = figure_before(ctx, numbers, readings, i)
            if whole is None or i in parts or not named_part(ctx, numbers[i]):
                continue
            of = readings[whole]
            if (of.concept, of.detail, of.aspect) == (readings[i].concept, None, None):
                parts[i] = _PART
            elif of.from_noun and of.concept and names_a_group(vocab, of.subject):
                parts[i] = (joined(of.concept, of.detail), of.aspect)  # injured firefighters
    return parts
