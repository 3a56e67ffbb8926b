"""A group's label: ``deaths: Tote · 2022-01``, the category, what is counted or dated, and the scope."""

from __future__ import annotations

from collections import Counter

from ..models import Claim, full_concept


def group_label(members: list[Claim], scope: str | None, labelled_details=(),
                skips: tuple[frozenset, tuple[str, ...]] = (frozenset(), ())) -> str:
    """``deaths: Tote · 2022-01``: category, the commonest subject that reads as a noun (or the
    concept), scope; ``skips`` are the words and endings of subjects that are no nouns."""
    category = members[0].category  # a group holds claims of one category
    events = sorted({_event_name(c) for c in members if c.concept}) if category == "date" else []
    if events:  # "date: general strike", the same in every language, not "date: streikten"
        what = " / ".join(events)
    else:
        what = _commonest_subject(members, skips) or _first_concept(members)
    details = set()
    if category == "duration":
        details = {_details(c) for c in members if c.concept and (c.detail is not None or c.aspect is not None)}
    if len(details) == 1:  # "duration: rentenalt (Jahre)": what lasted, not only the unit
        detail = details.pop()
        what = f"{detail} ({what})" if what else detail
    for detail in labelled_details:
        # "stieg um 2 Prozent", "18 davon", "drei schwer": kept apart from the level, the whole or the
        # other injured, and said so. An aspect comes after a detail ("polizist", "change").
        if what and all((c.detail if c.aspect is None else c.aspect) == detail for c in members):
            what += f" ({detail})"
    label = f"{category}: {what}" if what else category
    return f"{label} · {scope}" if scope else label


def _details(c: Claim) -> str:
    """A claim's detail and aspect as the label names them: "rentenalt", "rentenalt:change"."""
    return ":".join(d for d in (c.detail, c.aspect) if d is not None)


def _commonest_subject(members: list[Claim], skips: tuple[frozenset, tuple[str, ...]] = (frozenset(), ())) -> str:
    """The commonest subject, a noun first: "Menschen" before "starben" or "ums Leben", "people"
    before "others" or "killed" (German nouns are capitalised; English nouns do not end in -ed)."""
    subjects = Counter(c.subject.strip() for c in members if c.subject and c.subject.strip())
    if not subjects:
        return ""
    nouns = {s: n for s, n in subjects.items() if _noun_like(s, skips)}
    return min((nouns or subjects).items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]


def _noun_like(subject: str, skips: tuple[frozenset, tuple[str, ...]]) -> bool:
    """One word, capitalised (a German noun) or neither a word nor of an ending ``skips`` names."""
    if " " in subject:
        return False
    if subject[:1].isupper():
        return True
    words, endings = skips
    return subject not in words and not subject.endswith(endings)


def _first_concept(members: list[Claim]) -> str:
    concepts = sorted({full_concept(c.concept, c.detail, c.aspect, c.occasion) for c in members if c.concept})
    return concepts[0].replace("_", " ") if concepts else ""


def _event_name(c: Claim) -> str:
    """The event a date claim names, readably: "state of emergency (end)"; the occasion is the
    date itself, not named."""
    name = c.concept.replace("_", " ")
    detail = _details(c)
    return f"{name} ({detail})" if detail else name
