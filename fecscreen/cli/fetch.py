"""``fecscreen fetch``: download FEC data files, then load them."""

from __future__ import annotations

import click

from fecscreen.cli.common import is_terminal, quiet_option, with_store


@click.group()
def fetch() -> None:
    """Download FEC data files."""


@fetch.command("bulk")
@click.argument("names", nargs=-1, required=True)
@click.option("--cycle", type=int, required=True, help="Two-year cycle, e.g. 2024.")
@click.option(
    "--dir", "dest_dir", type=click.Path(file_okay=False), default="fec-bulk", show_default=True,
    envvar="FECSCREEN_BULK_DIR", help="Folder for the downloaded zips.",
)
@click.option("--refresh", is_flag=True, help="Download again even if the zip is already there.")
@click.option("--no-load", is_flag=True, help="Only download; do not load into the database.")
@quiet_option
@with_store
def bulk(names, cycle, dest_dir, refresh, no_load, quiet, store) -> None:
    """Download FEC bulk files (indiv, cm, cn, ccl, pas2, oth) and load them.

    Downloads resume where they stopped when run again. The URL is
    $FECSCREEN_BULK_URL (placeholders {year}, {yy}, {name}) or the FEC's own.

    \b
    Example:
        fecscreen fetch bulk --cycle 2024 indiv cm cn
    """
    from fecscreen.bulk import load_bulk
    from fecscreen.bulk.fetch import bulk_url, download_bulk

    show = is_terminal() and not quiet
    for name in names:
        bulk_url(name, cycle)  # fail on a bad name before downloading anything
    for name in names:
        with _bar(show, f"download {name}{cycle % 100:02d}.zip") as tick:
            got = download_bulk(name, cycle, dest_dir, progress=tick, refresh=refresh)
        if not quiet:
            how = "already there" if got.reused else (
                f"resumed at {got.resumed_from:,} bytes" if got.resumed_from else "downloaded")
            click.echo(f"{got.path}: {got.bytes:,} bytes ({how})", err=True)
        if no_load:
            continue
        size = got.path.stat().st_size
        with _bar(show, f"load {name}") as tick:
            summary = load_bulk(store, got.path, cycle=cycle,
                                progress=(lambda b, r: tick(b, size)) if show else None)
        if not quiet:
            click.echo(
                f"{summary.table}: {summary.rows_stored:,} rows stored, "
                f"{summary.rows_issues:,} in load_issues (cycle {summary.cycle}, "
                f"{summary.seconds:.1f} s)",
                err=True,
            )


class _bar:
    """A rich progress bar on a terminal; a no-op otherwise."""

    def __init__(self, show: bool, label: str):
        self.show, self.label = show, label

    def __enter__(self):
        if not self.show:
            return lambda done, total: None
        from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

        self.progress = Progress(
            "[progress.description]{task.description}", BarColumn(), DownloadColumn(),
            TransferSpeedColumn(), TimeRemainingColumn(), transient=True,
        )
        self.progress.start()
        task = self.progress.add_task(self.label, total=None)

        def tick(done: int, total: int | None) -> None:
            self.progress.update(task, completed=done, total=total)

        return tick

    def __exit__(self, *exc):
        if self.show:
            self.progress.stop()
