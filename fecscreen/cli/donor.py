"""``fecscreen resolve`` and ``fecscreen donor show|merge|split``."""

from __future__ import annotations

import json

import click

from fecscreen.cli.common import quiet_option, with_store
from fecscreen.errors import MissingExtraError


def _donors():
    """fecscreen.donors, or a clear error naming the extra to install."""
    try:
        import fecscreen.donors as donors
    except ImportError as exc:
        raise MissingExtraError(exc.name or "splink", None, "donor resolution") from exc
    return donors


@click.command(name="resolve")
@click.option("--retrain", is_flag=True,
              help="Train a new linkage model instead of reusing the stored one.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@quiet_option
@with_store
def resolve_cmd(retrain: bool, as_json: bool, quiet: bool, store) -> None:
    """Give every individual receipt a stable donor id (receipts.donor_id).

    Re-running without new data gives the same ids; new data extends donors
    without renumbering them. Manual merges and splits are re-applied.

    \b
    Examples:
        fecscreen resolve
        fecscreen resolve --retrain --json
    """
    summary = _donors().resolve(store, quiet=quiet, retrain=retrain)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2))
    elif not quiet:
        click.echo(
            f"{summary.receipts:,} receipts -> {summary.profiles:,} profiles -> "
            f"{summary.donors:,} donors ({summary.new_donors:,} new); "
            f"{summary.links:,} links, {summary.refused:,} pairs kept apart by household "
            f"constraints; {summary.seconds:.1f} s"
        )


@click.group(name="donor")
def donor() -> None:
    """Look at one donor, or correct the linkage by hand.

    \b
    Examples:
        fecscreen donor show D3F9A0C1B2E4D
        fecscreen donor merge D3F9A0C1B2E4D D77A1B2C3D4E5 --reason "same person, new address"
        fecscreen donor split D3F9A0C1B2E4D --records B:4123 --reason "the son (JR)"
    """


def _fmt_amount(value) -> str:
    return "" if value is None else f"{float(value):,.2f}"


@donor.command(name="show")
@click.argument("donor_id")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--pairs", "max_pairs", type=int, default=10, show_default=True,
              help="Show at most this many scored pairs (strongest first; 0 = all).")
@with_store
def show_cmd(donor_id: str, as_json: bool, max_pairs: int, store) -> None:
    """Show a donor's records and why they were joined (match weights in bits).

    \b
    Example:
        fecscreen donor show D3F9A0C1B2E4D
    """
    view = _donors().show(store, donor_id)
    if as_json:
        click.echo(json.dumps(view.as_dict(), indent=2, default=str))
        return
    n_profiles = len({r["profile_id"] for r in view.records})
    click.echo(f"Donor {view.donor_id}: {len(view.records)} records, {n_profiles} distinct "
               "cleaned records (profiles)")
    for r in view.records:
        where = ", ".join(x for x in (r["street_1"], r["city"], r["state"], r["zip"]) if x)
        job = " / ".join(x for x in (r["employer"], r["occupation"]) if x)
        click.echo(f"  {r['receipt_key']:<16} {str(r['date'] or ''):<10} "
                   f"{_fmt_amount(r['amount']):>10}  {r['name']} | {where} | {job}  "
                   f"[{(r['profile_id'] or '')[:8]}]")
    pairs = view.pairs if max_pairs <= 0 else view.pairs[:max_pairs]
    if pairs:
        click.echo(f"Why: {len(pairs)} of {len(view.pairs)} scored pairs of its profiles "
                   "(weights in bits: + for one person, - against)")
        for p in pairs:
            state = "joined" if p.linked else f"not joined: {p.reason}"
            known = [w for _c, _label, w in p.parts if w is not None]
            prior = p.match_weight - sum(known)
            parts = ", ".join(f"{c} {label} {w:+.1f}" for c, label, w in p.parts
                              if w is not None)
            click.echo(f"  [{p.profile_l[:8]}] ~ [{p.profile_r[:8]}] {p.match_weight:+.1f} "
                       f"({state})")
            click.echo(f"      {parts}, prior {prior:+.1f}")
    for o in view.overrides:
        click.echo(f"Override {o['override_id']}: {o['action']} by {o['made_by']} at "
                   f"{o['made_at']:%Y-%m-%d %H:%M}: {o['reason']}")


@donor.command(name="merge")
@click.argument("donor_ids", nargs=-1, required=True)
@click.option("--reason", required=True, help="Why these are one person.")
@click.option("--by", default=None, help="Who decided (default: $USER).")
@with_store
def merge_cmd(donor_ids: tuple[str, ...], reason: str, by: str | None, store) -> None:
    """Join two or more donors into one; kept on every later resolve.

    \b
    Example:
        fecscreen donor merge D3F9A0C1B2E4D D77A1B2C3D4E5 --reason "same person, moved"
    """
    new_id = _donors().merge(store, list(donor_ids), reason=reason, by=by)
    click.echo(f"merged {', '.join(donor_ids)} into {new_id}")


@donor.command(name="split")
@click.argument("donor_id")
@click.option("--records", "records", multiple=True, required=True, metavar="RECEIPT_KEY",
              help="A record to move out (repeat for several).")
@click.option("--reason", required=True, help="Why these records are someone else.")
@click.option("--by", default=None, help="Who decided (default: $USER).")
@with_store
def split_cmd(donor_id: str, records: tuple[str, ...], reason: str, by: str | None,
              store) -> None:
    """Move records out of a donor into a donor of their own; kept on every later resolve.

    \b
    Example:
        fecscreen donor split D3F9A0C1B2E4D --records B:4123 --records B:4124 --reason "the son"
    """
    new_id = _donors().split(store, donor_id, list(records), reason=reason, by=by)
    click.echo(f"moved {len(records)} records of {donor_id} to {new_id}")


__all__ = ["resolve_cmd", "donor"]
