"""Category predicates: the verbs and phrases that tell what happened to the counted
("16 Menschen ... ermordet", "nahm ... 1.200 Demonstranten fest"), found once per sentence
and matched to the number nearest them in its clause."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..lexicon.vocabulary import Vocabulary, vocabulary
from ..models import NumberMatch
from .ages import ages_blanked
from .nouns import CONJUNCTIONS, TOKEN
from .numbers import is_figure
from .parts import part_between
from .sentences import TextContext

# How far (in characters) a predicate may stand from the number it explains.
PREDICATE_REACH = 90


@dataclass(frozen=True, slots=True)
class PredicateHit:
    start: int
    end: int
    category: object  # vocabulary.Category
    phrase: str
    after_figure: int | None = None  # the end of a figure right before the phrase, if any ("300 Festgenommene")


def find_predicates(text: str, span: tuple[int, int], vocab: Vocabulary) -> list[PredicateHit]:
    """Every category predicate in a sentence, found in one scan (shared by its numbers)."""
    hits = []
    for found in vocab.predicates.finditer(text, *span):
        phrase = " ".join(found.group().split())
        category = next((c for c in vocab.categories if c.predicates.matches(phrase)), None)
        if category is not None:
            hits.append(PredicateHit(found.start(), found.end(), category, found.group()))
    return hits


def predicates_near(ctx: TextContext, number: NumberMatch) -> list[PredicateHit]:
    """The predicates of the number's sentence, found once per sentence, each marked with the
    figure right before it if one stands there (see owned_by_figures)."""
    return ctx.per_sentence("predicates", ctx.locate(number.start), lambda text, span, vocab: owned_by_figures(
        text, find_predicates(text, span, vocab), ctx.number_ends))


def owned_by_figures(text: str, hits: list[PredicateHit], figure_ends: set[int]) -> list[PredicateHit]:
    """``hits`` with ``after_figure`` set where one of the figures ending at ``figure_ends``
    stands right before a hit, only spaces between."""
    owned = []
    for hit in hits:
        end = hit.start
        while end > 0 and text[end - 1] == " ":
            end -= 1
        owned.append(replace(hit, after_figure=end) if end != hit.start and end in figure_ends else hit)
    return owned


def nearest_predicate(text: str, number: NumberMatch, clause: tuple[int, int], hits: list[PredicateHit], lang: str):
    """(distance, category, phrase, end) of the predicate nearest the number in its clause, or None."""
    lo = max(clause[0], number.start - PREDICATE_REACH)
    hi = min(clause[1], number.end + PREDICATE_REACH)
    best = None
    for hit in hits:
        if hit.start < lo or hit.end > hi or number.start <= hit.start < number.end:
            continue
        if hit.after_figure is not None and hit.after_figure != number.end:
            continue  # "Von den 300 Festgenommenen wurden 20 verurteilt": the 300's word, not the 20's
        if hit.start < number.start and hit.end >= number.end:
            if _figure_within(text, number.end, hit.end, lang):
                continue  # "kostete der Einsturz von zwei Häusern sechs Menschen das Leben": the last figure's
            distance = 0  # a split verb around the number: "nahm ... 1.200 Demonstranten fest"
        elif hit.start >= number.end:
            if "," in text[number.end : hit.start] and _object_follows(text, hit.end, lang):
                continue  # "A bus carrying 40 pilgrims crashed, killing 12": the verb's object is the 12
            penalty = crossing_penalty(text, number.end, hit.start, lang)
            distance = None if penalty is None else hit.start - number.end + penalty
        else:
            penalty = crossing_penalty(text, hit.end, number.start, lang, verb_first=True)
            distance = None if penalty is None else number.start - hit.end + penalty
        if distance is None:
            continue
        if best is None or _nearer(distance, hit.category.state, best[0], best[1].state):
            best = (distance, hit.category, hit.phrase, hit.end)
    if best is not None and _either(text, best, hits):
        return None  # "2,000 people have died or gone missing": neither category alone
    return best


def _nearer(distance: int, state: bool, best_distance: int, best_state: bool) -> bool:
    """A verb of an event beats a state at any distance ("All six on board were killed"), else the nearer wins."""
    return not state if state != best_state else distance < best_distance


_OR = re.compile(r"\s+(?:or|oder)\s+(?:[^\W\d_]+\s+)?", re.IGNORECASE)


def _either(text: str, best, hits: list[PredicateHit]) -> bool:
    """True if the predicate of ``best`` is one of two of different categories joined by "or"."""
    return any(hit.category.name != best[1].name and _OR.fullmatch(text, best[3], hit.start) for hit in hits
               if hit.start > best[3])


def crossing_penalty(text: str, lo: int, hi: int, lang: str, verb_first: bool = False) -> int | None:
    """How much farther a predicate counts when something stands between it and the number.

    Across a conjunction and another number it is that number's ('100.000 gestoßen und
    drei Personen festgenommen'): None, it does not apply; unless the conjunction only joins
    two counted nouns ('Fünf Polizisten und zwei Soldaten wurden getötet'). Across a conjunction or a comma
    alone it applies only when nothing nearer does ('35 getötet und 120 weitere verletzt',
    '16 Menschen von Polizisten oder Schlägern ermordet', '30 getötet, darunter fünf Polizisten').
    """
    between = ages_blanked(text, lo, hi, lang)
    tokens = [t.group() for t in TOKEN.finditer(between)]
    if _other_clause(tokens, verb_first, lang):
        return None
    if verb_first and any(t == "," and n.lower() in vocabulary(lang).relative_pronouns for t, n in zip(tokens, tokens[1:])):
        return None  # "60,000 people had gathered at the stadium, which holds about 49,800": the clause's own
    first = next((i for i, t in enumerate(tokens) if t.lower() in CONJUNCTIONS), None)
    if first is not None:
        if any(is_figure(t, lang) for t in tokens) and not _coordinated(tokens, first, lang) \
                and not _severities_joined(tokens, first, lang) and not _listed(tokens, verb_first, lang):
            return None
        return PREDICATE_REACH
    if part_between(tokens, vocabulary(lang)):
        return None  # "200 im Einsatz, drei von ihnen verletzt": the verb is the part's
    if "," in tokens:
        after = len(tokens) - tokens[::-1].index(",")
        # "5,000 protesters, 40 were arrested", "17 survivors ..., but more than 200 people remain
        # missing": the verb is the figure's after the comma
        figure_after = after < len(tokens) and (is_figure(tokens[after], lang) or not verb_first and any(
            is_figure(t, lang) and not (t.isdigit() and len(t) == 4) for t in tokens[after + 1 :]))  # no year
        if figure_after and not _gapped(tokens[: after - 1], lang):
            return None
    return PREDICATE_REACH if "," in between else 0


def _object_follows(text: str, end: int, lang: str) -> bool:
    """True if a figure stands right after the verb ending at ``end``: its object."""
    following = TOKEN.search(text, end, end + 30)
    return following is not None and not text[end : following.start()].strip() and is_figure(following.group(), lang)


def _figure_within(text: str, lo: int, hi: int, lang: str) -> bool:
    """True if a figure stands between ``lo`` and ``hi`` with no conjunction before it (a split verb
    around two figures is the second's, unless they are joined: "nahm 40 Demonstranten und 12 ... fest")."""
    for token in TOKEN.finditer(ages_blanked(text, lo, hi, lang)):
        word = token.group()
        if word.lower() in CONJUNCTIONS:
            return False
        if is_figure(word, lang):
            return True
    return False


def _other_clause(tokens: list[str], verb_first: bool, lang: str) -> bool:
    """True if a comma or conjunction among ``tokens`` opens a clause of its own (a finite verb
    after it), which the verb does not cross: "had died, and survivors said the vessel was carrying
    over [250]" (verb first); "[250] passengers were on board, and survivors said many had died"
    (figure first, whose clause has a verb of its own). "starben, wie die Behörden mitteilten, [12]":
    a clause closed by a comma right before the figure is a parenthesis."""
    breaks = [i for i, t in enumerate(tokens) if t == "," or t.lower() in CONJUNCTIONS]
    if not breaks:
        return False
    vocab = vocabulary(lang)
    opening = " ".join(t.lower() for t in tokens[breaks[0] + 1 : breaks[0] + 3])
    parts = [" ".join(p) for p in vocab.partitive_pronouns] + list(vocab.inclusions)
    if any(opening == p or opening.startswith(p + " ") for p in parts):
        return False  # "34 verletzt, davon waren noch sechs in Lebensgefahr": a part of the figure's whole
    finite = vocab.finite_verbs
    after = any(finite.matches(t) for t in tokens[breaks[0] + 1 :])
    if verb_first:
        return after and tokens[-1] != ","
    return after and any(finite.matches(t) for t in tokens[: breaks[0]])


def shares_verb(text: str, lo: int, hi: int, lang: str) -> bool:
    """True if the text between a phrase ending at ``lo`` and a verb at ``hi`` is a clause that
    left its verb out, then a comma: "[Eine junge Frau] wurde leicht, ein Mann schwer [verletzt]"."""
    tokens = [t.group() for t in TOKEN.finditer(text, lo, hi)]
    return "," in tokens and _gapped(tokens[: tokens.index(",")], lang)


def _gapped(tokens: list[str], lang: str) -> bool:
    """True if the clause in ``tokens`` left its verb out: an auxiliary, then an adverb at its end
    ("Eine junge Frau wurde leicht, [ein Mann schwer verletzt]")."""
    auxiliaries = vocabulary(lang).auxiliaries
    return len(tokens) >= 2 and tokens[-1].isalpha() and tokens[-1].islower() and any(
        t.lower() in auxiliaries for t in tokens[:-1]
    )


def _severities_joined(tokens: list[str], first: int, lang: str) -> bool:
    """True if the clause before the conjunction (at ``first``) left its verb out after a severity
    of injury, which the next figure's verb is shared with: "Zwei wurden schwer und [drei leicht
    verletzt]", "wurden zwölf Menschen leicht und [drei schwer verletzt]"."""
    return first > 0 and tokens[first - 1].lower() in vocabulary(lang).injury_severities


def _listed(tokens: list[str], verb_first: bool, lang: str) -> bool:
    """True if the tokens between a number and a predicate are a list of counted nouns that share
    the verb: "[Two] children, three women and six men were among the deceased" (number first: each
    member a figure and a noun, a conjunction before the last), "Festgenommen wurden 2.745 Richter
    und Staatsanwälte sowie [650]" (verb first: after the last figure only nouns, then a conjunction)."""
    vocab = vocabulary(lang)
    separators = [i for i, t in enumerate(tokens) if t == "," or t.lower() in CONJUNCTIONS]
    if not separators or not any(tokens[i].lower() in CONJUNCTIONS for i in separators):
        return False
    if verb_first:
        figures = [i for i, t in enumerate(tokens) if is_figure(t, lang)]
        tail = tokens[figures[-1] + 1 :] if figures else []
        return 0 < len(tail) <= 6 and tail[-1].lower() in CONJUNCTIONS and all(
            t == "," or t.lower() in CONJUNCTIONS or _is_noun(t, vocab) for t in tail)
    bounds = [-1, *separators]
    for k, (lo, hi) in enumerate(zip(bounds, separators)):
        member = tokens[lo + 1 : hi]
        if k and (not member or not is_figure(member[0], lang)):
            return False  # "children, three women": each later member opens with its figure
        words = member[1:] if k else member
        if not 0 < len(words) <= 2 or not _is_noun(words[-1], vocab):
            return False
    last = tokens[separators[-1] + 1 :]
    return len(last) >= 2 and is_figure(last[0], lang)


def _is_noun(word: str, vocab) -> bool:
    """A noun of a list member: capitalised where nouns are, else a noun of people or a category."""
    if not word.isalpha():
        return False
    if vocab.nouns_capitalised:
        return word[0].isupper()
    noun = vocab.noun(word)
    return noun.person or noun.subgroup or noun.category is not None


def _coordinated(tokens: list[str], first: int, lang: str) -> bool:
    """True if the tokens between a number and a predicate only join two counted nouns (the
    conjunction at ``first``), which share the verb: "Fünf Polizisten und [zwei Soldaten wurden
    getötet]" (number first), "arrested [40 protesters and] 12 rioters" (verb first)."""
    before = tokens[:first]
    if first == len(tokens) - 1 and before and is_figure(before[0], lang):
        before = before[1:]  # verb first: the other figure and its noun, then the conjunction
    if not 0 < len(before) <= 2 or not all(t.isalpha() and not is_figure(t, lang) for t in before):
        return False
    noun = vocabulary(lang).noun(before[-1])  # people, not a verb: "100.000 gestoßen und drei ..."
    return noun.person or noun.subgroup or noun.category is not None


def among_predicate(ctx: TextContext, number: NumberMatch, clause: tuple[int, int]):
    """The category of an "among" phrase opening the number's clause before it ("Unter den
    Vermissten sind ... neun Argentinier", "Among the dead were two Argentines"): who is among
    the missing or the dead are people, whatever noun names them; None when there is none or
    another figure stands between."""
    vocab = ctx.vocab
    best = None
    for hit in predicates_near(ctx, number):
        if hit.start < clause[0] or hit.end > number.start or not vocab.counts_people(hit.category.name):
            continue
        phrase = " ".join(hit.phrase.lower().split())
        before = " ".join(ctx.text[max(clause[0], hit.start - 12) : hit.start].lower().split())
        if any(phrase.startswith(o + " ") or before.endswith(o) for o in vocab.partitive_openers if " " in o) \
                and not any(hit.end <= s < number.start for s in ctx.number_starts):
            best = hit.category
    return best
