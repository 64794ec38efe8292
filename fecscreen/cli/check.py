"""``fecscreen check``, ``fecscreen rules`` and ``fecscreen explain``."""

from __future__ import annotations

import sys

import click

from fecscreen.cli.common import with_store


@click.command()
@click.option("--select", "select", multiple=True, metavar="CODE|NAME|GROUP",
              help="Run only these rules (repeat or comma-separate). Default: all.")
@click.option("--ignore", "ignore", multiple=True, metavar="CODE|NAME|GROUP",
              help="Skip these rules (repeat or comma-separate).")
@click.option("--committee", default=None, metavar="ID", help="Screen one recipient committee.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the findings to FILE instead of standard output.")
@with_store
def check(select, ignore, committee, fmt, output, store) -> None:
    """Screen the loaded receipts with the rules; store and print the findings.

    Exit status: 0 no findings, 1 findings, 2 error. Findings are stored in the
    database with the run id, rule code and rule version.

    \b
    Examples:
        fecscreen check
        fecscreen check --select foreign-national --committee C00401224
        fecscreen check --ignore reporting --format json -o findings.json
    """
    from fecscreen.findings import export, render
    from fecscreen.rules import run_check

    result = run_check(store, select=list(select), ignore=list(ignore), committee=committee)
    if output:
        export(result.findings, output, fmt)
        click.echo(f"{len(result.findings)} findings written to {output} (run {result.run_id})",
                   err=True)
    else:
        click.echo(render(result.findings, fmt), nl=False)
    sys.exit(1 if result.findings else 0)


@click.command(name="rules")
@click.option("--markdown", is_flag=True, help="Print the full rule reference (docs/rules.md).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules_cmd(markdown: bool, fmt: str) -> None:
    """List the screening rules: code, name, severity and summary.

    \b
    Examples:
        fecscreen rules
        fecscreen rules --markdown > docs/rules.md
    """
    import json

    from fecscreen.rules import registry, render_rules_md

    if markdown:
        click.echo(render_rules_md(), nl=False)
        return
    rules = registry()
    if fmt == "json":
        click.echo(json.dumps([
            {"rule": r.code, "name": r.name, "group": r.group, "severity": r.severity,
             "version": r.version, "summary": r.summary, "citations": r.citation_texts}
            for r in rules], indent=2))
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity:<6}  {r.summary}")


@click.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print one rule's documentation: what it flags, why, citations, limits.

    \b
    Example:
        fecscreen explain FN001
    """
    from fecscreen.rules import explain_rule, get_rule

    click.echo(explain_rule(get_rule(code)), nl=False)
