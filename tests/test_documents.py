"""Reading documents: metadata, encodings, offsets and every kind of bad input."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from claims import documents
from claims.documents import extraction_text, iter_documents, iter_paths, parse_iso_date, read_document
from claims.errors import (
    BinaryDocument,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    MalformedFrontMatter,
    MissingPath,
    NoDocumentsFound,
    UndecodableDocument,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write(path, content: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_seed_with_date_prefix_line():
    path = SEEDS / "000_c80bbfc9dfdefeeb.txt"
    doc = read_document(path)
    raw = path.read_bytes()
    assert doc.doc_id == "000_c80bbfc9dfdefeeb"
    assert doc.text == raw.decode("utf-8")
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()
    assert (doc.date, doc.date_precision) == ("2022-01", "month")
    assert doc.lang == "de"
    assert doc.title is None  # the first line is a paragraph, not a title
    body = extraction_text(doc)
    assert len(body) == len(doc.text)
    assert body.startswith(" " * len(" date 2022-01"))
    assert body[len(" date 2022-01") :] == doc.text[len(" date 2022-01") :]


def test_seed_titles():
    assert read_document(SEEDS / "004_99f585cc6e7d65d5.txt").title.startswith("Generalstreik und bewaffnete Arbeiter")
    assert read_document(SEEDS / "002_f61707a3f1d0999d.txt").title == "Aktuelle Information"


def test_front_matter_metadata_and_offsets(tmp_path):
    text = (
        "---\ntitle: Proteste in Almaty\nsource: Beispielzeitung\nurl: https://example.org/a\n"
        "date: 2022-01-06\nlang: de\n---\nMindestens 164 Menschen wurden getötet.\n"
    )
    doc = read_document(write(tmp_path / "a.md", text))
    assert doc.text == text
    assert (doc.title, doc.source, doc.url) == ("Proteste in Almaty", "Beispielzeitung", "https://example.org/a")
    assert (doc.date, doc.date_precision, doc.lang) == ("2022-01-06", "day", "de")
    body = extraction_text(doc)
    assert len(body) == len(text)
    assert "title" not in body and body.count("\n") == text.count("\n")
    start = text.index("164")
    assert body[start : start + 3] == "164"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01", ("2022-01", "month")),
        ("'2022'", ("2022", "year")),
        ("2021-12-31", ("2021-12-31", "day")),
        ("2022-01-06T10:00:00Z", ("2022-01-06", "day")),
        ("06.01.2022", ("2022-01-06", "day")),
        ("10. Januar 2022", ("2022-01-10", "day")),
    ],
)
def test_front_matter_date_precision(tmp_path, value, expected):
    doc = read_document(write(tmp_path / "d.txt", f"---\ndate: {value}\n---\nText.\n"))
    assert (doc.date, doc.date_precision) == expected


@pytest.mark.parametrize(
    ("name", "header", "expected"),
    [
        ("ap/2025-02-03.txt", "", ("2025-02-03", "day")),
        ("20250203-quake.txt", "", ("2025-02-03", "day")),
        ("2025/02/03/quake.txt", "", ("2025-02-03", "day")),
        ("archive-2024-12-31_v2.md", "", ("2024-12-31", "day")),
        # A month in the front matter takes the day of the file name when it falls within it ...
        ("2022-01-07.txt", "---\ndate: 2022-01\n---\n", ("2022-01-07", "day")),
        # ... the front matter's day wins over the file name's, and impossible days are no dates.
        ("2022-01-07.txt", "---\ndate: 2022-01-10\n---\n", ("2022-01-10", "day")),
        ("2022-02-30.txt", "", (None, None)),
        ("report-123456789.txt", "", (None, None)),
    ],
)
def test_publication_date_from_the_file_name_when_the_text_gives_none(tmp_path, name, header, expected):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = read_document(write(path, f"{header}Ein Bericht ohne Datum über 20 Verletzte.\n"))
    assert (doc.date, doc.date_precision) == expected


def test_front_matter_lang_and_detection(tmp_path):
    english = "The police said at least 160 people were killed and thousands were arrested in the city."
    assert read_document(write(tmp_path / "en.txt", english)).lang == "en"
    doc = read_document(write(tmp_path / "x.txt", f"---\nlang: EN-gb\n---\n{english}"))
    assert doc.lang == "en"
    doc = read_document(write(tmp_path / "y.txt", f"---\nlang: fr\n---\n{english}"))
    assert doc.lang == "en" and "lang 'fr' is not supported" in doc.warnings[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: x\nText ohne Ende der Kopfzeilen.\n", "never closed"),
        ("---\ntitle: [unclosed\n---\nText.\n", "not valid YAML"),
        ("---\n- a\n- b\n---\nText.\n", "key: value"),
        ("---\ndate: gestern\n---\nText.\n", "is not a date"),
        # A colon in a value is read as the rest of the line, but the other keys are still checked.
        ("---\ntitle: Fähre: was wir wissen\ndate: gestern\n---\nText.\n", "is not a date"),
        ("---\ntitle: Fähre: was wir wissen\ntags: [a, b\n---\nText.\n", "quote a value that holds a colon"),
    ],
)
def test_malformed_front_matter(tmp_path, text, message):
    path = write(tmp_path / "bad.md", text)
    with pytest.raises(MalformedFrontMatter, match=message) as info:
        read_document(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("header", "title", "date"),
    [
        ("title: Lake Orsa ferry: what we know\ndate: 2022-01-10\n", "Lake Orsa ferry: what we know", "2022-01-10"),
        ("title: Fährunglück: Was wir wissen\nsource: Agentur: Nord\n", "Fährunglück: Was wir wissen", None),
        ("title: 'Quoted: fine'\ndate: 2022-01-10\n", "Quoted: fine", "2022-01-10"),
    ],
)
def test_colon_in_an_unquoted_front_matter_value_is_read_as_the_rest_of_the_line(tmp_path, header, title, date):
    body = "At least 12 people were killed when the ferry sank.\n"
    doc = read_document(write(tmp_path / "ferry.md", f"---\n{header}---\n{body}"))
    assert doc.title == title and doc.date == date
    assert doc.text.endswith(body) and extraction_text(doc).strip() == body.strip()
    quoted = header.startswith("title: '")
    assert any("quote it" in w for w in doc.warnings) != quoted


def test_markdown_heading_is_title(tmp_path):
    doc = read_document(write(tmp_path / "h.md", "\n\n## Unruhen in Kasachstan ##\n\nText mit 5 Zahlen.\n"))
    assert doc.title == "Unruhen in Kasachstan"


def test_utf8_bom_is_kept_so_offsets_match_python_reading(tmp_path):
    path = write(tmp_path / "bom.txt", "\ufeff date 2022-01-05 Heute 12 Tote.".encode("utf-8"))
    doc = read_document(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.text[0] == "\ufeff"
    assert (doc.date, doc.date_precision) == ("2022-01-05", "day")
    assert extraction_text(doc).index("12") == doc.text.index("12")


def test_cp1252_fallback_warns_with_file_name(tmp_path):
    path = write(tmp_path / "win.txt", "Gebühr: 50 € für Straße „Zitat“".encode("cp1252"))
    doc = read_document(path)
    assert doc.text == "Gebühr: 50 € für Straße „Zitat“"
    assert len(doc.warnings) == 1 and str(path) in doc.warnings[0] and "cp1252" in doc.warnings[0]


def test_latin1_fallback_for_rare_meaningless_bytes(tmp_path):
    data = ("Größe " * 400).encode("latin-1") + b"\x81"
    doc = read_document(write(tmp_path / "l1.txt", data))
    assert doc.text.startswith("Größe") and "latin-1" in doc.warnings[0]


def test_undecodable_bytes(tmp_path):
    path = write(tmp_path / "junk.txt", b"Text " + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 20)
    with pytest.raises(UndecodableDocument, match="undecodable") as info:
        read_document(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00binary", bytes(range(1, 9)) * 100])
def test_binary_file(tmp_path, data):
    path = write(tmp_path / "image.txt", data)
    with pytest.raises(BinaryDocument, match="binary"):
        read_document(path)


def test_a_stray_nul_does_not_make_a_file_binary(tmp_path):
    text = "Ein langer Text mit 12 Toten. " * 100 + "\x00" + "Und weiter."
    doc = read_document(write(tmp_path / "stray.txt", text))
    assert doc.text == text


def test_utf16_without_bom_is_binary(tmp_path):
    with pytest.raises(BinaryDocument):
        read_document(write(tmp_path / "u16.txt", "Heute 12 Tote.".encode("utf-16-le")))


def test_escape_sequences_do_not_make_a_file_binary(tmp_path):
    doc = read_document(write(tmp_path / "ansi.txt", "Text \x1b[31mrot\x1b[0m mit 3 Zahlen.\n"))
    assert "\x1b[31m" in doc.text


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff \n".encode("utf-8"), b"---\ntitle: x\n---\n  \n"])
def test_empty_file(tmp_path, data):
    with pytest.raises(EmptyDocument, match="empty|no article text"):
        read_document(write(tmp_path / "empty.txt", data))


def test_file_over_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: no 50 MB written
        f.truncate(documents.MAX_BYTES + 1)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(DocumentTooLarge, match="50 MB limit"):
        read_document(path)


def test_missing_path():
    with pytest.raises(MissingPath, match="no such file"):
        read_document("/nonexistent/x.txt")
    (error,) = list(iter_paths(["/nonexistent/folder"]))
    assert isinstance(error, MissingPath) and "/nonexistent/folder" in str(error)


def test_folders_recursive_sorted_and_filtered(tmp_path):
    write(tmp_path / "b" / "2.md", "Zwei 2.")
    write(tmp_path / "b" / "1.txt", "Eins 1.")
    write(tmp_path / "a.txt", "A 3.")
    write(tmp_path / "notes.pdf", "x")
    write(tmp_path / ".hidden" / "h.txt", "x")
    write(tmp_path / ".swap.txt", "x")
    found = list(iter_paths([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/1.txt", "b/2.md"]


def test_empty_folder_and_folder_without_documents(tmp_path):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "other" / "x.pdf", "x")
    errors = list(iter_paths([tmp_path / "empty", tmp_path / "other"]))
    assert all(isinstance(e, NoDocumentsFound) for e in errors) and len(errors) == 2
    assert "no .txt or .md documents" in str(errors[0])


def test_iter_documents_streams_errors_alongside_documents(tmp_path):
    write(tmp_path / "a.txt", "Gut: 5 Tote.")
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.txt", "Auch gut: 7.")
    items = list(iter_documents([tmp_path, tmp_path / "missing.txt"]))
    assert [type(i).__name__ for i in items] == ["Document", "EmptyDocument", "Document", "MissingPath"]
    assert all(isinstance(i, DocumentError) for i in items if not hasattr(i, "doc_id"))


def test_utf16_with_bom(tmp_path):
    doc = read_document(write(tmp_path / "u16.txt", "Heute 12 Tote.".encode("utf-16")))
    assert doc.text == "Heute 12 Tote."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2022-02-28", ("2022-02-28", "day")), ("2022-02-31", None), ("2022-13", None), ("22-01", None), ("1999", ("1999", "year"))],
)
def test_parse_iso_date(raw, expected):
    assert parse_iso_date(raw) == expected


def test_symlinked_folder_loop_does_not_hang(tmp_path):
    write(tmp_path / "docs" / "a.txt", "A 1.")
    try:
        os.symlink(tmp_path / "docs", tmp_path / "docs" / "loop")
    except OSError:
        pytest.skip("no symlinks here")
    found = list(iter_paths([tmp_path / "docs"]))
    assert [p.name for p in found] == ["a.txt"]


def test_lead_skips_metadata_and_cuts_at_a_word():
    doc = read_document(SEEDS / "000_c80bbfc9dfdefeeb.txt")
    lead = documents.lead(doc, max_chars=40)
    assert lead == "Entgegen den Aussagen des Regimes, der …"


def test_crlf_and_front_matter_offsets_index_the_file_as_read(tmp_path):
    raw = "---\r\ntitle: T\r\n---\r\nZeile eins.\r\nEs gab 164 Tote.\r\n".encode("utf-8")
    path = write(tmp_path / "crlf.md", raw)
    doc = read_document(path)
    assert doc.title == "T" and doc.text == raw.decode("utf-8")
    body = extraction_text(doc)
    start = body.index("164")
    assert raw.decode("utf-8")[start : start + 3] == "164" and "title" not in body


def test_a_byte_order_mark_and_crlf_line_ends_stay_out_of_the_title(tmp_path):
    raw = "\ufeffHochwasser: Zahl der Toten steigt\r\n\r\nMindestens 41 Menschen starben.\r\n".encode("utf-8")
    doc = read_document(write(tmp_path / "bom.txt", raw))
    assert doc.title == "Hochwasser: Zahl der Toten steigt"
