"""A group's label: ``deaths: Tote · 2022-01``, the category, what is counted or dated, and the scope."""

from __future__ import annotations

from collections import Counter

from ..models import Claim, full_concept


def group_label(members: list[Claim], scope: str | None, labelled_details=()) -> str:
    """``deaths: Tote · 2022-01``: category, the commonest subject (or the concept), scope."""
    category = members[0].category  # a group holds claims of one category
    events = sorted({_event_name(c) for c in members if c.concept}) if category == "date" else []
    if events:  # "date: general strike", the same in every language, not "date: streikten"
        what = " / ".join(events)
    else:
        what = _commonest_subject(members) or _first_concept(members)
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


def _commonest_subject(members: list[Claim]) -> str:
    subjects = Counter(c.subject.strip() for c in members if c.subject and c.subject.strip())
    return min(subjects.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] if subjects else ""


def _first_concept(members: list[Claim]) -> str:
    concepts = sorted({full_concept(c.concept, c.detail, c.aspect, c.occasion) for c in members if c.concept})
    return concepts[0].replace("_", " ") if concepts else ""


def _event_name(c: Claim) -> str:
    """The event a date claim names, readably: "state of emergency (end)"; the occasion is the
    date itself, not named."""
    name = c.concept.replace("_", " ")
    detail = _details(c)
    return f"{name} ({detail})" if detail else name
