"""``fecscreen evaluate``: the rules' precision and recall on a generated, labelled sample."""

from __future__ import annotations

import tempfile

import click


@click.command()
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the sample generator.")
@click.option("--scale", type=float, default=1.0, show_default=True,
              help="Size of the sample relative to the default.")
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the sample and its database (eval.duckdb). Default: a new temporary folder.")
@click.option("--no-resolve", is_flag=True, help="Skip donor resolution (rules use the name + ZIP5 key).")
@click.option("--all-severities", is_flag=True, help="Also score info findings (problems already handled).")
@click.option("--rule", "rules", multiple=True, metavar="CODE",
              help="Also score one rule against the cases planted for it (repeatable).")
@click.option("--details", is_flag=True, help="List every missed label and every unlabelled finding.")
def evaluate(seed, scale, out_dir, no_resolve, all_severities, rules, details):
    """Measure the rules' precision and recall on a generated, labelled sample.

    Generates the sample, loads it into a fresh database, resolves donors
    (unless --no-resolve), runs every rule and prints the per-group scores.
    --rule CODE adds a line per rule scored against the cases planted for it
    (labels whose note ends with [CODE]). --details also lists every missed
    label and every finding that names no labelled receipt, so each mismatch
    can be traced to the generator or to a rule.

    \b
    Examples:
        fecscreen evaluate --seed 7 --scale 1 --details
        fecscreen evaluate --rule EX003 --rule RP002 --out out/eval
    """
    from fecscreen.load_to_report import score_sample
    from fecscreen.rules import get_rule
    from fecscreen.store import open_store
    from fecscreen.synth import evaluate as score
    from fecscreen.synth import format_scores
    from fecscreen.synth.evaluate import donor_accuracy

    out = out_dir or tempfile.mkdtemp(prefix="fecscreen-synth-")
    result = score_sample(out, seed=seed, scale=scale, resolve=not no_resolve,
                          all_severities=all_severities)
    if result.resolve_note and not no_resolve:
        click.echo(result.resolve_note, err=True)
    gen, run_id = result.generated, result.check.run_id
    click.echo(f"seed {seed}, scale {scale}: {gen.n_receipts:,} receipts, {gen.n_labels} labels, "
               f"{result.n_findings:,} findings")
    click.echo(format_scores(result.scores))
    with open_store(result.db_path) as store:
        if rules:
            per_rule = {code: score(store, gen.labels, run_id=run_id, rule=get_rule(code).code)[
                get_rule(code).group] for code in rules}
            click.echo(format_scores(per_rule).replace("group ", "rule  ", 1))
        timings = {k: v for k, v in result.timings.items() if k in ("generate", "load", "resolve", "check")}
        click.echo("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()))
        for name, acc in donor_accuracy(store, gen.truth).items():
            click.echo(f"donor keys, {name}: pairwise precision {acc.precision:.3f} recall "
                       f"{acc.recall:.3f}; B-cubed precision {acc.bcubed_precision:.3f} recall "
                       f"{acc.bcubed_recall:.3f}")
        if details:
            for group, s in result.scores.items():
                for label in s.missed:
                    click.echo(f"MISSED  {group:<18} {label['source']} {label['filing_id']} "
                               f"{label['transaction_id']} {label['sub_id']}  {label['note']}")
                for f in s.false_findings:
                    click.echo(f"FALSE   {group:<18} {f['rule']} {f['evidence']}  {f['message']}")
