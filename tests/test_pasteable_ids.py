"""Document ids as tables print them: every printed id pastes back into a command."""

from __future__ import annotations

import pytest

from claims.documents.ids import pasteable_ids


@pytest.mark.parametrize("ids, expected", [
    (["wn_100", "wn_1000", "wn_1001"], {"wn_100": "wn_100", "wn_1000": "wn_1000", "wn_1001": "wn_1001"}),
    (["reuters/2024-03-12", "ap/2024-03-12"], {"reuters/2024-03-12": "reuters/2024-03-12",
                                               "ap/2024-03-12": "ap/2024-03-12"}),
    (["2024-03-12-reuters-ferry-sinking", "2024-03-12-reuters-ferry-toll"],
     {"2024-03-12-reuters-ferry-sinking": "2024-03-12-reuters-ferry-s",
      "2024-03-12-reuters-ferry-toll": "2024-03-12-reuters-ferry-t"}),
    (["hochwasser-tagesblatt-0415-abend"], {"hochwasser-tagesblatt-0415-abend": "hochwasser-t"}),
])
def test_short_ids_are_unique_prefixes_without_ellipsis(ids, expected):
    shown = pasteable_ids(ids)
    assert shown == expected
    for doc_id, label in shown.items():
        assert "…" not in label
        assert label == doc_id or [other for other in ids if other.startswith(label)] == [doc_id]


def test_every_doc_printed_by_list_names_its_document(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("2024-03-12-reuters-ferry-sinking", "2024-03-12-reuters-ferry-toll", "kurz"):
        (folder / f"{name}.txt").write_text(f"Bei dem Unglück {name} starben 12 Menschen.\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    listed = cli("list")
    assert listed.exit_code == 0, listed.output
    printed = {line.split()[1] for line in listed.output.splitlines()[2:] if line.strip()}
    assert printed == {"2024-03-12-reuters-ferry-s", "2024-03-12-reuters-ferry-t", "kurz"}
    for label in printed:
        shown = cli("list", "--doc", label)
        assert shown.exit_code == 0 and "12" in shown.output, shown.output
