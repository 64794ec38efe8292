"""The writers of the sample's files: ``.fec`` filings (with their summary pages and
48-hour notices), the bulk files, and the transaction ids and aggregates they carry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from fecscreen.law.params import load_params
from fecscreen.synth.layouts import F6, F65, HDR, LAYOUTS, SA, SB
from fecscreen.synth.sample import (
    AMENDED_PERIOD,
    CCL_COLUMNS,
    CM_COLUMNS,
    CN_COLUMNS,
    COMMITTEE_ENTITIES,
    COMMITTEES,
    CYCLE,
    FS,
    NOTICE_FILERS,
    PAC,
    PERIODS,
    REFUND_LINE,
    SUMMARY_OFF,
    SUMMARY_OFF_NOTE,
    YTD_OFF,
    YTD_OFF_NOTE,
    Committee,
    Receipt,
    Refund,
)


def _money(v: Decimal) -> str:
    return f"{v:.2f}"


def _bulk_money(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else f"{v:.2f}"


def _period_index(date: dt.date) -> int:
    for i, (_code, start, end) in enumerate(PERIODS):
        if start <= date <= end:
            return i
    raise ValueError(f"date {date} outside the cycle")


def aggregates(receipts: list[Receipt]) -> None:
    """Election-to-date (candidate committees) or year-to-date aggregates per donor."""
    totals: dict[tuple, Decimal] = {}
    for r in sorted(receipts, key=lambda r: (r.date, r.committee.cmte_id)):
        who = r.person_id or f"{r.entity_type}:{r.org}:{r.last}"
        period = r.election_code if r.committee.is_candidate else str(r.date.year)
        key = (r.committee.cmte_id, who, period)
        totals[key] = totals.get(key, Decimal(0)) + r.amount
        r.aggregate = totals[key]


def _line(layout: tuple[str, ...], values: dict[str, str]) -> str:
    unknown = set(values) - set(layout)
    if unknown:
        raise ValueError(f"not in the layout: {sorted(unknown)}")
    return FS.join(values.get(col, "") for col in layout)


def _sa_values(r: Receipt) -> dict[str, str]:
    return {
        "form_type": r.form_type,
        "filer_committee_id_number": r.committee.cmte_id,
        "transaction_id": r.transaction_id,
        "entity_type": r.entity_type,
        "contributor_organization_name": r.org,
        "contributor_last_name": r.last,
        "contributor_first_name": r.first,
        "contributor_middle_name": r.middle,
        "contributor_prefix": r.prefix,
        "contributor_suffix": r.suffix,
        "contributor_street_1": r.street_1,
        "contributor_street_2": r.street_2,
        "contributor_city": r.city,
        "contributor_state": r.state,
        "contributor_zip_code": r.zip,
        "election_code": r.election_code,
        "contribution_date": r.date.strftime("%Y%m%d"),
        "contribution_amount": _money(r.amount),
        "contribution_aggregate": _money(r.aggregate),
        "contribution_purpose_descrip": r.purpose,
        "contributor_employer": r.employer,
        "contributor_occupation": r.occupation,
        "donor_committee_fec_id": r.other_id if r.entity_type in COMMITTEE_ENTITIES else "",
        "donor_committee_name": r.other_name if r.entity_type in COMMITTEE_ENTITIES else "",
        "conduit_name": r.conduit.name if r.conduit else "",
        "conduit_street1": r.conduit.street if r.conduit else "",
        "conduit_city": r.conduit.city if r.conduit else "",
        "conduit_state": r.conduit.state if r.conduit else "",
        "conduit_zip_code": r.conduit.zip if r.conduit else "",
        "memo_code": r.memo_code,
        "memo_text_description": r.memo_text,
    }


def _sb_values(f: Refund) -> dict[str, str]:
    r = f.receipt
    return {
        "form_type": REFUND_LINE[r.committee.form],
        "filer_committee_id_number": r.committee.cmte_id,
        "transaction_id_number": f.transaction_id,
        "back_reference_tran_id_number": r.transaction_id,
        "back_reference_sched_name": r.form_type,
        "entity_type": r.entity_type,
        "payee_organization_name": r.org,
        "payee_last_name": r.last,
        "payee_first_name": r.first,
        "payee_middle_name": r.middle,
        "payee_prefix": r.prefix,
        "payee_suffix": r.suffix,
        "payee_street_1": r.street_1,
        "payee_street_2": r.street_2,
        "payee_city": r.city,
        "payee_state": r.state,
        "payee_zip_code": r.zip,
        "election_code": r.election_code,
        "expenditure_date": f.date.strftime("%Y%m%d"),
        "expenditure_amount": _money(f.amount),
        "expenditure_purpose_descrip": "REFUND OF CONTRIBUTION",
        "memo_text_description": f"REFUND OF {r.date:%m/%d/%Y} CONTRIBUTION",
    }


def _summary_values(c: Committee, form: str, period: int, receipts: list[Receipt],
                    refunds: list[Refund], off: Decimal = Decimal(0)) -> dict[str, str]:
    """The summary page; its itemized lines are the sums of the filing's own Schedule A
    lines of that line number, memo entries left out (plus ``off`` on the first, to
    plant a report that does not add up)."""
    code, start, end = PERIODS[period]
    total = sum((r.amount for r in receipts), Decimal(0))
    refunded = sum((f.amount for f in refunds), Decimal(0))
    values = {
        "form_type": form,
        "filer_committee_id_number": c.cmte_id,
        "committee_name": c.name,
        "street_1": c.street,
        "city": c.city,
        "state": c.state,
        "zip_code": c.zip,
        "report_code": code,
        "coverage_from_date": start.strftime("%Y%m%d"),
        "coverage_through_date": end.strftime("%Y%m%d"),
        "treasurer_last_name": c.treasurer[0],
        "treasurer_first_name": c.treasurer[1],
        "date_signed": (end + dt.timedelta(days=15)).strftime("%Y%m%d"),
        "col_a_total_receipts": _money(total),
    }
    for i, line in enumerate(x for x in load_params().lookup("summary_line_totals")
                             if x["form"] == c.form):
        itemized = sum((r.amount for r in receipts
                        if r.form_type in line["schedule_a"] and r.memo_code != "X"), Decimal(0))
        values[line["field"]] = _money(itemized + (off if i == 0 else 0))
    if form.startswith("F3P"):
        values["activity_primary"] = "X"
    elif not form.startswith("F3X"):
        values.update({
            "election_state": c.office_state, "election_district": c.district,
            "col_a_refunds_to_individuals": _money(refunded),
        })
    return values


RD004_NOTE = ("excess neither refunded, redesignated nor reattributed while the committee's "
              "records run past the 60-day deadline (11 CFR 103.3(b)) [RD004]")


def deadline_labels(receipts: list[Receipt]) -> None:
    """Label the crossing gift of each unremedied excess planted for EX001 (its note starts
    "crosses") whose 60 days end within the committee's records: the end of its latest
    report (filing committees) or its latest receipt (bulk committees)."""
    through: dict[str, dt.date] = {}
    for r in receipts:
        end = r.date if r.committee.source == "bulk" else PERIODS[_period_index(r.date)][2]
        through[r.committee.cmte_id] = max(end, through.get(r.committee.cmte_id, end))
    for r in receipts:
        if (any(g == "excessive" and note.startswith("crosses") for g, note in r.labels)
                and r.date + dt.timedelta(days=60) <= through[r.committee.cmte_id]):
            r.labels.append(("refund-deadline", RD004_NOTE))


def _year_to_date(summary: dict[str, str], ytd: dict, cmte_id: str, year: int,
                  off: Decimal) -> dict:
    """Fill a Form 3X page's column B (calendar year to date) from ``ytd``, the committee's
    totals of the year's earlier reports, and return the totals through this report
    (``off`` is added to total receipts, and stays in them)."""
    out = {}
    for x in load_params().lookup("year_to_date_lines"):
        if x["a"] not in summary:
            continue
        key = (cmte_id, year, x["b"])
        total = ytd.get(key, Decimal(0)) + Decimal(summary[x["a"]])
        if x["b"] == "col_b_total_receipts":
            total += off
        summary[x["b"]] = _money(total)
        out[key] = total
    return out


def write_filings(out: Path, receipts: list[Receipt], refunds: list[Refund],
                   page_labels: list[tuple[str, str, str]]) -> list[Path]:
    """Write the reports; appends (filing id, group, note) for each summary page planted
    not to add up to ``page_labels``."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.fec"):   # a folder of filings must hold this sample's only
        stale.unlink()
    paths: list[Path] = []
    next_id = 9100001
    ytd: dict[tuple[str, int, str], Decimal] = {}   # (committee, year, column B field) -> total
    for c in (x for x in COMMITTEES if x.source == "filing"):
        mine = [r for r in receipts if r.committee is c]
        my_refunds = [f for f in refunds if f.receipt.committee is c]
        for period in range(len(PERIODS)):
            rows = [r for r in mine if _period_index(r.date) == period]
            refs = [f for f in my_refunds if _period_index(f.date) == period]
            if not rows and not refs:
                continue
            versions = [("N", [r for r in rows if not r.amendment_only])]
            if c is PAC and period == AMENDED_PERIOD:
                versions.append(("A", rows))
            original_id = ""
            for suffix, version_rows in versions:
                filing_id = str(next_id)
                next_id += 1
                form = c.form + suffix
                hdr = {"record_type": "HDR", "ef_type": "FEC", "fec_version": "8.3",
                       "soft_name": "fecscreen-synth", "soft_ver": "1.0"}
                if suffix == "A":
                    hdr.update({"report_id": f"FEC-{original_id}", "report_number": "1"})
                off = SUMMARY_OFF.get((c.cmte_id, period), Decimal(0))
                if off:
                    page_labels.append((filing_id, "reporting", SUMMARY_OFF_NOTE))
                summary = _summary_values(c, form, period, version_rows, refs, off)
                if c.form == "F3X":
                    year_to_date = _year_to_date(summary, ytd, c.cmte_id, PERIODS[period][1].year,
                                                 YTD_OFF.get((c.cmte_id, period), Decimal(0)))
                    if (c.cmte_id, period) in YTD_OFF:
                        page_labels.append((filing_id, "reporting", YTD_OFF_NOTE))
                lines = [_line(HDR, hdr), _line(LAYOUTS[c.form], summary)]
                for r in sorted(version_rows, key=lambda r: (r.form_type, r.transaction_id)):
                    r.filing_id = filing_id   # the last version written is the current one
                    lines.append(_line(SA, _sa_values(r)))
                lines += [_line(SB, _sb_values(f)) for f in refs]
                path = out / f"{filing_id}.fec"
                path.write_bytes(("\n".join(lines) + "\n").encode("ascii"))
                paths.append(path)
                original_id = filing_id
            if c.form == "F3X":
                ytd.update(year_to_date)   # the current (last written) version carries forward
    return paths


def _notice_periods(cmte: Committee) -> list[tuple[dt.date, dt.date]]:
    """First and last day of each 48-hour notice period of ``cmte``'s candidate in the cycle."""
    p = load_params()
    state = "US" if cmte.cmte_tp == "P" else cmte.office_state
    start = int(p.current("notice_48h_period_start_days"))
    end = int(p.current("notice_48h_period_end_days"))
    return [(e.date - dt.timedelta(days=start - 1), e.date - dt.timedelta(days=end + 1))
            for e in p.elections
            if e.state == state and e.year == CYCLE and e.held and (state != "US" or e.election == "G")]


def write_notices(out: Path, receipts: list[Receipt]) -> list[Path]:
    """Form 6 filings of the notice filers: every contribution of $1,000 or more in a
    notice period gets its notice the next day, unless planted otherwise
    (``Receipt.notice``: 'late' six days after receipt, 'none' no notice)."""
    threshold = Decimal(str(load_params().current("notice_48h_amount")))
    by_day: dict[tuple[str, dt.date], list[Receipt]] = {}
    for c in (x for x in COMMITTEES if x.cmte_id in NOTICE_FILERS):
        periods = _notice_periods(c)
        for r in receipts:
            if (r.committee is c and r.amount >= threshold and r.memo_code != "X"
                    and r.notice != "none" and any(a <= r.date <= b for a, b in periods)):
                signed = r.date + dt.timedelta(days=6 if r.notice == "late" else 1)
                by_day.setdefault((c.cmte_id, signed), []).append(r)
    paths = []
    for n, ((cmte_id, signed), rows) in enumerate(sorted(by_day.items(), key=lambda kv: kv[0])):
        c = next(x for x in COMMITTEES if x.cmte_id == cmte_id)
        hdr = {"record_type": "HDR", "ef_type": "FEC", "fec_version": "8.3",
               "soft_name": "fecscreen-synth", "soft_ver": "1.0"}
        lines = [_line(HDR, hdr), _line(F6, {
            "form_type": "F6N", "filer_committee_id_number": c.cmte_id, "committee_name": c.name,
            "street_1": c.street, "city": c.city, "state": c.state, "zip_code": c.zip,
            "candidate_id_number": c.cand_id, "candidate_office": c.cmte_tp,
            "candidate_state": c.office_state, "candidate_district": c.district,
            "date_signed": signed.strftime("%Y%m%d")})]
        for i, r in enumerate(rows):
            last, _, first = (r.bulk_name.partition(", ") if c.source == "bulk"
                              else (r.last, "", " ".join(x for x in (r.first, r.middle, r.suffix) if x)))
            lines.append(_line(F65, {
                "form_type": "F65", "filer_committee_id_number": c.cmte_id,
                "transaction_id": f"F65.{n + 1:04d}.{i + 1:03d}", "entity_type": r.entity_type,
                "contributor_organization_name": r.org, "contributor_last_name": last,
                "contributor_first_name": first, "contributor_street_1": r.street_1,
                "contributor_city": r.city, "contributor_state": r.state,
                "contributor_zip_code": r.zip, "contribution_date": r.date.strftime("%Y%m%d"),
                "contribution_amount": _money(r.notice_amount or r.amount),
                "contributor_employer": r.employer, "contributor_occupation": r.occupation}))
        path = out / f"{9300001 + n}.fec"
        path.write_bytes(("\n".join(lines) + "\n").encode("ascii"))
        paths.append(path)
    return paths


def write_bulk(out: Path, receipts: list[Receipt]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    file_nums: dict[tuple[str, int], int] = {}
    next_file = 9200001
    next_sub = 4_990_000_000_000_000_001
    lines = []
    for r in receipts:
        if r.committee.source != "bulk":
            continue
        period = _period_index(r.date)
        key = (r.committee.cmte_id, period)
        if key not in file_nums:
            file_nums[key] = next_file
            next_file += 1
        r.filing_id = str(file_nums[key])
        r.sub_id = str(next_sub)
        next_sub += 1
        code, _start, end = PERIODS[period]
        filed = end + dt.timedelta(days=15)
        image = f"{filed:%Y%m%d}9{file_nums[key] % 10_000:04d}{int(r.sub_id) % 100_000:05d}"
        values = [
            r.committee.cmte_id, "N", code, r.election_code, image, r.form_type,
            r.entity_type, r.bulk_name, r.city, r.state, r.zip, r.employer, r.occupation,
            r.date.strftime("%m%d%Y"), _bulk_money(r.amount), r.other_id, r.transaction_id,
            r.filing_id, r.memo_code, r.memo_text, r.sub_id,
        ]
        lines.append("|".join(v.replace("|", " ") for v in values))
    itcont = out / "itcont.txt"
    itcont.write_bytes(("\n".join(lines) + "\n").encode("ascii"))

    cm_rows, cn_rows, ccl_rows = [], [], []
    for c in COMMITTEES:
        cm_rows.append([c.cmte_id, c.name, f"{c.treasurer[0]}, {c.treasurer[1]}", c.street, "",
                        c.city, c.state, c.zip, c.dsgn, c.cmte_tp, c.party,
                        "Q", "" if c.cmte_tp != "Q" else "T", "", c.cand_id])
        if c.cand_id:
            office = c.cand_id[0]
            cn_rows.append([c.cand_id, c.cand_name, c.party, str(CYCLE), c.office_state,
                            office, c.district if office == "H" else "", "C", "C", c.cmte_id,
                            c.street, "", c.city, c.state, c.zip])
            ccl_rows.append([c.cand_id, str(CYCLE), str(CYCLE), c.cmte_id, c.cmte_tp, c.dsgn,
                             f"{99000 + len(ccl_rows) + 1}"])
    paths = [itcont]
    for name, rows, width in (("cm.txt", cm_rows, len(CM_COLUMNS)),
                              ("cn.txt", cn_rows, len(CN_COLUMNS)),
                              ("ccl.txt", ccl_rows, len(CCL_COLUMNS))):
        assert all(len(row) == width for row in rows)
        path = out / name
        path.write_bytes(("\n".join("|".join(row) for row in rows) + "\n").encode("ascii"))
        paths.append(path)
    return paths


def assign_transaction_ids(receipts: list[Receipt], refunds: list[Refund]) -> None:
    counters: dict[str, int] = {}
    for r in sorted(receipts, key=lambda r: (r.committee.cmte_id, r.date)):
        n = counters[r.committee.cmte_id] = counters.get(r.committee.cmte_id, 0) + 1
        if r.committee.source == "filing":
            r.transaction_id = f"{r.form_type}.{n:05d}"
        else:
            r.transaction_id = f"SA{'17' if r.form_type == '24T' else '11AI'}_{n:07d}"
    for i, f in enumerate(sorted(refunds, key=lambda f: (f.receipt.committee.cmte_id, f.date))):
        f.transaction_id = f"{REFUND_LINE[f.receipt.committee.form]}.{i + 1:05d}"

