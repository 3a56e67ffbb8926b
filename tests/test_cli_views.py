"""`claims docs / list / show / export / extract`: tables, JSON, errors, and hostile document text."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from claims.models import Claim, Document
from claims.render import format_value, safe_text
from claims.store import Store

TEXT = "Laut Polizei wurden mindestens 2200 Menschen verletzt. Es gab zwischen 150 und 200 Tote."
HOSTILE = "Böse [red]rot[/red] [link=https://evil.example]klick[/link] \x1b[31mANSI\x1b[0m \u202egnal\u202c 7 Tote."


def claim(doc, text, needle, **kw) -> Claim:
    start = text.index(needle)
    base = dict(claim_id="", doc="", category="count", value=1.0, value_low=1.0, value_high=1.0, unit=None,
                qualifier="exact", text=needle, start=start, end=start + len(needle), sentence=text, sentence_start=0)
    base.update(kw)
    return Claim(**base)


@pytest.fixture
def filled(db):
    with Store(db) as store:
        store.replace_document(
            Document("bericht", "/tmp/bericht.txt", TEXT, "h1", title="Unruhen in Almaty", source="Zeitung",
                     date="2022-01-11", date_precision="day", lang="de"),
            [
                claim("bericht", TEXT, "mindestens 2200", category="injuries", value=2200.0, value_low=2200.0,
                      value_high=None, qualifier="at_least", subject="Menschen", attribution="laut Polizei",
                      sentence=TEXT[:54], concept="injured", detail="serious"),
                claim("bericht", TEXT, "zwischen 150 und 200", category="deaths", value=150.0, value_low=150.0,
                      value_high=200.0, qualifier="range", subject="Tote", scope="2022-01",
                      sentence=TEXT[55:], sentence_start=55, concept="killed", aspect="change"),
            ],
        )
        store.replace_document(
            Document("hostile", "/tmp/hostile.txt", HOSTILE, "h2", title="[bold]Titel\x1b]8;;http://x\x07",
                     lang="de"),
            [claim("hostile", HOSTILE, "7", category="deaths", value=7.0, value_low=7.0, value_high=7.0,
                   subject="[red]Tote\x1b[5m")],
        )
        ids = {c.text: c.claim_id for c in store.claims()}
    return ids


def test_docs_table(cli, filled):
    result = cli("docs")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Document", "Title", "Source", "Published", "Lang", "Claims"]
    row = next(line for line in lines if line.lstrip().startswith("bericht"))
    assert row.split() == ["bericht", "Unruhen", "in", "Almaty", "Zeitung", "2022-01-11", "de", "2"]


def test_docs_json(cli, filled):
    docs = json.loads(cli("docs", "--json").stdout)
    assert [d["doc_id"] for d in docs] == ["bericht", "hostile"]
    assert docs[0]["n_claims"] == 2 and docs[0]["date_precision"] == "day" and "text" not in docs[0]


def test_list_table_and_filters(cli, filled):
    result = cli("list")
    assert result.exit_code == 0
    assert "≥ 2200" in result.stdout and "150–200" in result.stdout
    result = cli("list", "--doc", "ber", "--category", "deaths")
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if filled["zwischen 150 und 200"][:8] in line]
    assert len(rows) == 1 and "deaths" in rows[0] and "2200" not in result.stdout
    assert json.loads(cli("list", "--category", "injuries", "--json").stdout)[0]["value_high"] is None
    assert len(json.loads(cli("list", "--limit", "1", "--json").stdout)) == 1


@pytest.mark.parametrize("width", [60, 80, 120])
def test_list_prints_whole_claim_ids_within_the_console_width(cli, filled, monkeypatch, width):
    text = "Zwischen dem 11. und dem 15. März wurden nach Angaben des Gouverneurs 400 Millionen Euro gezahlt."
    with Store(cli.db) as store:
        store.replace_document(Document("atlaspress/2024-03-12", "/tmp/atlaspress/2024-03-12.txt", text, "h2"), [
            claim("atlaspress/2024-03-12", text, "Zwischen dem 11. und dem 15. März", category="date",
                  value=None, value_low=None, value_high=None, qualifier="range", scope="2024-03-11/2024-03-15"),
            claim("atlaspress/2024-03-12", text, "400 Millionen Euro", category="money", value=4e8,
                  value_low=4e8, value_high=4e8, unit="EUR", subject="Millionen Euro gezahlt an die Familien"),
        ])
        claim_ids = [c.claim_id for c in store.claims()]
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width  # nothing runs off the console's edge
    for claim_id in claim_ids:  # an id cut with an ellipsis could not be pasted into `claims show`
        assert re.search(rf"^ {claim_id[:8]} ", result.stdout, re.M), claim_id


def test_list_table_is_capped_but_json_is_not(cli, filled, monkeypatch):
    monkeypatch.setattr("claims.cli.store_commands.TABLE_MAX_ROWS", 2)
    result = cli("list")
    assert result.exit_code == 0
    assert result.stderr == "Showing the first 2 claims; narrow with --doc or --category, or use --json.\n"
    assert filled["7"][:8] not in result.stdout
    assert len(json.loads(cli("list", "--json").stdout)) == 3
    assert cli("list", "--limit", "2").stderr == ""


def test_list_errors(cli, filled):
    result = cli("list", "--doc", "nirgends")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no document 'nirgends' in ") and result.stderr.count("\n") == 1
    result = cli("list", "--category", "weather")  # an unknown category names the known ones
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: unknown category 'weather'; the categories are: arrests, count, date, ")
    result = cli("list", "--category", "money")  # a known category no claim has
    assert result.exit_code == 0 and result.stderr == "No claims match.\n"


def test_show_highlights_the_span_and_lists_fields(cli, filled):
    claim_id = filled["mindestens 2200"]
    result = cli("show", claim_id)
    assert result.exit_code == 0
    assert f"Claim {claim_id} · bericht · „Unruhen in Almaty“, 2022-01-11" in result.stdout
    assert "Laut Polizei wurden ⟦mindestens 2200⟧ Menschen verletzt." in result.stdout
    for field in ("category", "injuries", "qualifier", "at_least", "attribution", "laut Polizei", "reads as"):
        assert field in result.stdout
    fields = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}
    assert (fields["concept"], fields["detail"], fields["aspect"], fields["occasion"]) == (
        ["injured"], ["serious"], ["—"], ["—"])
    shown = json.loads(cli("show", claim_id[:7], "--json").stdout)
    assert shown["value"] == 2200
    assert (shown["concept"], shown["detail"], shown["aspect"], shown["occasion"]) == ("injured", "serious", None, None)


def test_show_unknown_claim(cli, filled):
    result = cli("show", "nothere")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no claim with id 'nothere'")


def test_read_commands_do_not_create_a_store(cli, tmp_path):
    missing = tmp_path / "none.db"
    for args in (["docs"], ["list"], ["show", "x"], ["export"]):
        result = cli(*args, store=missing)
        assert result.exit_code == 1 and "does not exist; run `claims --db" in result.stderr
    assert not missing.exists()


@pytest.mark.parametrize("command", [["docs"], ["list"], ["show", "HOSTILE"]])
def test_document_text_never_reaches_the_terminal_as_markup_or_escapes(cli, filled, command):
    args = [filled["7"] if a == "HOSTILE" else a for a in command]
    result = cli(*args)
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    if command == ["docs"]:
        assert "[bold]Titel␛]8;;http://x␇" in out
    else:
        assert "[red]Tote␛[5m" in out
    if command[0] == "show":
        assert "[red]rot[/red] [link=https://evil.example]klick[/link] ␛[31mANSI␛[0m �gnal� ⟦7⟧ Tote." in out


def test_safe_text_unit():
    assert safe_text("[red]x[/red]") == "\\[red]x\\[/red]"
    assert safe_text("a\x1b[2Jb\x9bc\u202ed\te\nf") == "a␛[2Jb\ufffdc\ufffdd e f"
    assert safe_text("a\nb", multiline=True) == "a\nb"
    assert safe_text(None) == ""


def test_format_value():
    base = dict(claim_id="c", doc="d", category="x", unit=None, text="t", start=0, end=1, sentence="t")
    assert format_value(Claim(value=2200.0, value_low=2200.0, value_high=None, qualifier="at_least", **base)) == "≥ 2200"
    assert format_value(Claim(value=4.2, value_low=4.2, value_high=4.2, qualifier="approx", **{**base, "unit": "%"})) == "≈ 4.2 %"
    assert format_value(Claim(value=24.0, value_low=24.0, value_high=99.0, qualifier="vague", **base)) == "~ 24–99"
    assert format_value(Claim(value="2022-01-05", value_low="2022-01-05", value_high="2022-01-19", qualifier="range", **base)) == "2022-01-05–2022-01-19"


def test_export_csv_to_stdout_and_file(cli, filled, tmp_path):
    result = cli("export", "--what", "claims", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    injuries = next(r for r in rows if r["category"] == "injuries")
    assert (injuries["value"], injuries["value_low"], injuries["value_high"]) == ("2200", "2200", "")
    assert TEXT[int(injuries["start"]) : int(injuries["end"])] == injuries["text"]
    deaths = next(r for r in rows if r["category"] == "deaths" and r["doc"] == "bericht")
    assert [(r["concept"], r["detail"], r["aspect"], r["occasion"]) for r in (injuries, deaths)] == [
        ("injured", "serious", "", ""), ("killed", "", "change", "")]
    out = tmp_path / "claims.json"
    result = cli("export", "--format", "json", "-o", str(out), "--doc", "bericht")
    assert result.exit_code == 0 and result.stderr == f"Wrote 2 rows to {out}\n" and result.stdout == ""
    exported = json.loads(out.read_text())
    assert [c["category"] for c in exported] == ["injuries", "deaths"]
    assert [(c["detail"], c["aspect"], c["occasion"]) for c in exported] == [("serious", None, None), (None, "change", None)]
    assert not list(tmp_path.glob(".claims.json.*"))  # no temporary file left behind


def test_export_groups(cli, filled):
    result = cli("export", "--what", "groups", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 and {"group_id", "status", "claim_id"} <= set(rows[0])
    result = cli("export", "--what", "groups", "--doc", "bericht")
    assert result.exit_code == 2 and "groups are exported whole" in result.output


def test_export_bad_arguments(cli, filled, tmp_path):
    result = cli("export", "--format", "xlsx")
    assert result.exit_code == 2 and "xlsx" in result.output
    result = cli("export", "-o", str(tmp_path / "no" / "such" / "dir.csv"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    (tmp_path / "taken").mkdir()
    result = cli("export", "-o", str(tmp_path / "taken"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left


def test_extract_file_and_stdin(cli, tmp_path, fake_extractor, db):
    path = tmp_path / "t.md"
    text = "---\ntitle: T\ndate: 2022-01-06\n---\nEs gab 164 Tote und 2200 Verletzte.\n"
    path.write_text(text)
    result = cli("extract", str(path))
    assert result.exit_code == 0
    document, *claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert document["document"] == "t" and document["claims"] == 2 and document["path"] == str(path.resolve())
    assert [c["text"] for c in claims] == ["164", "2200"]
    assert all(text[c["start"] : c["end"]] == c["text"] and c["doc"] == "t" for c in claims)
    assert claims[0]["as_of"] == "2022-01-06" and claims[0]["value"] == 164
    result = cli("extract", "--stdin-document", input="Heute 12 Tote.".encode())
    assert result.exit_code == 0
    document, line = result.stdout.splitlines()
    assert json.loads(document)["document"] == "stdin"
    assert json.loads(line)["doc"] == "stdin" and json.loads(line)["start"] == 6
    assert not db.exists()  # no store touched


def test_extract_bad_input(cli, tmp_path):
    result = cli("extract", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1 and "no such file or folder" in result.stderr
    result = cli("extract", "--stdin-document", input=b"\x00\x01\x02binary")
    assert result.exit_code == 1 and result.stderr.startswith("Error: <stdin>: binary")
    result = cli("extract", "--stdin-document", input=b"")
    assert result.exit_code == 1 and "empty" in result.stderr


def test_help_for_every_command(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("ingest", "docs", "list", "show", "extract", "export", "query", "conflicts", "diff", "group"):
        assert command in result.stdout
        sub = cli(command, "--help")
        assert sub.exit_code == 0 and "Usage" in sub.stdout and len(sub.stdout.splitlines()) > 3


def test_db_from_environment(tmp_path, monkeypatch, filled, db):
    from typer.testing import CliRunner

    from claims.cli import app

    monkeypatch.setenv("CLAIMS_DB", str(db))
    result = CliRunner().invoke(app, ["docs", "--json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 2


@pytest.mark.parametrize("width", [80, 100, 140])
def test_docs_table_keeps_one_line_per_document_at_any_width(width):
    from rich.console import Console

    from claims.render import docs_table
    from claims.store import StoredDocument

    docs = [
        StoredDocument("lang-" + "x" * 30, "/p", "Titel " * 40, "Quelle", None, "2022-01-06", "day", "de", "h", 12, "t"),
        StoredDocument("kurz", "/p", None, None, None, None, None, "en", "h", 0, "t", lead="First words of it …"),
    ]
    console = Console(width=width, file=io.StringIO(), emoji=False, highlight=False)
    console.print(docs_table(docs, width=width))
    lines = console.file.getvalue().splitlines()
    assert len(lines) == 4 and all(len(line) <= width for line in lines)
    assert re.search(r" Titel Titel.*… +Quelle +2022-01-06 +de +12 *$", lines[2])
    assert re.search(r" kurz +First words.* +— +unknown +en +0 *$", lines[3])
