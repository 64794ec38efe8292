"""Time `assess` on matters of N volunteers whose travel payer is unknown.

Each matter: one foreign party, one committee, N volunteers, each with one
travel activity whose payer, amount and citizenship are unknown. The peer,
measured in the same run, is the same matter with those given (the committee's
knowledge and permanent residence stay unknown in both). Prints seconds and the
ratio unknown/known for each N, then whether the size limit refuses the
1,000-activity matter.

    python bench/bench_assess.py [N ...]    (default: 4 8 12 16)
"""

from __future__ import annotations

import sys
import time

from fecscreen.assess import assess, parse_matter
from fecscreen.assess.engine import MAX_WORK, work
from fecscreen.errors import ConfigError


def matter(n: int, known: bool):
    parties = [{"id": "fp", "name": "Party abroad", "kind": "foreign-party"},
               {"id": "c", "name": "Committee", "kind": "committee", "roles": ["respondent"]}]
    acts = []
    for i in range(n):
        parties.append({"id": f"v{i}", "name": f"Volunteer {i}", "kind": "individual"})
        act = {"id": f"t{i}", "kind": "travel", "by": f"v{i}", "for": "c"}
        if known:
            act.update(paid_by="fp", amount=500)
        acts.append(act)
    for p in parties[2:]:
        if known:
            p["citizenship"] = ["GB"]
    return parse_matter({"version": 1, "title": f"{n} volunteers", "parties": parties,
                         "activities": acts}, source=f"<bench {n}>")


def seconds(m) -> float:
    t = time.perf_counter()
    assess(m)
    return time.perf_counter() - t


def main(sizes: list[int]) -> None:
    print(f"{'N':>5} {'unknown s':>10} {'known s':>9} {'ratio':>7} {'size':>8}")
    for n in sizes:
        u, k = matter(n, False), matter(n, True)
        su, sk = seconds(u), seconds(k)
        print(f"{n:>5} {su:>10.3f} {sk:>9.3f} {su / sk:>7.0f} {work(u):>8,}")
    big = matter(1000, False)
    t = time.perf_counter()
    try:
        assess(big)
        print("1000: assessed")
    except ConfigError as exc:
        print(f"1000: refused in {time.perf_counter() - t:.3f} s (size {work(big):,} > "
              f"{MAX_WORK:,}): {exc.message}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [4, 8, 12, 16])
