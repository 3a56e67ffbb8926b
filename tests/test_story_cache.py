"""Story terms cached in the store (issue 16, migration m014): a regroup reads only the texts of
new or changed documents, and finds the very stories a detection from scratch finds, whatever
the order the files came in."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.documents import read_document
from claims.ingest import ingest
from claims.models import Document
from claims.store import Store
from claims.store.story_table import StoryInputs
from claims.stories import detect_stored_stories, detect_stories, settings, terms_key

FERRY_EN = """---
title: Ferry capsizes on Lake Kivu near Kalehe, dozens dead
date: 2024-03-12
source: North Wire
---
BUKAVU - A passenger ferry capsized on Lake Kivu near Kalehe on Monday evening. At least 19 people
died, police in Bukavu said. Divers from Goma searched the lake for the missing passengers of the
Kalehe Star, which was overloaded, survivors said.
"""
FERRY_EN2 = """---
title: Kalehe Star toll rises, divers search Lake Kivu
date: 2024-03-13
source: Lake Post
---
The toll from the sinking of the Kalehe Star on Lake Kivu rose to 38. Divers from Goma and Bukavu
searched the wreck off Kalehe, and relatives waited on the shore for news of the missing passengers.
"""
FERRY_DE = """---
title: Fähre Kalehe Star auf dem Kivusee gekentert
date: 2024-03-14
source: Morgenblatt
---
Die Fähre „Kalehe Star“ war am Montagabend vor Kalehe auf dem Kivusee gekentert. Taucher aus Goma und
Bukavu suchten nach den Vermissten, die Polizei in Bukavu nannte 52 Tote.
"""
MINE = """---
title: Miners trapped after shaft collapse at Akoase mine near Tarkwa
date: 2024-09-11
source: North Wire
---
TARKWA - Thirty-one miners were trapped underground at the Akoase gold mine near Tarkwa after a shaft
collapsed on Tuesday. Rescuers at Akoase worked through the night, the mine's operator in Tarkwa said.
"""
MINE2 = """---
title: Rescuers bring Akoase miners to the surface in Tarkwa
date: 2024-09-13
source: Gold Coast Daily
---
Rescuers at the Akoase gold mine near Tarkwa brought 28 trapped miners to the surface alive, the
operator said. The shaft at Akoase had collapsed on Tuesday.
"""
DERBY = """---
title: Red Star win the Belgrade derby
date: 2024-03-16
source: Sport Desk
---
Red Star Belgrade beat Partizan in front of a crowd of 40,000 at the Marakana stadium.
"""
FILES = {"ferry-en": FERRY_EN, "ferry-en2": FERRY_EN2, "ferry-de": FERRY_DE, "mine": MINE, "mine2": MINE2, "derby": DERBY}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for stem, text in FILES.items():
        (docs / f"{stem}.txt").write_text(text, encoding="utf-8")
    return docs


def _scratch(folder: Path) -> list:
    docs = []
    for path in sorted(folder.glob("*.txt")):
        doc = read_document(path)
        docs.append(Document(**{**{f: getattr(doc, f) for f in doc.__slots__}, "doc_id": path.stem}))
    return detect_stories(docs)


class CountingInputs(StoryInputs):
    """StoryInputs that remember which texts were read."""

    read: list[str]

    def texts(self, doc_ids):
        self.read = list(doc_ids)
        return super().texts(doc_ids)


def _cached(store: Store, rebuild: bool = False) -> tuple[list, list[str]]:
    with store.transaction() as conn:
        inputs = CountingInputs(conn)
        inputs.read = []
        return detect_stored_stories(inputs, rebuild=rebuild), inputs.read


def test_cached_stories_are_those_found_from_scratch(folder, tmp_path):
    scratch = _scratch(folder)
    assert any(len(s.doc_ids) == 3 for s in scratch) and any(len(s.doc_ids) == 2 for s in scratch)
    with Store(tmp_path / "s.db") as store:
        ingest(store, [folder])
        # The ingest stored each document's terms beside its claims, under the key a regroup checks:
        # no text is read again, and the stories are those found from scratch.
        stories, read = _cached(store)
        assert read == [] and stories == scratch
        with store.transaction() as conn:
            conn.execute("DELETE FROM story_terms")
        stories, read = _cached(store)  # nothing changed: the story index holds all it needs
        assert read == [] and stories == scratch
        stories, read = _cached(store, rebuild=True)  # built anew without them, every text is read once
        assert sorted(read) == sorted(FILES) and stories == scratch
        again, read = _cached(store)
        assert read == [] and again == scratch  # all from the cache


def test_one_new_file_reads_one_text(folder, tmp_path):
    new = tmp_path / "later"
    new.mkdir()
    (folder / "mine2.txt").rename(new / "mine2.txt")
    with Store(tmp_path / "s.db") as store:
        ingest(store, [folder])
        _cached(store)
        ingest(store, [new / "mine2.txt"])
        stories, read = _cached(store)
        assert read == []  # its terms came with it
        (new / "mine2.txt").rename(folder / "mine2.txt")
        assert stories == _scratch(folder)


def test_a_changed_file_or_a_stale_key_is_read_again(folder, tmp_path):
    with Store(tmp_path / "s.db") as store:
        ingest(store, [folder])
        _cached(store)
        (folder / "derby.txt").write_text(DERBY.replace("40,000", "45,000"), encoding="utf-8")
        ingest(store, [folder])
        assert _cached(store)[1] == []  # the changed document's terms came with it
        with store.transaction() as conn:
            conn.execute("UPDATE story_terms SET key = 'stale' WHERE doc_id = 'mine'")
        assert _cached(store) == (_scratch(folder), [])  # unchanged, 'mine' is not recomputed
        stories, read = _cached(store, rebuild=True)
        assert read == ["mine"] and stories == _scratch(folder)


def test_removed_documents_leave_the_cache(folder, tmp_path):
    from claims.ingest import remove

    with Store(tmp_path / "s.db") as store:
        ingest(store, [folder])
        _cached(store)
        remove(store, ["derby"])
        _cached(store)
        with store.reading() as conn:
            cached = {d for (d,) in conn.execute("SELECT doc_id FROM story_terms")}
    assert cached == set(FILES) - {"derby"}


@pytest.mark.parametrize("order", [sorted(FILES), sorted(FILES, reverse=True), ["mine", "ferry-de", "derby", "ferry-en2", "mine2", "ferry-en"]])
def test_stories_whatever_the_order_of_ingest(folder, tmp_path, order):
    with Store(tmp_path / "s.db") as store:
        for stem in order:  # one file per ingest, each followed by a regroup as the command line does
            ingest(store, [folder / f"{stem}.txt"])
            _cached(store)
        stories, _ = _cached(store)
    assert stories == _scratch(folder)


def test_the_key_holds_what_terms_are_computed_from():
    doc = Document("a", "a.txt", "text", "hash1", title="Title", source="Wire", lang="en")
    config = settings()
    key = terms_key(doc, config)
    assert terms_key(doc, dict(config)) == key
    for changed in (Document("a", "a.txt", "text", "hash2", title="Title", source="Wire", lang="en"),
                    Document("a", "a.txt", "text", "hash1", title="Other", source="Wire", lang="en"),
                    Document("a", "a.txt", "text", "hash1", title="Title", source="Wire", lang="de"),
                    Document("a", "a.txt", "text", "hash1", title="Title", source="Post", lang="en")):
        assert terms_key(changed, config) != key
    assert terms_key(doc, {**config, "name_weight": config["name_weight"] + 1}) != key
    assert terms_key(doc, {**config, "similarity": 0.5}) == key  # thresholds act on terms already computed
