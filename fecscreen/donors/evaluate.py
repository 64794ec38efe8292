"""Accuracy of a donor assignment against known truth: pairwise and B-cubed.

``truth`` and each assignment are relations with ``receipt_key`` and a label
column. Pairwise precision is the share of record pairs put together that are
truly one person; recall is the share of true same-person pairs put together.
B-cubed averages, over records, the overlap of a record's predicted and true
groups, so large clusters do not dominate.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Accuracy:
    precision: float
    recall: float
    f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def accuracy(con: duckdb.DuckDBPyConnection, truth_sql: str, pred_sql: str) -> Accuracy:
    """``truth_sql`` / ``pred_sql``: SELECTs yielding (receipt_key, label)."""
    row = con.execute(
        f"""
        WITH t AS (SELECT receipt_key, label AS tl FROM ({truth_sql}) x(receipt_key, label)),
             p AS (SELECT receipt_key, label AS pl FROM ({pred_sql}) y(receipt_key, label)),
             j AS (SELECT t.receipt_key, tl, coalesce(pl, 'single:' || t.receipt_key) AS pl
                   FROM t LEFT JOIN p USING (receipt_key)),
             cell AS (SELECT tl, pl, count(*) AS n FROM j GROUP BY ALL),
             tsz AS (SELECT tl, sum(n) AS n FROM cell GROUP BY tl),
             psz AS (SELECT pl, sum(n) AS n FROM cell GROUP BY pl),
             bc AS (SELECT sum(c.n * c.n / p.n) AS bp, sum(c.n * c.n / t.n) AS br,
                           sum(c.n) AS total
                    FROM cell c JOIN tsz t USING (tl) JOIN psz p USING (pl))
        SELECT (SELECT sum(n * (n - 1) / 2) FROM tsz),
               (SELECT sum(n * (n - 1) / 2) FROM psz),
               (SELECT sum(n * (n - 1) / 2) FROM cell),
               bp / total, br / total
        FROM bc
        """
    ).fetchall()[0]
    true_pairs, pred_pairs, correct, bp, br = (float(x or 0) for x in row)
    p = correct / pred_pairs if pred_pairs else 1.0
    r = correct / true_pairs if true_pairs else 1.0
    return Accuracy(round(p, 5), round(r, 5), round(_f1(p, r), 5), round(bp, 5), round(br, 5),
                    round(_f1(bp, br), 5), int(true_pairs), int(pred_pairs), int(correct))


__all__ = ["Accuracy", "accuracy"]
