"""Build Claims for tests of grouping, comparison, queries and views."""

from __future__ import annotations

from claims.models import Claim, claim_id_for

_counter = iter(range(10**9))


def make_claim(
    doc: str = "001",
    category: str = "deaths",
    value=10.0,
    low="same",
    high="same",
    qualifier: str = "exact",
    concept: str | None = "killed",
    subject: str | None = "Tote",
    scope: str | None = "2022-01",
    as_of: str | None = "2022-01-10",
    actor: str | None = None,
    unit: str | None = None,
    text: str | None = None,
    kind: str | None = None,
    start: int | None = None,
    detail: str | None = None,
    aspect: str | None = None,
    occasion: str | None = None,
) -> Claim:
    """A claim with sensible defaults; ``low``/``high`` default to the value."""
    start = next(_counter) * 10 if start is None else start
    text = text or str(value)
    return Claim(
        claim_id=claim_id_for(doc, start, start + len(text)),
        doc=doc,
        category=category,
        value=value,
        value_low=value if low == "same" else low,
        value_high=value if high == "same" else high,
        unit=unit,
        qualifier=qualifier,
        text=text,
        start=start,
        end=start + len(text),
        sentence=f"Satz mit {text} {subject or ''}.",
        subject=subject,
        scope=scope,
        actor=actor,
        kind=kind or ("date" if isinstance(value, str) else "number"),
        as_of=as_of,
        concept=concept,
        detail=detail,
        aspect=aspect,
        occasion=occasion,
    )


# --- a small store shaped like the seeds (001-004), independent of extraction ---

SEEDLIKE = {
    # doc: (publication date, outlet, [(category, concept, subject, text, value, low, high, qualifier,
    #                                    scope, unit, actor)])
    "001_a7fabe593c59c93f": ("2022-01-07", "marxist.com", [
        ("injuries", "injured", "Verletzten", "Hunderte", 200.0, 200.0, 999.0, "vague", "2022-01", None, None),
        ("arrests", "arrested", "Verhaftungen", "Tausende", 1000.0, 1000.0, 9999.0, "vague", "2022-01", None, None),
        ("date", "general_strike", "Generalstreik", "am 3. Januar", "2022-01-03", None, None, "exact", "2022-01",
         None, None),
        ("date", "crackdown", "niederzuschlagen", "am 6. Januar", "2022-01-06", None, None, "exact", "2022-01",
         None, None),
        ("percentage", "wage_increase", "Lohnerhöhung", "100-prozentigen", 100.0, 100.0, 100.0, "exact",
         "2022-01", "%", None),
    ]),
    "002_f61707a3f1d0999d": ("2022-01-11", "mlpd.de", [
        ("arrests", "arrested", "Verhaftete", "10.000", 10000.0, 10000.0, 10000.0, "exact", "2022-01", None, None),
        ("injuries", "injured", "Verletzte", "mindestens 2200", 2200.0, 2200.0, None, "at_least", "2022-01",
         None, None),
        ("deaths", "killed", "Tote", "weit über 160", 160.0, 160.0, None, "more_than", "2022-01", None, None),
        ("troops", "soldiers", "Soldaten", "4000", 4000.0, 4000.0, 4000.0, "exact", "2022-01", None, "ODKB"),
    ]),
    "003_fdef368ba31d4be8": ("2022-01", None, [
        ("population", "inhabitants", "Einwohnern", "12 Millionen", 12e6, 12e6, 12e6, "exact", "2022-01", None,
         None),
        ("deaths", "killed", "Arbeitern", "offiziell 14", 14.0, 14.0, 14.0, "exact", "2011", None, None),
        ("protesters", "protesters", "Menschen", "Tausende", 1000.0, 1000.0, 9999.0, "vague", "2022-01", None,
         None),
    ]),
    "004_99f585cc6e7d65d5": ("2022-01-10", "linkswende.org", [
        ("population", "inhabitants", "Menschen", "19 Millionen", 19e6, 19e6, 19e6, "exact", "2022-01", None,
         None),
        ("deaths", "killed", "Menschen", "16", 16.0, 16.0, 16.0, "exact", "2011", None, None),
        ("deaths", "killed", "Toter", "hunderter", 100.0, 100.0, 999.0, "vague", "2022-01", None, None),
        ("arrests", "arrested", "Verhaftungen", "tausender", 1000.0, 1000.0, 9999.0, "vague", "2022-01", None,
         None),
        ("date", "general_strike", "Generalstreik", "am Montag dem 3. Jänner", "2022-01-03", None, None, "exact",
         "2022-01", None, None),
        ("date", "crackdown", "niederzuschlagen", "am 6. Jänner", "2022-01-06", None, None, "exact", "2022-01",
         None, None),
        ("percentage", "wage_increase", "Lohnerhöhung", "hundertprozentige", 100.0, 100.0, 100.0, "exact",
         "2022-01", "%", None),
        ("troops", "soldiers", "Soldaten", "3.000", 3000.0, 3000.0, 3000.0, "exact", "2022-01", None, "Russland"),
        ("troops", "soldiers", "Soldaten", "500", 500.0, 500.0, 500.0, "exact", "2022-01", None, "Weißrussland"),
        ("troops", "soldiers", "Soldaten", "200", 200.0, 200.0, 200.0, "exact", "2022-01", None, "Tadschikistan"),
        ("troops", "soldiers", "Soldaten", "70", 70.0, 70.0, 70.0, "exact", "2022-01", None, "Armenien"),
    ]),
}


def seedlike_documents():
    """(Document, claims) pairs whose claim offsets index the document text. Their texts are too
    short to tell their story, so they declare it, as front matter ``story:`` would."""
    from claims.models import Document

    for doc_id, (date, outlet, specs) in SEEDLIKE.items():
        text, claims = "", []
        for cat, concept, subject, surface, value, low, high, q, scope, unit, actor in specs:
            start = len(text)
            sentence = f"{surface} {subject}."
            text += sentence + " "
            claims.append(make_claim(
                doc=doc_id, category=cat, value=value, low=low, high=high, qualifier=q, concept=concept,
                subject=subject, scope=scope, as_of=date, actor=actor, unit=unit, text=surface, start=start,
            ))
        claims = [c.__class__(**{**_fields(c), "sentence": f"{c.text} {c.subject}.", "sentence_start": c.start})
                  for c in claims]
        yield Document(doc_id=doc_id, path=f"seeds/{doc_id}.txt", text=text, content_hash=doc_id,
                       source=outlet, date=date, date_precision="day" if len(date) == 10 else "month",
                       story="kazakhstan-2022"), claims


def _fields(claim):
    return {name: getattr(claim, name) for name in claim.__slots__}


def seedlike_store(path):
    """A Store at ``path`` holding the seed-like documents, grouped."""
    from claims.compare import regroup
    from claims.store import Store

    store = Store(path)
    for doc, claims in seedlike_documents():
        store.replace_document(doc, claims)
    regroup(store)
    return store
