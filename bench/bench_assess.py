"""Time `assess` on matters whose payers are unknown, against the same matters with
the payers given, measured in the same run.

Two shapes:

- *volunteers*: one foreign party, one committee, N volunteers, each with one
  travel activity whose payer, amount and citizenship are unknown. A payer can be
  any party, so every volunteer may have paid for every other's travel: the
  decisive unknowns the memo lists grow with N squared.
- *groups*: one foreign party, one committee and G groups of volunteers who do A
  activities in all (travel, lodging and meals in turn), every payer, amount and
  citizenship unknown.

The peer of each is the same matter with payer, amount and citizenship given
(the committee's knowledge and permanent residence stay unknown in both). Prints
wall-clock seconds (and CPU seconds) with payers unknown, seconds with payers
known, the ratio unknown/known and the size in evaluations; then whether the
size limit refuses 1,000 volunteers.

    python bench/bench_assess.py [--activities 1000] [--groups 3] [N ...]
    (default N: 4 8 16 32 64)
"""

from __future__ import annotations

import argparse
import time

from fecscreen.assess import assess, parse_matter
from fecscreen.assess.worlds import MAX_WORK, Worlds, planned_shares
from fecscreen.errors import ConfigError

KINDS = ("travel", "lodging", "per-diem")


def _matter(n_parties: int, n_acts: int, party_kind: str, known: bool):
    parties = [{"id": "fp", "name": "Party abroad", "kind": "foreign-party"},
               {"id": "c", "name": "Committee", "kind": "committee", "roles": ["respondent"]}]
    for i in range(n_parties):
        p = {"id": f"v{i}", "name": f"Volunteers {i}", "kind": party_kind}
        if known:
            p["citizenship"] = ["GB"]
        parties.append(p)
    acts = []
    for j in range(n_acts):
        kind = "travel" if party_kind == "individual" else KINDS[j % len(KINDS)]
        act = {"id": f"a{j}", "kind": kind, "by": f"v{j % n_parties}", "for": "c"}
        if known:
            act.update(paid_by="fp", amount=500)
        acts.append(act)
    return parse_matter({"version": 1, "title": f"{n_acts} activities", "parties": parties,
                         "activities": acts}, source=f"<bench {n_acts}>")


def volunteers(n: int, known: bool):
    return _matter(n, n, "individual", known)


def groups(n_acts: int, n_groups: int, known: bool):
    return _matter(n_groups, n_acts, "group", known)


def seconds(m) -> tuple[float, float]:
    """Wall-clock and CPU seconds to assess ``m``."""
    t, c = time.perf_counter(), time.process_time()
    assess(m)
    return time.perf_counter() - t, time.process_time() - c


def row(label: str, u, k) -> None:
    (su, cu), (sk, _) = seconds(u), seconds(k)
    print(f"{label:>22} {su:>10.3f} {cu:>8.3f} {sk:>9.3f} {su / sk:>7.1f} "
          f"{Worlds(u).work():>12,}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[4, 8, 16, 32, 64])
    ap.add_argument("--activities", type=int, default=1000)
    ap.add_argument("--groups", type=int, default=3)
    args = ap.parse_args()
    print(f"{'matter':>22} {'unknown s':>10} {'cpu s':>8} {'known s':>9} {'ratio':>7} "
          f"{'evaluations':>12}")
    for n in args.sizes:
        row(f"{n} volunteers", volunteers(n, False), volunteers(n, True))
    row(f"{args.activities} acts, {args.groups} groups",
        groups(args.activities, args.groups, False), groups(args.activities, args.groups, True))
    big = volunteers(1000, False)
    t = time.perf_counter()
    try:
        assess(big)
        print("1000 volunteers: assessed")
    except ConfigError as exc:
        print(f"1000 volunteers: refused in {time.perf_counter() - t:.3f} s "
              f"({planned_shares(big):,} shares > {MAX_WORK:,}): {exc.message}")


if __name__ == "__main__":
    main()
