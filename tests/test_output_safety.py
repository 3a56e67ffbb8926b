"""Document text never reaches the terminal as markup or control sequences; CSV cells are never formulas.

Hostile documents go through the real pipeline (files -> ingest -> extraction ->
store) and then through every table and report: docs, list, show, query,
conflicts, diff. Markup, escape codes and bidi overrides are put where a
reader cannot avoid them: file names (document ids), front matter (title,
source) and the sentences around claims.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims.cli import app
from claims.export import FORMULA_PREFIXES

# Sequences rich itself never writes: if they reach the output, they came from a document.
FOREIGN = ("\x1b[2J", "\x1b]8;", "\x07", "\x1b[5m", "\x1b[31mEVIL", "\u202e", "\x1b[H", "\x9b")
DOC_A = "[red]ost\x1b[2J"
DOC_B = "\x1b[31mEVIL[bold]west"
BODY_A = (
    "---\ntitle: \"[link=https://evil.example]Titel[/link]\\x1b[2J\"\nsource: \"[blink]Quelle\\x1b[5m\"\n"
    "date: 2022-01-10\n---\n"
    "Bei den Unruhen in [red]Almaty[/red] wurden am 5. Januar 2022 mindestens 16 Menschen getötet.\n"
    "\x1b]8;;https://evil.example\x07Mehr als 2000 Menschen\x1b]8;;\x07 wurden \x1b[H verletzt, [bold]laut[/bold] Polizei.\n"
    "Rund \u202e4000\u202c Soldaten aus [link=https://evil.example]Russland[/link] kamen ins Land.\n"
)
BODY_B = (
    "Almaty, 11.01.2022. Bei den Unruhen wurden am 5. Januar 2022 164 Menschen getötet [red]laut[/red] Behörden.\n"
    "[link=https://evil.example]Rund 4000 Menschen[/link] wurden verletzt. \x9b31m Etwa 3000 Soldaten kamen.\n"
)


@pytest.fixture
def hostile_store(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / f"{DOC_A}.txt").write_text(BODY_A, encoding="utf-8")
    (folder / f"{DOC_B}.txt").write_text(BODY_B, encoding="utf-8")
    result = cli("ingest", str(folder))
    assert result.exit_code == 0, result.output
    assert cli("group").exit_code == 0
    ids = [c["claim_id"] for c in json.loads(cli("list", "--json").stdout)]
    assert len(ids) >= 4
    return folder, ids


def commands(folder, ids):
    return [
        ["docs"], ["list"], ["list", "--doc", str(folder / f"{DOC_A}.txt")], ["query", "Tote"],
        ["query", "Menschen Soldaten"], ["conflicts"],
        ["diff", str(folder / f"{DOC_A}.txt"), str(folder / f"{DOC_B}.txt")],
        *(["show", claim_id] for claim_id in ids),
    ]


def assert_inert(output: str) -> None:
    for sequence in FOREIGN:
        assert sequence not in output, (sequence, output[:2000])


@pytest.mark.parametrize("colour", [False, True], ids=["no-colour", "forced-colour"])
def test_every_view_shows_document_text_literally(cli, hostile_store, monkeypatch, colour):
    folder, ids = hostile_store
    if colour:
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("TERM", "xterm-256color")
    seen = ""
    for args in commands(folder, ids):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        assert "Traceback" not in result.output
        assert_inert(result.stdout)
        assert_inert(result.stderr)
        seen += result.stdout
    if colour:
        assert "\x1b[" in seen  # colour really was on, so markup would have been turned into escapes
    # The document ids and the markup in the text are shown as written, with visible stand-ins for ESC.
    assert "[red]ost␛[2J" in seen
    assert "␛[31mEVIL[bold]west" in seen
    assert "[red]Almaty[/red]" in seen or "[bold]laut[/bold]" in seen
    assert "[link=https://evil.example]" in seen


def test_error_lines_naming_hostile_files_are_inert(cli, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "[red]leer\x1b[2J.txt").write_bytes(b"")
    (folder / "\x1b]8;;evil\x07bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    result = cli("ingest", str(folder))
    assert result.exit_code == 1
    assert_inert(result.stderr)
    assert "[red]leer␛[2J" in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("Error:") for line in lines), lines


def test_extract_json_lines_are_valid_json_with_escaped_controls(cli, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(BODY_A, encoding="utf-8")
    result = cli("extract", str(path))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout  # JSON escapes control characters
    rows = [json.loads(line) for line in result.stdout.splitlines()][1:]  # after the document line
    assert any("\x1b" in row["sentence"] for row in rows)  # ...and keeps them in the data


FORMULAS = ["=HYPERLINK(1)", "+1+1", "-1+1", "@SUM(1)", "\tTab", "\rCR"]


def test_csv_export_neutralises_formulas_from_file_names_and_sentences(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, prefix in enumerate(FORMULAS):
        (folder / f"{prefix}{i}.txt").write_text(
            f"{prefix} Bei Kämpfen wurden {10 + i} Menschen getötet.\n{prefix}Es gab -{i + 2} Grad und {i + 3} Verletzte.\n",
            encoding="utf-8",
        )
    assert cli("ingest", str(folder)).exit_code == 0
    result = cli("export", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert len({row["doc"] for row in rows}) == len(FORMULAS)
    numeric = {"value", "value_low", "value_high", "start", "end", "sentence_start"}
    for row in rows:
        for column, cell in row.items():
            if column in numeric:
                assert not cell.startswith("'"), (column, cell)
                if cell and row["kind"] != "date":
                    float(cell)  # a number a spreadsheet reads as a number
            else:
                assert not cell.startswith(FORMULA_PREFIXES), (column, cell)
    docs = {row["doc"] for row in rows}
    assert {f"'{p}{i}" for i, p in enumerate(FORMULAS)} == docs
    assert any(row["sentence"].startswith("'") for row in rows)


def test_csv_export_to_file_is_the_same_as_stdout(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "=evil.txt").write_text("=1+1 Es wurden 16 Menschen getötet.\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    out = tmp_path / "out.csv"
    assert cli("export", "--format", "csv", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == cli("export", "--format", "csv").stdout
    assert ",'=evil,deaths," in out.read_text(encoding="utf-8")


# C1 controls (U+009B is CSI for some terminals) and bidi overrides (U+202E reorders what is shown)
# are valid in JSON strings; written as \u escapes they are just as valid, lossless, and inert.
UNSAFE_IN_JSON = ("\x9b", "\x85", "\u202e", "\u2066", "\u2028")


def test_json_outputs_escape_c1_controls_and_bidi_overrides(cli, hostile_store, tmp_path):
    folder, ids = hostile_store
    path = tmp_path / "c1.txt"
    path.write_text("Es wurden \x9b31m 16 Menschen \u202egetötet\u202c.\u2028Rund \x85 20 Tote.\n", encoding="utf-8")
    outputs = {"extract": cli("extract", str(path)).stdout}
    for args in (["list", "--json"], ["docs", "--json"], ["export", "--format", "json"], ["query", "Tote", "--json"],
                 ["conflicts", "--json"], ["show", ids[-1], "--json"]):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        outputs[" ".join(args)] = result.stdout
    for name, out in outputs.items():
        assert not [c for c in UNSAFE_IN_JSON if c in out], name
    rows = [json.loads(line) for line in outputs["extract"].splitlines()][1:]  # after the document line
    assert any("\x9b31m" in row["sentence"] for row in rows)  # the data itself is kept


LINE_MESSAGES = [
    "Ingested 2 documents (2 new, 0 updated, 0 unchanged), 14 claims; 0 errors",
    "/tmp/[red]x[/red].txt: not UTF-8 (byte 3); read as cp1252",
    "a\\[b\\]c \\ back\\slash [link=https://evil.example]x[/link] [/] [",
    "ctrl \x1b[31mEVIL\x07 \x9b bidi \u202e end\ttab\nnewline \r cr",
    "Umlaute äöüß – „Zitat“ · ≥ 2200 " + "long " * 40,
    "",
]


@pytest.mark.parametrize("message", LINE_MESSAGES)
@pytest.mark.parametrize("kind", ["print_line", "print_warning", "print_error"])
def test_plain_lines_write_what_rich_writes_where_it_cannot_colour(message, kind):
    from rich.console import Console

    from claims import render

    rich_out, plain_out = io.StringIO(), io.StringIO()
    getattr(render, kind)(Console(file=rich_out, emoji=False, highlight=False, width=80), message)
    getattr(render, kind)(render.PlainLines(plain_out), message)
    assert plain_out.getvalue() == rich_out.getvalue()


def test_line_console_is_plain_only_where_rich_would_not_colour(monkeypatch):
    from claims import render

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert isinstance(render.line_console(), render.PlainLines)  # pytest captures stdout: no terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not isinstance(render.line_console(), render.PlainLines)
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert not isinstance(render.line_console(stderr=True), render.PlainLines)
