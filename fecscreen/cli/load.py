"""``fecscreen load SOURCE...``: load .fec filings (and FEC bulk files) into the database."""

from __future__ import annotations

import time
from contextlib import nullcontext

import click

from fecscreen.cli.common import db_option, is_terminal, open_db, quiet_option


class _Bar:
    """A rich progress bar per file: bytes read and rows seen."""

    def __init__(self):
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
            TransferSpeedColumn(), TextColumn("{task.fields[rows]:,} rows"),
            TimeRemainingColumn(), transient=True,
        )
        self.task = None

    def __call__(self, event: str, **info) -> None:
        if event == "start":
            name = info["name"]
            label = name if len(name) <= 40 else "..." + name[-37:]
            self.task = self.progress.add_task(label, total=info.get("total") or None, rows=0)
        elif event == "advance" and self.task is not None:
            self.progress.update(self.task, completed=info.get("bytes", 0), rows=info.get("rows", 0))
        elif event == "end" and self.task is not None:
            self.progress.remove_task(self.task)
            self.task = None

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc):
        self.progress.stop()


class _Ticker:
    """Off a terminal, on a long load: a line on stderr every ``EVERY`` seconds with the
    files done, rows seen and MB/s so far (nothing for a load shorter than that)."""

    EVERY = 10.0

    def __init__(self):
        self.started = self.last = time.monotonic()
        self.files = self.rows = self.bytes = 0
        self.now = {"files": 1, "rows": 0, "bytes": 0}   # of the file (or batch) being read

    def __call__(self, event: str, **info) -> None:
        if event == "start":
            self.now = {"files": info.get("files", 1), "rows": 0, "bytes": 0}
        elif event == "advance":
            self.now.update(rows=info.get("rows", 0), bytes=info.get("bytes", 0))
        elif event == "end":
            self.files += self.now["files"]
            self.rows += self.now["rows"]
            self.bytes += self.now["bytes"]
            self.now = {"files": 0, "rows": 0, "bytes": 0}
        clock = time.monotonic()
        if clock - self.last >= self.EVERY:
            self.last = clock
            mb = (self.bytes + self.now["bytes"]) / 1e6
            click.echo(f"loading: {self.files:,} files done, {self.rows + self.now['rows']:,} rows, "
                       f"{mb:,.0f} MB at {mb / (clock - self.started):,.1f} MB/s", err=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--cycle", type=int, default=None,
              help="Two-year period of bulk files (e.g. 2024). Default: from the FEC file name "
                   "(indiv24.zip) or the dates in the file (see docs/bulk.md).")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb",
              show_default=True,
              help="duckdb: into the --db database. spark: FEC bulk files into the --data "
                   "store folder on Apache Spark (see docs/spark.md).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False), default=None,
              help="Store folder (Parquet) that --engine spark writes.")
@click.option("--spark-master", metavar="URL", default=None, envvar="SPARK_MASTER",
              show_envvar=True,
              help="Spark master for --engine spark. Default: the session spark-submit "
                   "gives, else local[*].")
@quiet_option
@db_option
def load(sources: tuple[str, ...], cycle: int | None, engine: str, data_dir: str | None,
         spark_master: str | None, quiet: bool, db_path: str | None) -> None:
    """Load FEC filings and bulk files into the database.

    SOURCE is a .fec file (or .fec.gz), a folder or .zip of them, a filing id (1550126 or
    FEC-1550126) or URL to download (from $FECSCREEN_FEC_URL, default the FEC's
    site), or an FEC bulk file (itcont.txt, cm.txt, cn.txt or their .zip).
    Loading the same filing again changes nothing.

    \b
    Examples:
        fecscreen load 1550126.fec filings/
        fecscreen load FEC-1550126
        fecscreen load --cycle 2024 indiv24.zip
        fecscreen load --engine spark --data store/ indiv24.zip cm24.zip
    """
    def report(result) -> None:
        if result.status == "failed":
            click.echo(f"Error: {result.error.render()}", err=True)
        elif not quiet:
            click.echo(result.line())

    if engine == "spark":
        summary = _load_on_spark(sources, cycle, data_dir, spark_master, report)
    else:
        from fecscreen.ingest import load_paths

        with open_db(db_path) as store, \
                (_Bar() if is_terminal() else _Ticker()) if not quiet else nullcontext() as bar:
            summary = load_paths(store, list(sources), cycle=cycle, progress=bar, on_result=report)
    if not quiet and len(summary.files) > 1:
        click.echo(summary.line())
    if not summary.ok:
        raise SystemExit(2)


def _load_on_spark(sources, cycle, data_dir, spark_master, report):
    from fecscreen.errors import ConfigError
    from fecscreen.spark import spark_session
    from fecscreen.spark.bulk import load_paths

    if not data_dir:
        raise ConfigError("--engine spark writes a store folder: name it with --data",
                          where="--data", hint="e.g. fecscreen load --engine spark --data store/ "
                          "indiv24.zip")
    return load_paths(spark_session(spark_master), data_dir, list(sources), cycle=cycle,
                      on_result=report)
