"""The store as a folder of Parquet files, and back.

A *store folder* holds every table of a fecscreen database as Parquet, the tables
that carry a two-year ``cycle`` partitioned by it (``receipts/cycle=2024/...``, with
``cycle=__HIVE_DEFAULT_PARTITION__`` for rows without one, the convention Spark and
DuckDB share), and a manifest, ``fecscreen-store.json``, naming each table with its
columns, types and row count. The folder is what another engine reads and writes;
``fecscreen export --format parquet --out DIR`` writes it from a DuckDB store and
``fecscreen load DIR`` reads it back.

API tokens are never written: they are the server's secrets, not data.
Reading a folder into a database is one transaction, and idempotent: each folder has
a snapshot id, recorded when it is read, so reading it again changes nothing. A folder
is read only into a database whose tables are still empty (a new ``--db``), so rows
of two stores are never mixed.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import duckdb

from fecscreen.errors import ConfigError, InputError
from fecscreen.sql import ident as _ident
from fecscreen.sql import literal as _quote
from fecscreen.store import Store

MANIFEST = "fecscreen-store.json"
FORMAT = "fecscreen-parquet-store"
FORMAT_VERSION = 1
PARTITION_COLUMN = "cycle"
NOT_EXPORTED = frozenset({"api_tokens", "store_imports"})
# Columns filled from a sequence: after a read the sequence moves past the largest value.
SEQUENCES = {
    "load_issues": ("issue_id", "load_issue_seq"),
    "donor_overrides": ("override_id", "donor_override_seq"),
    "review_audit": ("seq", "review_audit_seq"),
}


@dataclass
class FolderSummary:
    folder: str
    snapshot: str
    tables: dict[str, int]
    already_loaded: bool = False

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _tables(store: Store) -> list[str]:
    rows = store.query(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' AND table_schema = 'main' "
        "AND table_catalog = current_database() ORDER BY table_name")
    return [name for (name,) in rows if name not in NOT_EXPORTED]


def _columns(store: Store, table: str) -> list[tuple[str, str]]:
    """The stored columns (generated ones are worked out again on reading)."""
    return store.query(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
        "AND schema_name = 'main' AND database_name = current_database() AND NOT is_generated "
        "ORDER BY column_index", [table])


def _select(table: str, columns: list[tuple[str, str]]) -> str:
    return f"(SELECT {', '.join(_ident(n) for n, _ in columns)} FROM {_ident(table)})"


def _package_version() -> str:
    try:
        return version("fecscreen")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def is_store_folder(path: str | os.PathLike) -> bool:
    """True when ``path`` is a folder with a store manifest in it."""
    return (Path(path) / MANIFEST).is_file()


def export_store(store: Store, out: str | os.PathLike) -> FolderSummary:
    """Write every table of ``store`` to the folder ``out`` (replacing a store folder there).

    The folder is written beside ``out`` first and moved into place when complete, so an
    interrupted export leaves the previous folder (or none), never half of one.
    """
    out = Path(out)
    if out.exists() and not (out.is_dir() and (is_store_folder(out) or not any(out.iterdir()))):
        raise ConfigError(
            f"{out} exists and is not a fecscreen store folder",
            where="--out", hint="name a new or empty folder, or a store folder to replace")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = out.parent / f".{out.name}.partial-{uuid.uuid4().hex[:8]}"
    work.mkdir()
    snapshot = uuid.uuid4().hex
    tables: dict[str, dict] = {}
    try:
        for table in _tables(store):
            columns = _columns(store, table)
            rows = store.scalar(f"SELECT count(*) FROM {_ident(table)}")
            partitioned = any(name == PARTITION_COLUMN for name, _ in columns)
            target = work / table
            if partitioned:
                if rows:
                    store.con.execute(
                        f"COPY {_select(table, columns)} TO {_quote(target)} "
                        f"(FORMAT parquet, PARTITION_BY ({PARTITION_COLUMN}))")
                else:
                    target.mkdir()
            else:
                target.mkdir()
                store.con.execute(
                    f"COPY {_select(table, columns)} TO {_quote(target / 'data_0.parquet')} "
                    "(FORMAT parquet)")
            tables[table] = {
                "rows": rows,
                "partition_by": PARTITION_COLUMN if partitioned else None,
                "columns": [{"name": name, "type": kind} for name, kind in columns],
            }
        write_manifest(work, tables, snapshot)
        if out.exists():
            shutil.rmtree(out)
        work.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return FolderSummary(str(out), snapshot, {t: spec["rows"] for t, spec in tables.items()})


def write_manifest(folder: Path, tables: dict[str, dict], snapshot: str | None = None) -> str:
    """Write the manifest of ``folder`` (atomically: a reader sees the old one or the new one).

    ``tables``: per table ``{"rows", "partition_by", "columns": [{"name", "type"}]}``, types
    spelt as DuckDB spells them. Every write is a new snapshot; returns its id.
    """
    snapshot = snapshot or uuid.uuid4().hex
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "snapshot": snapshot,
        "written_by": f"fecscreen {_package_version()}",
        "written_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "tables": tables,
    }
    part = folder / f".{MANIFEST}.partial"
    part.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(part, folder / MANIFEST)
    return snapshot


def read_manifest(folder: str | os.PathLike) -> dict:
    """The manifest of a store folder, checked; an :class:`InputError` says what is wrong."""
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("not a fecscreen store folder: it has no manifest", where=str(path),
                         hint="write one with `fecscreen export --format parquet --out DIR`"
                         ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"the manifest is not valid JSON ({exc})", where=str(path),
                         hint="write the folder again with `fecscreen export`") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"the manifest does not describe a {FORMAT}", where=str(path),
                         hint="write the folder again with `fecscreen export`")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise InputError(
            f"store folder format version {manifest.get('format_version')!r}; this fecscreen "
            f"reads version {FORMAT_VERSION}", where=str(path),
            hint="read it with the fecscreen version that wrote it ("
                 f"{manifest.get('written_by', 'unknown')}), or write the folder again")
    if not isinstance(manifest.get("tables"), dict) or not manifest.get("snapshot"):
        raise InputError("the manifest has no tables or no snapshot id", where=str(path),
                         hint="write the folder again with `fecscreen export`")
    return manifest


def _check_columns(store: Store, folder: Path, table: str, spec: dict) -> list[str]:
    known = {name for name, _ in _columns(store, table)}
    names = [col["name"] for col in spec.get("columns", [])]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise InputError(
            f"table {table} has columns this database does not know: {', '.join(unknown)}",
            where=str(folder / table),
            hint="read the folder with the fecscreen version that wrote it, or a newer one")
    return names


def import_store(store: Store, folder: str | os.PathLike) -> FolderSummary:
    """Read a store folder into ``store``: all tables in one transaction, or nothing."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    snapshot = str(manifest["snapshot"])
    tables = manifest["tables"]
    if store.scalar("SELECT count(*) FROM store_imports WHERE snapshot = ?", [snapshot]):
        return FolderSummary(str(folder), snapshot, {t: 0 for t in tables}, already_loaded=True)
    present = set(_tables(store))
    missing = sorted(t for t in tables if t not in present)
    if missing:
        raise InputError(f"the folder has tables this database does not know: "
                         f"{', '.join(missing)}", where=str(folder / MANIFEST),
                         hint="read it with the fecscreen version that wrote it, or a newer one")
    filled = [t for t in tables if store.scalar(f"SELECT count(*) FROM {_ident(t)}")]
    if filled:
        raise InputError(
            f"this database already holds data ({', '.join(sorted(filled))}); a store folder "
            "is read only into an empty database", where=store.path,
            hint="pass --db with a new database file")
    counts: dict[str, int] = {}
    with store.transaction() as con:
        for table, spec in tables.items():
            names = _check_columns(store, folder, table, spec)
            expected = int(spec.get("rows") or 0)
            if expected:
                source = _source(folder, table, spec)
                cols = ", ".join(_ident(n) for n in names)
                try:
                    con.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM {source}")
                except duckdb.Error as exc:
                    raise InputError(f"table {table} cannot be read ({exc})",
                                     where=str(folder / table),
                                     hint="the folder is damaged or was changed: write it again"
                                     ) from None
            counts[table] = store.scalar(f"SELECT count(*) FROM {_ident(table)}")
            if counts[table] != expected:
                raise InputError(
                    f"table {table} holds {counts[table]:,} rows; the manifest says {expected:,}",
                    where=str(folder / table),
                    hint="the folder is incomplete or was changed: write it again")
        for table, (column, sequence) in SEQUENCES.items():
            if counts.get(table):
                top = store.scalar(f"SELECT max({column}) FROM {table}") or 0
                con.execute(f"SELECT max(nextval('{sequence}')) FROM range(?)", [top])
        con.execute("INSERT INTO store_imports (snapshot, folder, written_by, written_at) "
                    "VALUES (?, ?, ?, ?)",
                    [snapshot, str(folder), manifest.get("written_by"), manifest.get("written_at")])
    store.refresh_views()
    return FolderSummary(str(folder), snapshot, counts)


def _source(folder: Path, table: str, spec: dict) -> str:
    root = folder / table
    if not root.is_dir() or not any(root.rglob("*.parquet")):
        raise InputError(f"table {table} has no Parquet files", where=str(root),
                         hint="the folder is incomplete: write it again")
    if spec.get("partition_by"):
        column = spec["partition_by"]
        kind = next((c["type"] for c in spec["columns"] if c["name"] == column), "INTEGER")
        # Files written by either engine may differ in their columns (Spark leaves out
        # the numbered ones): columns are matched by name.
        return (f"read_parquet({_quote(root / '**' / '*.parquet')}, hive_partitioning = true, "
                f"hive_types = {{{_quote(column)}: {kind}}}, union_by_name = true)")
    return f"read_parquet({_quote(root / '*.parquet')}, union_by_name = true)"


__all__ = ["export_store", "import_store", "is_store_folder", "read_manifest", "write_manifest",
           "FolderSummary", "MANIFEST", "PARTITION_COLUMN"]
