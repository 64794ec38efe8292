"""Our copy of the FEC's bulk column lists equals the FEC header files."""

from __future__ import annotations

import pytest

from fecscreen.bulk import layouts
from fecscreen.store import open_store


@pytest.mark.parametrize("kind", ["indiv", "oth", "pas2", "cm", "cn", "ccl"])
def test_layout_matches_fec_header_file(fixtures_dir, kind):
    header = (fixtures_dir / "bulk" / "headers" / f"{kind}_header_file.csv").read_text().strip()
    # The header files end with the cycle, which the FEC's data files do not carry
    # (we store it in our own `cycle` column).
    assert [c.description for c in layouts()[kind].columns] + ["Election cycle"] == header.split("|")


def test_tables_have_every_layout_column_lowercased():
    store = open_store(":memory:")
    for lay in layouts().values():
        cols = {r[0] for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [lay.table])}
        assert {c.fec_name.lower() for c in lay.columns} | {"cycle", "source_file", "line_number"} <= cols
