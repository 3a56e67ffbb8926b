"""Figures of people that are one toll, and subgroups that add up to one.

"769 people" and "769 pilgrims" killed are one toll: a detail that names people in general
for a fate (``people_nouns`` in grouping.yaml: pilgrims, victims, passengers ...) is no
subgroup, so the two meet in one group. "23 officers and 24 others were injured" names two
subgroups of one toll: the rest ("24 others": ``remainder_words``) is summed with the subgroups
named beside it in its sentence (same concept, a detail), and the sum is compared with the
totals of other reports, like troop contingents. The perpetrators killed ("drei Angreifer", "die
drei Täter", "the three attackers", "two gunmen") are one subgroup whatever noun a report uses
(``perpetrator_nouns``): they meet each other and never the victims' toll.
"""

from __future__ import annotations

from ..models import Claim


def general_details(config: dict) -> tuple[frozenset, tuple[str, ...]]:
    """(the categories of fates, the stems of nouns of people in general) from ``grouping.yaml``."""
    return frozenset(config.get("people_categories", ())), tuple(config.get("people_nouns", ()))


PERPETRATORS = "perpetrators"  # the detail of every perpetrators' figure


def perpetrator_stems(config: dict) -> tuple[str, ...]:
    """The stems of nouns of an attack's perpetrators (``perpetrator_nouns`` in grouping.yaml)."""
    return tuple(config.get("perpetrator_nouns", ()))


def is_general(detail: str, stems: tuple[str, ...]) -> bool:
    """True when a detail ("pilgrim", "hindupilg", "passagier") names people in general."""
    return any(detail.startswith(stem) or detail.endswith(stem) for stem in stems)


class Subgroups:
    """Collects, while claims are keyed, the rest of a toll and the subgroups named with it."""

    def __init__(self, remainder_words: frozenset, categories: frozenset = frozenset()):
        self.words = remainder_words
        self.categories = categories  # the fates whose tolls have subgroups
        self.rest: list[Claim] = []
        self.named: dict[tuple, list[Claim]] = {}

    def see(self, claim: Claim, detail: str | None) -> None:
        if claim.category not in self.categories or claim.aspect is not None or claim.kind != "number":
            return
        key = (claim.doc, claim.sentence_start, claim.category, claim.concept)
        if detail is not None:
            self.named.setdefault(key, []).append(claim)
        elif self._is_rest(claim):
            self.rest.append(claim)

    def _is_rest(self, claim: Claim) -> bool:
        subject = (claim.subject or "").casefold()
        if subject in self.words:
            return True
        after = claim.sentence[claim.end - claim.sentence_start :].split()[:1]
        return bool(after) and after[0].casefold().strip(",.") in self.words

    def parts(self) -> dict[str, list[Claim]]:
        """claim id of each rest -> the subgroups named in its sentence (rests with none are left out)."""
        found = {}
        for claim in self.rest:
            named = self.named.get((claim.doc, claim.sentence_start, claim.category, claim.concept))
            if named:
                found[claim.claim_id] = [c for c in named if c.start < claim.start]
        return {k: v for k, v in found.items() if v}
