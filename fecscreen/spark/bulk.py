"""Load FEC bulk files on Spark into a store folder, as :mod:`fecscreen.bulk.load` does in DuckDB.

The same layouts (``fecscreen/bulk/layouts.yaml``), the same typing, the same
verdict on each line and the same replacement rules, so the folder read into
DuckDB holds what a DuckDB load would have stored:

* every line is numbered as in the file (from each split's byte offset, so the
  numbers do not depend on how Spark divides the file);
* a line with the wrong number of fields, a value that does not parse or no key is
  recorded in ``load_issues`` with the same words, and so is a second row with the
  key (``SUB_ID``) of an earlier line;
* loading a file again replaces what it loaded before; rows of other files of the
  cycle whose key the file brings again are replaced;
* itcont: earmark pairs are marked over the whole cycle (see
  :mod:`fecscreen.bulk.earmarks`). The pair ids are Spark's 64-bit ``xxhash64``,
  not DuckDB's ``hash``: the same rows pair, under other numbers.

Only the cycle partitions a file touches are rewritten, staged first and moved into
place together (:class:`fecscreen.spark.folder.CycleWriter`).
"""

from __future__ import annotations

import codecs
import contextlib
import shutil
import tempfile
import time
from pathlib import Path

from fecscreen.bulk.detect import check_cycle, identify, infer_cycle, plain_file
from fecscreen.bulk.layouts import Layout
from fecscreen.bulk.load import BulkLoadSummary
from fecscreen.bulk.sql import RAW_LIMIT, what_is_wrong
from fecscreen.spark.folder import CycleWriter, read_cycle

_SPARK_TYPES = {"text": "STRING", "date": "DATE", "amount": "DECIMAL(14,2)",
                "bigint": "BIGINT", "integer": "INT"}
# How each kind of field is typed in Spark SQL; NULL where the text does not parse.
_TYPED = {"text": "{r}", "date": "to_date(try_to_timestamp({r}, 'MMddyyyy'))",
          "amount": "try_cast({r} AS DECIMAL(14,2))", "bigint": "try_cast({r} AS BIGINT)",
          "integer": "try_cast({r} AS INT)"}


def _schema(lay: Layout):
    from pyspark.sql.types import StructType

    ddl = ", ".join(f"{c.name} {_SPARK_TYPES[c.kind]}" for c in lay.columns)
    ddl += ", cycle INT, source_file STRING, line_number BIGINT"
    if lay.kind == "indiv":
        ddl += ", earmark_pair_id BIGINT, counts_toward_totals BOOLEAN"
    return StructType.fromDDL(ddl)


ISSUES_DDL = ("source STRING, filing_id STRING, file STRING, line_number BIGINT, "
              "form_type STRING, problem STRING, raw STRING, recorded_at TIMESTAMP, cycle INT")
LOADS_DDL = ("kind STRING, table_name STRING, cycle INT, source_file STRING, source_path STRING, "
             "source_bytes BIGINT, encoding STRING, rows_in BIGINT, rows_stored BIGINT, "
             "rows_issues BIGINT, loaded_at TIMESTAMP")


@contextlib.contextmanager
def _as_utf8(path: Path):
    """(UTF-8 text path, encoding of the file): a file that is not UTF-8 is read as
    Latin-1 (which reads any byte), as the DuckDB load does."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while block := fh.read(16 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        folder = tempfile.mkdtemp(prefix="fecscreen-spark-")
        try:
            out = Path(folder) / path.name
            with path.open("r", encoding="latin-1", newline="") as src, \
                    out.open("w", encoding="utf-8", newline="") as dst:
                shutil.copyfileobj(src, dst, 16 << 20)
            yield out, "latin-1"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    yield path, "utf-8"


def numbered_lines(spark, path: Path):
    """The file's lines with their 1-based line numbers (``line_number``, ``line``), cached."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    raw = (spark.read.option("lineSep", "\n").text(str(path))
           .select(F.regexp_replace("value", "\r$", "").alias("line"),
                   F.input_file_block_start().alias("block"),
                   F.monotonically_increasing_id().alias("mid"))
           .persist(StorageLevel.MEMORY_AND_DISK))
    blocks = raw.groupBy("block").agg(F.count("*").alias("n"), F.min("mid").alias("first"))
    base, seen = [], 0
    for block, n, first in sorted(blocks.collect()):
        base.append((block, seen + 1 - first))
        seen += n
    offsets = spark.createDataFrame(base, "block BIGINT, base BIGINT")
    lines = (raw.join(F.broadcast(offsets), "block")
             .select((F.col("mid") + F.col("base")).alias("line_number"), "line"))
    return lines, raw


def _parsed(lines, lay: Layout):
    """Each line's fields, typed, with ``bad`` and the problem in words (None when good)."""
    raws = [f"nullif(try_element_at(f, {i}), '') AS r{i}" for i in range(1, lay.width + 1)]
    typed, checks, texts = [], [], []
    for i, col in enumerate(lay.columns, start=1):
        typed.append(f"{_TYPED[col.kind].format(r=f'r{i}')} AS {col.name}")
        if col.kind != "text":
            bad = f"(r{i} IS NOT NULL AND {col.name} IS NULL)"
            checks.append(bad)
            texts.append(f"CASE WHEN {bad} THEN concat('{col.fec_name} {what_is_wrong(col)}: ', "
                         f"left(r{i}, 40)) END")
    key_i = [c.name for c in lay.columns].index(lay.key) + 1
    bad_width, no_key = f"n <> {lay.width}", f"r{key_i} IS NULL"
    problem = (
        f"CASE WHEN {bad_width} THEN CASE WHEN line IS NULL OR line = '' THEN 'empty line' "
        f"ELSE concat('has ', n, ' fields, expected {lay.width}') END "
        "ELSE nullif(concat_ws('; ', "
        + ", ".join([f"CASE WHEN {no_key} THEN '{lay.key.upper()} is missing' END", *texts])
        + "), '') END")
    any_bad = " OR ".join([bad_width, no_key, *checks])
    fields = lines.selectExpr("line_number", "line", "split(coalesce(line, ''), '[|]', -1) AS f")
    # Empty fields after the last one are no fields (as the DuckDB load reads them).
    n = (f"CASE WHEN size(f) > {lay.width} AND "
         f"array_join(slice(f, {lay.width + 1}, size(f)), '') = '' THEN {lay.width} "
         "ELSE size(f) END AS n")
    split = fields.selectExpr("line_number", "line", n, *raws)
    return split.selectExpr("*", *typed).selectExpr(
        "*", f"({any_bad}) AS bad", f"CASE WHEN {any_bad} THEN {problem} END AS problem")


_NAME = "regexp_replace(upper(coalesce(name, '')), '[^A-Z]', '')"
_REST = (f"coalesce(cast(transaction_dt AS STRING), '~'), coalesce(cast(transaction_amt AS STRING), "
         f"'~'), coalesce(left(zip_code, 5), ''), {_NAME}")
_KEY = f"""CASE
    WHEN other_id IS NULL THEN NULL
    WHEN transaction_tp = '15E' THEN shiftright(xxhash64(cmte_id, other_id, {_REST}), 1)
    WHEN transaction_tp = '24T' THEN shiftright(xxhash64(other_id, cmte_id, {_REST}), 1)
END"""


def with_earmarks(rows):
    """Set ``earmark_pair_id`` and ``counts_toward_totals`` over a cycle's itcont rows."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    keyed = rows.withColumn("_g", F.expr(_KEY))
    ear = keyed.where("_g IS NOT NULL")
    by_key = Window.partitionBy("_g")
    ranked = (ear
              .withColumn("_ne", F.sum(F.expr("CAST(transaction_tp = '15E' AS INT)")).over(by_key))
              .withColumn("_nt", F.sum(F.expr("CAST(transaction_tp = '24T' AS INT)")).over(by_key))
              .withColumn("_k", F.row_number().over(
                  Window.partitionBy("_g", "transaction_tp").orderBy("sub_id"))))
    paired = ranked.withColumn("earmark_pair_id", F.expr(
        "CASE WHEN _ne = 1 AND _nt = 1 THEN _g "
        "WHEN _ne > 0 AND _nt > 0 AND _k <= least(_ne, _nt) THEN shiftright(xxhash64(_g, _k), 1) "
        "END"))
    rest = keyed.where("_g IS NULL").withColumn("earmark_pair_id", F.lit(None).cast("bigint"))
    out = paired.drop("_ne", "_nt", "_k").unionByName(rest).drop("_g")
    return out.withColumn("counts_toward_totals", F.expr(
        "NOT (transaction_tp = '24T' AND earmark_pair_id IS NOT NULL)"))


def load_bulk(spark, folder: str | Path, path: str | Path, *, cycle: int | None = None,
              kind: str | None = None) -> BulkLoadSummary:
    """Load one bulk file (plain or the FEC's .zip) into the store folder ``folder``."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import StructType

    started = time.perf_counter()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    src = identify(path, kind=kind)
    lay, source_file = src.layout, src.source_file
    cycle = check_cycle(cycle, where=str(src.path)) if cycle is not None else infer_cycle(src)
    summary = BulkLoadSummary(path=str(src.path), kind=lay.kind, table=lay.table, cycle=cycle,
                              reader="spark")
    schema = _schema(lay)
    writer = CycleWriter(folder)
    with plain_file(src) as plain, _as_utf8(plain) as (text, encoding):
        lines, raw = numbered_lines(spark, text)
        parsed, good = _parsed(lines, lay).persist(), None
        try:
            summary.encoding = encoding
            width_bad = "problem LIKE 'has %' OR problem = 'empty line'"
            counts = parsed.agg(F.count("*"), F.sum(F.expr("CAST(bad AS INT)")),
                                F.sum(F.expr(f"CAST(bad AND ({width_bad}) AS INT)"))).first()
            summary.rows_in, n_bad, n_width = (int(v or 0) for v in counts)
            good = (parsed.where("NOT bad")
                    .withColumn("_first", F.min("line_number").over(Window.partitionBy(lay.key)))
                    .persist())
            kept = good.where("line_number = _first")
            dups = good.where("line_number > _first")
            new = kept.select(*[c.name for c in lay.columns],
                              F.lit(cycle).cast("int").alias("cycle"),
                              F.lit(source_file).alias("source_file"),
                              F.lit(None).cast("bigint").alias("line_number"))  # keyed by SUB_ID
            if lay.kind == "indiv":
                new = new.withColumn("earmark_pair_id", F.lit(None).cast("bigint")) \
                         .withColumn("counts_toward_totals", F.lit(True))
            existing = read_cycle(spark, folder, lay.table, cycle, schema)
            others = existing.where(F.col("source_file") != source_file)
            merged = others.join(new.select(lay.key).distinct(), lay.key, "left_anti") \
                .unionByName(new)
            if lay.kind == "indiv":
                merged = with_earmarks(merged)
            merged = merged.select(schema.fieldNames()).persist()
            writer.stage(lay.table, cycle, merged)

            n_dups = dups.count()
            summary.rows_stored = good.count() - n_dups
            summary.rows_issues = summary.rows_in - summary.rows_stored
            n_merged, pairs = merged.agg(F.count("*"), F.sum(F.expr(
                "CAST(transaction_tp = '24T' AND earmark_pair_id IS NOT NULL AS INT)")
                if lay.kind == "indiv" else F.lit(0))).first()
            summary.rows_replaced = existing.count() - (n_merged - summary.rows_stored)
            summary.earmark_pairs = int(pairs or 0)
            merged.unpersist()
            summary.problems = {k: n for k, n in (("field count", n_width),
                                                   ("value", n_bad - n_width),
                                                   ("duplicate key", n_dups)) if n}

            issues = (parsed.where("bad").selectExpr("line_number", "problem", "line")
                      .unionByName(dups.selectExpr(
                          "line_number",
                          f"concat('{lay.key.upper()} ', cast({lay.key} AS STRING), "
                          "' repeats line ', _first, ' of the file') AS problem", "line")))
            issues = issues.select(
                F.lit("bulk").alias("source"), F.lit(None).cast("string").alias("filing_id"),
                F.lit(source_file).alias("file"), "line_number",
                F.lit(lay.kind).alias("form_type"),
                F.coalesce("problem", F.lit(f"the line could not be read as a {lay.kind} row"))
                .alias("problem"),
                F.expr(f"left(coalesce(line, ''), {RAW_LIMIT})").alias("raw"),
                F.current_timestamp().alias("recorded_at"), F.lit(cycle).cast("int").alias("cycle"))
            old_issues = read_cycle(spark, folder, "load_issues", cycle, StructType.fromDDL(ISSUES_DDL))
            writer.stage("load_issues", cycle, old_issues.where(
                ~((F.col("source") == "bulk") & (F.col("file") == source_file)
                  & (F.col("form_type") == lay.kind))).unionByName(issues))

            loads = StructType.fromDDL(LOADS_DDL)
            old_loads = read_cycle(spark, folder, "bulk_loads", cycle, loads)
            row = spark.createDataFrame(
                [(lay.kind, lay.table, cycle, source_file, str(src.path), src.path.stat().st_size,
                  encoding, summary.rows_in, summary.rows_stored, summary.rows_issues, None)], loads)
            writer.stage("bulk_loads", cycle, old_loads.where(
                ~((F.col("kind") == lay.kind) & (F.col("source_file") == source_file)))
                .unionByName(row.withColumn("loaded_at", F.current_timestamp())))
            writer.commit(spark)
        except BaseException:
            writer.abort()
            raise
        finally:
            for frame in (parsed, raw, good):
                if frame is not None:
                    frame.unpersist()
    summary.seconds = time.perf_counter() - started
    return summary


def load_paths(spark, folder: str | Path, sources: list[str], *, cycle: int | None = None,
               on_result=None):
    """Load bulk files (plain, zipped, or folders of them) into the store folder on Spark.

    Returns a :class:`fecscreen.ingest.LoadSummary`: one result per file, errors
    collected as :func:`fecscreen.ingest.load_paths` does.
    """
    from fecscreen.bulk.detect import is_bulk_file
    from fecscreen.errors import FecscreenError, InputError
    from fecscreen.ingest import FileResult, LoadSummary

    summary = LoadSummary()

    def files(source: str):
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and is_bulk_file(p))
            if not found:
                raise InputError("the folder holds no FEC bulk files", where=source,
                                 hint="pass FEC bulk files (itcont.txt, indiv24.zip, cm24.zip ...)")
            return found
        if path.exists() and not is_bulk_file(path):
            raise InputError(
                "the Spark engine loads FEC bulk files; this is not one", where=source,
                hint="load .fec filings with the DuckDB engine, then `fecscreen export "
                     "--format parquet` writes them as a store folder")
        return [path]

    def record(result) -> None:
        summary.files.append(result)
        if on_result:
            on_result(result)

    for source in sources:
        started = time.perf_counter()
        try:
            for path in files(str(source)):
                started = time.perf_counter()
                try:
                    detail = load_bulk(spark, folder, path, cycle=cycle)
                except FecscreenError as exc:
                    record(FileResult(str(path), "bulk", "failed", error=exc,
                                      seconds=time.perf_counter() - started))
                    continue
                record(FileResult(str(path), "bulk", "loaded",
                                  rows={"bulk rows": detail.rows_stored},
                                  issues=detail.rows_issues, bytes=path.stat().st_size,
                                  detail=detail, seconds=time.perf_counter() - started))
        except FecscreenError as exc:
            record(FileResult(str(source), "bulk", "failed", error=exc,
                              seconds=time.perf_counter() - started))
    return summary
__all__ = ["load_bulk", "load_paths", "numbered_lines", "with_earmarks"]
