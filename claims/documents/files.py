"""Find document files and read their bytes: folders walked in order, size limits, content hashes."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import DocumentError, DocumentTooLarge, MissingPath, NoDocumentsFound

SUFFIXES = frozenset({".txt", ".md"})
MAX_BYTES = 50 * 1024 * 1024


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | DocumentError]:
    """Yield the document files under ``paths`` (folders recursively, sorted), or an error per bad path.

    Files named explicitly are taken whatever their suffix; in folders only
    ``.txt`` and ``.md`` files count and hidden files and folders are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in walk_folder(path):
                found = True
                yield file
            if not found:
                yield NoDocumentsFound(f"{path}: no .txt or .md documents in this folder")
        elif path.is_file():
            yield path
        elif path.exists():
            yield DocumentError(f"{path}: not a regular file; give a .txt or .md file or a folder")
        else:
            yield MissingPath(f"{path}: no such file or folder; check the path")


def walk_folder(folder: Path, visited: set[str] | None = None) -> Iterator[Path]:
    visited = set() if visited is None else visited
    try:
        real = os.path.realpath(folder)
        if real in visited:  # a symlink loop
            return
        visited.add(real)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                yield from walk_folder(Path(entry.path), visited)
            elif os.path.splitext(entry.name)[1].lower() in SUFFIXES and entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue


def read_bytes(path: Path) -> bytes:
    """The raw bytes of ``path``, refusing missing and oversized files before reading them."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise DocumentTooLarge(
                    f"{path}: skipped, {size / 1024 / 1024:.0f} MB is over the {MAX_BYTES // 1024 // 1024} MB "
                    "limit; split the file"
                )
            return handle.read()
    except FileNotFoundError:
        raise MissingPath(f"{path}: no such file or folder; check the path") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from None


def read_stream(stream: BinaryIO, name: str = "<stdin>") -> bytes:
    """Up to MAX_BYTES from a binary stream (standard input), refusing more."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DocumentTooLarge(f"{name}: over the {MAX_BYTES // 1024 // 1024} MB limit; split the input")
    return data


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
