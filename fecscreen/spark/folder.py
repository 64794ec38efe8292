"""Spark's side of a store folder: read a table's cycle, replace cycles, keep the manifest.

A load computes the new content of every cycle partition it touches, writes them
all to a staging folder inside the store folder, and only then moves them into
place and writes the manifest. A failure before the moves leaves the folder as it
was. The moves are renames on the folder's file system, so the window in which a
crash leaves a half-replaced load is a few renames; a store folder has one writer
at a time.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from fecscreen.store.parquet import MANIFEST, PARTITION_COLUMN, read_manifest, write_manifest

# DuckDB's spelling of each Spark type the store uses (the manifest speaks DuckDB).
_TYPES = {"string": "VARCHAR", "bigint": "BIGINT", "int": "INTEGER", "date": "DATE",
          "boolean": "BOOLEAN", "timestamp": "TIMESTAMP", "double": "DOUBLE"}


def duckdb_type(spark_type) -> str:
    name = spark_type.simpleString()
    if name.startswith("decimal"):
        return name.upper().replace(",", ", ")
    return _TYPES[name]


def partition_dir(folder: Path, table: str, cycle: int) -> Path:
    return folder / table / f"{PARTITION_COLUMN}={cycle}"


def read_cycle(spark, folder: Path, table: str, cycle: int, schema):
    """The rows of ``table`` for ``cycle`` already in the folder (none: an empty frame)."""
    from pyspark.sql import functions as F

    part = partition_dir(folder, table, cycle)
    fields = [f for f in schema.fields if f.name != PARTITION_COLUMN]
    if not part.is_dir() or not any(part.glob("*.parquet")):
        return spark.createDataFrame([], schema)
    from pyspark.sql.types import StructType

    df = spark.read.schema(StructType(fields)).parquet(str(part))
    return df.withColumn(PARTITION_COLUMN, F.lit(cycle).cast("int")).select(schema.fieldNames())


class CycleWriter:
    """Stage the new content of (table, cycle) partitions, then swap them in together."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.staging = folder / f".staging-{uuid.uuid4().hex[:8]}"
        self.staged: list[tuple[str, int, Path]] = []
        self.schemas: dict[str, object] = {}

    def stage(self, table: str, cycle: int, df) -> None:
        target = self.staging / table / f"{PARTITION_COLUMN}={cycle}"
        files = df.sparkSession.sparkContext.defaultParallelism
        df.drop(PARTITION_COLUMN).coalesce(files).write.mode("overwrite").parquet(str(target))
        self.staged.append((table, cycle, target))
        self.schemas[table] = df.schema

    def commit(self, spark) -> str:
        """Move every staged partition into place; write the manifest; return the snapshot."""
        try:
            for table, cycle, staged in self.staged:
                final = partition_dir(self.folder, table, cycle)
                final.parent.mkdir(parents=True, exist_ok=True)
                old = final.with_name(final.name + f".old-{uuid.uuid4().hex[:8]}")
                if final.exists():
                    final.rename(old)
                if any(staged.glob("*.parquet")):
                    staged.rename(final)
                shutil.rmtree(old, ignore_errors=True)
            return write_manifest(self.folder, self._tables(spark))
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _tables(self, spark) -> dict[str, dict]:
        tables = _manifest_tables(self.folder)
        for table, schema in self.schemas.items():
            root = self.folder / table
            rows = spark.read.parquet(str(root)).count() if any(root.rglob("*.parquet")) else 0
            tables[table] = {
                "rows": rows, "partition_by": PARTITION_COLUMN,
                "columns": [{"name": f.name, "type": duckdb_type(f.dataType)}
                            for f in schema.fields],
            }
        return tables


def _manifest_tables(folder: Path) -> dict[str, dict]:
    if not (folder / MANIFEST).is_file():
        return {}
    return read_manifest(folder)["tables"]


__all__ = ["CycleWriter", "read_cycle", "duckdb_type", "partition_dir"]
