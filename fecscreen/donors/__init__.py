"""Donor resolution: one stable ``donor_id`` per real person across filings and bulk files.

Public entry points::

    from fecscreen.donors import resolve, show, merge, split
    summary = resolve(store)              # fills donor_links (the receipts.donor_id column)
    view = show(store, "D1A2B3C4D5E6F")   # records of one donor and why they were joined
    merge(store, ["D...", "D..."], reason="same person, confirmed by phone", by="analyst")
    split(store, "D...", ["B:4123"], reason="different person (father)", by="analyst")

See docs/donors.md for the method and its measured accuracy.
"""

from __future__ import annotations

from fecscreen.donors.explain import DonorView, merge, show, split
from fecscreen.donors.resolution import ResolveSummary, resolve

__all__ = ["resolve", "ResolveSummary", "show", "merge", "split", "DonorView"]
