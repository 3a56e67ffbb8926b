"""A folder ingested again notes the documents whose files are gone; --prune removes them."""

from __future__ import annotations

import json


def write_reports(folder):
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "a.txt": "Bei dem Unfall wurden 12 Menschen verletzt.",
        "b.txt": "Nach Angaben der Polizei wurden 15 Menschen verletzt.",
        "c.txt": "Mindestens 3 Menschen wurden getötet.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")


def doc_ids(cli) -> list[str]:
    return [d["doc_id"] for d in json.loads(cli("docs", "--json").stdout)]


def test_gone_files_are_noted_then_pruned(cli, tmp_path):
    reports, other = tmp_path / "reports", tmp_path / "other"
    write_reports(reports)
    other.mkdir()
    (other / "x.txt").write_text("Es gab 7 Tote.\n", encoding="utf-8")
    assert cli("ingest", str(reports), str(other / "x.txt")).exit_code == 0
    (reports / "b.txt").unlink()
    (other / "x.txt").unlink()  # gone too, but not from the folder ingested below

    again = cli("ingest", str(reports))
    assert again.exit_code == 0
    assert "1 document ingested from" in again.stderr and "(b)" in again.stderr and "--prune" in again.stderr
    assert doc_ids(cli) == ["a", "b", "c", "x"]  # nothing is removed without --prune

    pruned = cli("ingest", str(reports), "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert "removed 1 whose files are gone (b)" in pruned.stdout and "--prune" not in pruned.stderr
    assert doc_ids(cli) == ["a", "c", "x"]
    groups = json.loads(cli("export", "--what", "groups", "--format", "json").stdout)
    assert {row["doc"] for row in groups} == {"a", "c", "x"}  # regrouped without b's claims

    quiet = cli("ingest", str(reports))
    assert quiet.exit_code == 0 and quiet.stderr == "" and "2 unchanged" in quiet.stdout
