"""The lexicon schema knows every key of the packaged files, rejects the keys it does not know,
and docs/lexicons.md is exactly what scripts/lexicon_reference.py prints from it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from claims import lexicon
from claims.errors import LexiconError
from claims.lexicon import DATA_DIR
from claims.lexicon.schema import PER_LANGUAGE, SCHEMAS
from claims.lexicon.shapes import Section

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = sorted(DATA_DIR.glob("**/*.yaml"))


def _reference_script():
    spec = importlib.util.spec_from_file_location("lexicon_reference", ROOT / "scripts" / "lexicon_reference.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _unknown_keys(data, section: Section, path: str = "") -> list[str]:
    """Keys of ``data`` (nested sections too) that ``section`` does not name."""
    unknown = []
    for name, value in data.items():
        key = section.keys.get(name)
        if key is None:
            unknown.append(f"{path}{name}")
        elif isinstance(key.shape, Section):
            unknown += _unknown_keys(value, key.shape, f"{path}{name}.")
        elif isinstance(key.shape, dict) and isinstance(next(iter(key.shape.values())), Section):
            for entry, inner in value.items():
                unknown += _unknown_keys(inner, next(iter(key.shape.values())), f"{path}{name}.{entry}.")
    return unknown


@pytest.mark.parametrize("path", PACKAGED, ids=lambda p: p.relative_to(DATA_DIR).as_posix())
def test_every_packaged_key_is_in_the_schema(path):
    name = path.stem
    assert name in SCHEMAS, f"{path.name} has no schema"
    assert (path.parent != DATA_DIR) == (name in PER_LANGUAGE), f"{path.name} is in the wrong folder"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _unknown_keys(data, SCHEMAS[name]) == []


def test_every_schema_key_has_a_description():
    script = _reference_script()
    missing = [(name, row[0]) for name, section in SCHEMAS.items() for row in script.rows(section) if not row[3].strip()]
    assert missing == []


def test_the_reference_doc_is_what_the_script_prints():
    assert (ROOT / "docs" / "lexicons.md").read_text(encoding="utf-8") == _reference_script().reference()


@pytest.mark.parametrize(
    ("path", "content", "message"),
    [
        ("grouping.yaml", "subject_similarty: 10\n",
         "lexicon grouping.yaml: unknown key 'subject_similarty' (did you mean 'subject_similarity'?)"),
        ("de/extract.yaml", "categories:\n  deaths: {concept: killed, nuns: [tote], predicates: []}\n",
         "lexicon de/extract.yaml: unknown key 'categories.deaths.nuns' (did you mean 'nouns'?)"),
        ("noise.yaml", "trigger_reach: near\n", "lexicon noise.yaml: trigger_reach must be int, not str"),
        ("de/numbers.yaml", "vague:\n  hunderte: [1000, 200]\n", "vague.hunderte needs [low, high] with low <= high"),
    ],
)
def test_a_bad_user_lexicon_names_file_and_key(tmp_path, monkeypatch, path, content, message):
    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_text(content, encoding="utf-8")
    monkeypatch.setenv("CLAIMS_LEXICONS", str(tmp_path))
    lexicon.clear_cache()
    try:
        lang = path.split("/")[0] if "/" in path else None
        with pytest.raises(LexiconError) as raised:
            lexicon.load(Path(path).stem, lang)
        assert message in str(raised.value)
    finally:
        monkeypatch.delenv("CLAIMS_LEXICONS")
        lexicon.clear_cache()


def test_a_user_lexicon_replaces_only_the_keys_it_names(tmp_path, monkeypatch):
    (tmp_path / "grouping.yaml").write_text("subject_similarity: 95\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMS_LEXICONS", str(tmp_path))
    lexicon.clear_cache()
    try:
        grouping = lexicon.load("grouping")
        assert grouping["subject_similarity"] == 95 and grouping["subject_prefix"] == 3
    finally:
        monkeypatch.delenv("CLAIMS_LEXICONS")
        lexicon.clear_cache()


def test_words_built_from_a_user_lexicon_are_forgotten_with_it(tmp_path, monkeypatch):
    from claims import extract_claims

    sentence = "Unter den 17 Toten waren viele Helfer. Sechs der Toten waren Kinder."
    before = [c.detail for c in extract_claims(sentence, lang="de", doc_date="2022-01-10") if c.value == 6]
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "extract.yaml").write_text("copulas: []\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMS_LEXICONS", str(tmp_path))
    lexicon.clear_cache()
    try:
        assert lexicon.word_set("extract", "de", "copulas") == frozenset()
        after = [c.detail for c in extract_claims(sentence, lang="de", doc_date="2022-01-10") if c.value == 6]
        assert before == ["kind"] and after != before  # no copula: the six are no longer dead children
    finally:
        monkeypatch.delenv("CLAIMS_LEXICONS")
        lexicon.clear_cache()
    assert "waren" in lexicon.word_set("extract", "de", "copulas")
