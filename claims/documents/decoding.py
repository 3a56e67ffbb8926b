"""Decode the bytes of a file as text: UTF-8 first, then cp1252, then latin-1 (rarely); refuse binary data."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import BinaryDocument, UndecodableDocument

BINARY_SAMPLE_BYTES = 8192
BINARY_CONTROL_RATIO = 0.10
BINARY_NUL_RATIO = 0.001
LATIN1_C1_RATIO = 0.001
# C0 controls that do not occur in text files (tab, newlines, form feed and ESC excluded).
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")
_C1 = re.compile("[\x80-\x9f]")


def decode(data: bytes, path: Path, warnings: list[str]) -> str:
    """Decode file bytes as UTF-8, else cp1252, else latin-1 (with a warning naming the file)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UndecodableDocument(f"{path}: broken UTF-16 text; re-save the file as UTF-8") from None
    refuse_binary(data, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_offset = exc.start
    try:
        text = data.decode("cp1252")
        warnings.append(f"{path}: not UTF-8 (byte {bad_offset}); read as cp1252")
        return text
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    meaningless = len(_C1.findall(text))
    if meaningless > max(1, len(text) * LATIN1_C1_RATIO):
        raise UndecodableDocument(
            f"{path}: undecodable bytes (from byte {bad_offset}), not UTF-8, cp1252 or latin-1 text; "
            "re-save the file as UTF-8"
        )
    warnings.append(f"{path}: not UTF-8 (byte {bad_offset}) nor cp1252; read as latin-1")
    return text


def refuse_binary(data: bytes, path: Path) -> None:
    # Judged on the first 8 KB: binary formats show themselves at once, while a
    # stray NUL or two in a scraped text does not make it binary.
    sample = data[:BINARY_SAMPLE_BYTES]
    nuls = sample.count(0)
    if nuls > max(1, len(sample) * BINARY_NUL_RATIO):
        raise BinaryDocument(f"{path}: binary file (NUL bytes), not text; give .txt or .md text files")
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    if controls > len(sample) * BINARY_CONTROL_RATIO:
        raise BinaryDocument(f"{path}: binary file (control bytes), not text; give .txt or .md text files")
