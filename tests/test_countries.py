"""A story's countries and the country of a place (claims/compare/countries.py)."""

from __future__ import annotations

from dataclasses import replace

from claims.compare.countries import countries_named, country_of, home_countries
from tests.support.claimfactory import make_claim


def test_a_country_is_named_by_its_name_genitive_or_adjective_in_both_languages():
    assert countries_named("Beim Hochwasser im Westen Deutschlands starben 42 Menschen.") == {"Germany"}
    assert countries_named("Germany's deadliest flood since 1962.") == {"Germany"}
    assert countries_named("The German flood toll climbs to 133.") == {"Germany"}
    assert countries_named("Die Vereinigte Staaten und Belgien") == {"United States", "Belgium"}
    assert countries_named("Die Polizei in Berlin zählte 40 Festnahmen.") == frozenset()  # a capital is a city


def test_a_place_is_a_country_in_any_spelling_but_a_capital_is_a_city():
    assert country_of("Belgien") == country_of("Belgium") == "Belgium"
    assert country_of("Kabul") is None and country_of("Ahrweiler") is None and country_of(None) is None


def test_the_countries_of_a_story_are_those_its_reports_lead_with():
    def claim(doc, start, sentence):
        return replace(make_claim(doc=doc), sentence=sentence, sentence_start=start)

    claims = [claim("a", 0, "Beim Hochwasser in Deutschland starben 103 Menschen."),
              claim("a", 90, "Auch in Belgien starben 20 Menschen."),
              claim("b", 50, "In Belgium, 27 people died."),
              claim("b", 0, "The death toll from the floods in Germany rose to 133.")]
    assert home_countries(claims) == {"Germany"}
    both = [claim("a", 0, "The earthquake in Turkey and Syria killed 5,000."), claim("b", 0, "In Syria and Turkey 5,100 died.")]
    assert home_countries(both) == {"Turkey", "Syria"}


def test_a_region_is_of_the_country_its_sentence_puts_it_in():
    from claims.compare.countries import region_country

    def where(sentence, place):
        return region_country(replace(make_claim(), sentence=sentence, place=place))

    assert where("Twelve people died in Liège in Belgium.", "Liège") == "Belgium"
    assert where("In Lüttich (Belgien) starben zwölf Menschen.", "Lüttich") == "Belgium"
    assert where("In der französischen Stadt Straßburg starben zwei Menschen.", "Straßburg") == "France"
    assert where("Two died in Seoul, South Korea.", "Seoul") == "South Korea"
    assert where("An earthquake in Morocco's High Atlas killed 2,900.", "Morocco's High Atlas") == "Morocco"
    assert where("In Ahrweiler starben 60 Menschen, in Belgien 20.", "Ahrweiler") is None  # another clause's country
    assert where("Im Kreis Ahrweiler starben 60 Menschen.", "Ahrweiler") is None  # no gazetteer
