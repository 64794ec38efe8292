"""The DuckDB store: one database file that every capability reads and writes.

``open_store(path)`` opens (and if needed creates) the database and brings its
schema up to date. Schema lives as SQL files in ``store/ddl/`` (tables, applied
in name order, all idempotent) and ``store/views/`` (the unified relations such
as ``receipts``), so the documented schema and the code cannot drift apart.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

from fecscreen.errors import StoreError

DEFAULT_DB = "fecscreen.duckdb"
ENV_DB = "FECSCREEN_DB"


def default_path() -> str:
    """The database path: ``$FECSCREEN_DB`` or ``./fecscreen.duckdb``."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def _sql_files(folder: str) -> list[tuple[str, str]]:
    root = resources.files("fecscreen.store") / folder
    files = sorted((p for p in root.iterdir() if p.name.endswith(".sql")), key=lambda p: p.name)
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


class Store:
    """A fecscreen database: a DuckDB connection with the schema applied."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str):
        self.con = con
        self.path = path

    # -- schema -----------------------------------------------------------
    def ensure_schema(self) -> None:
        for _name, sql in _sql_files("ddl"):
            self.con.execute(sql)
        self.refresh_views()

    def refresh_views(self) -> None:
        """(Re)create the unified views. Safe to call at any time."""
        from fecscreen.store.views import create_views

        create_views(self.con)

    # -- transactions -------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: a failure (or a kill) leaves no partial data."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    # -- helpers ------------------------------------------------------------
    def query(self, sql: str, params: list | tuple | None = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()

    def scalar(self, sql: str, params: list | tuple | None = None):
        # Read the whole result: a half-read one blocks the connection's next statement.
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    def table_exists(self, name: str) -> bool:
        return bool(
            self.scalar(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
            )
        )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(path: str | os.PathLike | None = None, *, read_only: bool = False) -> Store:
    """Open the database at ``path`` (default: :func:`default_path`)."""
    path = str(path) if path is not None else default_path()
    if path != ":memory:":
        parent = Path(path).resolve().parent
        if not parent.exists():
            raise StoreError(
                f"the folder {parent} does not exist",
                where=path,
                hint="create the folder or pass another --db PATH",
            )
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:  # not a DuckDB file, locked, wrong version...
        raise StoreError(
            f"cannot open the database ({exc})",
            where=path,
            hint="pass --db with a fecscreen database, or a new file name to create one; "
            "close other programs that hold it open",
        ) from exc
    store = Store(con, path)
    if not read_only:
        store.ensure_schema()
    return store


__all__ = ["Store", "open_store", "default_path", "DEFAULT_DB", "ENV_DB"]
