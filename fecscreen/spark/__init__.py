"""Apache Spark as a second engine, for data that outgrows one machine.

Spark reads and writes the same *store folder* that
:mod:`fecscreen.store.parquet` defines (each table as Parquet, partitioned by
cycle, with a manifest), so a folder written on a cluster is read into DuckDB with
``fecscreen load DIR`` and the other way round. DuckDB stays the default engine.

``pyspark`` is the ``spark`` extra (``pip install 'fecscreen[spark]'``); it needs
Java 17 or newer.
"""

from __future__ import annotations

import os

from fecscreen.errors import MissingExtraError

ENV_MASTER = "SPARK_MASTER"
DEFAULT_MASTER = "local[*]"


def _pyspark():
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise MissingExtraError("pyspark", "spark", "the Spark engine") from exc
    return SparkSession


def spark_session(master: str | None = None):
    """The Spark session to run on.

    Under ``spark-submit`` (or in a notebook) the session already running is used as
    it is. Otherwise one is started on ``master``, else ``$SPARK_MASTER``, else
    ``local[*]``. Local sessions keep Spark's web UI off and use few shuffle
    partitions; on a cluster, its own settings apply.
    """
    SparkSession = _pyspark()
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    master = master or os.environ.get(ENV_MASTER) or DEFAULT_MASTER
    builder = (SparkSession.builder.appName("fecscreen").master(master)
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"))
    if master.startswith("local"):
        builder = (builder.config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.shuffle.partitions", str(max(2, os.cpu_count() or 2)))
                   .config("spark.driver.memory", os.environ.get("FECSCREEN_SPARK_MEMORY", "4g")))
    return builder.getOrCreate()


__all__ = ["spark_session", "ENV_MASTER", "DEFAULT_MASTER"]
