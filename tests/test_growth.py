"""The linear-growth check itself: it must pass linear work and catch quadratic work."""

from __future__ import annotations

import pytest

from tests.support.growth import assert_linear


def linear(size: int):
    text = "x" * size
    return lambda: sum(1 for ch in text if ch == "x")


def quadratic(size: int):
    text = "x" * size
    return lambda: sum(text.count("x", 0, i) for i in range(0, size, 4))  # each step rescans the prefix


def test_linear_work_passes():
    assert_linear(linear, 1_000, "linear")


def test_quadratic_work_fails():
    with pytest.raises(AssertionError, match="linear would be about 16"):
        assert_linear(quadratic, 100, "quadratic")
