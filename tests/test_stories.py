"""Stories (issue 16): which documents tell of one event, their ids, and the commands that use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from claims.documents import assign_ids, read_document, unique_tail
from claims.models import Document
from claims.stories import (
    bridge_concept,
    date_bounds,
    declared_id,
    detect_stories,
    document_terms,
    name_key,
    settings,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _folder_documents(folder: Path) -> list[Document]:
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        doc = read_document(path)
        docs.append(Document(**{**{f: getattr(doc, f) for f in doc.__slots__},
                                "doc_id": str(path.relative_to(folder).with_suffix(""))}))
    return docs


@pytest.mark.parametrize("name", ["mixed", "english_events", "german_events"])
def test_no_story_of_a_fixture_mixes_two_true_stories(name):
    folder = FIXTURES / name
    truth = {path[:-4]: doc["story"] for path, doc in
             yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))["documents"].items()}
    stories = detect_stories(_folder_documents(folder))
    assert sorted(d for s in stories for d in s.doc_ids) == sorted(truth)  # every document in exactly one
    for story in stories:
        assert len({truth[d] for d in story.doc_ids}) == 1, (story.label, story.doc_ids)
    largest = {t: max(sum(truth[d] == t for d in s.doc_ids) for s in stories) for t in set(truth.values())}
    if name == "english_events":  # two English events, each found whole
        assert largest == {"S": 5, "M": 5}
    elif name == "german_events":  # the landslide from 25 May to 8 June is one story, across the month
        assert largest["B"] == 4 and largest["C"] == 3 and largest["A"] >= 3 and largest["D"] >= 2
    else:  # the English and German reports of the ferry are one story
        assert largest["A"] == 7 and largest["B"] == 6 and largest["C"] == 5  # ... and of the floods, of the strike


def test_the_five_seeds_are_one_story():
    stories = detect_stories(_folder_documents(ROOT / "seeds"))
    assert len(stories) == 1
    assert stories[0].first == "2022-01" and stories[0].last == "2022-01" and "Kasachstan" in stories[0].label


def test_a_story_label_writes_a_name_as_its_text_does_not_as_its_datelines_shout_it(tmp_path):
    texts = {
        "a": "MALATYA, Turkey (AP) - The earthquake killed 160 people, Turkish officials said; rescuers searched the rubble.",
        "b": "MALATYA, Turkey (AP) - Rescuers searched the rubble after the earthquake; the Turkish toll rose to 312.",
        "c": "ANKARA - In Malatya and across Turkey rescuers searched the rubble after the earthquake.",
    }
    docs = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(f"---\ndate: 2025-02-0{len(docs) + 3}\n---\n{text}\n", encoding="utf-8")
        docs.append(read_document(path))
    [story] = detect_stories(docs)
    assert "Malatya" in story.label.split(" · ") and "MALATYA" not in story.label


def test_a_story_label_passes_over_the_nouns_the_lexicon_counts(tmp_path):
    path = tmp_path / "speer.txt"
    path.write_text("---\ndate: 2024-03-16\n---\nHartmann warf 70 Metern, dann 68 Metern, 69 Metern und 71 Metern. "
                    "3.000 Menschen und noch mehr Menschen jubelten, als Hartmann siegte.\n", encoding="utf-8")
    [story] = detect_stories([read_document(path)])
    assert story.label == "Hartmann"  # not "Metern · Hartmann"


def test_stories_do_not_depend_on_the_order_of_documents():
    docs = _folder_documents(FIXTURES / "mixed")
    assert detect_stories(docs) == detect_stories(list(reversed(docs)))


def test_front_matter_story_overrides_and_two_declared_stories_never_join():
    docs = _folder_documents(FIXTURES / "english_events")
    declared = [Document(**{**{f: getattr(d, f) for f in d.__slots__}, "story": f"Own {i % 2}"})
                for i, d in enumerate(docs)]
    stories = detect_stories(declared)
    assert sorted(s.story_id for s in stories) == ["own-0", "own-1"] and all(s.declared for s in stories)


@pytest.mark.parametrize("word,key", [
    ("Kasachstans", "kasachstan"), ("Galați", "galati"), ("Mareș", "mares"), ("Serbia's", "serbia"),
    ("Tunis", "tunis"), ("Vuković", "vukovic"),
])
def test_name_keys_are_the_same_in_both_languages(word, key):
    assert name_key(word) == key


@pytest.mark.parametrize("iso,days", [("2022-01", 31), ("2024-02", 29), ("2011", 365), ("2024-03-12", 1)])
def test_date_bounds(iso, days):
    low, high = date_bounds(iso)
    assert high - low + 1 == days


def test_declared_story_ids():
    assert declared_id(" Kivu Ferry ") == "kivu-ferry" and declared_id("Ndola/2024") == "ndola-2024"


@pytest.mark.parametrize("paths,stored,holders,expected", [
    (["/r/reuters/2024-03-12.txt"], {}, {}, ["2024-03-12"]),  # no clash: the stem, as before
    (["/r/reuters/2024-03-12.txt", "/r/ap/2024-03-12.txt"], {}, {}, ["reuters/2024-03-12", "ap/2024-03-12"]),
    (["/a/x/day.txt", "/b/x/day.txt"], {}, {}, ["a/x/day", "b/x/day"]),  # as many folders as it takes
    (["/r/reuters/d.txt", "/r/ap/d.txt"], {"/r/reuters/d.txt": "d"}, {"d": "/r/reuters/d.txt"}, ["d", "ap/d"]),
])
def test_document_ids_from_the_path(paths, stored, holders, expected):
    ids = assign_ids(paths, stored, holders)
    assert [ids[p] for p in paths] == expected


def test_unique_tail_of_a_path():
    assert unique_tail("/r/reuters/a.txt", ["/r/reuters/a.txt", "/r/ap/a.txt"]) == "reuters/a"


@pytest.fixture
def mixed_store(cli):
    result = cli("ingest", str(FIXTURES / "mixed"))
    assert result.exit_code == 0, result.stderr
    return cli


def test_cli_stories_lists_id_label_documents_and_span(mixed_store):
    cli = mixed_store
    listed = json.loads(cli("stories", "--json").stdout)
    ferry = next(s for s in listed if "globalwire/2024-03-12" in s["documents"])
    assert len(ferry["documents"]) == 7 and ferry["first"] == "2024-03-12" and ferry["last"] == "2024-03-15"
    assert ferry["span"] == "2024-03-12/2024-03-15"
    table = cli("stories").stdout
    assert ferry["story_id"] in table and "2024-03-12 – 2024-03-15" in table
    docs = {d["doc_id"]: d for d in json.loads(cli("docs", "--json").stdout)}
    assert "globalwire/2024-03-12" in docs and "atlaspress/2024-03-12" in docs  # stems clash: ids from the path


def test_cli_story_filter_on_list_query_conflicts_and_export(mixed_store):
    cli = mixed_store
    listed = json.loads(cli("stories", "--json").stdout)
    ferry = next(s for s in listed if "globalwire/2024-03-12" in s["documents"])
    prefix = ferry["story_id"][:4]
    claims = json.loads(cli("list", "--story", prefix, "--json").stdout)
    assert claims and {c["doc"] for c in claims} <= set(ferry["documents"])
    conflicts = json.loads(cli("conflicts", "--story", prefix, "--json").stdout)
    assert conflicts and all(c["doc"] in ferry["documents"] for g in conflicts for c in g["claims"])
    query = json.loads(cli("query", "deaths", "--story", prefix, "--json").stdout)
    assert all(c["doc"] in ferry["documents"] for g in query["groups"] for c in g["claims"])
    rows = cli("export", "--what", "groups", "--format", "json", "--story", prefix).stdout
    assert {r["doc"] for r in json.loads(rows)} <= set(ferry["documents"])


def test_no_group_mixes_two_stories(mixed_store):
    cli = mixed_store
    story_of = {d: s["story_id"] for s in json.loads(cli("stories", "--json").stdout) for d in s["documents"]}
    rows = json.loads(cli("export", "--what", "groups", "--format", "json").stdout)
    stories_of_group: dict[str, set[str]] = {}
    for row in rows:
        stories_of_group.setdefault(row["group_id"], set()).add(story_of[row["doc"]])
    assert all(len(s) == 1 for s in stories_of_group.values())


@pytest.mark.parametrize("command", [["list"], ["conflicts"], ["query", "deaths"], ["export"]])
def test_unknown_story_is_one_line(mixed_store, command):
    result = mixed_store(*command, "--story", "nosuchstory")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("see `claims stories`") and len(result.stderr.strip().splitlines()) == 1


_STORY_CASES = yaml.safe_load((ROOT / "tests" / "data" / "story_cases.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _STORY_CASES, ids=[c["id"] for c in _STORY_CASES])
def test_story_cases_across_languages_and_months(case):
    docs = [Document(doc_id=name, path=f"{name}.txt", text=d["text"], content_hash=name, title=d["text"].split(". ")[0],
                     date=d["date"], date_precision="day", lang=d["lang"]) for name, d in case["docs"].items()]
    story_of = {doc: s.story_id for s in detect_stories(docs) for doc in s.doc_ids}
    for members in case.get("together", []):
        assert len({story_of[m] for m in members}) == 1, story_of
    for a, b in case.get("apart", []):
        assert story_of[a] != story_of[b], story_of


@pytest.mark.parametrize("word,lang,concept", [
    ("Hochwasser", "de", "flood"), ("Überschwemmungen", "de", "flood"), ("floods", "en", "flood"),
    ("Streik", "de", "strike"), ("Generalstreik", "de", "strike"), ("strike", "en", "strike"),
    ("Fähre", "de", "ferry"), ("ferry", "en", "ferry"), ("Erdbeben", "de", "earthquake"), ("quake", "en", "earthquake"),
    ("Anschlag", "de", "attack"), ("attacks", "en", "attack"), ("fahren", "de", None), ("see", "en", None),
])
def test_the_bilingual_bridge_maps_event_nouns_of_both_languages_to_one_term(word, lang, concept):
    assert bridge_concept(word, lang) == concept


def test_place_names_in_both_forms_are_one_term():
    de = document_terms("Hochwasser in Bukarest. In Bukarest stieg der Fluss.", "de", None, settings())
    en = document_terms("Floods in Bucharest. In Bucharest the river rose.", "en", None, settings())
    assert "n:bucharest" in de.weights and "n:bucharest" in en.weights
    assert {"b:flood", "b:river"} <= de.weights.keys() & en.weights.keys()


def test_a_general_strike_is_a_strike_too():
    de = document_terms("Der Generalstreik legte Belgrad lahm.", "de", None, settings())
    en = document_terms("The strike paralysed Belgrade.", "en", None, settings())
    assert "e:strike" in de.weights.keys() & en.weights.keys()


_ACROSS_MONTHS = {
    "wire/2024-11-26.txt": ("2024-11-26", "en", "Miners trapped in Zonguldak", "A collapse at the Karadon coal mine in Zonguldak trapped miners on Tuesday. At least 12 miners were killed, the energy ministry said. Rescuers drilled through the night to reach the trapped miners."),
    "post/2024-11-29.txt": ("2024-11-29", "en", "Zonguldak mine toll rises", "The toll of the collapse at the Karadon coal mine in Zonguldak rose to 19 miners killed, the energy ministry said on Friday. Rescuers are still searching for the trapped miners."),
    "blatt/2024-12-02.txt": ("2024-12-02", "de", "Grubenunglück in Zonguldak", "Nach dem Einsturz in der Kohlegrube Karadon in Zonguldak sind 23 Bergleute ums Leben gekommen, teilte das Energieministerium mit. Die Retter haben alle verschütteten Bergleute erreicht."),
    "wire/2024-12-03.txt": ("2024-12-03", "en", "Protests in Tbilisi", "Since Sept. 26, 40 people have been killed in protests in Tbilisi, a rights group said. Police arrested protesters outside parliament in Tbilisi on Monday."),
    "post/2024-12-03.txt": ("2024-12-03", "en", "Tbilisi protests go on", "Police in Tbilisi dispersed protesters outside parliament with water cannon. Since 26 September, 40 people have been killed in the protests in Tbilisi, the rights group said."),
}


def test_a_story_across_a_month_boundary_and_languages_is_compared_whole(cli, tmp_path):
    """26 November to 2 December, in English and German: one story, one toll; a December figure
    counted "since 26 September" is of December's story, not of September."""
    for name, (date, lang, title, text) in _ACROSS_MONTHS.items():
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"---\ntitle: {title}\ndate: {date}\nlang: {lang}\n---\n{text}\n", encoding="utf-8")
    assert cli("ingest", str(tmp_path)).exit_code == 0
    from claims.store import Store

    with Store(cli.db) as store:
        stories = {frozenset(s.doc_ids) for s in store.stories()}
        deaths = [(g.group_id, c) for g, c in store.claims_with_groups() if c.category == "deaths"]
    assert frozenset({"2024-11-26", "2024-11-29", "2024-12-02"}) in stories  # ids are stems where they do not clash
    values: dict[str, set] = {}
    for group, claim in deaths:
        values.setdefault(group, set()).add(claim.value)
    assert any({12, 19, 23} <= v for v in values.values()), values
    since = [(group, claim) for group, claim in deaths if claim.value == 40]
    assert len(since) == 2 and len({group for group, _ in since}) == 1, since
    assert all(not (claim.scope or "").startswith("2024-09") for _, claim in since), since


def test_two_incidents_of_one_kind_are_told_by_their_names_in_either_spelling():
    from claims.stories.links import two_events

    settings = {"event_days": 3}
    leeds = {"n:leeds": 0.6, "b:landing": 0.3, "w:passagi": 0.3}
    guam = {"n:guam": 0.6, "b:landing": 0.3, "w:passagi": 0.3}
    assert two_events(leeds, guam, 7, settings)  # a week apart, each without the other's place
    assert not two_events(leeds, guam, 2, settings)  # within event_days the words decide
    german = {"n:hongkong": 0.6, "b:protest": 0.3}
    english = {"n:hong": 0.5, "n:kong": 0.4, "b:protest": 0.3}
    assert not two_events(german, english, 4, settings)  # "Hongkong" is "Hong Kong"
    assert not two_events(leeds, {"n:guam": 0.6, "w:passagi": 0.3}, 7, settings)  # no kind of event in common
