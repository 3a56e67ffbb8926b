"""Stories (issue 16): which documents tell of one event, their ids, and the commands that use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from claims.documents import assign_ids, read_document, unique_tail
from claims.models import Document
from claims.stories import date_bounds, declared_id, detect_stories, name_key

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
        assert largest["A"] == 7 and largest["B"] >= 4 and largest["C"] >= 3


def test_the_five_seeds_are_one_story():
    stories = detect_stories(_folder_documents(ROOT / "seeds"))
    assert len(stories) == 1
    assert stories[0].first == "2022-01" and stories[0].last == "2022-01" and "Kasachstan" in stories[0].label


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
