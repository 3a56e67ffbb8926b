"""Parts of a toll inside one report never make a conflict: data-driven from tests/data/toll_parts_cases.yaml."""

from __future__ import annotations

import pytest

from tests.support.storycases import assert_status, group_of, groups_of_case, load_cases

CASES = load_cases("toll_parts_cases.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_part_of_a_toll_in_its_own_report(case, tmp_path):
    assert_status(group_of(groups_of_case(case, tmp_path), case["figure"]), case)
