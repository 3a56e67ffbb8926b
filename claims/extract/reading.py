"""What a number counts: the record the classifier writes and the later rules refine."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reading:
    """What a number counts; ``concept``, ``detail`` and ``aspect`` as in ``models.Claim``."""

    category: str
    concept: str | None
    subject: str | None
    unit: str | None = None
    counted: bool = True  # False: not a claim ("Dutzende Male mehr", "zwei Gründe")
    from_noun: bool = False  # read from the counted noun, not only from a verb near it
    factor: float = 1.0  # "zwei Drittel": the number times 100/3 is a percentage
    end: int | None = None  # where the claim ends when a word after the number belongs to it
    detail: str | None = None  # "polizist" in "killed" police officers, "rentenalt" (Rentenalter) for a duration
    aspect: str | None = None  # "change": a change of the level, not the level


def joined(*details: str | None) -> str | None:
    """Details stacked by several rules, in the order they applied: ("change", "polizist") ->
    "change:polizist"; None when there is none."""
    present = [d for d in details if d is not None]
    return ":".join(present) if present else None
