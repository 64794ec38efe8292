"""Reading given lines of a file back (rows a load rejected)."""

from __future__ import annotations

import pytest

from fecscreen.bulk import lines as bulk_lines

CASES = [
    b"a\nbb\n\nccc\r\nd",
    b"a\nbb\n\nccc\r\nd\n",
    b"",
    b"x",
    b"\n",
    b"\n\n\nabc\n",
    b"aa\nbb\ncc\ndd\nee\nff\ngg\n",
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 100])
@pytest.mark.parametrize("content", CASES)
def test_scan_and_read_lines_agree_with_python(tmp_path, monkeypatch, chunk, content):
    monkeypatch.setattr(bulk_lines, "CHUNK", chunk)
    path = tmp_path / "f.txt"
    path.write_bytes(content)
    expected = content.decode().split("\n")
    if content.endswith(b"\n") or not content:
        expected = expected[:-1]
    n, index = bulk_lines.scan_lines(path)
    assert n == len(expected)
    assert bulk_lines.empty_lines(path) == [i for i, x in enumerate(expected, 1) if x in ("", "\r")]
    assert bulk_lines.last_line(path) == (expected[-1].rstrip("\r").encode() if expected else b"")
    for first in range(1, len(expected) + 1):
        for wanted in ([first], list(range(first, len(expected) + 1)), [1, first]):
            for idx in (None, index):
                got = bulk_lines.read_lines(path, wanted, "utf-8", idx)
                assert got == {k: expected[k - 1].rstrip("\r") for k in wanted}
