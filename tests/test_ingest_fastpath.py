"""The direct path and the block-at-once reader give exactly the tables of the line-by-line reader."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

import fecscreen.ingest as ingest_mod
from fecscreen.ingest import direct as direct_mod
from fecscreen.ingest import load_file
from fecscreen.ingest import parse as parse_mod
from fecscreen.ingest import write as write_mod
from fecscreen.ingest.layouts import layouts
from fecscreen.store import open_store

FILINGS = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "filings"
# every column but the load timestamps and the issue sequence number
TABLES = {
    "filings": "* EXCLUDE (loaded_at)",
    "filing_receipts": "*",
    "filing_disbursements": "*",
    "filing_lines": "* EXCLUDE (fields), CAST(fields AS VARCHAR) AS fields",
    "load_issues": "* EXCLUDE (issue_id, recorded_at)",
}


def _filings(fixtures_dir) -> list[Path]:
    return [p for p in sorted((fixtures_dir / "filings").glob("*/*.fec"))
            if p.name != "filing_invalid_version.fec"]


def _tables(db: Path, paths: list[Path]) -> dict[str, list]:
    with open_store(db) as store:
        for p in paths:
            load_file(store, p, source=p.name, filing_id=f"{p.parent.name}-{p.stem}")
        out = {}
        for table, cols in TABLES.items():
            rows = store.con.execute(f"SELECT {cols} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out


def _slow_blocks(monkeypatch) -> None:
    """Python reads every line, one by one: the reference. Only lines of exactly their
    layout's fields in UTF-8 blocks are copied as they are; a line with too few or too
    many fields, and every line of a block that is not UTF-8, is split and decoded."""
    monkeypatch.setattr(parse_mod.Reader, "_fast_block", lambda self, *a: False)
    monkeypatch.setattr(direct_mod, "MIN_BYTES", 1 << 62)
    monkeypatch.setattr(parse_mod, "_fit", lambda *a: None)
    lines = parse_mod.Reader._lines

    def careful(self, numbered, fast_ok, lineno, ascii_only=False):
        return lines(self, numbered, fast_ok and not ascii_only, lineno)

    monkeypatch.setattr(parse_mod.Reader, "_lines", careful)


def _direct_always(monkeypatch) -> None:
    monkeypatch.setattr(direct_mod, "MIN_BYTES", 0)


def _count_direct(monkeypatch) -> list:
    """Spy: one entry per INSERT that took lines from the file itself (the direct path)."""
    calls = []
    real = write_mod._direct

    def spy(*args):
        calls.append(args[0].key)
        return real(*args)

    monkeypatch.setattr(write_mod, "_direct", spy)
    return calls


def _count_redo(monkeypatch) -> list:
    """Spy: one entry per direct load rolled back and read again line by line."""
    redo = []
    real = write_mod.insert_group

    def spy(*args, **kwargs):
        try:
            return real(*args, **kwargs)
        except write_mod.NotDirect:
            redo.append(args[2].key)
            raise

    monkeypatch.setattr(ingest_mod, "insert_group", spy)
    return redo


@pytest.mark.parametrize("direct", [True, False])
@pytest.mark.parametrize("chunk", [1 << 12, parse_mod.CHUNK])
def test_fixture_filings_same_both_ways(tmp_path, monkeypatch, fixtures_dir, chunk, direct):
    paths = _filings(fixtures_dir)
    monkeypatch.setattr(parse_mod, "CHUNK", chunk)
    monkeypatch.setattr(direct_mod, "MIN_BYTES", 0 if direct else 1 << 62)
    calls = _count_direct(monkeypatch)
    redo = _count_redo(monkeypatch)
    fast = _tables(tmp_path / "fast.duckdb", paths)
    assert bool(calls) == direct
    if direct:  # the ASCII-28 filings' itemized layouts went the direct way, none again
        assert len(calls) >= 20 and redo == []
    _slow_blocks(monkeypatch)
    slow = _tables(tmp_path / "slow.duckdb", paths)
    assert sum(len(v) for v in fast.values()) > 1000
    for table in TABLES:
        assert fast[table] == slow[table], table


def _synthetic(path: Path, *, bad: bool = True) -> Path:
    sa = ["SA11AI", "C001", "", "IND", "DOE^JANE", "", "", "", "", "1 MAIN ST", "", "AUSTIN",
          "TX", "78701", "P2024", "", "20240105", "100.00", "100.00", "", "", "", "", "", "",
          "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]
    hdr = "HDR\x1cFEC\x1c8.3\x1cX\x1c1\x1c\x1c\x1c\x1c"
    f3 = "F3X\x1cC001\x1cCOMMITTEE"
    lines = [hdr, f3]
    for i in range(3000):
        row = list(sa)
        row[0] = ("SA11AI", "SA17", "SA11AI", "SA15")[i % 4] if i >= 1500 else "SA11AI"
        row[17] = f"{i}.00"
        if i == 2000 and bad:
            row.append("EXTRA")                 # one separator too many
        if i == 2500 and bad:
            row = row[:-2]                      # two too few
        lines.append("\x1c".join(row))
    sb = ["SB23", "C001", "", "IND"]
    if not bad:  # all of its fields
        sb += [""] * (len(layouts().lookup("SB23", "8.3").columns) - len(sb))
    lines.insert(2600, "\x1c".join(sb))  # a disbursement line in between
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _same_as_line_by_line(tmp_path, monkeypatch, src: Path) -> dict:
    fast = _tables(tmp_path / "fast.duckdb", [src])
    _slow_blocks(monkeypatch)
    slow = _tables(tmp_path / "slow.duckdb", [src])
    for table in TABLES:
        assert fast[table] == slow[table], table
    return fast


def test_new_forms_and_bad_lines_inside_blocks(tmp_path, monkeypatch):
    src = _synthetic(tmp_path / "9.fec")
    monkeypatch.setattr(parse_mod, "CHUNK", 1 << 12)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert len(fast["filing_receipts"]) == 3000
    assert {r[3] for r in fast["load_issues"]} >= {2003, 2503}


def test_the_direct_path_takes_the_well_formed_lines_and_python_the_others(tmp_path, monkeypatch):
    src = _synthetic(tmp_path / "9.fec", bad=False)
    _direct_always(monkeypatch)
    calls = _count_direct(monkeypatch)
    redo = _count_redo(monkeypatch)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert calls == ["^sa[^3] ^8.5|8.4|8.3|8.2|8.1|8.0", "^sb ^8.5|8.4|8.3|8.2|8.1|8.0"]
    assert redo == []
    assert len(fast["filing_receipts"]) == 3000
    assert len(fast["filing_disbursements"]) == 1


def test_a_line_with_another_number_of_fields_is_known_before_the_transaction(tmp_path, monkeypatch):
    src = _synthetic(tmp_path / "9.fec")
    _direct_always(monkeypatch)
    calls = _count_direct(monkeypatch)
    redo = _count_redo(monkeypatch)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert redo == [] and "^sa[^3] ^8.5|8.4|8.3|8.2|8.1|8.0" in calls   # no rollback: Python read the two
    assert len(fast["filing_receipts"]) == 3000
    assert {r[3] for r in fast["load_issues"]} >= {2003, 2503}


def _plain_then(path: Path, odd: bytes) -> Path:
    """The synthetic filing with ``odd`` put into one line far down."""
    lines = _synthetic(path, bad=False).read_bytes().split(b"\n")
    lines[2800] = lines[2800].replace(b"DOE", b"DOE" + odd, 1) if odd else b""
    path.write_bytes(b"\n".join(lines))      # and no final newline
    return path


@pytest.mark.parametrize("odd, direct", [
    (b"", True),                   # an empty line (DuckDB reads NULL): Python skips it
    (b"\xe9", False),              # not UTF-8: DuckDB cannot read the file
    (b"\x01", False),              # DuckDB's one-column reading splits there
    (b"\x00", True),               # Python reads that line (and drops the NUL)
    (b"\r", False),                # a CR: DuckDB does not keep it inside a line
    ("\u00e9".encode(), True),     # UTF-8 is fine
    (b'"', True),                  # a quote: DuckDB takes the quotes off as Python would
])
def test_odd_bytes_keep_a_file_or_a_line_from_the_direct_path(tmp_path, monkeypatch, odd, direct):
    src = _plain_then(tmp_path / "9.fec", odd)
    _direct_always(monkeypatch)
    calls = _count_direct(monkeypatch)
    redo = _count_redo(monkeypatch)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert bool(calls) == direct and redo == []
    assert len(fast["filing_receipts"]) == (2999 if odd == b"" else 3000)   # b"": an empty line


def test_a_form_type_alone_on_its_line_is_a_short_line_noted_once(tmp_path, monkeypatch):
    src = _synthetic(tmp_path / "9.fec", bad=False)
    lines = src.read_bytes().split(b"\n")
    lines[700] = b"SA11AI"                    # no separator: one field of 45
    src.write_bytes(b"\n".join(lines))
    _direct_always(monkeypatch)
    calls = _count_direct(monkeypatch)
    redo = _count_redo(monkeypatch)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert redo == [] and "^sa[^3] ^8.5|8.4|8.3|8.2|8.1|8.0" in calls   # known before: no rollback
    assert [r[3:6] for r in fast["load_issues"] if r[4] == "SA11AI"] == [
        (701, "SA11AI", "1 line(s) of the SA layout of version 8.3 (this the first) have fewer "
         "than its 45 fields; the missing trailing fields are empty")]


def _nul(data: bytes) -> bytes:
    return data.replace(b"DOE^JANE", b"DOE^\0JANE")              # a NUL in every SA line


def _text_block(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[100:100] = [b"[BEGINTEXT]", lines[200], b"[ENDTEXT]"]   # an SA line as text
    return b"\n".join(lines)


@pytest.mark.parametrize("change, max_odd", [
    (_nul, 0),             # mostly odd lines (with MAX_ODD_LINES 0: over a tenth of them)
    (_text_block, 50_000),
])
def test_files_the_direct_path_leaves_to_the_ordinary_reader(tmp_path, monkeypatch, change,
                                                             max_odd):
    src = _synthetic(tmp_path / "9.fec", bad=False)
    src.write_bytes(change(src.read_bytes()))
    _direct_always(monkeypatch)
    monkeypatch.setattr(direct_mod, "MAX_ODD_LINES", max_odd)
    calls = _count_direct(monkeypatch)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert calls == []
    assert len(fast["filing_receipts"]) == 3000


def test_a_file_of_crlf_lines_is_not_read_by_duckdb_first(tmp_path, monkeypatch):
    src = _synthetic(tmp_path / "9.fec", bad=False)
    src.write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
    _direct_always(monkeypatch)
    reads = []
    monkeypatch.setattr(direct_mod, "read_raw", lambda *a: reads.append(a) or False)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert reads == []
    assert len(fast["filing_receipts"]) == 3000


def test_duckdb_numbers_lines_as_the_file_has_them_or_the_file_falls_back(tmp_path, monkeypatch):
    src = _synthetic(tmp_path / "9.fec", bad=False)
    _direct_always(monkeypatch)
    monkeypatch.setattr(direct_mod, "CHUNK", 1 << 12)      # a sample line every 4 KB
    seen = []
    real = direct_mod._in_order
    monkeypatch.setattr(direct_mod, "_in_order",
                        lambda con, samples: seen.append(dict(samples)) or real(con, samples))
    calls = _count_direct(monkeypatch)
    fast = _tables(tmp_path / "fast.duckdb", [src])
    assert calls and len(seen[0]) > 50
    lines = src.read_bytes().split(b"\n")
    assert all(lines[n - 1].startswith(head) for n, head in seen[0].items())
    # one line DuckDB numbered otherwise than the file (here: the one after it)
    n = sorted(seen[0])[50]
    monkeypatch.setattr(direct_mod, "_in_order", lambda con, samples: real(
        con, {**samples, n: lines[n]}))
    calls.clear()
    again = _tables(tmp_path / "again.duckdb", [src])
    assert calls == [] and again == fast


def test_lines_duckdb_counts_otherwise_fall_back(tmp_path, monkeypatch):
    src = _synthetic(tmp_path / "9.fec", bad=False)
    _direct_always(monkeypatch)
    real = direct_mod._Scan.run

    def miscount(self):
        real(self)
        self.lines += 1

    monkeypatch.setattr(direct_mod._Scan, "run", miscount)
    calls = _count_direct(monkeypatch)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert calls == []
    assert len(fast["filing_receipts"]) == 3000


def _writer_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "fecscreen-write")


@pytest.mark.parametrize("chunk", [1 << 12, parse_mod.CHUNK])   # in a second thread, or not
def test_a_failed_write_is_raised_and_the_writer_thread_ends(tmp_path, monkeypatch, chunk):
    src = _synthetic(tmp_path / "9.fec")
    monkeypatch.setattr(parse_mod, "CHUNK", chunk)

    class Full:
        def write(self, data):
            raise OSError("disk full (injected)")

        def close(self):
            pass

    with pytest.raises(OSError, match="injected"):
        parse_mod.parse_file(str(src), tmp_path, opener=lambda group: Full())
    assert _writer_threads() == 0


def test_an_error_while_reading_ends_the_writer_thread(tmp_path, monkeypatch):
    src = _synthetic(tmp_path / "9.fec")
    monkeypatch.setattr(parse_mod, "CHUNK", 1 << 12)

    def progress(done, rows):
        if done > 1 << 14:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        parse_mod.parse_file(str(src), tmp_path, progress)
    assert _writer_threads() == 0
    again = tmp_path / "again"
    again.mkdir()
    parsed = parse_mod.parse_file(str(src), again)
    assert parsed.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    assert parsed.lines == 3003


SHAPES = ["fec-loader/romney-f3p.fec",   # ASCII-28, every text field quoted
          "fech/723604.fec",             # ASCII-28, quoted
          "fec-parse/34411.fec",         # comma-separated v3.00, quoted, short lines
          "fech/97405.fec"]              # comma-separated v5.00, short lines


def _python_rows(monkeypatch) -> dict:
    """Spy: itemized rows that Python read, by layout, for the layouts DuckDB also took."""
    rows = {}
    real = write_mod.insert_group

    def spy(con, filing_id, g, paths=None):
        if g.direct:
            rows[g.key] = g.file_rows
        return real(con, filing_id, g, paths)

    monkeypatch.setattr(ingest_mod, "insert_group", spy)
    return rows


@pytest.mark.parametrize("name", SHAPES)
def test_quoted_comma_separated_and_short_lines_are_taken_by_duckdb(tmp_path, monkeypatch,
                                                                    fixtures_dir, name):
    src = fixtures_dir / "filings" / name
    _direct_always(monkeypatch)
    calls = _count_direct(monkeypatch)
    python = _python_rows(monkeypatch)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert calls and set(python) == set(calls) and set(python.values()) == {0}
    assert len(fast["filing_receipts"]) == {"romney-f3p.fec": 3, "723604.fec": 1,
                                            "34411.fec": 113, "97405.fec": 8}[src.name]


def _lines_of(path: Path, form: bytes, change) -> list[bytes]:
    return [change(ln) for ln in path.read_bytes().split(b"\n") if ln.startswith(form)]


def test_blank_fields_beyond_the_layout_are_dropped_and_noted_once(tmp_path, monkeypatch,
                                                                   fixtures_dir):
    real = fixtures_dir / "filings" / "fech" / "723604.fec"
    head = real.read_bytes().split(b"\n")[:2]
    sa = _lines_of(real, b"SA17A", lambda ln: ln + b"\x1c")          # one empty field more
    odd = _lines_of(real, b"SA17A", lambda ln: ln + b'\x1c""\x1c')    # two, one of them quoted
    full = _lines_of(real, b"SA17A", lambda ln: ln + b"\x1cX")        # one that holds a value
    src = tmp_path / "7.fec"
    src.write_bytes(b"\n".join(head + sa * 50 + odd + sa * 50 + full) + b"\n")
    _direct_always(monkeypatch)
    calls = _count_direct(monkeypatch)
    redo = _count_redo(monkeypatch)
    python = _python_rows(monkeypatch)
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert calls and redo == [] and list(python.values()) == [2]   # the quoted one and "X"
    assert len(fast["filing_receipts"]) == 102
    issues = sorted(r[3:6] for r in fast["load_issues"])
    assert issues[1:] == [
        (3, "SA17A", "101 line(s) of the SA layout of version 7.0 (this the first) have empty "
         "fields beyond its 46; the empty fields are not kept"),
        (104, "SA17A", "47 fields where the SA layout of version 7.0 has 46: the extra fields "
         "are kept in `fields` as extra_1, extra_2, ...")]


def test_blank_fields_beyond_the_layout_far_down_are_counted_after_reading(tmp_path, monkeypatch,
                                                                          fixtures_dir):
    """The first lines have the layout's count, so the lines are counted only once the
    file's separators show others: two empty fields beyond, and one."""
    real = fixtures_dir / "filings" / "fech" / "723604.fec"
    head = real.read_bytes().split(b"\n")[:2]
    plain = _lines_of(real, b"SA17A", lambda ln: ln)
    two = _lines_of(real, b"SA17A", lambda ln: ln + b"\x1c\x1c")
    one = _lines_of(real, b"SA17A", lambda ln: ln + b"\x1c")
    src = tmp_path / "7.fec"
    src.write_bytes(b"\n".join(head + plain * 2000 + two + one * 3) + b"\n")
    _direct_always(monkeypatch)
    calls = _count_direct(monkeypatch)
    redo = _count_redo(monkeypatch)
    python = _python_rows(monkeypatch)
    counted = []
    real_count = direct_mod.count_raw
    monkeypatch.setattr(direct_mod, "count_raw", lambda con: counted.append(1) or real_count(con))
    fast = _same_as_line_by_line(tmp_path, monkeypatch, src)
    assert calls and redo == [] and set(python.values()) == {0} and counted
    assert len(fast["filing_receipts"]) == 2004
    issues = sorted(r[3:6] for r in fast["load_issues"])
    assert issues[1:] == [
        (2003, "SA17A", "4 line(s) of the SA layout of version 7.0 (this the first) have empty "
         "fields beyond its 46; the empty fields are not kept")]
