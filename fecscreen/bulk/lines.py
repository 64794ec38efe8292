"""Find given lines of a large text file fast (only for the few rows a load rejects)."""

from __future__ import annotations

import bisect
from pathlib import Path

CHUNK = 16 << 20


def scan_lines(path: Path) -> tuple[int, list[tuple[int, int]]]:
    """(lines as DuckDB counts them, index).

    The index holds one (byte offset, line number) of a line start per block read,
    so :func:`read_lines` can jump close to the lines it wants.
    """
    n, offset, tail = 0, 0, b"\n"
    index: list[tuple[int, int]] = [(0, 1)]
    buf = bytearray(CHUNK)
    with path.open("rb") as fh:
        while True:
            size = fh.readinto(buf)
            if not size:
                break
            block = buf if size == CHUNK else buf[:size]
            n += block.count(b"\n")
            last = block.rfind(b"\n")
            if last >= 0:
                index.append((offset + last + 1, n + 1))
            offset += size
            tail = bytes(block[-1:])
    return n + (0 if tail == b"\n" else 1), index


def empty_lines(path: Path) -> list[int]:
    """Numbers of the empty lines (DuckDB's CSV parser skips those without a word).
    Slower than :func:`scan_lines`; needed only when the line count leaves it open."""
    out: list[int] = []
    line, carry = 1, b""   # line: number of the first line in carry + block
    with path.open("rb") as fh:
        while True:
            block = fh.read(CHUNK)
            if not block:
                break
            data = carry + block
            cut = data.rfind(b"\n") + 1
            complete, carry = data[:cut], data[cut:]
            rows = complete.split(b"\n")[:-1]
            out.extend(line + i for i, row in enumerate(rows) if row in (b"", b"\r"))
            line += len(rows)
    if carry == b"\r":
        out.append(line)
    return out


def last_line(path: Path, limit: int = 1 << 20) -> bytes:
    """The file's last line (without its newline)."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        fh.seek(max(0, size - limit))
        tail = fh.read()
    if tail.endswith(b"\n"):
        tail = tail[:-1]
    return tail.rsplit(b"\n", 1)[-1].rstrip(b"\r")


def read_lines(path: Path, numbers: list[int], encoding: str,
               index: list[tuple[int, int]] | None = None) -> dict[int, str]:
    """The text of the given 1-based line numbers, in one forward pass (jumping
    ahead with the ``index`` of :func:`scan_lines` when there is one)."""
    wanted = sorted(set(numbers))
    out: dict[int, str] = {}
    starts = [first for _, first in index] if index else []
    i, line, carry = 0, 1, b""   # line: number of the first line in carry + block
    with path.open("rb") as fh:
        while i < len(wanted):
            if starts:
                k = bisect.bisect_right(starts, wanted[i]) - 1
                if starts[k] > line:
                    fh.seek(index[k][0])
                    line, carry = starts[k], b""
            block = fh.read(CHUNK)
            if not block:
                if carry and wanted[i] == line:
                    out[line] = _decode(carry, encoding)
                break
            data = carry + block
            cut = data.rfind(b"\n") + 1
            complete, carry = data[:cut], data[cut:]
            n = complete.count(b"\n")
            if wanted[i] < line + n:
                rows = complete.split(b"\n")
                while i < len(wanted) and wanted[i] < line + n:
                    out[wanted[i]] = _decode(rows[wanted[i] - line], encoding)
                    i += 1
            line += n
    return out


def _decode(raw: bytes, encoding: str) -> str:
    return raw.rstrip(b"\r").decode(encoding, errors="replace")


__all__ = ["empty_lines", "last_line", "read_lines", "scan_lines"]
