"""`claims extract` of many files as JSON lines, `claims ingest --from-jsonl`, and the Dask script
that writes the same lines from a cluster."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.test_parallel_ingest import store_content

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(FIXTURES / "english_events", target, ignore=shutil.ignore_patterns("truth.yaml"))
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, target / seed.name)
    (target / "bad").mkdir()
    (target / "bad" / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return target


def lines_of(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_extract_many_files_gives_a_document_line_then_its_claims(cli, folder, tmp_path):
    result = cli("extract", str(folder), "--jobs", "1")
    assert result.exit_code == 1
    (error,) = result.stderr.strip().splitlines()  # the binary file; the others are extracted
    assert error.startswith("Error: ") and "binary.txt" in error
    records = lines_of(result)
    documents = [r for r in records if "document" in r]
    assert len(documents) == 15
    assert "pab/2024-09-10" in {d["document"] for d in documents}  # two files of one stem: ids by their folders
    position = 0
    for doc in documents:  # each document line is followed by exactly its claims
        position = records.index(doc, position)
        claims = records[position + 1 : position + 1 + doc["claims"]]
        assert all(c["doc"] == doc["document"] and c["content_hash"] == doc["content_hash"] for c in claims)
        assert all(c["extractor_version"] == doc["extractor_version"] for c in claims)
        text = Path(doc["path"]).read_bytes().decode("utf-8")
        assert all(text[c["start"] : c["end"]] == c["text"] for c in claims)
    listed = tmp_path / "list.txt"
    listed.write_text("\n".join(str(p) for p in sorted(folder.glob("*.txt"))) + "\n")
    from_list = cli("extract", "--files-from", "-", input=listed.read_text())
    assert from_list.exit_code == 0
    assert [r["document"] for r in lines_of(from_list) if "document" in r] == sorted(p.stem for p in folder.glob("*.txt"))
    dash = cli("extract", "-", input=listed.read_text())  # - is a list of paths on stdin, as --files-from -
    assert dash.exit_code == 0 and dash.stdout == from_list.stdout
    assert cli("extract", "-", input="").exit_code != 0  # an empty list is no input


def test_ingest_from_jsonl_gives_the_store_an_ingest_gives(cli, folder, tmp_path):
    seeds = folder.parent / "seeds_only"
    seeds.mkdir()
    for seed in folder.glob("*.txt"):
        shutil.copy(seed, seeds / seed.name)
    extracted = cli("extract", str(seeds))
    assert extracted.exit_code == 0, extracted.output
    jsonl = tmp_path / "claims.jsonl"
    jsonl.write_text(extracted.stdout, encoding="utf-8")
    direct, from_lines = tmp_path / "direct.db", tmp_path / "lines.db"
    assert cli("ingest", str(seeds), store=direct).exit_code == 0
    result = cli("ingest", "--from-jsonl", str(jsonl), store=from_lines)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ingested 5 documents (5 new, 0 updated, 0 unchanged), ")
    assert store_content(direct) == store_content(from_lines)
    again = cli("ingest", "--from-jsonl", "-", input=extracted.stdout, store=from_lines)  # stdin; all unchanged
    assert again.stdout.startswith("Ingested 5 documents (0 new, 0 updated, 5 unchanged), 0 claims; 0 errors")


def test_lines_of_another_extractor_or_a_changed_file_are_refused(cli, folder, tmp_path):
    seed = sorted(folder.glob("*.txt"))
    extracted = cli("extract", str(seed[0]), str(seed[1]))
    lines = extracted.stdout.splitlines()
    other = [line.replace(json.loads(lines[0])["extractor_version"], "0ther0ther00") for line in lines]
    result = cli("ingest", "--from-jsonl", "-", input="\n".join(other) + "\n")
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all("are of extractor 0ther0ther00, this claims is extractor" in e for e in errors)
    assert "extract them again" in errors[0]
    seed[1].write_text(seed[1].read_text(encoding="utf-8") + "\nNachtrag: 3 weitere Tote.\n", encoding="utf-8")
    result = cli("ingest", "--from-jsonl", "-", input=extracted.stdout)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {seed[1]}: changed since its claims were extracted (<stdin> line "
        f"{len(lines) - json.loads([x for x in lines if 'document' in json.loads(x)][1])['claims']}); extract it again"
    ]
    assert result.stdout.startswith("Ingested 1 document (1 new, ")  # the other one is stored


@pytest.mark.parametrize("mangle, message", [
    (lambda lines: lines[:-1], "announces"),  # cut off
    (lambda lines: ["not json", *lines], "line 1: not JSON"),
    (lambda lines: lines[1:], "line 1: a claim before any document line"),
    (lambda lines: [], "no lines"),
])
def test_broken_lines_are_one_error_line(cli, folder, mangle, message):
    seed = sorted(folder.glob("*.txt"))[0]
    lines = cli("extract", str(seed)).stdout.splitlines()
    result = cli("ingest", "--from-jsonl", "-", input="\n".join(mangle(lines)) + "\n")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: <stdin>") and message in line and "claims extract" in line or "cut off" in line


def test_ingest_needs_paths_or_lines_not_both(cli, folder, tmp_path):
    result = cli("ingest", str(folder), "--from-jsonl", "x.jsonl")
    assert result.exit_code == 2 and "not both" in result.output


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="dask is an optional extra: .[dask]")
def test_dask_on_a_local_cluster_writes_what_claims_extract_writes(cli, folder):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import dask_extract
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    sequential = cli("extract", str(folder), "--jobs", "1")
    out = io.StringIO()
    errors = dask_extract.run([str(folder)], output=out, out_dir=None, scheduler=None, workers=2,
                              partition_docs=4, processes=False)
    assert out.getvalue() == sequential.stdout and sequential.stdout.count('"document"') >= 10
    assert errors == len(sequential.stderr.strip().splitlines()) == 1  # the binary file
