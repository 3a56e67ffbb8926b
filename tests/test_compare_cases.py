"""Comparison within one story, data-driven from tests/data/compare_cases.yaml: deployments that
grow, figures of another country, sub-events of one story (issue 16)."""

from __future__ import annotations

import pytest

from tests.support.storycases import assert_status, group_of, groups_of_case, load_cases

CASES = load_cases("compare_cases.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_compare_case(case, tmp_path):
    groups = groups_of_case(case, tmp_path)
    if "figure" in case:
        assert_status(group_of(groups, case["figure"]), case)
    for a, b in case.get("apart", ()):
        assert group_of(groups, a).group_id != group_of(groups, b).group_id, (a, b)
    for a, b in case.get("together", ()):
        assert group_of(groups, a).group_id == group_of(groups, b).group_id, (a, b)
