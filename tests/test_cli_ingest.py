"""`claims ingest`: summary, skipping unchanged files, updates, and every bad input with good files beside it."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

import pytest

from claims import documents, version
from claims.ingest import IngestReport, ingest
from claims.store import Store, migrations


def write(path, content: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    write(folder / "a.txt", " date 2022-01 Am 6. Januar wurden 164 Menschen getötet.\n")
    write(folder / "b.md", "---\ntitle: Bericht B\ndate: 2022-01-11\n---\nMehr als 2200 Verletzte und 9900 Festnahmen.\n")
    write(folder / "sub" / "c.txt", "Russland 3000, Belarus 500 Soldaten.\n")
    return folder


def summary(result) -> str:
    """The summary line without its elapsed time ("... 0 errors in 1.2 s")."""
    line = result.stdout.strip()
    assert re.search(r" in \d+\.\d s$", line), line
    return re.sub(r" in \d+\.\d s$", "", line)


def docs_json(cli) -> list[dict]:
    result = cli("docs", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_then_reingest_is_a_no_op(cli, corpus, fake_extractor):
    result = cli("ingest", str(corpus))
    assert result.exit_code == 0, result.output
    assert summary(result) == "Ingested 3 documents (3 new, 0 updated, 0 unchanged), 6 claims; 0 errors"
    assert result.stderr == ""
    calls = len(fake_extractor)
    result = cli("ingest", str(corpus))
    assert result.exit_code == 0
    assert summary(result) == "Ingested 3 documents (0 new, 0 updated, 3 unchanged), 0 claims; 0 errors"
    assert len(fake_extractor) == calls  # unchanged files are not even extracted
    with Store(cli.db) as store:  # the ingest regrouped the claims
        grouped = {claim_id for group in store.groups() for claim_id in group.claim_ids}
        assert grouped == {claim.claim_id for claim in store.claims()}
    docs = {d["doc_id"]: d for d in docs_json(cli)}
    assert docs["a"]["n_claims"] == 2 and docs["a"]["date"] == "2022-01" and docs["a"]["date_precision"] == "month"
    assert docs["b"]["title"] == "Bericht B" and docs["b"]["date"] == "2022-01-11"


def test_unchanged_files_are_extracted_again_by_another_extractor(cli, corpus, fake_extractor, monkeypatch):
    cli("ingest", str(corpus))
    ids_before = {c["claim_id"] for c in json.loads(cli("list", "--json").stdout)}
    calls = len(fake_extractor)
    # an upgrade or an edited lexicon is another extractor
    monkeypatch.setattr(version, "extractor_version", lambda: "another")
    result = cli("ingest", str(corpus))
    assert "(0 new, 3 updated, 0 unchanged), 6 claims" in result.stdout
    assert len(fake_extractor) == calls + 3
    assert {c["claim_id"] for c in json.loads(cli("list", "--json").stdout)} == ids_before  # ids outlive versions
    assert "(0 new, 0 updated, 3 unchanged)" in cli("ingest", str(corpus)).stdout


def test_extractor_version_changes_with_a_lexicon_edit(tmp_path, monkeypatch):
    package = tmp_path / "claims"
    shutil.copytree(version.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "PACKAGE", package)
    version.extractor_version.cache_clear()
    try:
        before = version.extractor_version()
        assert re.fullmatch(r"[0-9a-f]{12}", before)
        lexicon = package / "lexicon" / "data" / "de" / "extract.yaml"
        lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# a user's edit\n", encoding="utf-8")
        version.extractor_version.cache_clear()
        edited = version.extractor_version()
        assert edited != before
        user = tmp_path / "mine" / "de"  # so do the user's own lexicons (CLAIMS_LEXICONS)
        user.mkdir(parents=True)
        (user / "extract.yaml").write_text("change_markers: [um]\n", encoding="utf-8")
        monkeypatch.setenv("CLAIMS_LEXICONS", str(tmp_path / "mine"))
        version.extractor_version.cache_clear()
        assert version.extractor_version() not in (before, edited)
    finally:
        version.extractor_version.cache_clear()


def test_extractor_sees_text_with_metadata_blanked(cli, corpus, fake_extractor):
    cli("ingest", str(corpus / "a.txt"))
    (seen,) = fake_extractor
    original = (corpus / "a.txt").read_text()
    assert len(seen) == len(original) and seen.startswith(" " * len(" date 2022-01")) and "2022" not in seen


def test_changed_file_replaces_its_own_claims(cli, corpus, fake_extractor):
    cli("ingest", str(corpus))
    write(corpus / "a.txt", "Nun 1 Toter.\n")
    result = cli("ingest", str(corpus))
    assert result.exit_code == 0
    assert "(0 new, 1 updated, 2 unchanged), 1 claims" in result.stdout
    listed = json.loads(cli("list", "--doc", "a", "--json").stdout)
    assert [c["text"] for c in listed] == ["1"]
    assert len(json.loads(cli("list", "--json").stdout)) == 5


def test_every_bad_input_is_one_line_and_good_files_still_go_in(cli, tmp_path, corpus, fake_extractor):
    bad = tmp_path / "bad"
    write(bad / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    write(bad / "undecodable.txt", b"Text " + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 20)
    write(bad / "empty.txt", b"")
    write(bad / "blank.md", b" \n\t\n")
    write(bad / "frontmatter.md", "---\ntitle: [kaputt\n---\nText 5.\n")
    huge = bad / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(documents.MAX_BYTES + 1)  # sparse
    (tmp_path / "empty-folder").mkdir()
    result = cli("ingest", str(corpus), str(bad), str(tmp_path / "missing.txt"), str(tmp_path / "empty-folder"))
    assert result.exit_code == 1
    assert summary(result) == "Ingested 3 documents (3 new, 0 updated, 0 unchanged), 6 claims; 8 errors"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 8 and all(line.startswith("Error: ") for line in errors)
    expected = {
        "binary.txt": "binary file",
        "undecodable.txt": "undecodable bytes",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "frontmatter.md": "front matter is not valid YAML",
        "huge.txt": "over the 50 MB limit",
        "missing.txt": "no such file or folder",
        "empty-folder": "no .txt or .md documents",
    }
    for name, message in expected.items():
        assert any(name in line and message in line for line in errors), (name, errors)
    assert "Traceback" not in result.output
    assert sorted(d["doc_id"] for d in docs_json(cli)) == ["a", "b", "c"]


def test_encoding_fallback_is_a_warning_not_an_error(cli, tmp_path, fake_extractor):
    path = write(tmp_path / "win.txt", "Straße: 50 € Gebühr".encode("cp1252"))
    result = cli("ingest", str(path))
    assert result.exit_code == 0
    assert result.stderr.strip() == f"Warning: {path}: not UTF-8 (byte 4); read as cp1252"


def test_same_stem_in_two_folders_gets_ids_from_the_path(cli, tmp_path, fake_extractor):
    write(tmp_path / "x" / "report.txt", "Eins 1.")
    write(tmp_path / "y" / "report.txt", "Zwei 2.")
    result = cli("ingest", str(tmp_path / "x"), str(tmp_path / "y"))
    assert result.exit_code == 0 and "2 new" in result.stdout
    listed = json.loads(cli("docs", "--json").stdout)
    assert [d["doc_id"] for d in listed] == ["x/report", "y/report"]
    for doc_id in ("x/report", "y/report"):  # every id printed is a name the commands take
        assert cli("list", "--doc", doc_id).exit_code == 0
    assert cli("diff", "x/report", "y/report").exit_code == 0
    assert "0 new, 0 updated, 2 unchanged" in cli("ingest", str(tmp_path)).stdout  # the ids stay


def test_a_stored_stem_keeps_its_id_and_a_later_namesake_takes_its_path(cli, tmp_path, fake_extractor):
    write(tmp_path / "reuters" / "2024-03-12.txt", "Eins 1.")
    write(tmp_path / "ap" / "2024-03-12.txt", "Zwei 2.")
    assert cli("ingest", str(tmp_path / "reuters")).exit_code == 0
    result = cli("ingest", str(tmp_path))  # in a later run
    assert result.exit_code == 0 and "1 new, 0 updated, 1 unchanged" in result.stdout
    assert [d["doc_id"] for d in json.loads(cli("docs", "--json").stdout)] == ["2024-03-12", "ap/2024-03-12"]
    assert cli("remove", "ap/2024-03-12").exit_code == 0


def test_front_matter_id_names_the_document(cli, tmp_path, fake_extractor):
    write(tmp_path / "a" / "report.txt", "---\nid: kivu-gw-1\nstory: kivu ferry\n---\nEins 1.")
    write(tmp_path / "b" / "report.txt", "---\nid: kivu-gw-1\n---\nZwei 2.")
    result = cli("ingest", str(tmp_path))
    assert result.exit_code == 1 and "front matter id 'kivu-gw-1' is already used by" in result.stderr
    assert [d["doc_id"] for d in json.loads(cli("docs", "--json").stdout)] == ["kivu-gw-1"]
    assert "1 unchanged" in cli("ingest", str(tmp_path / "a")).stdout


def test_moved_file_is_an_update_not_a_duplicate(cli, tmp_path, fake_extractor):
    old = write(tmp_path / "old" / "report.txt", "Eins 1.")
    cli("ingest", str(old))
    new = write(tmp_path / "new" / "report.txt", "Eins 1, jetzt 2.")
    old.unlink()
    result = cli("ingest", str(new))
    assert result.exit_code == 0 and "1 updated" in result.stdout


def test_extractor_crash_is_reported_per_file(cli, corpus, monkeypatch):
    from conftest import digit_extractor

    def flaky(text, **kw):
        if "Soldaten" in text:
            raise ValueError("boom")
        return digit_extractor(text, **kw)

    monkeypatch.setattr("claims.ingest._extractor", lambda: flaky)
    result = cli("ingest", str(corpus))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("c.txt: extraction failed (ValueError: boom); please report this")
    assert "2 new" in result.stdout


def test_not_a_sqlite_store(cli, corpus, tmp_path, fake_extractor):
    store = write(tmp_path / "notes.db", "Einkaufsliste: Milch, Brot, Käse und noch viel mehr Text hier. " * 5)
    result = cli("ingest", str(corpus), store=store)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {store} is not a claims store (not a SQLite file); give another --db path\n"
    assert result.stdout == ""


def test_locked_store(cli, corpus, db, fake_extractor):
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = cli("ingest", str(corpus))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr == f"Error: {db} is locked by another process; wait for it to finish and try again\n"
    assert cli("ingest", str(corpus)).exit_code == 0  # and nothing was half-written meanwhile


def test_newer_schema(cli, corpus, db):
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    for args in (["ingest", str(corpus)], ["docs"]):
        result = cli(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {db} was written by a newer version of claims")
        assert len(result.stderr.splitlines()) == 1


def assert_every_document_whole(store: Store, expected: dict[str, int]) -> None:
    stored = {d.doc_id: d.n_claims for d in store.documents()}
    assert set(stored) <= set(expected)
    for doc_id, n_claims in stored.items():
        assert n_claims == expected[doc_id] == sum(1 for _ in store.claims(doc=doc_id))


def test_ctrl_c_keeps_every_document_whole(cli, corpus, db, monkeypatch, fake_extractor):
    from conftest import digit_extractor

    def interrupting(text, **kw):
        if "Soldaten" in text:
            raise KeyboardInterrupt
        return digit_extractor(text, **kw)

    monkeypatch.setattr("claims.ingest._extractor", lambda: interrupting)
    result = cli("ingest", str(corpus))
    assert result.exit_code == 130
    assert result.stderr == "Interrupted; nothing half-written was kept.\n"
    with Store(db) as store:
        assert_every_document_whole(store, {"a": 2, "b": 2})
    monkeypatch.setattr("claims.ingest._extractor", lambda: digit_extractor)
    result = cli("ingest", str(corpus))  # a re-run completes the ingest
    assert result.exit_code == 0 and "6 claims" in result.stdout


def test_ctrl_c_inside_a_write_keeps_committed_documents(tmp_path, corpus, fake_extractor, monkeypatch):
    monkeypatch.setattr("claims.batches.BATCH_SECONDS", 0.0)  # write after every document
    with Store(tmp_path / "s.db") as store:
        original = store.replace_document_rows

        def interrupted_write(items, *terms):  # terms: the documents' story terms
            items = list(items)
            if items[0][0].doc_id == "b":
                with store.transaction() as conn:
                    conn.execute("DELETE FROM claims")
                    raise KeyboardInterrupt
            return original(items, *terms)

        monkeypatch.setattr(store, "replace_document_rows", interrupted_write)
        with pytest.raises(KeyboardInterrupt):
            ingest(store, [corpus])
        assert [d.doc_id for d in store.documents()] == ["a"]
        assert_every_document_whole(store, {"a": 2})


def test_library_ingest_report_and_hooks(tmp_path, corpus, fake_extractor):
    events, hooked = [], []

    def regroup(store):  # like query.regroup: writing the groups marks them fresh
        hooked.append(store)
        store.replace_groups([])

    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [corpus], on_progress=lambda d, t, p: events.append((d, t)), after_ingest=regroup)
        assert isinstance(report, IngestReport)
        assert (report.added, report.updated, report.unchanged, report.claims) == (3, 0, 0, 6)
        assert events[0] == (0, 3) and events[-1] == (3, 3) and events == sorted(events)
        assert hooked == [store]
        ingest(store, [corpus], after_ingest=regroup)
        assert hooked == [store]  # nothing changed, no regrouping


def test_progress_counts_documents_as_they_are_stored(tmp_path, corpus, fake_extractor, monkeypatch):
    monkeypatch.setattr("claims.batches.BATCH_SECONDS", 0.0)  # a batch per document: one event each
    seen = []
    with Store(tmp_path / "s.db") as store:

        def progress(done, total, path):
            seen.append((done, len(store.documents())))

        ingest(store, [corpus], on_progress=progress)
    assert seen == [(0, 0), (1, 1), (2, 2), (3, 3)]  # never ahead of the store


def test_groups_left_stale_by_an_earlier_run_are_recomputed(tmp_path, corpus, fake_extractor):
    hooked = []
    with Store(tmp_path / "s.db") as store:
        ingest(store, [corpus])  # no hook: documents written, groups never
        assert store.groups_stale()
        ingest(store, [corpus], after_ingest=lambda s: (hooked.append(s), s.replace_groups([])))
        assert hooked == [store] and not store.groups_stale()


def test_a_failing_after_ingest_hook_is_an_error_line_not_a_crash(tmp_path, corpus, fake_extractor):
    def broken(store):
        raise RuntimeError("grouping exploded")

    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [corpus], after_ingest=broken)
        assert report.errors == ["after the ingest: RuntimeError: grouping exploded (the documents are stored)"]
        assert len(store.documents()) == 3


def test_ingest_without_paths_shows_usage(cli):
    result = cli("ingest")
    assert result.exit_code == 2
    assert "give files and folders to ingest, or --from-jsonl FILE" in result.output


def test_hostile_file_names_are_shown_inert(cli, tmp_path, fake_extractor):
    folder = tmp_path / "in"
    write(folder / "ok.txt", "Es gab 3 Tote.")
    write(folder / "evil\x1b[2J[red]x[/red].txt", b"")
    result = cli("ingest", str(folder))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ") and "evil␛[2J[red]x[/red].txt: empty file" in line


def test_ctrl_c_outside_a_command_is_one_line(monkeypatch, capsys):
    import signal

    from claims.cli import core, interrupts

    # importing changed nothing (a process started in the background inherits SIGINT ignored)
    assert signal.getsignal(signal.SIGINT) in (signal.default_int_handler, signal.SIG_IGN)

    def interrupted():
        raise KeyboardInterrupt  # e.g. while typer builds the parser

    monkeypatch.setattr(core, "app", interrupted)
    with pytest.raises(SystemExit) as info:
        core.main()
    assert info.value.code == 130
    assert capsys.readouterr().err == "Interrupted; nothing half-written was kept.\n"
    interrupts.on_sigint(signal.default_int_handler)
