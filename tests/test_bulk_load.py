"""Loading FEC bulk files: real samples, bad rows, reloads, zips, cycles."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from fecscreen.bulk import identify, infer_cycle, is_bulk_file, layouts, load_bulk
from fecscreen.bulk import load as bulk_load
from fecscreen.errors import InputError, StoreError, UnknownFormatError
from fecscreen.store import open_store

SAMPLES = ("itcont_sample_a.txt", "itcont_sample_b.txt")


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "t.duckdb")
    yield s
    s.close()


def _indiv_line(**over) -> str:
    row = {
        "CMTE_ID": "C00000001", "AMNDT_IND": "N", "RPT_TP": "Q3", "TRANSACTION_PGI": "P",
        "IMAGE_NUM": "201710130200292263", "TRANSACTION_TP": "15", "ENTITY_TP": "IND",
        "NAME": "DOE, JANE", "CITY": "ANCHORAGE", "STATE": "AK", "ZIP_CODE": "995167541",
        "EMPLOYER": "SELF", "OCCUPATION": "WRITER", "TRANSACTION_DT": "09222017",
        "TRANSACTION_AMT": "17", "OTHER_ID": "", "TRAN_ID": "SA1", "FILE_NUM": "1187824",
        "MEMO_CD": "", "MEMO_TEXT": "", "SUB_ID": "1",
    }
    row.update(over)
    return "|".join(row[c.fec_name] for c in layouts()["indiv"].columns)


def _write(path: Path, lines: list[str], newline: str = "\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode("latin-1"))
    return path


def _expected(field: str, kind: str):
    """A field of the file as Python reads it, typed the way the store types it."""
    if field == "":
        return None
    if kind == "date":
        return dt.datetime.strptime(field, "%m%d%Y").date()
    if kind == "amount":
        return Decimal(field).quantize(Decimal("0.01"))
    if kind in ("bigint", "integer"):
        return int(field)
    return field


# -- real samples -------------------------------------------------------------------
@pytest.mark.parametrize("name", SAMPLES)
def test_real_sample_loads_with_every_row_accounted_and_equal(store, fixtures_dir, name):
    path = fixtures_dir / "bulk" / "indiv" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    summary = load_bulk(store, path)

    assert summary.kind == "indiv" and summary.cycle == 2018
    assert summary.rows_in == len(lines) == 5000
    assert summary.rows_in == summary.rows_stored + summary.rows_issues
    issues = store.scalar("SELECT count(*) FROM load_issues WHERE file = ?", [name])
    stored = store.scalar("SELECT count(*) FROM bulk_receipts WHERE source_file = ?", [name])
    assert stored + issues == len(lines)

    cols = layouts()["indiv"].columns
    names = ", ".join(c.name for c in cols)
    rows = {  # keyed by SUB_ID, the FEC's row key (bulk rows carry no line number)
        r[-1]: r
        for r in store.query(f"SELECT {names} FROM bulk_receipts WHERE source_file = ?", [name])
    }
    assert len(rows) == stored
    assert store.scalar("SELECT count(line_number) FROM bulk_receipts") == 0
    for line in lines:
        fields = line.split("|")
        want = tuple(_expected(f, c.kind) for f, c in zip(fields, cols, strict=True))
        assert rows[want[-1]] == want


def test_samples_in_receipts_relation(store, fixtures_dir):
    load_bulk(store, fixtures_dir / "bulk" / "indiv" / SAMPLES[0])
    row = store.query(
        "SELECT source, receipt_key, sub_id, committee_id, form_type, entity_type, name, "
        "date, amount, other_id, memo_code FROM receipts WHERE sub_id = 4121120171485507768"
    )
    assert row == [(
        "bulk", "B:4121120171485507768", 4121120171485507768, "C00401224", "24T", "IND",
        "HEWLETT, MARY", dt.date(2017, 8, 24), Decimal("15.00"), "C00573261", None,
    )]


def test_earmark_pair_in_real_sample_counted_once(store, fixtures_dir):
    s = load_bulk(store, fixtures_dir / "bulk" / "indiv" / SAMPLES[0])
    assert s.earmark_pairs == 1
    pair = store.query(
        "SELECT form_type, committee_id, other_id, amount, counts_toward_totals, earmark_pair_id "
        "FROM receipts WHERE earmark_pair_id IS NOT NULL ORDER BY form_type"
    )
    assert [(p[0], p[1], p[2], p[3], p[4]) for p in pair] == [
        ("15E", "C00413914", "C00401224", Decimal("1000.00"), True),
        ("24T", "C00401224", "C00413914", Decimal("1000.00"), False),
    ]
    assert pair[0][5] == pair[1][5]
    # The donor's total counts the $1,000 once, not twice.
    total = store.scalar(
        "SELECT sum(amount) FROM receipts WHERE name = 'PRYT, BOB' AND counts_toward_totals"
    )
    everything = store.scalar("SELECT sum(amount) FROM receipts WHERE name = 'PRYT, BOB'")
    assert (total, everything) == (Decimal("1000.00"), Decimal("2000.00"))


def test_both_samples_same_cycle_keep_one_row_per_sub_id(store, fixtures_dir):
    a = load_bulk(store, fixtures_dir / "bulk" / "indiv" / SAMPLES[0])
    b = load_bulk(store, fixtures_dir / "bulk" / "indiv" / SAMPLES[1])
    # Two rows are in both samples: the later load's copy replaces the earlier one.
    assert (a.rows_stored, b.rows_stored, b.rows_replaced) == (5000, 5000, 2)
    assert store.scalar("SELECT count(*) FROM bulk_receipts") == 9998
    assert store.scalar("SELECT count(DISTINCT receipt_key) FROM receipts") == 9998


# -- earmarks, hand-made --------------------------------------------------------------
def test_earmark_pairs_match_on_name_zip_date_amount_and_cross_ids(store, tmp_path):
    conduit, cand, other = "C00401224", "C00000009", "C00000008"
    lines = [
        # a pair: names differ in punctuation, ZIP in length
        _indiv_line(SUB_ID="11", CMTE_ID=cand, TRANSACTION_TP="15E", OTHER_ID=conduit,
                    NAME="O'NEIL, ANN M.", ZIP_CODE="021390012", TRANSACTION_AMT="25"),
        _indiv_line(SUB_ID="12", CMTE_ID=conduit, TRANSACTION_TP="24T", OTHER_ID=cand,
                    NAME="ONEIL, ANN M", ZIP_CODE="02139", TRANSACTION_AMT="25"),
        # two identical gifts on one day: two pairs, one to one
        _indiv_line(SUB_ID="21", CMTE_ID=cand, TRANSACTION_TP="15E", OTHER_ID=conduit, NAME="ROE, RAY"),
        _indiv_line(SUB_ID="22", CMTE_ID=cand, TRANSACTION_TP="15E", OTHER_ID=conduit, NAME="ROE, RAY"),
        _indiv_line(SUB_ID="23", CMTE_ID=conduit, TRANSACTION_TP="24T", OTHER_ID=cand, NAME="ROE, RAY"),
        _indiv_line(SUB_ID="24", CMTE_ID=conduit, TRANSACTION_TP="24T", OTHER_ID=cand, NAME="ROE, RAY"),
        # not pairs: another recipient, another amount, no counterpart
        _indiv_line(SUB_ID="31", CMTE_ID=other, TRANSACTION_TP="15E", OTHER_ID=conduit, NAME="LEE, AL"),
        _indiv_line(SUB_ID="32", CMTE_ID=conduit, TRANSACTION_TP="24T", OTHER_ID=cand, NAME="LEE, AL"),
        _indiv_line(SUB_ID="41", CMTE_ID=cand, TRANSACTION_TP="15E", OTHER_ID=conduit,
                    NAME="FOX, KIM", TRANSACTION_AMT="10"),
        _indiv_line(SUB_ID="42", CMTE_ID=conduit, TRANSACTION_TP="24T", OTHER_ID=cand,
                    NAME="FOX, KIM", TRANSACTION_AMT="11"),
    ]
    s = load_bulk(store, _write(tmp_path / "itcont.txt", lines), cycle=2018)
    assert s.earmark_pairs == 3
    got = dict(
        (r[0], (r[1], r[2]))
        for r in store.query("SELECT sub_id, earmark_pair_id, counts_toward_totals FROM bulk_receipts")
    )
    assert got[11][0] is not None and got[11] == (got[12][0], True) and got[12][1] is False
    ids = {got[k][0] for k in (21, 22, 23, 24)}
    assert len(ids) == 2 and None not in ids and got[21][0] != got[22][0]
    assert {got[21][0], got[22][0]} == {got[23][0], got[24][0]}
    assert got[21][0] == got[23][0]  # the i-th 15E with the i-th 24T, in SUB_ID order
    assert [got[k][1] for k in (21, 22, 23, 24)] == [True, True, False, False]
    assert len(ids | {got[11][0]}) == 3
    for k in (31, 32, 41, 42):
        assert got[k] == (None, True)
    # totals count each earmarked gift once
    assert store.scalar(
        "SELECT sum(amount) FROM receipts WHERE counts_toward_totals"
    ) == Decimal("25") + 2 * Decimal("17") + 2 * Decimal("17") + Decimal("10") + Decimal("11")


# -- bad rows -------------------------------------------------------------------------
def test_bad_rows_go_to_load_issues_with_line_and_raw(store, tmp_path):
    good = _indiv_line(SUB_ID="1")
    lines = [
        good,                                            # 1
        _indiv_line(SUB_ID="2")[: -len("|2")],           # 2: 20 fields
        _indiv_line(SUB_ID="3") + "|EXTRA",              # 3: 22 fields
        _indiv_line(SUB_ID="4", TRANSACTION_DT="13452017"),  # 4: bad date
        _indiv_line(SUB_ID="5", TRANSACTION_AMT="12,50"),    # 5: bad amount
        _indiv_line(SUB_ID=""),                          # 6: no SUB_ID
        "",                                              # 7: empty line
        _indiv_line(SUB_ID="1", NAME="DOE, JOHN"),       # 8: SUB_ID repeats line 1
        _indiv_line(SUB_ID="9", TRANSACTION_DT="", TRANSACTION_AMT=""),  # 9: empty is fine
        _indiv_line(SUB_ID="10", TRANSACTION_AMT="-250.5"),  # 10: fine
    ]
    path = _write(tmp_path / "itcont.txt", lines)
    s = load_bulk(store, path, cycle=2018)
    assert (s.rows_in, s.rows_stored, s.rows_issues) == (10, 3, 7)
    assert s.problems == {"field count": 3, "value": 3, "duplicate key": 1}
    issues = store.query(
        "SELECT line_number, problem, raw, source, form_type, cycle FROM load_issues ORDER BY line_number"
    )
    assert [i[0] for i in issues] == [2, 3, 4, 5, 6, 7, 8]
    assert [i[2] for i in issues] == [lines[n - 1] for n in (2, 3, 4, 5, 6, 7, 8)]
    assert {i[3:] for i in issues} == {("bulk", "indiv", 2018)}
    problems = [i[1] for i in issues]
    assert problems[0] == "has 20 fields, expected 21"
    assert problems[1] == "has 22 fields, expected 21"
    assert problems[2] == "TRANSACTION_DT is not a date (MMDDYYYY): 13452017"
    assert problems[3] == "TRANSACTION_AMT is not an amount: 12,50"
    assert problems[4] == "SUB_ID is missing"
    assert problems[5] == "empty line"
    assert problems[6] == "SUB_ID 1 repeats line 1 of the file"
    kept = store.query(
        "SELECT sub_id, name, transaction_dt, transaction_amt FROM bulk_receipts ORDER BY sub_id"
    )
    assert kept == [
        (1, "DOE, JANE", dt.date(2017, 9, 22), Decimal("17.00")),
        (9, "DOE, JANE", None, None),
        (10, "DOE, JANE", dt.date(2017, 9, 22), Decimal("-250.50")),
    ]


def test_crlf_and_latin1_files(store, tmp_path):
    lines = [_indiv_line(SUB_ID="1", NAME="MUÑOZ, JOSÉ"), _indiv_line(SUB_ID="2")]
    path = _write(tmp_path / "itcont.txt", lines, newline="\r\n")  # Latin-1 bytes, not UTF-8
    s = load_bulk(store, path, cycle=2018)
    assert (s.rows_stored, s.rows_issues, s.encoding) == (2, 0, "latin-1")
    assert store.query("SELECT name, sub_id FROM bulk_receipts ORDER BY sub_id") == [
        ("MUÑOZ, JOSÉ", 1), ("DOE, JANE", 2)]


# -- reloads and transactions -----------------------------------------------------------
def test_reload_replaces_and_is_idempotent(store, tmp_path):
    path = _write(tmp_path / "itcont.txt", [_indiv_line(SUB_ID="1"), _indiv_line(SUB_ID="x")])
    first = load_bulk(store, path, cycle=2018)
    snapshot = store.query("SELECT * EXCLUDE (cycle) FROM bulk_receipts ORDER BY sub_id")
    second = load_bulk(store, path, cycle=2018)
    assert (first.rows_stored, first.rows_issues) == (second.rows_stored, second.rows_issues) == (1, 1)
    assert second.rows_replaced == 1
    assert store.query("SELECT * EXCLUDE (cycle) FROM bulk_receipts ORDER BY sub_id") == snapshot
    assert store.scalar("SELECT count(*) FROM load_issues") == 1
    assert store.scalar("SELECT count(*) FROM bulk_loads") == 1
    # A new version of the file replaces the old one; other cycles are untouched.
    load_bulk(store, path, cycle=2020)
    _write(path, [_indiv_line(SUB_ID="7")])
    load_bulk(store, path, cycle=2018)
    assert store.query("SELECT cycle, sub_id FROM bulk_receipts ORDER BY cycle") == [(2018, 7), (2020, 1)]
    assert store.query("SELECT cycle FROM load_issues") == [(2020,)]


def test_failed_load_leaves_previous_data(store, tmp_path, monkeypatch):
    path = _write(tmp_path / "itcont.txt", [_indiv_line(SUB_ID="1")])
    load_bulk(store, path, cycle=2018)
    _write(path, [_indiv_line(SUB_ID="2"), _indiv_line(SUB_ID="3")])
    import duckdb

    import fecscreen.bulk.load as load_mod

    def boom(con, cycle):
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(load_mod, "mark_earmarks", boom)
    with pytest.raises(StoreError, match="nothing was changed"):
        load_bulk(store, path, cycle=2018)
    assert store.query("SELECT sub_id FROM bulk_receipts") == [(1,)]
    assert store.scalar("SELECT count(*) FROM bulk_loads") == 1


# -- zips ------------------------------------------------------------------------------
def test_zip_loads_like_the_plain_file(store, tmp_path, fixtures_dir):
    plain = fixtures_dir / "bulk" / "indiv" / SAMPLES[0]
    z = tmp_path / "indiv18.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(plain, "itcont.txt")
        zf.writestr("by_date/itcont_2017_1.txt", plain.read_bytes()[:10_000])
    s = load_bulk(store, z)
    assert (s.kind, s.cycle, s.rows_in, s.rows_stored) == ("indiv", 2018, 5000, 5000)
    assert store.scalar("SELECT DISTINCT source_file FROM bulk_receipts") == "indiv18.zip"
    assert store.scalar("SELECT sum(transaction_amt) FROM bulk_receipts") == sum(
        Decimal(line.split("|")[14]) for line in plain.read_text().splitlines()
    )


def test_truncated_zip_is_a_clear_error(store, tmp_path, fixtures_dir):
    z = tmp_path / "indiv18.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(fixtures_dir / "bulk" / "indiv" / SAMPLES[0], "itcont.txt")
    data = z.read_bytes()
    z.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated") as err:
        load_bulk(store, z)
    assert err.value.where == str(z) and "download it again" in err.value.hint
    assert store.scalar("SELECT count(*) FROM bulk_receipts") == 0


# -- recognising files and cycles ---------------------------------------------------------
def test_is_bulk_file(tmp_path, fixtures_dir):
    assert is_bulk_file(fixtures_dir / "bulk" / "indiv" / SAMPLES[0])
    assert not is_bulk_file(fixtures_dir / "filings" / "fastfec" / "1550126.fec")
    assert not is_bulk_file(fixtures_dir / "bulk" / "headers" / "cm_header_file.csv")
    assert not is_bulk_file(_write(tmp_path / "notes.txt", ["hello|world"]))
    assert not is_bulk_file(tmp_path / "missing.txt")
    # recognised by content under any name
    assert identify(_write(tmp_path / "export.txt", [_indiv_line()])).layout.kind == "indiv"
    assert identify(_write(tmp_path / "x.txt", [_indiv_line(ENTITY_TP="PAC")])).layout.kind == "oth"


def test_cycle_from_name_dates_or_option(tmp_path):
    assert infer_cycle(identify(_write(tmp_path / "indiv24.txt", [_indiv_line()]))) == 2024
    assert infer_cycle(identify(_write(tmp_path / "itcont.txt", [
        _indiv_line(TRANSACTION_DT="12312015"), _indiv_line(TRANSACTION_DT="03012017")]))) == 2018
    cm = _write(tmp_path / "cm.txt", ["C00000001|A COMMITTEE|||||||P|H|DEM|Q|||H0XX00001"])
    with pytest.raises(InputError, match="cannot tell which cycle") as err:
        infer_cycle(identify(cm))
    assert "--cycle" in err.value.hint
    assert infer_cycle(identify(_write(tmp_path / "cm22.txt", [cm.read_text().strip()]))) == 2022
    with pytest.raises(InputError, match="not a two-year election cycle"):
        load_bulk(open_store(":memory:"), cm, cycle=2023)


def test_unknown_file_is_a_clear_error(store, tmp_path):
    with pytest.raises(UnknownFormatError, match="not an FEC bulk file"):
        load_bulk(store, _write(tmp_path / "x.txt", ["a|b|c"]))
    with pytest.raises(UnknownFormatError, match="has 3 fields, not 21"):
        load_bulk(store, _write(tmp_path / "itcont.txt", ["a|b|c"]))


# -- the other files ----------------------------------------------------------------------
def test_masters_links_and_committee_files(store, tmp_path):
    load_bulk(store, _write(tmp_path / "cm.txt", [
        "C00000009|FRIENDS OF PAT|JO TREAS|1 MAIN ST||DOVER|DE|19901|P|H|DEM|Q|||H8DE00001",
        "C00401224|ACTBLUE|ERIN HILL|PO BOX 441146||SOMERVILLE|MA|02144|U|V|DEM|M|||",
    ]), cycle=2018)
    assert store.query(
        "SELECT cmte_id, cmte_tp, cmte_dsgn, cmte_pty_affiliation, cand_id, cycle FROM committees "
        "ORDER BY cmte_id"
    ) == [("C00000009", "H", "P", "DEM", "H8DE00001", 2018), ("C00401224", "V", "U", "DEM", None, 2018)]
    load_bulk(store, _write(tmp_path / "cn.txt", [
        "H8DE00001|PAT, SAM|DEM|2018|DE|H|00|C|C|C00000009|1 MAIN ST||DOVER|DE|19901",
    ]), cycle=2018)
    assert store.query("SELECT cand_id, cand_election_yr, cand_pcc FROM candidates") == [
        ("H8DE00001", 2018, "C00000009")]
    s = load_bulk(store, _write(tmp_path / "ccl.txt", [
        "H8DE00001|2018|2018|C00000009|H|P|123456",
    ]))
    assert s.cycle == 2018
    assert store.query("SELECT cand_id, fec_election_yr, cmte_id, linkage_id FROM candidate_committee_links") == [
        ("H8DE00001", 2018, "C00000009", 123456)]
    pas2 = "|".join([
        "C00000010", "N", "Q3", "G2018", "201810159000000001", "24K", "CCM", "FRIENDS OF PAT",
        "DOVER", "DE", "19901", "", "", "10012018", "2700", "C00000009", "H8DE00001", "T1",
        "1234567", "", "", "4101520181000000001",
    ])
    s = load_bulk(store, _write(tmp_path / "itpas2.txt", [pas2]))
    assert (s.kind, s.cycle) == ("pas2", 2018)
    assert store.query(
        "SELECT cand_id, transaction_amt, transaction_dt FROM committee_contributions"
    ) == [("H8DE00001", Decimal("2700.00"), dt.date(2018, 10, 1))]
    oth = _indiv_line(ENTITY_TP="PAC", SUB_ID="99", NAME="SOME PAC")
    s = load_bulk(store, _write(tmp_path / "itoth.txt", [oth]), cycle=2018)
    assert (s.table, store.scalar("SELECT name FROM committee_transactions")) == (
        "committee_transactions", "SOME PAC")
    # only itcont rows are receipts
    assert store.scalar("SELECT count(*) FROM receipts") == 0


def test_zip_of_several_parts_loads_them_as_one_file(store, tmp_path):
    z = tmp_path / "indiv18.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("part1.txt", _indiv_line(SUB_ID="1"))  # no final newline
        zf.writestr("part2.txt", _indiv_line(SUB_ID="2") + "\n" + _indiv_line(SUB_ID="3") + "\n")
    s = load_bulk(store, z)
    assert (s.rows_in, s.rows_stored) == (3, 3)
    assert store.query("SELECT sub_id, line_number FROM bulk_receipts ORDER BY 1") == [
        (1, None), (2, None), (3, None)]


def test_truncated_fec_named_zip_is_still_a_bulk_file(tmp_path):
    z = tmp_path / "indiv24.zip"
    z.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert is_bulk_file(z)


def test_progress_is_reported(store, tmp_path):
    path = _write(tmp_path / "itcont.txt", [_indiv_line(SUB_ID=str(n)) for n in range(1, 51)])
    calls = []
    load_bulk(store, path, cycle=2018, progress=lambda b, r: calls.append((b, r)))
    assert calls[-1] == (path.stat().st_size, 50)


@pytest.mark.parametrize("reader", ["native", "lines"])
@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ([], None),                                       # nothing unusual
        ([""], "empty line"),                             # DuckDB's parser skips it
        ([_indiv_line(SUB_ID="77") + "|a|b|c|d|e"], "has 26 fields, expected 21"),
        ([_indiv_line(SUB_ID="")], "SUB_ID is missing"),
    ],
)
def test_both_readers_judge_rows_alike(store, tmp_path, monkeypatch, extra, problem, reader):
    if reader == "lines":  # as when DuckDB's CSV parser cannot read the file at all
        def cannot(*args):
            raise bulk_load.UseLines()
        monkeypatch.setattr(bulk_load, "rejected_lines", cannot)
    lines = [
        _indiv_line(SUB_ID="1"),
        _indiv_line(SUB_ID="2")[: -len("|2")],
        _indiv_line(SUB_ID="3") + "|x",
        _indiv_line(SUB_ID="4", TRANSACTION_DT="02302017"),
        _indiv_line(SUB_ID="5", FILE_NUM="12A"),
        _indiv_line(SUB_ID="6", MEMO_CD="", MEMO_TEXT=""),
        *extra,
        _indiv_line(SUB_ID="8", TRANSACTION_AMT="1e2"),
        _indiv_line(SUB_ID="9") + "||",                   # empty fields after the last: taken
    ]
    s = load_bulk(store, _write(tmp_path / "itcont.txt", lines), cycle=2018)
    assert s.reader == reader
    assert s.rows_in == len(lines) == s.rows_stored + s.rows_issues
    assert store.query("SELECT sub_id, line_number, transaction_amt FROM bulk_receipts "
                       "ORDER BY sub_id") == [
        (1, None, Decimal("17.00")), (6, None, Decimal("17.00")), (8, None, Decimal("100.00")),
        (9, None, Decimal("17.00"))]
    issues = store.query("SELECT line_number, problem FROM load_issues ORDER BY line_number")
    assert issues[:4] == [
        (2, "has 20 fields, expected 21"),
        (3, "has 22 fields, expected 21"),
        (4, "TRANSACTION_DT is not a date (MMDDYYYY): 02302017"),
        (5, "FILE_NUM is not a whole number: 12A"),
    ]
    assert issues[4:] == ([(7, problem)] if extra else [])


def test_earmark_pairs_across_files_of_a_cycle_follow_reloads(store, tmp_path):
    conduit, cand = "C00401224", "C00000009"
    recipient_side = _write(tmp_path / "itcont_a.txt", [
        _indiv_line(SUB_ID="1", CMTE_ID=cand, TRANSACTION_TP="15E", OTHER_ID=conduit)])
    conduit_side = _write(tmp_path / "itcont_b.txt", [
        _indiv_line(SUB_ID="2", CMTE_ID=conduit, TRANSACTION_TP="24T", OTHER_ID=cand)])
    assert load_bulk(store, recipient_side, cycle=2018).earmark_pairs == 0
    state = "SELECT sub_id, earmark_pair_id IS NOT NULL, counts_toward_totals FROM bulk_receipts ORDER BY 1"
    assert store.query(state) == [(1, False, True)]
    assert load_bulk(store, conduit_side, cycle=2018).earmark_pairs == 1
    assert store.query(state) == [(1, True, True), (2, True, False)]
    _write(conduit_side, [_indiv_line(SUB_ID="3", CMTE_ID=conduit, TRANSACTION_TP="24T",
                                      OTHER_ID=cand, TRANSACTION_AMT="99")])
    assert load_bulk(store, conduit_side, cycle=2018).earmark_pairs == 0
    assert store.query(state) == [(1, False, True), (3, False, True)]
