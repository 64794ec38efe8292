"""``fecscreen export``: the whole store as a folder of Parquet files."""

from __future__ import annotations

import click

from fecscreen.cli.common import quiet_option, with_store


@click.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["parquet"]), default="parquet",
              show_default=True, help="Folder format (a store folder of Parquet files).")
@click.option("--out", "-o", "out", type=click.Path(file_okay=False), required=True,
              help="Folder to write: new, empty, or a store folder to replace.")
@quiet_option
@with_store
def export(store, fmt, out, quiet):
    """Write every table of the database to a folder of Parquet files.

    Tables with a cycle are partitioned by it; a manifest names each table's
    columns and rows. `fecscreen load DIR` reads such a folder into a new
    database. API tokens are not written.

    \b
    Example:
        fecscreen export --format parquet --out store/
        fecscreen load --db copy.duckdb store/
    """
    from fecscreen.store.parquet import export_store

    summary = export_store(store, out)
    if not quiet:
        click.echo(f"wrote {summary.folder}: {len(summary.tables)} tables, {summary.rows:,} rows")
