"""Every fixture filing loads; per-form row counts and typed values are right."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fecscreen.errors import UnknownFormatError
from fecscreen.ingest import load_file, load_paths
from fecscreen.store import open_store

FILINGS = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "filings"
INVALID = {"filing_invalid_version.fec"}


def _all() -> list[Path]:
    return sorted(FILINGS.glob("*/*.fec")) if FILINGS.is_dir() else []


def _form_lines(path: Path) -> dict[str, int]:
    """Lines per form type, counted straight from the file (header and free text left out)."""
    text = path.read_bytes().decode("latin-1")
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    if lines[0].lstrip().startswith("/*"):
        i = 1
        while not lines[i].lstrip().startswith("/*"):
            i += 1
    i += 1  # the HDR line or the closing '/* End Header'
    counts: dict[str, int] = {}
    in_text = False
    for line in lines[i:]:
        if line.strip().upper() == "[BEGINTEXT]":
            in_text = True
            continue
        if line.strip().upper() == "[ENDTEXT]":
            in_text = False
            continue
        if in_text or not line.strip():
            continue
        first = line.split("\x1c")[0] if "\x1c" in line else next(csv.reader([line]))[0]
        form = first.strip().strip('"').strip()
        counts[form] = counts.get(form, 0) + 1
    return counts


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, fixtures_dir):
    store = open_store(tmp_path_factory.mktemp("db") / "all.duckdb")
    summary = load_paths(store, [str(p) for p in _all()])
    return store, summary


def test_every_fixture_filing_loads_and_the_invalid_one_fails(loaded):
    store, summary = loaded
    assert len(summary.files) == len(_all()) >= 40
    failed = [Path(f.source).name for f in summary.errors]
    assert failed == ["filing_invalid_version.fec"]
    assert isinstance(summary.errors[0].error, UnknownFormatError)
    assert store.scalar("SELECT count(*) FROM filings") == len(_all()) - 1


@pytest.mark.parametrize("path", [p for p in _all() if p.name not in INVALID], ids=lambda p: p.name)
def test_rows_per_form_equal_lines_per_form(loaded, path):
    store, summary = loaded
    fid = next(f.filing_id for f in summary.files if f.source == str(path))
    got = dict(store.query(
        "SELECT form_type, count(*) FROM (SELECT form_type FROM filing_receipts WHERE filing_id = ? "
        "UNION ALL SELECT form_type FROM filing_disbursements WHERE filing_id = ? "
        "UNION ALL SELECT form_type FROM filing_lines WHERE filing_id = ? AND form_type <> 'TEXT' "
        "OR filing_id = ? AND schedule = 'TEXT') GROUP BY 1", [fid] * 4))
    assert got == _form_lines(path)


# Schedule A / B data lines per PROVENANCE.md (13360's table figures also count the two
# "SA.. = n" / "SB.. = n" lines of its legacy header block; these are data lines only).
COUNTS = {
    "fastfec/13360.fec": (140, 11),
    "fastfec/1527862.fec": (2224, 744),
    "fastfec/1544132.fec": (2598, 537),
    "fastfec/1550126.fec": (5, 14),
    "fastfec/1550548.fec": (76, 42),
    "fec-parse/34411.fec": (113, 143),
    "fec-parse/character-encoding.fec": (169, 12),
    "fec-parse/non-ascii-char.fec": (397, 179),
    "fec-parse/paper1.fec": (5, 3),
    "fec-parse/paper2.fec": (11, 5),
    "fec-parse/1188303.fec": (2, 26),
    "fech/467627.fec": (562, 40),
    "fech/767339.fec": (576, 60),
    "fech/97405.fec": (8, 0),
    "fecfile/1229017.fec": (186, 47),
}


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_schedule_a_and_b_counts(loaded, name):
    store, summary = loaded
    fid = next(f.filing_id for f in summary.files if f.source == str(FILINGS / name))
    sa = store.scalar("SELECT count(*) FROM filing_receipts WHERE filing_id = ?", [fid])
    sb = store.scalar("SELECT count(*) FROM filing_disbursements WHERE filing_id = ?", [fid])
    assert (sa, sb) == COUNTS[name]


def test_typed_values_of_a_schedule_a_line(loaded):
    store, _ = loaded
    row = store.con.execute(
        "SELECT form_type, entity_type, contributor_last_name, contribution_date, "
        "contribution_amount, contribution_aggregate, memo_code, line_number "
        "FROM filing_receipts WHERE filing_id = '1550126' ORDER BY line_number LIMIT 1").fetchone()
    raw = (FILINGS / "fastfec" / "1550126.fec").read_text().split("\n")[row[7] - 1].split("\x1c")
    assert row[0] == raw[0] and row[1] == raw[5] and row[2] == raw[7]
    assert row[3] == date(int(raw[19][:4]), int(raw[19][4:6]), int(raw[19][6:]))
    assert row[4] == Decimal(raw[20]) and row[5] == Decimal(raw[21])


def test_filing_row_from_header_and_cover(loaded):
    store, _ = loaded
    row = store.con.execute(
        "SELECT committee_id, form_type, report_type, format_version, software_name, "
        "coverage_from, coverage_through, amends_filing_id, amendment_number, is_amendment "
        "FROM filings WHERE filing_id = '1550126'").fetchone()
    assert row == ("C00772335", "F3A", "Q3", "8.3", "FECfile", date(2021, 7, 1),
                   date(2021, 9, 30), "1542500", 1, True)


def test_legacy_2_02_single_name_field_and_header(loaded):
    store, _ = loaded
    name, amount, when = store.con.execute(
        "SELECT contributor_name, contribution_amount, contribution_date FROM filing_receipts "
        "WHERE filing_id = '13360' ORDER BY line_number LIMIT 1").fetchone()
    assert "^" in name and amount > 0 and when.year == 2000
    header = json.loads(store.scalar("SELECT header FROM filings WHERE filing_id = '13360'"))
    assert header["FEC_Ver_#"] == "2.02" and header["Form_Name"] == "F3XA"
    assert header["Schedule_Counts"]["SA11A1"] == "00139"


def test_paper_amounts_with_padding_are_read(loaded):
    store, _ = loaded
    amounts = [r[0] for r in store.query(
        "SELECT expenditure_amount FROM filing_disbursements WHERE filing_id = '1188303'")]
    assert len(amounts) == 26 and all(a is not None for a in amounts)


def test_windows_1252_text_is_decoded(loaded):
    store, summary = loaded
    fid = next(f.filing_id for f in summary.files if f.source.endswith("character-encoding.fec"))
    assert store.scalar("SELECT encoding FROM filings WHERE filing_id = ?", [fid]) == "cp1252"
    text = store.scalar("SELECT fields::VARCHAR FROM filing_lines WHERE filing_id = ? "
                        "AND form_type = 'F3N'", [fid])
    assert "Fiddler González" in json.dumps(json.loads(text), ensure_ascii=False) or \
        store.scalar("SELECT count(*) FROM filing_receipts WHERE filing_id = ? AND "
                     "contributor_name LIKE '%González%'", [fid]) > 0


def test_f99_free_text_is_kept_with_its_form(loaded):
    store, _ = loaded
    fields = json.loads(store.scalar(
        "SELECT fields FROM filing_lines WHERE filing_id = '982039' AND form_type = 'F99'"))
    assert fields["text"].startswith("Conyers for Congress\nPO Box 70980")
    assert "Michael Remington" in fields["text"]
    assert store.scalar("SELECT count(*) FROM load_issues WHERE filing_id = '982039'") == 0


def test_too_many_and_too_few_fields_are_kept_and_noted(tmp_path, fixtures_dir):
    store = open_store(tmp_path / "db.duckdb")
    load_file(store, fixtures_dir / "fastfec-cases" / "too_many_fields" / "src.fec", filing_id="m")
    rows = store.query("SELECT line_number, fields FROM filing_receipts WHERE filing_id = 'm' "
                       "ORDER BY line_number")
    assert [(n, json.loads(f) if f else None) for n, f in rows] == [
        (3, None), (4, {"extra_1": "extra1"}), (5, {"extra_1": "extra1", "extra_2": "extra2"})]
    issues = store.query("SELECT line_number, form_type, problem FROM load_issues "
                         "WHERE filing_id = 'm' ORDER BY line_number")
    assert [(n, f) for n, f, _ in issues] == [(4, "SA11D"), (5, "SA11D")]
    assert issues[0][2].startswith("46 fields where the SA layout of version 8.3 has 45")
    # FastFEC's "too few" case has full lines (its CSV writer was at fault): nothing to note
    load_file(store, fixtures_dir / "fastfec-cases" / "too_few_fields" / "src.fec", filing_id="f")
    assert store.query("SELECT line_number, reference_code FROM filing_receipts "
                       "WHERE filing_id = 'f' ORDER BY line_number") == [(3, None), (4, None), (5, None)]
    assert store.scalar("SELECT count(*) FROM load_issues WHERE filing_id = 'f'") == 0
    # cut the last 30 fields off the second Schedule A line: kept, padded, noted
    lines = (fixtures_dir / "fastfec-cases" / "too_few_fields" / "src.fec").read_bytes().split(b"\n")
    lines[3] = b"\x1c".join(lines[3].split(b"\x1c")[:15])
    short = tmp_path / "short.fec"
    short.write_bytes(b"\n".join(lines))
    load_file(store, short, filing_id="s")
    assert store.query("SELECT line_number, contributor_city, contributor_zip_code, contribution_amount "
                       "FROM filing_receipts WHERE filing_id = 's' ORDER BY line_number")[1] == \
        (4, "Petersburg", None, None)
    assert store.query("SELECT line_number, problem FROM load_issues WHERE filing_id = 's'") == [
        (4, "1 line(s) of the SA layout of version 8.3 (this the first) have fewer than its 45 "
            "fields; the missing trailing fields are empty")]


def _sa(**values: bytes) -> bytes:
    """A version 8.3 Schedule A line with the given fields (by position) set."""
    fields = [b""] * 45
    fields[:3] = [b"SA11AI", b"C00000001", b"T"]
    for pos, value in values.items():
        fields[int(pos[1:])] = value
    return b"\x1c".join(fields)


def test_stray_bytes_never_crash(tmp_path):
    body = b"\n".join([
        b"HDR\x1cFEC\x1c8.3\x1cX\x1c1\x1c\x1c\x1c", b"F3XN\x1cC00000001\x1cTEST PAC",
        _sa(f5=b"IND", f7=b"M\x81LLER", f8=b"JOS\xc9", f19=b"20240102", f20=b"12.5"),
        _sa(f5=b"IND", f7=b"\xe2\x80\x9cQ\xe2\x80\x9d", f19=b"2024-01-03", f20=b"abc\x00"),
    ]) + b"\n"
    path = tmp_path / "7.fec"
    path.write_bytes(body)
    store = open_store(tmp_path / "db.duckdb")
    result = load_file(store, path)
    assert result.rows["receipts"] == 2
    rows = store.query("SELECT contributor_last_name, contributor_first_name, contribution_date, "
                       "contribution_amount, fields FROM filing_receipts ORDER BY line_number")
    assert rows[0][:4] == ("M\u0081LLER", "JOSÉ", date(2024, 1, 2), Decimal("12.50"))
    assert rows[1][0] == "\u201cQ\u201d" and rows[1][2] == date(2024, 1, 3) and rows[1][3] is None
    assert json.loads(rows[1][4]) == {"contribution_amount": "abc"}
    assert store.scalar("SELECT encoding FROM filings") == "latin-1+utf-8"
    assert store.scalar("SELECT count(*) FROM load_issues WHERE problem LIKE "
                        "'not a valid date or amount%contribution_amount'") == 1


def test_receipts_view_names_for_new_and_legacy_formats(loaded):
    store, summary = loaded
    fid = next(f.filing_id for f in summary.files if f.source.endswith("fech/97405.fec"))
    rows = store.query("SELECT name, last_name, first_name, prefix, entity_type FROM receipts "
                       "WHERE filing_id = ? ORDER BY line_number LIMIT 2", [fid])
    assert rows == [("Aaker, Steve", "Aaker", "Steve", "Mr.", "IND"),
                    ("Aarnio, Terrance J.", "Aarnio", "Terrance J.", "Mr.", "IND")]
    people = store.query(
        "SELECT name, last_name, first_name FROM receipts WHERE filing_id = '1550126' "
        "AND entity_type = 'IND' ORDER BY line_number LIMIT 1")
    last, first = people[0][1], people[0][2]
    assert people[0][0].startswith(f"{last}, {first}")
    orgs = store.query("SELECT name, organization_name FROM receipts WHERE entity_type = 'ORG' "
                       "AND filing_id = '1527862' LIMIT 3")
    assert orgs and all(n == o and n for n, o in orgs)
    cols = [d[0] for d in store.con.execute("SELECT * FROM receipts LIMIT 0").description]
    assert cols[:4] == ["source", "receipt_key", "filing_id", "line_number"] and "donor_id" in cols


def test_disbursements_view_has_the_contract_columns(loaded):
    store, _ = loaded
    rows = store.query(
        "SELECT filing_id, line_number, form_type, transaction_id, amount, date, memo_code, "
        "entity_type, expenditure_amount FROM disbursements WHERE filing_id = '1550126'")
    assert len(rows) == 14
    assert all(r[4] == r[8] and r[4] is not None and r[5] is not None for r in rows)
    assert all(r[2].startswith("SB") and r[3] for r in rows)
