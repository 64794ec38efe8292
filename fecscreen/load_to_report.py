"""From sources to a report in one call: load → resolve donors → screen → report.

:func:`load_to_report` does it for the user's own data; :func:`demo` first
generates a labelled sample and, at the end, scores the findings against the
labels; :func:`score_sample` generates, loads and screens a sample and scores it,
without a report. The CLI commands ``fecscreen load-to-report``, ``fecscreen demo``
and ``fecscreen evaluate`` are thin layers over these.

Each step reports what it did through ``echo`` (a function taking one line of
text); pass ``echo=None`` for silence.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fecscreen.errors import FecscreenError, InputError, MissingExtraError
from fecscreen.store import Store, open_store

Echo = Callable[[str], None] | None


@dataclass
class Outcome:
    """What a load-to-report, demo or sample score did, step by step."""

    db_path: str
    report_path: Path | None = None
    load: Any = None
    resolve: Any = None
    resolve_note: str | None = None
    check: Any = None
    scores: dict[str, Any] | None = None
    generated: Any = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def n_findings(self) -> int:
        return len(getattr(self.check, "findings", []) or [])


class _Steps:
    def __init__(self, echo: Echo, timings: dict[str, float]):
        self.echo = echo
        self.timings = timings

    def say(self, text: str) -> None:
        if self.echo is not None:
            self.echo(text)

    def timed(self, name: str, func, *args, **kwargs):
        start = time.perf_counter()
        value = func(*args, **kwargs)
        self.timings[name] = time.perf_counter() - start
        return value


def resolve_donors(store: Store, steps: _Steps) -> tuple[Any, str | None]:
    """Run donor resolution when it is installed; otherwise say why it was skipped."""
    if not store.scalar("SELECT count(*) FROM receipts WHERE entity_type = 'IND'"):
        note = "donor resolution skipped: no receipts from individuals are loaded"
        steps.say(note)
        return None, note
    try:
        from fecscreen.donors import resolve
    except ImportError as exc:
        note = (f"donor resolution skipped: the donors package could not be imported ({exc}); "
                "per-donor totals use the name + ZIP5 key")
        steps.say(note)
        return None, note
    try:
        summary = steps.timed("resolve", resolve, store, quiet=True)
    except MissingExtraError as exc:
        note = f"donor resolution skipped: {exc.message}; per-donor totals use the name + ZIP5 key"
        steps.say(note)
        return None, note
    except FecscreenError:
        raise
    except Exception as exc:  # a fault inside resolution: say so, screen without it
        note = (f"donor resolution failed ({type(exc).__name__}: {exc}); screening goes on with "
                "the name + ZIP5 key; please report this")
        steps.say(note)
        return None, note
    steps.say(f"resolved donors in {steps.timings['resolve']:.1f} s: {_describe(summary)}")
    return summary, None


def _describe(summary: Any) -> str:
    """A one-line account of a summary object (a dataclass or anything with __str__)."""
    if summary is None:
        return "done"
    fields = getattr(summary, "__dataclass_fields__", None)
    if fields:
        parts = []
        for name in fields:
            if "second" in name:  # the step's own timing is printed already
                continue
            value = getattr(summary, name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                parts.append(f"{name.replace('_', ' ')} {value:,}" if isinstance(value, int)
                             else f"{name.replace('_', ' ')} {value:,.2f}")
        if parts:
            return ", ".join(parts)
    return str(summary)


def load(store: Store, steps: _Steps, sources: list[str], cycle: int | None) -> Any:
    """Load every source; stop before screening when any of them failed."""
    from fecscreen.ingest import load_paths

    summary = steps.timed("load", load_paths, store, sources, cycle=cycle, quiet=True)
    failed = list(getattr(summary, "errors", []) or [])
    if failed:
        for f in failed:
            steps.say(f.line() if hasattr(f, "line") else str(f))
        first = failed[0].error
        raise InputError(
            f"{len(failed)} of {len(summary.files)} sources could not be loaded, so nothing was "
            f"screened; the first: {first.message if first else 'unknown error'}",
            where=failed[0].source,
            hint=(first.hint if first and first.hint else None)
            or "fix or leave out the sources named above and run again; loaded files are kept",
        )
    steps.say(f"loaded in {steps.timings['load']:.1f} s: {_describe(summary)}")
    return summary


def screen(store: Store, steps: _Steps, result: Outcome, *, committee: str | None,
           resolve: bool) -> None:
    """The steps after loading: resolve, check."""
    if resolve:
        result.resolve, result.resolve_note = resolve_donors(store, steps)
    else:
        result.resolve_note = "donor resolution not requested (--no-resolve)"
        steps.say(result.resolve_note)

    from fecscreen.rules import run_check

    result.check = steps.timed("check", run_check, store, committee=committee)
    by_group: dict[str, int] = {}
    for f in result.check.findings:
        by_group[f.group] = by_group.get(f.group, 0) + 1
    groups = ", ".join(f"{g} {n:,}" for g, n in sorted(by_group.items())) or "none"
    steps.say(f"screened in {steps.timings['check']:.1f} s: {result.n_findings:,} findings "
              f"(run {result.check.run_id}; {groups})")


def screen_and_report(store: Store, steps: _Steps, result: Outcome, *,
                      report_path: str | os.PathLike, committee: str | None, fmt: str,
                      resolve: bool) -> None:
    """The steps after loading: resolve, check, report."""
    screen(store, steps, result, committee=committee, resolve=resolve)
    from fecscreen.report import write_report

    result.report_path = steps.timed(
        "report", write_report, store, report_path, committee=committee, fmt=fmt,
        run_id=result.check.run_id,
    )
    steps.say(f"wrote the report in {steps.timings['report']:.1f} s")


def load_to_report(sources: Sequence[str], *, db_path: str | os.PathLike,
                   report_path: str | os.PathLike, cycle: int | None = None,
                   committee: str | None = None, fmt: str = "html", resolve: bool = True,
                   echo: Echo = print) -> Outcome:
    """Load ``sources`` into the database, resolve donors, screen them and write the report."""
    if not sources:
        raise InputError("nothing to load", where="SOURCE",
                         hint="name .fec files, folders, zips, filing ids or bulk files")
    result = Outcome(db_path=str(db_path))
    steps = _Steps(echo, result.timings)
    with open_store(db_path) as store:
        result.load = load(store, steps, [str(s) for s in sources], cycle)
        screen_and_report(store, steps, result, report_path=report_path, committee=committee,
                          fmt=fmt, resolve=resolve)
    return result


def demo(out_dir: str | os.PathLike = "out/demo", *, seed: int = 7, scale: float = 1.0,
         fmt: str = "html", echo: Echo = print) -> Outcome:
    """Generate a labelled sample, run the whole pipeline on it, and score the findings."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "fecscreen.duckdb"
    for stale in (db, Path(f"{db}.wal")):  # the demo always starts from an empty database
        if stale.exists():
            stale.unlink()
    result = Outcome(db_path=str(db))
    steps = _Steps(echo, result.timings)
    with _load_sample(out, db, steps, result, seed=seed, scale=scale) as store:
        suffix = "pdf" if fmt == "pdf" else "html"
        screen_and_report(store, steps, result, report_path=out / f"report.{suffix}",
                          committee=None, fmt=fmt, resolve=True)
        _score(store, steps, result)
    return result


def score_sample(out_dir: str | os.PathLike, *, seed: int = 7, scale: float = 1.0,
                 resolve: bool = True, all_severities: bool = False, echo: Echo = None) -> Outcome:
    """Generate a labelled sample into a fresh ``out_dir/eval.duckdb``, screen it, score it.

    No report is written. Info findings (problems already handled) are scored only
    with ``all_severities``.
    """
    out = Path(out_dir)
    shutil.rmtree(out / "data", ignore_errors=True)
    db = out / "eval.duckdb"
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    result = Outcome(db_path=str(db))
    steps = _Steps(echo, result.timings)
    with _load_sample(out, db, steps, result, seed=seed, scale=scale) as store:
        screen(store, steps, result, committee=None, resolve=resolve)
        _score(store, steps, result, **({"skip_severities": ()} if all_severities else {}))
    return result


@contextlib.contextmanager
def _load_sample(out: Path, db: Path, steps: _Steps, result: Outcome, *, seed: int, scale: float):
    """Generate the sample into ``out/data`` and load it; yield the open store."""
    from fecscreen.synth import generate

    gen = steps.timed("generate", generate, out / "data", seed=seed, scale=scale)
    result.generated = gen
    steps.say(f"generated a sample in {result.timings['generate']:.1f} s: "
              f"{len(gen.filings):,} filings and {len(gen.bulk):,} bulk files for cycle {gen.cycle} "
              f"(seed {seed}) in {out / 'data'}")
    with open_store(db) as store:
        sources = [str(p) for p in [*gen.filings, *gen.bulk]]
        result.load = load(store, steps, sources, gen.cycle)
        yield store


def _score(store: Store, steps: _Steps, result: Outcome, **options) -> None:
    from fecscreen.synth import evaluate

    result.scores = steps.timed("evaluate", evaluate, store, result.generated.labels,
                                run_id=result.check.run_id, **options)


def score_table(scores: dict[str, Any]) -> list[str]:
    """Per-group precision and recall as aligned text lines ("-" where undefined)."""
    lines = [f"{'group':<20} {'tp':>5} {'fp':>5} {'fn':>5} {'precision':>9} {'recall':>7}"]
    for group in sorted(scores):
        s = scores[group]
        precision = f"{s.precision:.3f}" if s.tp + s.fp else "-"
        recall = f"{s.recall:.3f}" if s.tp + s.fn else "-"
        lines.append(f"{group:<20} {s.tp:>5} {s.fp:>5} {s.fn:>5} {precision:>9} {recall:>7}")
    return lines


__all__ = ["load_to_report", "demo", "score_sample", "Outcome", "score_table", "resolve_donors"]
