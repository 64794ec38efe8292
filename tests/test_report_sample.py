"""A small, hand-made store for the report tests: filings, bulk rows and findings.

Rows are inserted straight into the source tables, so the report is tested on
its own, independent of the loaders, rules and generator.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from fecscreen.store import open_store

RUN = "run-0001"
COMMITTEES = ("C00000001", "C00000002")

# (filing_id, line, committee, form, entity, last, first, street, city, state, zip, employer,
#  occupation, election, date, amount)
FILING_ROWS = [
    ("1001", 10 + i, "C00000001", "SA11AI", "IND", "DONOR" + "ABCDEFGHIJ"[i % 10] + "KLM"[i // 10], "ALEX", f"{i} MAIN ST", "ALBANY",
     "NY", "12207", "ACME CORP", "ENGINEER", "P2024", date(2024, 1, 3) + timedelta(days=5 * i),
     100 + 25 * i)
    for i in range(30)
] + [
    ("1001", 50, "C00000001", "SA11AI", "IND", "MUELLER", "HANS", "12 HAUPTSTRASSE", "BERLIN GERMANY",
     "ZZ", "10115", "SIEMENS", "MANAGER", "P2024", date(2024, 3, 4), 1500),
    ("1001", 51, "C00000001", "SA11AI", "IND", "TANAKA", "YUKI", "3 CHOME", "TOKYO",
     "ZZ", "1000001", "", "", "P2024", date(2024, 3, 9), 800),
    ("1001", 52, "C00000001", "SA11AI", "IND", "BIGGS", "ROBERT", "9 ELM ST", "DOVER", "DE",
     "19901", "SELF", "OWNER", "P2024", date(2024, 2, 1), 3300),
    ("1001", 53, "C00000001", "SA11AI", "IND", "BIGGS", "ROBERT", "9 ELM ST", "DOVER", "DE",
     "19901", "SELF", "OWNER", "P2024", date(2024, 4, 1), 500),
    ("1001", 54, "C00000001", "SA11AI", "ORG", None, None, "1 CORP WAY", "AUSTIN", "TX",
     "73301", None, None, "P2024", date(2024, 4, 2), 2500),
    ("1001", 55, "C00000001", "SA11AI", "IND", "NOJOB", "PAT", "4 OAK ST", "ALBANY", "NY",
     "12207", None, None, "P2024", date(2024, 4, 5), 450),
]
STRAW = [("C00000002", "STRAW" + "ABCDE"[i], "WIDGETS LLC", date(2024, 5, 1) + timedelta(days=i % 2), 3300)
         for i in range(5)]


def build(path) -> None:
    """Create the sample database at ``path``."""
    with open_store(path) as store:
        con = store.con
        con.execute(
            "INSERT INTO filings (filing_id, committee_id, form_type, report_type, format_version, "
            "coverage_from, coverage_through, superseded, header) VALUES "
            "('1001', 'C00000001', 'F3N', 'Q1', '8.4', DATE '2024-01-01', DATE '2024-06-30', FALSE, "
            "'{\"committee_name\": \"FRIENDS OF SAMPLE\"}'), "
            "('0999', 'C00000001', 'F3N', 'Q1', '8.3', DATE '2024-01-01', DATE '2024-03-31', TRUE, NULL)"
        )
        for (fid, line, cid, form, ent, last, first, street, city, state, zipc, emp, occ, elec, d,
             amt) in FILING_ROWS:
            org = "BIGCO INC" if ent == "ORG" else None
            con.execute(
                "INSERT INTO filing_receipts (filing_id, line_number, form_type, filer_committee_id_number, "
                "transaction_id, entity_type, contributor_organization_name, contributor_last_name, "
                "contributor_first_name, contributor_street_1, contributor_city, contributor_state, "
                "contributor_zip_code, contributor_employer, contributor_occupation, election_code, "
                "contribution_date, contribution_amount) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [fid, line, form, cid, f"SA{line}", ent, org, last, first, street, city, state, zipc,
                 emp, occ, elec, d, amt],
            )
        # a line of the superseded filing: never counted
        con.execute(
            "INSERT INTO filing_receipts (filing_id, line_number, form_type, filer_committee_id_number, "
            "entity_type, contributor_last_name, contributor_first_name, contribution_date, "
            "contribution_amount) VALUES ('0999', 10, 'SA11AI', 'C00000001', 'IND', 'OLD', 'ROW', "
            "DATE '2024-01-05', 99999)"
        )
        for i, (cid, last, emp, d, amt) in enumerate(STRAW):
            con.execute(
                "INSERT INTO bulk_receipts (sub_id, cmte_id, transaction_pgi, transaction_tp, entity_tp, "
                "name, city, state, zip_code, employer, occupation, transaction_dt, transaction_amt, "
                "tran_id, file_num, cycle, source_file, line_number, counts_toward_totals) VALUES "
                "(?, ?, 'P2024', '15', 'IND', ?, 'DAYTON', 'OH', '45402', ?, 'SALES', ?, ?, ?, 2001, 2024, "
                "'itcont.txt', ?, TRUE)",
                [4000000000 + i, cid, f"{last}, JANE", emp, d, amt, f"T{i}", i + 1],
            )
        # an earmark pair: the conduit's duplicate row does not count toward totals
        con.execute(
            "INSERT INTO bulk_receipts (sub_id, cmte_id, transaction_pgi, transaction_tp, entity_tp, name, "
            "city, state, zip_code, transaction_dt, transaction_amt, other_id, cycle, source_file, "
            "line_number, earmark_pair_id, counts_toward_totals) VALUES "
            "(4100000001, 'C00000002', 'P2024', '15E', 'IND', 'EARLY, EVE', 'RENO', 'NV', '89501', "
            "DATE '2024-05-20', 250, 'C00999999', 2024, 'itcont.txt', 10, 1, TRUE), "
            "(4100000002, 'C00999999', 'P2024', '24T', 'IND', 'EARLY, EVE', 'RENO', 'NV', '89501', "
            "DATE '2024-05-20', 250, 'C00000002', 2024, 'itcont.txt', 11, 1, FALSE)"
        )
        con.execute(
            "INSERT INTO load_issues (source, file, line_number, problem) VALUES "
            "('bulk', 'itcont.txt', 99, 'too few fields')"
        )
        _findings(con)


def _f(code, name, group, severity, committee, message, cites, amount, d, donor, keys, detail=None):
    txns = []
    for k in keys:
        if k.startswith("B:"):
            txns.append({"filing_id": "2001", "transaction_id": None, "sub_id": int(k[2:])})
        else:
            _, fid, line = k.split(":")
            txns.append({"filing_id": fid, "transaction_id": f"SA{line}", "sub_id": None})
    return (RUN, f"{code}-{keys[0]}", code, "1", name, group, severity, committee, message,
            json.dumps(cites), amount, d, json.dumps(donor), json.dumps(txns), keys,
            None if detail is None else json.dumps(detail))


FINDINGS = [
    _f("FN001", "foreign_national.state_zz", "foreign-national", "high", "C00000001",
       "Receipt of $1,500.00 with state ZZ (foreign country) and no refund within 30 days; "
       "a foreign address requires a reasonable inquiry.",
       ["52 U.S.C. 30121(a)(2)", "11 CFR 110.20(g)", "11 CFR 103.3(b)"], 1500, date(2024, 3, 4),
       {"name": "MUELLER, HANS", "city": "BERLIN GERMANY", "state": "ZZ", "zip": "10115"},
       ["F:1001:50"], {"indicator": "zz", "country": "GERMANY", "city": None}),
    _f("FN001", "foreign_national.state_zz", "foreign-national", "high", "C00000001",
       "Receipt of $800.00 with state ZZ (foreign country); a foreign address requires a "
       "reasonable inquiry.", ["52 U.S.C. 30121(a)(2)", "11 CFR 110.20(g)"], 800, date(2024, 3, 9),
       {"name": "TANAKA, YUKI", "city": "TOKYO", "state": "ZZ"}, ["F:1001:51"],
       {"indicator": "zz", "country": None, "city": "TOKYO"}),
    _f("EX001", "excessive.per_election", "excessive", "high", "C00000001",
       "Receipts from one donor for the 2024 primary total $3,800.00, $500.00 above the "
       "$3,300.00 limit; the excess must be refunded, redesignated or reattributed within 60 days.",
       ["11 CFR 110.1(b)", "11 CFR 103.3(b)(3)"], 500, date(2024, 4, 1),
       {"name": "BIGGS, ROBERT", "city": "DOVER", "state": "DE", "zip": "19901"},
       ["F:1001:52", "F:1001:53"]),
    _f("PS001", "prohibited_source.organization", "prohibited-source", "review", "C00000001",
       "Receipt of $2,500.00 from an organisation to a candidate committee requires review: "
       "corporations may not contribute; an LLC taxed as a partnership may.",
       ["52 U.S.C. 30118; 11 CFR 114.2", "11 CFR 110.1(g)"], 2500, date(2024, 4, 2),
       {"name": "BIGCO INC", "city": "AUSTIN", "state": "TX"}, ["F:1001:54"]),
    _f("SD001", "straw_donor.shared_employer_at_limit", "straw-donor", "review", "C00000002",
       "5 donors sharing the employer WIDGETS LLC gave $3,300.00 each to one recipient within "
       "2 days; a pattern that warrants review.", ["52 U.S.C. 30122", "11 CFR 110.4(b)"], 16500,
       date(2024, 5, 1), {}, [f"B:{4000000000 + i}" for i in range(5)]),
    _f("RP001", "reporting.missing_employer", "reporting", "info", "C00000001",
       "Itemised receipt over $200 in aggregate without employer or occupation and no "
       "best-efforts statement.", ["11 CFR 104.3(a)(4); 100.12", "11 CFR 104.7(b)"], 450,
       date(2024, 4, 5), {"name": "NOJOB, PAT", "city": "ALBANY", "state": "NY"}, ["F:1001:55"]),
]


def _findings(con) -> None:
    started = datetime(2024, 7, 1, 12, 0, 0)
    rules = sorted({(f[2], f[3]) for f in FINDINGS})
    con.execute(
        "INSERT INTO check_runs VALUES (?, ?, ?, ?, ?, ?)",
        [RUN, started, started + timedelta(seconds=3), json.dumps({"select": None, "ignore": None}),
         json.dumps([{"rule": r, "version": v} for r, v in rules]), len(FINDINGS)],
    )
    con.executemany(
        "INSERT INTO findings (run_id, finding_id, rule, rule_version, name, \"group\", severity, "
        "committee_id, message, citations, amount, date, donor, transactions, receipt_keys, detail) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", FINDINGS)


def test_the_sample_store_has_what_the_report_tests_rely_on(tmp_path):
    build(tmp_path / "s.duckdb")
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.scalar("SELECT count(*) FROM receipts_current") == len(FILING_ROWS) + len(STRAW) + 2
        assert store.scalar("SELECT count(*) FROM findings") == len(FINDINGS)
        keys = store.scalar("SELECT count(DISTINCT k) FROM (SELECT unnest(receipt_keys) k FROM findings) "
                            "SEMI JOIN receipts r ON r.receipt_key = k")
        assert keys == 11


def require_chromium() -> str:
    """The Chromium binary; a missing one fails the test (it is never skipped)."""
    import shutil

    import pytest

    from fecscreen.report.browser import CANDIDATES

    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    message = "headless Chromium is needed to render the report (apt-get install chromium)"
    pytest.fail(message)


def decode_png(path) -> tuple[int, int, int, list[bytes]]:
    """Width, height, bytes per pixel and rows of an 8-bit RGB/RGBA PNG, in pure Python."""
    import struct
    import zlib

    with open(path, "rb") as fh:
        data = fh.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat = 8, []
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6), "only 8-bit RGB/RGBA PNGs are decoded here"
        elif kind == b"IDAT":
            idat.append(chunk)
    bpp = 3 if ctype == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    prev, rows = bytes(stride), []
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:  # Up
            line = bytearray(map(lambda a, b: (a + b) & 255, line, prev))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = bytes(line)
        rows.append(prev)
    return width, height, bpp, rows


def colours(rows: list[bytes], bpp: int, step: int = 3) -> set[bytes]:
    """The distinct RGB colours on a grid of every ``step``-th row and column."""
    seen = set()
    for row in rows[::step]:
        for i in range(0, len(row), bpp * step):
            seen.add(row[i:i + 3])
    return seen
