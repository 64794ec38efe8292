"""``fecscreen report``, ``fecscreen demo`` and ``fecscreen load-to-report``."""

from __future__ import annotations

import time

import click

from fecscreen.cli.common import db_option, quiet_option, with_store
from fecscreen.report import DEFAULT_NAMES, FORMATS
from fecscreen.store import default_path


def _echo(quiet: bool):
    return None if quiet else (lambda line: click.echo(line, err=True))


@click.command()
@click.option("--committee", metavar="ID", help="Only this recipient committee (e.g. C00123456).")
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False), default=None,
              help="Output file. Default: fecscreen-report.html (.pdf), fecscreen-findings.csv (.parquet).")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="html (default), pdf (needs Chromium), or a findings export: csv, parquet. "
              "Default: from the --out file's extension, else html.")
@click.option("--run", "run_id", metavar="RUN_ID", help="Screening run to report. Default: the latest.")
@quiet_option
@with_store
def report(store, committee, out, fmt, run_id, quiet):
    """Write the screening report, or export the findings.

    The HTML report is one self-contained file: summary figures, charts,
    findings with their evidence rows and linked citations, and methods.

    \b
    Examples:
        fecscreen report --out report.html
        fecscreen report --committee C00123456 --format pdf
        fecscreen report --format parquet --out findings.parquet
    """
    if fmt is None:
        suffix = out.rsplit(".", 1)[-1].lower() if out and "." in out else "html"
        fmt = suffix if suffix in FORMATS else "html"
    from fecscreen.report import write_report

    path = write_report(store, out or DEFAULT_NAMES[fmt], committee=committee, fmt=fmt, run_id=run_id)
    if not quiet:
        click.echo(f"wrote {path}")


@click.command()
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False), default="out/demo",
              show_default=True, help="Folder for the sample data, the database and the report.")
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the sample generator.")
@click.option("--scale", type=float, default=1.0, show_default=True,
              help="Size of the sample relative to the default.")
@click.option("--format", "-f", "fmt", type=click.Choice(["html", "pdf"]), default="html",
              show_default=True, help="Report format (pdf needs Chromium).")
@quiet_option
def demo(out_dir, seed, scale, fmt, quiet):
    """Generate a labelled sample, screen it, and write the report.

    Generates filings and bulk files for several committees with labelled
    violations of every rule group, loads them, resolves donors, runs every
    rule, writes the report and prints the findings' precision and recall
    against the labels.

    \b
    Example:
        fecscreen demo --seed 7 --out out/demo   # then open out/demo/report.html
    """
    from fecscreen.load_to_report import demo as run_demo
    from fecscreen.load_to_report import score_table

    start = time.perf_counter()
    result = run_demo(out_dir, seed=seed, scale=scale, fmt=fmt, echo=_echo(quiet))
    if quiet:
        return
    click.echo("")
    click.echo("Findings against the generator's labels:")
    for line in score_table(result.scores or {}):
        click.echo("  " + line)
    click.echo("")
    click.echo(f"Database: {result.db_path}")
    click.echo(f"Report:   {result.report_path}")
    click.echo(f"Done in {time.perf_counter() - start:.1f} s.")


@click.command(name="load-to-report")
@click.argument("sources", nargs=-1, required=True)
@click.option("--cycle", type=int, default=None, help="Two-year cycle of bulk files whose name does not say it.")
@click.option("--committee", metavar="ID", help="Screen and report only this recipient committee.")
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False), default=None,
              help="Report file. Default: fecscreen-report.html (or .pdf).")
@click.option("--format", "-f", "fmt", type=click.Choice(["html", "pdf"]), default="html",
              show_default=True, help="Report format (pdf needs Chromium).")
@click.option("--no-resolve", is_flag=True, help="Skip donor resolution (per-donor totals use name + ZIP5).")
@db_option
@quiet_option
def load_to_report(sources, cycle, committee, out, fmt, no_resolve, db_path, quiet):
    """Load SOURCE..., resolve donors, screen, and write the report.

    SOURCE is anything `fecscreen load` takes: .fec files, folders, zips,
    filing ids or URLs, and FEC bulk files.

    \b
    Example:
        fecscreen load-to-report 1550126 indiv24.zip cm24.zip --out report.html
    """
    from fecscreen.load_to_report import load_to_report as run_all

    result = run_all(
        list(sources), db_path=db_path or default_path(), report_path=out or DEFAULT_NAMES[fmt], cycle=cycle,
        committee=committee, fmt=fmt, resolve=not no_resolve, echo=_echo(quiet),
    )
    if not quiet:
        click.echo(f"{result.n_findings:,} findings; report: {result.report_path}")
