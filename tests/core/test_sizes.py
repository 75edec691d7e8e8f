"""Sizes on the command line (``import --max-size 500M``)."""

from __future__ import annotations

import pytest

from annotator.core.sizes import format_size, parse_size


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4096", 4096), ("500M", 500 * 2**20), ("2G", 2 * 2**30), ("2g", 2 * 2**30),
     ("200 MB", 200 * 2**20), ("1.5G", 3 * 2**29), ("64K", 65536), ("1GiB", 2**30)],
)
def test_sizes_as_people_write_them(text: str, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "M", "lots", "-5M", "0", "5 X", "1e9"])
def test_a_typo_is_refused_with_the_text_it_got(text: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(text)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 byte"), (999, "999 bytes"), (2048, "2 KB"), (200 * 2**20, "200 MB"),
     (3 * 2**29, "1.5 GB")],
)
def test_format_size_reads_back(n: int, expected: str) -> None:
    assert format_size(n) == expected
    assert parse_size(expected.replace(" bytes", "").replace(" byte", "")) == n
