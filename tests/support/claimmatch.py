"""Matching extracted claims against expectations written in the tests' YAML files."""

from __future__ import annotations

CONCEPT_FIELDS = ("detail", "aspect", "occasion")  # what a concept is told apart by


def claim_matches(claim, expected: dict) -> bool:
    """True if every key of ``expected`` equals the claim's field.

    ``contains`` is a piece of the claim's text (case-insensitive); numbers
    compare with a relative tolerance. Naming a ``concept`` names its ``detail``, ``aspect``
    and ``occasion`` too: those not given must be empty ("concept: killed" is no toll of a
    subgroup, no part and no change).
    """
    if "concept" in expected:
        expected = {**dict.fromkeys(CONCEPT_FIELDS), **expected}
    for key, want in expected.items():
        if key == "contains":
            if want.lower() not in claim.text.lower():
                return False
            continue
        have = getattr(claim, key)
        if isinstance(want, (int, float)) and isinstance(have, (int, float)):
            if abs(have - want) > 1e-6 * max(1.0, abs(want)):
                return False
        elif have != want:
            return False
    return True


def describe(claim) -> str:
    return (f"{claim.category} {claim.value!r} {claim.text!r} q={claim.qualifier} scope={claim.scope} "
            f"concept={claim.concept} detail={claim.detail} aspect={claim.aspect} occasion={claim.occasion} "
            f"actor={claim.actor}")
