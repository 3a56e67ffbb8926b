"""Datasette serves a seeded store on 127.0.0.1: full-text search detected and working, the view, facets.

Datasette comes with the test extra (``pip install -e '.[test]'``); the server runs as a
subprocess on a free loopback port and is always terminated.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from claims.cli import app
from claims.compare import regroup
from claims.ingest import ingest
from claims.store import Store

# Reports of our own writing: two sources about one fire, one in English.
DOCS = {
    "morgenpost/brand.txt": ("Brand in Lagerhalle", "Morgenpost", "2023-05-04",
                             ("Bei dem Brand in der Lagerhalle gab es nach Angaben der Feuerwehr 12 Verletzte. "
                              "Zwei Menschen wurden getötet.")),
    "abendblatt/feuer.txt": ("Großfeuer im Hafen", "Abendblatt", "2023-05-05",
                             ("Das Großfeuer im Hafen forderte 15 Verletzte, teilte die Polizei mit. "
                              "Mehr als 200 Feuerwehrleute waren im Einsatz.")),
    "harbour/fire.txt": ("Warehouse fire", "Harbour Times", "2023-05-05",
                         ("At least 14 people were injured in the warehouse fire, officials said. "
                          "The fire started on 3 May 2023.")),
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("datasette")
    for rel, (title, source, date, body) in DOCS.items():
        path = root / "news" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {title}\nsource: {source}\ndate: {date}\nstory: hafenbrand\n---\n{body}\n",
                        encoding="utf-8")
    db = root / "store.db"
    with Store(db) as store:
        report = ingest(store, [root / "news"], after_ingest=regroup)
        assert not report.errors
        matching = {c.claim_id for c in store.claims() if "verletzte" in (c.sentence + " " + (c.subject or "")).lower()}
    metadata = root / "metadata.json"
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["--db", str(db), "datasette-metadata", "-o", str(metadata)])
    assert result.exit_code == 0, result.output
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db), "-p", str(port), "-h", "127.0.0.1",
         "--metadata", str(metadata)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=root,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + "/-/versions.json", server)
        yield base, matching
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout:
            server.stdout.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"datasette exited with {server.returncode}: {server.stdout.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"datasette did not answer {url} within {seconds} s")


def fetch(base: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode([(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])])
    with urllib.request.urlopen(f"{base}/store/{path}.json?{query}", timeout=10) as response:
        return json.load(response)


def fetch_html(base: str, path: str) -> str:
    with urllib.request.urlopen(f"{base}/store/{path}", timeout=10) as response:
        return response.read().decode()


def test_full_text_search_is_detected_on_claims_and_the_view(served):
    base, _ = served
    for table in ("claims", "claims_view"):
        assert 'name="_search"' in fetch_html(base, table), f"{table}: Datasette offers no search box"
    assert 'name="_search"' not in fetch_html(base, "documents")


def test_search_returns_only_the_claims_whose_sentence_says_it(served):
    base, matching = served
    assert len(matching) >= 2  # both German reports speak of Verletzte
    for table in ("claims", "claims_view"):
        rows = fetch(base, table, _search="Verletzte", _shape="objects")["rows"]
        assert {row["claim_id"] for row in rows} == matching, table
    assert fetch(base, "claims", _search="Lagerhalle", _shape="objects")["rows"]
    assert fetch(base, "claims", _search="Erdbeben", _shape="objects")["rows"] == []


def test_the_view_joins_status_title_and_source(served):
    base, _ = served
    rows = fetch(base, "claims_view", _shape="objects", _size="max")["rows"]
    assert {row["source"] for row in rows} == {"Morgenpost", "Abendblatt", "Harbour Times"}
    injured = [row for row in rows if row["category"] == "injuries"]
    assert {row["doc_title"] for row in injured} == {"Brand in Lagerhalle", "Großfeuer im Hafen", "Warehouse fire"}
    assert all(row["status"] and row["group_id"] for row in rows)
    assert {row["story"] for row in rows} == {"hafenbrand"}  # front matter puts the three in one story
    assert len({row["group_id"] for row in injured}) == 1 and injured[0]["status"] not in ("single", "agree")


def test_number_separates_numbers_from_dates(served):
    base, _ = served
    over = fetch(base, "claims_view", _shape="objects", number__gt="100")["rows"]
    assert [row["text"] for row in over] == ["Mehr als 200"]
    dates = fetch(base, "claims_view", _shape="objects", category="date")["rows"]
    assert dates and all(row["number"] is None for row in dates)


def test_facets_on_category_status_and_source(served):
    base, _ = served
    facets = fetch(base, "claims_view", _size="0")["facet_results"]
    assert {"category", "status", "source", "story"} <= set(facets)
    assert {r["value"] for r in facets["story"]["results"]} == {"hafenbrand"}
    sources = {r["value"]: r["count"] for r in facets["source"]["results"]}
    assert set(sources) == {"Morgenpost", "Abendblatt", "Harbour Times"}
    categories = {r["value"] for r in facets["category"]["results"]}
    assert {"injuries", "date"} <= categories
    searched = fetch(base, "claims_view", _search="Verletzte", _size="0")["facet_results"]
    assert {r["value"] for r in searched["source"]["results"]} == {"Morgenpost", "Abendblatt"}


def test_metadata_describes_the_tables(served):
    base, _ = served
    with urllib.request.urlopen(f"{base}/-/metadata.json", timeout=10) as response:
        tables = json.load(response)["databases"]["store"]["tables"]
    assert tables["claims_view"]["facets"] == ["category", "status", "source", "story"]
    assert all(tables[t].get("description") for t in ("claims", "claims_view", "documents", "groups"))
