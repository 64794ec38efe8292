"""``resolve``: give every individual receipt a stable ``donor_id``.

Linkage (:mod:`fecscreen.donors.linking`: profiles, scored pairs, constrained
clusters), then overrides and stable ids (:mod:`fecscreen.donors.stable_ids`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from fecscreen.donors import linking
from fecscreen.donors.scoring import LinkageEngine
from fecscreen.donors.stable_ids import assign_ids
from fecscreen.store import Store


@dataclass
class ResolveSummary:
    receipts: int          # individual receipts given a donor_id
    profiles: int          # distinct cleaned records compared
    pairs_scored: int      # pairs kept in donor_edges (joining, refused or vetoed)
    links: int             # pairs that joined two groups of profiles
    refused: int           # pairs above the threshold kept apart by a household constraint
    donors: int
    new_donors: int        # donor ids that did not exist before this run
    trained: bool          # a new model was trained in this run
    seconds: float

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def resolve(store: Store, *, quiet: bool = True, retrain: bool = False,
            engine: LinkageEngine | None = None) -> ResolveSummary:
    """Fill ``donor_links``: a stable donor_id for every individual receipt."""
    t0 = linking.CLOCK[0] = time.perf_counter()
    info = linking.link(store, engine=engine, retrain=retrain, quiet=quiet)
    donors, new = assign_ids(store, "donor_rmap")
    store.con.execute("DROP TABLE IF EXISTS donor_rmap")
    linking.log_step(quiet, f"{donors:,} donors ({new:,} new)")
    receipts = store.scalar("SELECT count(*) FROM donor_links")
    secs = round(time.perf_counter() - t0, 3)
    store.con.execute(
        "INSERT INTO donor_runs (n_receipts, n_profiles, n_donors, n_new_donors, seconds) "
        "VALUES (?, ?, ?, ?, ?)", [receipts, info["profiles"], donors, new, secs]
    )
    return ResolveSummary(receipts=receipts, profiles=info["profiles"],
                          pairs_scored=info["pairs_scored"], links=info["links"],
                          refused=info["refused"], donors=donors, new_donors=new,
                          trained=info["trained"], seconds=secs)


__all__ = ["resolve", "ResolveSummary"]
