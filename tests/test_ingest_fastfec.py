"""FastFEC's own test cases: same rows per form type, same values in every mapped column."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from fecscreen.errors import UnknownFormatError
from fecscreen.ingest import load_file
from fecscreen.store import open_store

CASES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "fastfec-cases"
# Differences we make on purpose; each is explained in docs/fastfec-differences.md.
# Legacy header: FastFEC lower-cases the values of the '/* Header' block; we keep them as filed.
# too_many_fields: FastFEC drops fields beyond the layout; we keep them (`fields` extra_N).


def _cases() -> list[str]:
    if not CASES.is_dir():
        return []
    return sorted(p.name for p in CASES.iterdir()
                  if (p / "src.fec").is_file() and (p / "expected").is_dir())


def _ours(store, filing_id: str) -> dict[str, list[dict]]:
    """Every line of the filing as {form type: [ {FEC column: value} ]} in file order."""
    out: dict[str, list[tuple[int, dict]]] = {}
    for table in ("filing_receipts", "filing_disbursements"):
        cur = store.con.execute(f"SELECT * FROM {table} WHERE filing_id = ? ORDER BY line_number",
                                [filing_id])
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            rec = dict(zip(names, row))
            if rec.get("fields"):
                rec.update(json.loads(rec["fields"]))
            if table == "filing_disbursements":
                rec["transaction_id_number"] = rec["transaction_id"]
            out.setdefault(rec["form_type"], []).append((rec["line_number"], rec))
    for line, form, fields in store.query(
        "SELECT line_number, form_type, fields FROM filing_lines WHERE filing_id = ?", [filing_id]
    ):
        out.setdefault(form, []).append((line, json.loads(fields)))
    return {k: [r for _, r in sorted(v, key=lambda x: x[0])] for k, v in out.items()}


def _same(ours, expected: str) -> bool:
    if expected == "":
        return ours is None or ours == ""
    if isinstance(ours, date):
        return ours.isoformat() == expected
    if isinstance(ours, Decimal):
        try:
            return ours == Decimal(expected)
        except InvalidOperation:
            return False
    if isinstance(ours, str) and len(ours) == 8 and ours.isdigit() and len(expected) == 10:
        return f"{ours[:4]}-{ours[4:6]}-{ours[6:]}" == expected  # a date kept as filed
    if ours == expected:
        return True
    try:  # an amount kept as filed ("2021") that FastFEC writes as a float ("2021.00")
        return Decimal(ours) == Decimal(expected)
    except (InvalidOperation, TypeError):
        return False


def _header(folder: Path) -> dict:
    with open(folder / "expected" / "header.csv", newline="", encoding="utf-8") as fh:
        return next(csv.DictReader(fh))


def test_there_are_cases_to_compare(fixtures_dir):
    assert len(_cases()) >= 6


@pytest.mark.parametrize("case", _cases())
def test_fastfec_case(case, fixtures_dir, tmp_path):
    folder = fixtures_dir / "fastfec-cases" / case
    store = open_store(tmp_path / "db.duckdb")
    ini = (folder / "config.ini").read_text() if (folder / "config.ini").exists() else ""
    if "x_parse_fail=True" in ini:
        with pytest.raises(UnknownFormatError):
            load_file(store, folder / "src.fec", filing_id=case)
        assert store.scalar("SELECT count(*) FROM filings") == 0
        return
    load_file(store, folder / "src.fec", filing_id=case)
    ours = _ours(store, case)
    mismatches = []
    compared = 0
    for path in sorted((folder / "expected").glob("*.csv")):
        if path.stem == "header":
            continue
        with open(path, newline="", encoding="utf-8") as fh:
            expected = list(csv.DictReader(fh))
        form = expected[0]["form_type"]
        rows = ours.get(form, [])
        assert len(rows) == len(expected), f"{case} {form}: {len(rows)} rows, FastFEC {len(expected)}"
        for n, (mine, theirs) in enumerate(zip(rows, expected)):
            for column, value in theirs.items():
                compared += 1
                if column not in mine:
                    mismatches.append((form, n, column, "missing", value))
                elif not _same(mine[column], value):
                    mismatches.append((form, n, column, mine[column], value))
    assert compared > 0
    assert mismatches == [], mismatches[:10]
    header = json.loads(store.scalar("SELECT header FROM filings WHERE filing_id = ?", [case]))
    expected = _header(folder)
    if "fec_ver_#" in expected:  # legacy header: FastFEC lower-cases it, we keep it as filed
        flat = {k.lower(): v.lower() for k, v in header.items() if k != "Schedule_Counts"}
        flat.update({f"SCHEDULE_COUNTS_{k.lower()}": v for k, v in header["Schedule_Counts"].items()})
        assert flat == expected
    else:
        assert {k: v or "" for k, v in header.items()} == expected


def test_invalid_version_loads_nothing(fixtures_dir, tmp_path):
    store = open_store(tmp_path / "db.duckdb")
    src = fixtures_dir / "fastfec-cases" / "invalid_version" / "src.fec"
    with pytest.raises(UnknownFormatError) as err:
        load_file(store, src)
    assert "'180.5'" in err.value.message and err.value.where == f"{src}:1"
    assert "fecscreen reads FEC format versions" in err.value.hint
    for table in ("filings", "filing_receipts", "filing_disbursements", "filing_lines", "load_issues"):
        assert store.scalar(f"SELECT count(*) FROM {table}") == 0
