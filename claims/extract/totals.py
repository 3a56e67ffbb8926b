"""A figure told as the level of a "number of" phrase that opens its clause, however long the
phrase: "The number of people killed in a crush outside a stadium in the city of Ndola rose to
14", "Die Zahl der bei dem Anschlag in der Innenstadt von Lyon getöteten Menschen stieg auf 31".
The phrase's noun, or the casualty verb right after it ("people killed"), says what is counted;
the words between the phrase and the figure are only where and how it happened."""

from __future__ import annotations

from ..lexicon.vocabulary import Vocabulary
from ..models import NumberMatch
from .nouns import TOKEN, number_of_noun_in
from .numbers import is_figure
from .predicates import predicates_near
from .reading import Reading
from .sentences import TextContext

# How far (characters) a "number of" phrase may open the clause before its figure.
TOTAL_REACH = 200
# How many words after the phrase's noun its casualty verb may stand ("people killed").
VERB_WORDS = 3


def number_of_total(ctx: TextContext, number: NumberMatch, clause: tuple[int, int]) -> Reading | None:
    """What a figure counts when it is the level a "number of" phrase rose to or stands at (a
    change target or a level verb right before it), the phrase farther away than other rules look."""
    text, vocab = ctx.text, ctx.vocab
    lo = max(clause[0], number.start - TOTAL_REACH)
    before = [t.group() for t in TOKEN.finditer(text, lo, number.start)]
    if not before or not _level_word(before[-1], vocab):
        return None
    found = None
    for found in vocab.number_of.finditer(text, lo, number.start):
        pass
    if found is None:
        return None
    if any(is_figure(t.group(), vocab.lang) for t in TOKEN.finditer(text, found.end(), number.start)):
        return None  # another figure between: the phrase is that figure's
    noun = number_of_noun_in(text, found.start(), number.start, vocab)
    category = vocab.noun(noun).category if noun else None
    if category is not None:
        return Reading(category.name, category.concept, noun, from_noun=True)
    reach = _words_end(text, found.end(), number.start, noun)
    for hit in predicates_near(ctx, number):
        if found.end() <= hit.start < reach and hit.category.name in vocab.casualties:
            return Reading(hit.category.name, hit.category.concept, noun or hit.phrase)
    return None


def _level_word(word: str, vocab: Vocabulary) -> bool:
    """True for the word right before a level: "to" (rose to), "auf" (stieg auf), "reached"."""
    return word.lower() in vocab.change_targets or vocab.level_verbs.matches(word)


def _words_end(text: str, start: int, end: int, noun: str | None) -> int:
    """Where the casualty verb of a "number of" phrase may end: a few words after its noun."""
    tokens = list(TOKEN.finditer(text, start, end))
    at = next((i for i, t in enumerate(tokens) if t.group() == noun), -1) if noun else -1
    last = min(len(tokens) - 1, at + VERB_WORDS)
    return tokens[last].end() if tokens and last >= 0 else start
