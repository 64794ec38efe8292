"""The one place where SQL differs between engines.

Rule SQL is written in a portable subset and calls these helpers (as ``d.`` in
the templates) for everything that is spelt differently across engines:
regular expressions, date arithmetic, list/JSON building and hashing. Another
engine (Spark SQL, say) is one more class with the same methods.
"""

from __future__ import annotations

from fecscreen.sql import literal


class DuckDBDialect:
    name = "duckdb"

    # -- text -----------------------------------------------------------------
    def regex_match(self, expr: str, pattern_sql: str) -> str:
        return f"regexp_matches({expr}, {pattern_sql})"

    def regex_replace(self, expr: str, pattern_sql: str, replacement_sql: str) -> str:
        return f"regexp_replace({expr}, {pattern_sql}, {replacement_sql}, 'g')"

    def norm(self, expr: str) -> str:
        """Upper case; anything but A-Z and 0-9 becomes one space; trimmed."""
        return f"trim(regexp_replace(upper(coalesce({expr}, '')), '[^A-Z0-9]+', ' ', 'g'))"

    def norm_letters(self, expr: str) -> str:
        """Like :meth:`norm` but keeps letters only (for personal names)."""
        return f"trim(regexp_replace(upper(coalesce({expr}, '')), '[^A-Z]+', ' ', 'g'))"

    def compact(self, expr: str) -> str:
        """Upper case with every character but A-Z and 0-9 removed (postal codes)."""
        return f"regexp_replace(upper(coalesce({expr}, '')), '[^A-Z0-9]', '', 'g')"

    def regex_extract(self, expr: str, pattern_sql: str, group: int) -> str:
        """The ``group``-th capture of the first match, or '' when none."""
        return f"regexp_extract({expr}, {pattern_sql}, {group})"

    def string_agg_distinct(self, expr: str, sep: str) -> str:
        return f"string_agg(DISTINCT {expr}, '{sep}' ORDER BY {expr})"

    def icontains(self, expr: str, text: str) -> str:
        """Case-insensitive substring test (``text`` is a plain string)."""
        return f"({expr} ILIKE {literal('%' + text + '%')})"

    def istarts(self, expr: str, text: str) -> str:
        return f"({expr} ILIKE {literal(text + '%')})"

    def split_part(self, expr: str, sep: str, n: int) -> str:
        return f"split_part({expr}, '{sep}', {n})"

    def json_text(self, expr: str, key: str) -> str:
        """Field ``key`` of the JSON object ``expr`` as text, '' and missing as NULL."""
        return f"nullif(trim(json_extract_string({expr}, '$.{key}')), '')"

    def date_from_digits(self, expr: str) -> str:
        """A DATE from text written YYYYMMDD, NULL when it is not one."""
        return f"CAST(try_strptime({expr}, '%Y%m%d') AS DATE)"

    def to_decimal(self, expr: str) -> str:
        """Text as an amount, NULL when it is not a number."""
        return f"TRY_CAST({expr} AS DECIMAL(14, 2))"

    def money(self, expr: str) -> str:
        return f"('$' || format('{{:,.2f}}', CAST({expr} AS DECIMAL(14, 2))))"

    def to_text(self, expr: str) -> str:
        return f"CAST({expr} AS VARCHAR)"

    # -- dates ----------------------------------------------------------------
    def days_between(self, start: str, end: str) -> str:
        return f"date_diff('day', {start}, {end})"

    def add_days(self, date: str, days: str) -> str:
        return f"CAST({date} + CAST({days} AS INTEGER) AS DATE)"

    def year(self, date: str) -> str:
        return f"CAST(extract(year FROM {date}) AS INTEGER)"

    def month(self, date: str) -> str:
        return f"CAST(extract(month FROM {date}) AS INTEGER)"

    def month_key(self, date: str) -> str:
        return f"strftime({date}, '%Y-%m')"

    def hash64(self, *exprs: str) -> str:
        """A 64-bit hash of the values (joins and grouping on one number)."""
        return f"hash({', '.join(exprs)})"

    # A common table expression read more than once is worked out once.
    materialized = "MATERIALIZED"

    # -- findings aggregation ---------------------------------------------------
    def hash_text(self, expr: str) -> str:
        return f"md5({expr})"

    def string_agg_ordered(self, expr: str, sep: str) -> str:
        return f"string_agg({expr}, '{sep}' ORDER BY {expr})"

    def json_list_of_transactions(self) -> str:
        return (
            "to_json(list(struct_pack(filing_id := filing_id, transaction_id := transaction_id, "
            "sub_id := sub_id) ORDER BY ev_date, ev_key))"
        )

    def list_ordered(self, expr: str) -> str:
        return f"list({expr} ORDER BY {expr})"

    def json_object(self, pairs: dict[str, str]) -> str:
        inner = ", ".join(f"{k} := {v}" for k, v in pairs.items())
        return f"to_json(struct_pack({inner}))"


DIALECTS = {"duckdb": DuckDBDialect}


def get_dialect(name: str = "duckdb") -> DuckDBDialect:
    return DIALECTS[name]()


__all__ = ["DuckDBDialect", "get_dialect", "DIALECTS"]
