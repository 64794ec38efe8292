"""Write a realistic, labelled FEC sample: bulk files, .fec filings and a labels CSV.

The sample's parts: its cast and records (:mod:`~fecscreen.synth.sample`), the
builder (:mod:`~fecscreen.synth.builder`) with the planted cases of each rule group
(:mod:`~fecscreen.synth.donor_cases`, :mod:`~fecscreen.synth.committee_cases`), and
the writers of the files (:mod:`~fecscreen.synth.writers`).

Everything is invented and deterministic: the same ``seed`` and ``scale`` give the
same bytes. The sample covers one two-year cycle (2023-24) and six committees:

============  =========================  ============================================
committee     kind                       where its receipts appear
============  =========================  ============================================
C99000011     House candidate (TX-07)    ``.fec`` filings, form F3, quarterly
C99000022     Senate candidate (OH)      bulk ``itcont.txt``
C99000033     presidential candidate     ``.fec`` filings, form F3P, quarterly
C99000044     national party             bulk ``itcont.txt``
C99000055     PAC (multicandidate)       ``.fec`` filings, form F3X, with an amendment
C99000066     conduit                    bulk ``itcont.txt`` (24T rows)
============  =========================  ============================================

On top of a background of ordinary donors (name, ZIP and employer variation,
households, movers, earmarked gifts) the generator injects the cases listed in
``docs/accuracy.md``: for every rule group, violations a correct screen must flag
(one labels row per evidence receipt and group) and look-alikes it must not flag.

How some facts are shown, where the FEC formats have no field for them:

* cash: the contribution's purpose is ``CASH`` (``contribution_purpose_descrip``
  in a filing); the memo text says ``CASH CONTRIBUTION``;
* anonymous: an individual (``IND``) whose last name is ``ANONYMOUS`` and whose
  address is blank;
* best efforts: employer and occupation read ``INFORMATION REQUESTED PER BEST
  EFFORTS``;
* refunds: Schedule B line ``SB20A`` (F3) or ``SB28A`` (F3P, F3X) naming the donor, with
  ``back_reference_tran_id_number`` pointing at the refunded receipt.
"""

from __future__ import annotations

import csv
from pathlib import Path

from fecscreen.errors import InputError
from fecscreen.law.vocabulary import GROUPS
from fecscreen.synth.builder import Builder
from fecscreen.synth.committee_cases import CommitteeCases
from fecscreen.synth.donor_cases import DonorCases
from fecscreen.synth.sample import (
    CCL_COLUMNS,
    CM_COLUMNS,
    CN_COLUMNS,
    COMMITTEES,
    CYCLE,
    FS,
    ITCONT_COLUMNS,
    LABEL_COLUMNS,
    Generated,
)
from fecscreen.synth.writers import (
    aggregates,
    assign_transaction_ids,
    deadline_labels,
    write_bulk,
    write_filings,
    write_notices,
)

__all__ = ["Generated", "generate", "CYCLE", "COMMITTEES", "LABEL_COLUMNS", "GROUPS", "FS",
           "ITCONT_COLUMNS", "CM_COLUMNS", "CN_COLUMNS", "CCL_COLUMNS"]


class _Sample(DonorCases, CommitteeCases, Builder):
    """The builder with every rule group's planted cases."""


def generate(out_dir: str | Path, *, seed: int = 7, scale: float = 1.0) -> Generated:
    """Write a labelled sample into ``out_dir`` (created if missing) and describe it.

    ``scale`` multiplies the background population (1.0 = about 500 donors and
    1,300 receipts) and the number of repeated injected cases; the same ``seed``
    and ``scale`` always give the same bytes. Writing again into the same folder
    replaces the sample: ``.fec`` files left in ``filings/`` by an earlier run are
    removed.
    """
    if not scale or scale <= 0:
        raise InputError(f"scale must be a positive number, got {scale!r}",
                         where="generate(scale=...)", hint="use e.g. scale=1.0")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("output path exists and is not a folder", where=str(out),
                         hint="give a folder path (it is created if missing)")
    b = _Sample(seed, scale)
    b.background()
    b.foreign_national()
    b.excessive()
    b.prohibited_source()
    b.straw_donor()
    b.cash_anonymous()
    b.earmark_cases()
    b.reporting()
    b.committee_limits()
    b.notices()
    b.party_limits()

    deadline_labels(b.receipts)
    aggregates(b.receipts)
    assign_transaction_ids(b.receipts, b.refunds)
    page_labels: list[tuple[str, str, str]] = []
    filings = write_filings(out / "filings", b.receipts, b.refunds, page_labels)
    bulk = write_bulk(out / "bulk", b.receipts)
    filings += write_notices(out / "filings", b.receipts)

    ordered = sorted(b.receipts, key=lambda r: (r.committee.source, r.filing_id,
                                                 r.transaction_id))
    labels_path = out / "labels.csv"
    n_labels = 0
    with labels_path.open("w", newline="", encoding="ascii") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(LABEL_COLUMNS)
        for r in ordered:
            for group, note in r.labels:
                w.writerow([r.committee.source, r.filing_id, r.transaction_id, r.sub_id,
                            group, note])
                n_labels += 1
        for filing_id, group, note in page_labels:   # a summary page: no transaction id
            w.writerow(["filing", filing_id, "", "", group, note])
            n_labels += 1
    truth_path = out / "donor_truth.csv"
    with truth_path.open("w", newline="", encoding="ascii") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["source", "filing_id", "transaction_id", "sub_id", "person_id"])
        for r in ordered:
            if r.person_id:
                w.writerow([r.committee.source, r.filing_id, r.transaction_id, r.sub_id,
                            r.person_id])
    return Generated(out_dir=out, filings=filings, bulk=bulk, labels=labels_path,
                     truth=truth_path, cycle=CYCLE, n_receipts=len(b.receipts),
                     n_labels=n_labels)

