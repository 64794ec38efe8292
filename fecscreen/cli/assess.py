"""``fecscreen assess``: assess an allegation described in a matter file."""

from __future__ import annotations

from pathlib import Path

import click

from fecscreen.errors import ConfigError


@click.command("assess")
@click.argument("matter", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md",
              show_default=True, help="Memo format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output.")
@click.option("--draft", type=click.Choice(["complaint", "response"]),
              help="Write a complaint skeleton (11 CFR 111.4) or a respondent's outline "
                   "instead of the memo (Markdown).")
@click.option("--respondent", help="With --draft response: the party id to outline "
                                   "(default: every respondent).")
@click.option("--interactive", "-i", is_flag=True,
              help="Ask for the unknown facts that can still change a conclusion, most "
                   "decisive first, then print the memo.")
@click.option("--save", type=click.Path(dir_okay=False),
              help="With --interactive: write the updated matter file here.")
def assess(matter, fmt, output, draft, respondent, interactive, save):
    """Assess the allegation in MATTER (a YAML or JSON matter file).

    Prints a memo: for each party and provision a conclusion (violation likely,
    no violation, depends on ..., open question) with its reasoning, the
    decisive unknown facts, the nearest precedents, a civil-penalty estimate and
    caveats. Not legal advice.

    \b
    Examples:
        fecscreen assess examples/uk-labour-2024.yaml
        fecscreen assess matter.yaml --format html -o memo.html
        fecscreen assess matter.yaml --draft complaint -o complaint.md
        fecscreen assess matter.yaml --interactive --save matter-updated.yaml
    """
    from fecscreen.assess import assess as run_assess
    from fecscreen.assess import load_matter, render
    from fecscreen.assess.drafts import draft as make_draft
    from fecscreen.assess.interview import SKIP, interview

    if save and not interactive:
        raise ConfigError("--save only works with --interactive", where="--save",
                          hint="add --interactive, or drop --save")
    if draft and fmt != "md":
        raise ConfigError("drafts are written as Markdown", where="--format",
                          hint="drop --format, or use --format md")
    m = load_matter(matter)
    if interactive:
        last = []

        def ask(d, opts, result):
            if last[-1:] != [d.path]:  # not on a repeat after a bad answer
                last.append(d.path)
                click.echo("", err=True)
                click.echo(f"{d.question[:1].upper()}{d.question[1:]}?  [{d.path}]", err=True)
                for o in d.outcomes:
                    click.echo(f"  - {o.sentence}", err=True)
                for word, _, meaning in opts:
                    click.echo(f"    {word}: {meaning}", err=True)
            if opts:
                prompt = "Answer (" + ", ".join(w for w, _, _ in opts) + f", {SKIP})"
            else:
                prompt = f"Answer (a number of US dollars, or {SKIP})"
            return click.prompt(prompt, default=SKIP, show_default=False, err=True)

        m = interview(m, ask, lambda s: click.echo(s, err=True))
        if save:
            path = m.dump(save)
            click.echo(f"Saved the updated matter to {path}", err=True)
    result = run_assess(m)
    text = make_draft(result, draft, respondent=respondent) if draft else render(result, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
