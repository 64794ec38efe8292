"""Odd but real-world file shapes: line endings, byte-order marks, progress, settings."""

from __future__ import annotations

from decimal import Decimal

from fecscreen.ingest import load_file
from fecscreen.store import open_store


def _filing(sa_amounts: list[str]) -> bytes:
    lines = [b"HDR\x1cFEC\x1c8.3\x1cX\x1c1\x1c\x1c\x1c", b"F3XN\x1cC00000001\x1cTEST PAC"]
    for i, amount in enumerate(sa_amounts):
        fields = [b""] * 45
        fields[:3] = [b"SA11AI", b"C00000001", b"T%d" % i]
        fields[5], fields[7], fields[19], fields[20] = b"IND", b"DOE", b"20240102", amount.encode()
        lines.append(b"\x1c".join(fields))
    return b"\n".join(lines) + b"\n"


def test_crlf_cr_only_and_byte_order_mark(tmp_path):
    store = open_store(tmp_path / "db.duckdb")
    body = _filing(["1", "2.50", "3"])
    variants = {"1.fec": body.replace(b"\n", b"\r\n"), "2.fec": body.replace(b"\n", b"\r"),
                "3.fec": b"\xef\xbb\xbf" + body}
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        result = load_file(store, tmp_path / name)
        assert result.rows["receipts"] == 3, name
    assert store.query("SELECT filing_id, line_number, contribution_amount FROM filing_receipts "
                       "WHERE filing_id = '2' ORDER BY 2") == [
        ("2", 3, Decimal("1.00")), ("2", 4, Decimal("2.50")), ("2", 5, Decimal("3.00"))]
    # only the (deliberately short) cover line is noted, at the right line, in each variant
    assert store.query("SELECT filing_id, line_number, form_type FROM load_issues ORDER BY 1") == [
        ("1", 2, "F3XN"), ("2", 2, "F3XN"), ("3", 2, "F3XN")]


def test_progress_reports_start_bytes_rows_and_end(tmp_path):
    path = tmp_path / "9.fec"
    path.write_bytes(_filing(["1"] * 50))
    events = []
    load_file(open_store(tmp_path / "db.duckdb"), path,
              progress=lambda event, **info: events.append((event, info)))
    assert events[0] == ("start", {"name": str(path), "total": path.stat().st_size})
    assert events[-2] == ("advance", {"bytes": path.stat().st_size, "rows": 51})
    assert events[-1] == ("end", {})


def test_the_connection_settings_are_put_back(tmp_path):
    store = open_store(tmp_path / "db.duckdb")
    path = tmp_path / "9.fec"
    path.write_bytes(_filing(["1"]))
    default = store.scalar("SELECT current_setting('memory_limit')")
    load_file(store, path)
    assert store.scalar("SELECT current_setting('preserve_insertion_order')") is True
    assert store.scalar("SELECT current_setting('memory_limit')") == default
    store.con.execute("SET memory_limit = '3GiB'")  # a limit the user chose is left alone
    path.write_bytes(_filing(["2"]))
    load_file(store, path)
    assert store.scalar("SELECT current_setting('memory_limit')") == "3.0 GiB"


def test_a_filing_with_no_lines_after_its_header(tmp_path, fixtures_dir):
    store = open_store(tmp_path / "db.duckdb")
    result = load_file(store, fixtures_dir / "filings" / "fec-parse" / "last-value.fec")
    assert result.status == "loaded" and result.rows == {"receipts": 0, "disbursements": 0,
                                                         "other lines": 0}
    assert store.query("SELECT format_version, committee_id, form_type FROM filings") == [
        ("3.00", None, None)]


def test_free_text_that_looks_like_a_schedule_a_line_stays_text(tmp_path):
    sa_like = _filing(["5"]).split(b"\n")[2]
    body = b"\n".join([b"HDR\x1cFEC\x1c8.3\x1cX\x1c1\x1c\x1c\x1c",
                       b"F99\x1cC00000001\x1cTEST PAC" + b"\x1c" * 12 + b"MST",
                       b"[BEGINTEXT]", b"Dear analyst,", sa_like, b"", b"Regards", b"[ENDTEXT]"]) + b"\n"
    (tmp_path / "5.fec").write_bytes(body)
    store = open_store(tmp_path / "db.duckdb")
    result = load_file(store, tmp_path / "5.fec")
    assert result.rows == {"receipts": 0, "disbursements": 0, "other lines": 1}
    text = store.scalar("SELECT fields->>'text' FROM filing_lines")
    assert text == "\n".join(["Dear analyst,", sa_like.decode(), "", "Regards"])
