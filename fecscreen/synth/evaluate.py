"""Score a check run against the generator's labels: precision and recall per rule group.

A label names one evidence receipt a correct screen must flag for one group
(``source, filing_id, transaction_id, sub_id, group, note``). A finding names its
evidence rows in ``transactions`` (``filing_id, transaction_id, sub_id``) and
``receipt_keys``. A receipt is identified by ``sub_id`` when it comes from the
bulk file and by ``(filing_id, transaction_id)`` when it comes from a filing.

Per group:

* **tp** — labels whose receipt is evidence of at least one finding of the group;
* **fn** — labels no finding of the group names;
* **fp** — findings of the group none of whose evidence rows is labelled for it;
* **precision** — share of the group's findings that name a labelled receipt
  (1.0 when the group has no findings);
* **recall** — tp / (tp + fn) (1.0 when the group has no labels).

Findings are counted once however many evidence rows they carry, so a rule that
lists context rows (a donor's earlier gifts, the refund line) is not penalised
for them; a finding about the wrong donor is.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from fecscreen.errors import InputError, StoreError
from fecscreen.findings import latest_run
from fecscreen.sql.keys import donor_key_sql
from fecscreen.synth.generate import GROUPS, LABEL_COLUMNS

__all__ = ["GroupScore", "donor_accuracy", "evaluate", "format_scores", "read_labels"]

Key = tuple[str, ...]


@dataclass
class GroupScore:
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    n_labels: int = 0
    n_findings: int = 0
    missed: list[dict] = field(default_factory=list)        # labels not found
    false_findings: list[dict] = field(default_factory=list)  # findings with no label


def _label_key(row: dict) -> Key:
    if row["source"] == "bulk":
        return ("bulk", str(row["sub_id"]))
    return ("filing", str(row["filing_id"]), str(row["transaction_id"]))


def read_labels(labels_path: str | Path) -> list[dict]:
    path = Path(labels_path)
    if not path.is_file():
        raise InputError("labels file not found", where=str(path),
                         hint="pass the .labels path returned by fecscreen.synth.generate()")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != LABEL_COLUMNS:
            raise InputError(f"expected columns {', '.join(LABEL_COLUMNS)}",
                             where=f"{path}:1",
                             hint="use a labels CSV written by fecscreen.synth.generate()")
        rows = list(reader)
    for i, row in enumerate(rows, start=2):
        if row["group"] not in GROUPS:
            raise InputError(f"unknown group {row['group']!r}", where=f"{path}:{i}: group",
                             hint=f"one of {', '.join(GROUPS)}")
    return rows


def _filing_line_map(con, keys: set[str]) -> dict[str, Key]:
    """receipt_key 'F:<filing_id>:<line>' -> ('filing', filing_id, transaction_id)."""
    wanted = sorted(k for k in keys if k.startswith("F:"))
    if not wanted:
        return {}
    rows = con.execute(
        "SELECT 'F:' || filing_id || ':' || line_number, filing_id, transaction_id "
        "FROM filing_receipts WHERE 'F:' || filing_id || ':' || line_number IN "
        "(SELECT unnest(?))", [wanted]).fetchall()
    return {k: ("filing", str(fid), str(tid)) for k, fid, tid in rows}


def _evidence(transactions, receipt_keys, line_map) -> set[Key]:
    out: set[Key] = set()
    for t in transactions or []:
        if t.get("sub_id") not in (None, ""):
            out.add(("bulk", str(t["sub_id"])))
        elif t.get("transaction_id") not in (None, "") and t.get("filing_id") not in (None, ""):
            out.add(("filing", str(t["filing_id"]), str(t["transaction_id"])))
    for k in receipt_keys or []:
        if k.startswith("B:"):
            out.add(("bulk", k[2:]))
        elif k in line_map:
            out.add(line_map[k])
        elif k.startswith("L:"):   # a page of a filing with no transaction id (a summary page)
            out.add(("filing", k.split(":")[1], ""))
    return out


def evaluate(store, labels_path: str | Path, run_id: str | None = None, *,
             skip_severities: tuple[str, ...] = ("info",),
             rule: str | None = None) -> dict[str, GroupScore]:
    """Per-group scores of check run ``run_id`` (default: the latest) against the labels.

    With ``rule`` (a code), only that rule's findings count, against the labels whose
    note ends with ``[CODE]`` (the cases planted for that rule).

    Findings whose severity is in ``skip_severities`` are left out: by default the
    ``info`` findings, which record a problem already handled (a foreign-address
    gift refunded, an excess remedied) and ask for no action. Pass ``()`` to score
    every finding.
    """
    labels = read_labels(labels_path)
    if rule is not None:
        labels = [r for r in labels if r["note"].endswith(f"[{rule}]")]
    con = store.con
    if run_id is None:
        run_id = latest_run(store)
        if run_id is None:
            raise StoreError("no check run in this database",
                             hint="run fecscreen.rules.run_check(store) (or `fecscreen check`) first")
    elif not con.execute("SELECT count(*) FROM check_runs WHERE run_id = ?", [run_id]
                         ).fetchone()[0]:
        raise StoreError(f"no check run {run_id!r} in this database", where="run_id",
                         hint="omit run_id to score the latest run")
    rows = con.execute(
        'SELECT finding_id, rule, "group", severity, transactions, receipt_keys, message '
        "FROM findings WHERE run_id = ?", [run_id]).fetchall()
    all_keys = {k for r in rows for k in (r[5] or [])}
    line_map = _filing_line_map(con, all_keys)

    by_group: dict[str, list[dict]] = {g: [] for g in GROUPS}
    for fid, rule_code, group, severity, transactions, receipt_keys, message in rows:
        if severity in skip_severities or (rule is not None and rule_code != rule):
            continue
        tx = json.loads(transactions) if isinstance(transactions, str) else transactions
        by_group.setdefault(group, []).append({
            "finding_id": fid, "rule": rule_code, "message": message,
            "evidence": _evidence(tx, receipt_keys, line_map),
        })
    scores: dict[str, GroupScore] = {}
    for group, findings in by_group.items():
        wanted = {_label_key(r): r for r in labels if r["group"] == group}
        flagged = set().union(*(f["evidence"] for f in findings)) if findings else set()
        tp = sum(1 for k in wanted if k in flagged)
        false = [f for f in findings if not (f["evidence"] & wanted.keys())]
        n = len(findings)
        scores[group] = GroupScore(
            tp=tp, fp=len(false), fn=len(wanted) - tp,
            precision=(n - len(false)) / n if n else 1.0,
            recall=tp / len(wanted) if wanted else 1.0,
            n_labels=len(wanted), n_findings=n,
            missed=[r for k, r in wanted.items() if k not in flagged],
            false_findings=[{k: v for k, v in f.items() if k != "evidence"}
                            | {"evidence": sorted(f["evidence"])} for f in false],
        )
    return scores


def format_scores(scores: dict[str, GroupScore]) -> str:
    """A fixed-width text table of the scores, one line per group."""
    head = f"{'group':<18} {'labels':>6} {'findings':>8} {'tp':>4} {'fp':>4} {'fn':>4} " \
           f"{'precision':>9} {'recall':>6}"
    lines = [head, "-" * len(head)]
    for group, s in scores.items():
        lines.append(f"{group:<18} {s.n_labels:>6} {s.n_findings:>8} {s.tp:>4} {s.fp:>4} "
                     f"{s.fn:>4} {s.precision:>9.3f} {s.recall:>6.3f}")
    return "\n".join(lines)


def donor_accuracy(store, truth_path: str | Path) -> dict:
    """How well donor keys group the sample's receipts by the invented person behind them.

    Compares, against ``donor_truth.csv``: the resolved ``donor_links`` (where
    ``fecscreen.donors.resolve`` has run; unlinked receipts count as singletons)
    and the rules' fallback name + ZIP5 key. Returns ``{name: Accuracy}`` with
    pairwise and B-cubed precision and recall (:mod:`fecscreen.donors.evaluate`).
    """
    from fecscreen.donors.evaluate import accuracy

    path = Path(truth_path)
    if not path.is_file():
        raise InputError("donor truth file not found", where=str(path),
                         hint="pass the .truth path returned by fecscreen.synth.generate()")
    con = store.con
    con.execute(
        "CREATE OR REPLACE TEMP TABLE synth_truth AS "
        "SELECT CASE WHEN t.source = 'bulk' THEN 'B:' || t.sub_id "
        "            ELSE 'F:' || r.filing_id || ':' || r.line_number END AS receipt_key, "
        "       t.person_id AS label "
        "FROM read_csv(?, header = true, all_varchar = true) t "
        "LEFT JOIN filing_receipts r ON t.source = 'filing' AND r.filing_id = t.filing_id "
        "     AND r.transaction_id = t.transaction_id", [str(path)])
    # only the receipts this store holds (a sample may be loaded in part)
    con.execute("DELETE FROM synth_truth WHERE receipt_key IS NULL OR receipt_key NOT IN "
                "(SELECT receipt_key FROM receipts)")
    key = donor_key_sql("CAST(NULL AS VARCHAR)", "r.name", "r.last_name", "r.first_name", "r.zip")
    out = {"name + ZIP5 key": accuracy(
        con, "SELECT receipt_key, label FROM synth_truth",
        f"SELECT r.receipt_key, {key} FROM receipts r JOIN synth_truth USING (receipt_key)")}
    if store.scalar("SELECT count(*) FROM donor_links"):
        out["resolved donor_id"] = accuracy(
            con, "SELECT receipt_key, label FROM synth_truth",
            "SELECT receipt_key, donor_id FROM donor_links")
    con.execute("DROP TABLE synth_truth")
    return out
