"""Issue 16: source lines, places, subgroups and people nouns in the comparison (unit level)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claims import extract_claims
from claims.compare import compare_group, group_claims
from claims.compare.sources import source_line
from tests.support.claimfactory import make_claim


@pytest.mark.parametrize("attribution, line, label", [
    ("according to the health ministry", "official", "official (ministry)"),
    ("nach Polizeiangaben", "official", "official (police)"),
    ("said the regional governor", "official", "official (governor)"),
    ("offiziell", "official", "official (government)"),
    ("According to the Lake Kivu Observatory", "monitor", "independent monitor"),
    ("laut Amnesty International", "monitor", "independent monitor (rights group)"),
    ("laut Medienberichten", "media", "media (press)"),
    ("witnesses said", "witness", "witness"),
    ("vermutlich", "outlet", "outlet"),
    (None, "outlet", "outlet"),
    ("laut Gsell", "other", "other source"),
    ("the mine's operator said", "company", "company"),
    ("Die Betreiberfirma sprach am Mittwoch von", "company", "company"),
    ("a company spokesman said", "company", "company"),
    ("teilte die Weltgesundheitsorganisation mit", "monitor", "independent monitor (relief agency)"),
    ("the World Health Organization said", "monitor", "independent monitor (relief agency)"),
    ("nach Angaben der Organisatoren", "witness", "witness (organisers)"),
    # a state's disaster agency is an official body; "agency" alone names no news agency
    ("the disaster agency AFAD said", "official", "official (emergency service)"),
    ("the National Disaster Management Authority said", "official", "official (emergency service)"),
    ("state news agency Anadolu reported", "media", "media (news agency)"),
    ("the space agency said", "other", "other source"),
])
def test_source_lines(attribution, line, label):
    found = source_line(attribution)
    assert (found.line, found.label) == (line, label)


def test_the_outlet_stands_for_an_unattributed_figure():
    assert source_line(None, outlet="Ministry of Health").line == "official"
    assert source_line(None, outlet="Global Wire").line == "outlet"


@pytest.mark.parametrize("text, lang, place", [
    ("In Afghanistan, at least 115 people were killed.", "en", "Afghanistan"),
    ("103 people died in Almaty.", "en", "Almaty"),
    ("In the province of Galati, nine people died.", "en", "Galati"),
    ("Five people were killed in Galati county on Thursday.", "en", "Galati"),
    ("19 people died when a ferry capsized on Lake Kivu.", "en", None),
    ("Im Gebiet Mangystau kamen zwölf Menschen ums Leben.", "de", "Mangystau"),
    ("Im Krankenhaus von Tecuci starben zwei Menschen.", "de", "Tecuci (Krankenhaus)"),
    ("Drei Menschen kamen in Haft.", "de", None),
    ("In der Nacht wurden über 300 Polizeiautos in Brand gesetzt.", "de", None),  # an idiom, no place
    ("Die Demonstranten setzten in Almaty 40 Autos in Brand.", "de", "Almaty"),
    ("Im Kreis Galați starben 40 Menschen, im benachbarten Kreis Vaslui zwölf.", "de", ["Galați", "Vaslui"]),
    ("In der Kleinstadt Tecuci, wo der Fluss einen Deich durchbrach, kamen 22 Menschen ums Leben.", "de", "Tecuci"),
    ("Die Behörden in Rumänien meldeten landesweit 126 Tote.", "de", None),
    ("Bei der Explosion im Osloer Regierungsviertel starben acht Menschen und auf der Insel Utøya 68.", "de",
     ["Osloer Regierungsviertel", "Utøya"]),
    ("Im Kreiskrankenhaus von Galați wurden 57 Verletzte aufgenommen.", "de", "Galați (Kreiskrankenhaus)"),
    ("Das Haus wurde in Mitleidenschaft gezogen, drei Menschen wurden verletzt.", "de", None),
    ("Bei einem Anschlag in Nairobi Ende Mai wurden mehr als 30 Menschen verletzt.", "de", "Nairobi"),
    ("Nach Angaben der Behörden kamen in der Hauptstadt Kinshasa 12 Menschen ums Leben.", "de", "Kinshasa"),
])
def test_places(text, lang, place):
    claims = [c for c in extract_claims(text, lang=lang, doc_date="2024-03-14") if c.kind == "number"]
    assert [c.place for c in claims] == (place if isinstance(place, list) else [place])


def test_a_figure_joined_by_and_shares_the_place():
    claims = extract_claims("In the clashes in Belgrade, 23 officers and 24 others were injured.", lang="en")
    assert [c.place for c in claims] == ["Belgrade", "Belgrade"]


def _said(claim, attribution, **kw):
    return replace(claim, attribution=attribution, **kw)


def test_rising_official_series_of_one_day_is_an_update():
    a = _said(make_claim(doc="a", value=19.0, as_of="2024-03-12", scope="2024-03"), "police said")
    b = _said(make_claim(doc="b", value=23.0, as_of="2024-03-12", scope="2024-03"), "said the governor")
    assert compare_group([a, b])[0] == "update"
    # the same two figures in the outlets' own voices, on one day, still conflict
    assert compare_group([replace(a, attribution=None), replace(b, attribution=None)])[0] == "conflict"


def test_monitor_against_ministry_of_the_same_day_is_a_conflict_named_by_sources():
    a = _said(make_claim(doc="a", value=52.0, as_of="2024-03-14", scope="2024-03"), "the ministry said")
    b = _said(make_claim(doc="a", value=71.0, as_of="2024-03-14", scope="2024-03"), "according to the observatory")
    status, why = compare_group([a, b])
    assert status == "conflict" and why.startswith("official (ministry) 52 vs independent monitor 71, reported 14 March 2024")


def test_the_missing_may_fall():
    a = make_claim(doc="a", category="count", concept="missing", value=181.0, as_of="2024-03-12", scope="2024-03")
    b = make_claim(doc="b", category="count", concept="missing", value=9.0, as_of="2024-03-15", scope="2024-03")
    assert compare_group([a, b])[0] == "update"


def test_a_plain_count_changes_both_ways_between_reports_but_conflicts_on_one_day():
    forty = replace(make_claim(doc="a", category="count", concept="diver", value=40.0, as_of="2024-03-12",
                               scope="2024-03"), attribution="the governor said")
    ten = replace(make_claim(doc="b", category="count", concept="diver", value=10.0, as_of="2024-03-15",
                             scope="2024-03"), attribution="the organisers said")
    assert compare_group([forty, ten])[0] == "update"  # the search was scaled back
    assert compare_group([forty, replace(ten, as_of="2024-03-12")])[0] == "conflict"  # one day, two sources


def test_a_regional_part_is_no_rival_but_cannot_exceed_the_total():
    total = make_claim(doc="a", value=25.0)
    own_total = make_claim(doc="b", value=30.0)  # a report with a breakdown: 30 dead, 9 in Galati
    part = replace(make_claim(doc="b", value=9.0), place="Galati")
    status, why = compare_group([total, part, own_total])
    assert status == "conflict" and why.startswith("25 vs 30")  # the totals disagree, the part is no rival
    assert compare_group([total, replace(own_total, value=25.0, value_low=25.0, value_high=25.0), part])[0] == "agree"
    above = replace(make_claim(doc="c", value=40.0), place="Vaslui")  # two places: a breakdown by place
    assert compare_group([total, part, above])[0] == "conflict"


def test_the_place_of_a_lone_toll_is_the_events():
    # "Bei einem Brand in Monastir starben 40 Menschen" against "45 Tote": one toll, one place
    here = replace(make_claim(doc="a", value=40.0), place="Monastir")
    assert compare_group([here, make_claim(doc="b", value=45.0)])[0] == "conflict"


def test_regional_parts_are_summed_against_the_total():
    total = make_claim(doc="a", value=25.0)
    parts = [replace(make_claim(doc="b", value=v), place=p) for v, p in ((20.0, "Galati"), (9.0, "Vaslui"))]
    status, why = compare_group([total, *parts])
    assert status == "sum_conflict" and why.startswith("Galati 20 + Vaslui 9 = 29 vs 25")


def test_pilgrims_and_people_are_one_toll():
    people = make_claim(doc="a", value=769.0, subject="people")
    pilgrims = make_claim(doc="b", value=769.0, subject="pilgrims", detail="pilgrim")
    groups = group_claims([people, pilgrims])
    assert len(groups) == 1 and groups[0].status == "agree"


def test_two_places_of_one_attack_sum_to_the_national_toll():
    # Oslo's 8 and Utøya's 68 beside the national 76: parts summed, no conflict
    national = make_claim(doc="a", value=76.0)
    oslo = replace(make_claim(doc="b", value=8.0), place="Osloer Regierungsviertel")
    island = replace(make_claim(doc="b", value=68.0), place="Utøya")
    status, why = compare_group([national, oslo, island])
    assert status == "sum_agree" and why.startswith("Osloer Regierungsviertel 8 + Utøya 68 = 76 vs 76")


def test_subgroups_sum_against_a_total():
    groups = group_claims([c for t, d, lang in (
        ("In the clashes, 23 officers and 24 others were injured.", "a", "en"),
        ("Bei den Zusammenstößen wurden 47 Menschen verletzt.", "b", "de"))
        for c in (replace(x, doc=d, as_of="2024-05-20") for x in extract_claims(t, lang=lang, doc_date="2024-05-20"))])
    injured = [g for g in groups if g.status != "single"]
    assert [(g.status, g.explanation.split(" (")[0]) for g in injured] == [("sum_agree", "23 + 24 = 47 vs 47")]
    # the named subgroup is shown under the total it adds up to, not as a group of its own
    assert len(groups) == 1 and len(groups[0].claim_ids) == 3


def test_an_unattributed_figure_takes_the_line_of_its_outlet():
    ministry = make_claim(doc="press-release", value=52.0, as_of="2024-03-14", scope="2024-03")
    monitor = _said(make_claim(doc="b", value=71.0, as_of="2024-03-14", scope="2024-03"), "the observatory said")
    [group] = group_claims([ministry, monitor], outlets={"press-release": "Ministry of Health"})
    assert group.status == "conflict" and group.explanation.startswith("official (ministry) 52 vs independent monitor 71")
    [group] = group_claims([ministry, monitor])
    assert group.explanation.startswith("52 vs independent monitor 71")


@pytest.mark.parametrize("values", [(19, 23, 38, 52, 61), (5, 5, 9), (100, 120, 120, 300)])
def test_a_rising_official_series_never_conflicts(values):
    days = ["2024-03-12", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15"]
    claims = [_said(make_claim(doc=f"d{i}", value=float(v), as_of=days[i], scope="2024-03"), "the ministry said")
              for i, v in enumerate(values)]
    status = compare_group(claims)[0]
    assert status in ("update", "agree")
    # ... but a fall of the series conflicts, where the category only grows
    fallen = [*claims, _said(make_claim(doc="late", value=float(values[0]) - 1, as_of="2024-03-20", scope="2024-03"),
                             "the ministry said")]
    assert compare_group(fallen)[0] == "conflict"
