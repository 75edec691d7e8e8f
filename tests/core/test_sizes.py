"""Sizes as people write them (``--max-size 500M``) and as messages show them."""

from __future__ import annotations

import pytest

from annotator.core.sizes import format_size, parse_size


@pytest.mark.parametrize(("text", "expected"), [
    ("4096", 4096), ("500M", 500 << 20), ("2G", 2 << 30), ("2g", 2 << 30), ("1.5GB", 3 << 29),
    ("64K", 64 << 10), (" 1 T ", 1 << 40), ("10MiB", 10 << 20), ("0", 0),
])
def test_sizes_parse_with_binary_units(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "G", "2X", "-1M", "lots", "1e9"])
def test_a_bad_size_is_refused_naming_it(text):
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(text)


@pytest.mark.parametrize(("n", "shown"), [
    (0, "0 bytes"), (1023, "1023 bytes"), (1024, "1.0 KB"), (65 << 20, "65.0 MB"),
    (2 << 30, "2.0 GB"), (3 << 40, "3.0 TB"), (5000 << 40, "5000.0 TB"),
])
def test_sizes_format_in_the_largest_fitting_unit(n, shown):
    assert format_size(n) == shown
