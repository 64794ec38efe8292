"""Measure the rules' precision and recall on a generated, labelled sample.

    python -m fecscreen.synth.evaluate_cli [--seed 7] [--scale 1.0] [--out DIR]
                                           [--no-resolve] [--details] [--rule CODE ...]

Generates the sample, loads it into a fresh database, resolves donors (unless
``--no-resolve``), runs every rule, and prints the per-group
scores. ``--rule CODE`` adds a line per rule scored against the cases planted
for it (labels whose note ends with ``[CODE]``). ``--details`` also lists every missed label and every finding that
names no labelled receipt, so each mismatch can be traced to the generator or
to a rule.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from fecscreen.errors import FecscreenError


def _run(args: argparse.Namespace) -> int:
    from fecscreen.donors import resolve
    from fecscreen.ingest import load_paths
    from fecscreen.rules import run_check
    from fecscreen.store import open_store
    from fecscreen.synth import evaluate, format_scores, generate
    from fecscreen.synth.evaluate import donor_accuracy

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="fecscreen-synth-"))
    if out.exists() and args.out:
        shutil.rmtree(out / "data", ignore_errors=True)
        for stale in (out / "eval.duckdb", out / "eval.duckdb.wal"):
            stale.unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}

    t = time.perf_counter()
    gen = generate(out / "data", seed=args.seed, scale=args.scale)
    timings["generate"] = time.perf_counter() - t
    with open_store(out / "eval.duckdb") as store:
        t = time.perf_counter()
        summary = load_paths(store, [str(p) for p in [*gen.filings, *gen.bulk]], cycle=gen.cycle)
        timings["load"] = time.perf_counter() - t
        for f in summary.errors:
            print(f"not loaded: {f.line()}", file=sys.stderr)
        if not args.no_resolve:
            t = time.perf_counter()
            resolve(store, quiet=True)
            timings["resolve"] = time.perf_counter() - t
        t = time.perf_counter()
        result = run_check(store)
        timings["check"] = time.perf_counter() - t
        scores = evaluate(store, gen.labels, run_id=result.run_id,
                          **({"skip_severities": ()} if args.all_severities else {}))
        print(f"seed {args.seed}, scale {args.scale}: {gen.n_receipts:,} receipts, "
              f"{gen.n_labels} labels, {len(result.findings):,} findings")
        print(format_scores(scores))
        if args.rule:
            from fecscreen.rules import get_rule

            per_rule = {}
            for code in args.rule:
                group = get_rule(code).group
                per_rule[code] = evaluate(store, gen.labels, run_id=result.run_id,
                                          rule=get_rule(code).code)[group]
            print(format_scores(per_rule).replace("group ", "rule  ", 1))
        print("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()))
        for name, acc in donor_accuracy(store, gen.truth).items():
            print(f"donor keys, {name}: pairwise precision {acc.precision:.3f} recall "
                  f"{acc.recall:.3f}; B-cubed precision {acc.bcubed_precision:.3f} recall "
                  f"{acc.bcubed_recall:.3f}")
        if args.details:
            for group, s in scores.items():
                for label in s.missed:
                    print(f"MISSED  {group:<18} {label['source']} {label['filing_id']} "
                          f"{label['transaction_id']} {label['sub_id']}  {label['note']}")
                for f in s.false_findings:
                    print(f"FALSE   {group:<18} {f['rule']} {f['evidence']}  {f['message']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fecscreen.synth.evaluate_cli",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", help="folder for the sample and database (default: a temp dir)")
    parser.add_argument("--no-resolve", action="store_true",
                        help="skip donor resolution (rules use the name + ZIP5 key)")
    parser.add_argument("--all-severities", action="store_true",
                        help="also score info findings (problems already handled)")
    parser.add_argument("--rule", action="append", metavar="CODE",
                        help="also score one rule against the cases planted for it (repeatable)")
    parser.add_argument("--details", action="store_true",
                        help="list every missed label and every unlabelled finding")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except FecscreenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
