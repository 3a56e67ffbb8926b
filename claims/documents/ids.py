"""Document ids: the file stem, or as much of the path as tells two files of one stem apart.

``reports/reuters/2024-03-12.txt`` alone is ``2024-03-12``; next to ``reports/ap/2024-03-12.txt``
(in the same run, or stored before and still on disk) it is ``reuters/2024-03-12`` and the other
``ap/2024-03-12``: the fewest trailing folders that make the id unique, always with ``/``. A file
already stored keeps the id it was stored under, so ids noted by a user stay valid, and front
matter ``id:`` names a document whatever its path (see ``parse_document``).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePath


def stem_of(path: str) -> str:
    return PurePath(path).stem


def assign_ids(paths: Iterable[str], stored_ids: dict[str, str], stem_holders: dict[str, str]) -> dict[str, str]:
    """An id for each of ``paths`` (absolute): the one stored for it (``stored_ids``: path -> id), else
    its stem, else the shortest unique tail of its path. ``stem_holders`` maps a stem to the path of
    the stored document that has the stem as its id."""
    by_stem: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        by_stem[stem_of(path)].add(path)
    ids: dict[str, str] = {}
    for stem, group in by_stem.items():
        rivals = set(group)
        holder = stem_holders.get(stem)
        if holder is not None and holder not in group and os.path.exists(holder):
            rivals.add(holder)
        for path in sorted(group):
            if path in stored_ids:
                ids[path] = stored_ids[path]
            elif len(rivals) == 1:
                ids[path] = stem
            else:
                ids[path] = unique_tail(path, rivals)
    return ids


def unique_tail(path: str, rivals: Iterable[str]) -> str:
    """The fewest trailing parts of ``path`` without its suffix (at least two) that no rival shares."""
    parts = PurePath(path).with_suffix("").parts
    others = [PurePath(r).with_suffix("").parts for r in rivals if r != path]
    for n in range(2, len(parts) + 1):
        tail = parts[-n:]
        if all(other[-n:] != tail for other in others):
            return "/".join(tail)
    return "/".join(parts[1:] if parts and parts[0] in ("/", "\\") else parts)


def pasteable_ids(doc_ids: Iterable[str], whole_up_to: int = 20, min_chars: int = 12) -> dict[str, str]:
    """How a table prints each document id so that it can be pasted back into a command: whole
    up to ``whole_up_to`` characters, a longer one cut to at least ``min_chars`` characters and as
    many as make it a prefix of no other id (commands take a unique prefix, and an exact id wins
    over the ids it is a prefix of). Never an ellipsis, which would paste as part of the id."""
    ordered = sorted(set(doc_ids))
    shown: dict[str, str] = {}
    for i, doc_id in enumerate(ordered):
        neighbours = ordered[max(i - 1, 0): i] + ordered[i + 1: i + 2]
        need = max((len(os.path.commonprefix([doc_id, other])) + 1 for other in neighbours), default=1)
        cut = len(doc_id) if len(doc_id) <= whole_up_to else max(need, min_chars)
        shown[doc_id] = doc_id if cut >= len(doc_id) else doc_id[:cut]
    return shown
