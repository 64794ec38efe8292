"""SQL text written by hand: the one place string literals and identifiers are quoted.

Values that cannot be passed as prepared parameters (paths in ``COPY``/``read_*``,
lists built into generated SQL, parameter tables) go through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def literal(value: Any) -> str:
    """``value`` as a SQL string literal: in single quotes, each quote doubled."""
    return "'" + str(value).replace("'", "''") + "'"


def ident(name: str) -> str:
    """``name`` as a quoted SQL identifier: in double quotes, each one doubled."""
    return '"' + str(name).replace('"', '""') + '"'


def list_literal(values: Iterable[Any]) -> str:
    """A list of string literals, ``['a', 'b']`` (DuckDB's list syntax)."""
    return "[" + ", ".join(literal(v) for v in values) + "]"


__all__ = ["ident", "list_literal", "literal"]
