"""``fecscreen load SOURCE...``: load .fec filings (and FEC bulk files) into the database."""

from __future__ import annotations

from contextlib import nullcontext

import click

from fecscreen.cli.common import is_terminal, quiet_option, with_store


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


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--cycle", type=int, default=None,
              help="Two-year period of bulk files (e.g. 2024). Default: from the FEC file name "
                   "(indiv24.zip) or the dates in the file (see docs/bulk.md).")
@quiet_option
@with_store
def load(sources: tuple[str, ...], cycle: int | None, quiet: bool, store) -> None:
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
    """
    from fecscreen.ingest import load_paths

    def report(result) -> None:
        if result.status == "failed":
            click.echo(f"Error: {result.error.render()}", err=True)
        elif not quiet:
            click.echo(result.line())

    with _Bar() if is_terminal() and not quiet else nullcontext() as bar:
        summary = load_paths(store, list(sources), cycle=cycle, progress=bar, on_result=report)
    if not quiet and len(summary.files) > 1:
        click.echo(summary.line())
    if not summary.ok:
        raise SystemExit(2)
