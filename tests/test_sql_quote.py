"""The SQL quoting helpers: literals and identifiers round-trip through DuckDB."""

import duckdb

from fecscreen.sql import ident, list_literal, literal


def test_literal_doubles_quotes_and_round_trips():
    assert literal("O'BRIEN") == "'O''BRIEN'"
    assert literal(12) == "'12'"
    con = duckdb.connect()
    assert con.execute(f"SELECT {literal('it' + chr(39) + 's; DROP')}").fetchone()[0] == "it's; DROP"


def test_ident_doubles_double_quotes():
    assert ident('a"b') == '"a""b"'
    con = duckdb.connect()
    name = ident('odd "name')
    con.execute(f"CREATE TABLE {name} (x INTEGER)")
    assert con.execute("SELECT table_name FROM information_schema.tables").fetchone()[0] == 'odd "name'


def test_list_literal():
    assert list_literal(["A", "O'B"]) == "['A', 'O''B']"
    assert list_literal([]) == "[]"
    assert duckdb.connect().execute(f"SELECT {list_literal(['x', chr(39)])}").fetchone()[0] == ["x", "'"]
