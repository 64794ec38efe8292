"""Run the selected rules over a store and record the findings.

Each rule's SQL returns evidence rows (:data:`EVIDENCE_COLUMNS`); the runner
groups them into findings by ``finding_key``, adds the rule's metadata and the
donor as filed, and stores them in ``findings`` under one ``check_runs`` row.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

from fecscreen.errors import ConfigError, StoreError
from fecscreen.findings import Finding, load_findings
from fecscreen.law.params import sql_str
from fecscreen.rules import prepare
from fecscreen.rules.model import EVIDENCE_COLUMNS, Rule, select_rules, split_selectors
from fecscreen.sql.dialect import get_dialect


@dataclass
class CheckResult:
    run_id: str
    rules: list[Rule]
    findings: list[Finding] = field(default_factory=list)
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per rule (incl. its prep)

    @property
    def clean(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.rule] = out.get(f.rule, 0) + 1
        return out


def rule_sql(rule: Rule) -> str:
    """The rule's evidence query, rendered for the store's engine (once per rule and process)."""
    return _rendered(rule.code, rule.sql)


@lru_cache(maxsize=None)
def _rendered(code: str, sql: str) -> str:
    return prepare.render(sql)


def _insert_sql(rule: Rule, has_detail: bool) -> str:
    return _insert_for(rule.code, rule.version, rule.name, rule.group, tuple(rule.citation_texts),
                       has_detail)


@lru_cache(maxsize=None)
def _insert_for(code: str, version: str, name: str, group: str, citation_texts: tuple[str, ...],
                has_detail: bool = False) -> str:
    d = get_dialect()
    cols = ", ".join(EVIDENCE_COLUMNS + (("detail",) if has_detail else ()))
    citations = json.dumps(list(citation_texts))
    donor = d.json_object({
        "name": "ev_name", "city": "ev_city", "state": "ev_state", "zip": "ev_zip",
        "employer": "ev_employer", "occupation": "ev_occupation", "donor_id": "ev_donor_id",
    })
    return f"""
INSERT INTO findings (run_id, finding_id, rule, rule_version, name, "group", severity,
                      committee_id, message, citations, amount, date, donor, transactions,
                      receipt_keys, detail)
WITH ev AS (SELECT DISTINCT {cols} FROM screen_evidence),
agg AS (
    SELECT finding_key,
           {d.hash_text(sql_str(code + ':') + ' || ' + d.string_agg_ordered('ev_key', ','))} AS finding_id,
           min(committee_id) AS committee_id, min(severity) AS severity, min(message) AS message,
           min(amount) AS amount, min(date) AS date,
           {d.json_list_of_transactions()} AS transactions,
           {d.list_ordered('ev_key')} AS receipt_keys,
           {"min(detail)" if has_detail else "CAST(NULL AS JSON)"} AS detail
    FROM ev GROUP BY finding_key
),
donor AS (
    SELECT finding_key, min({donor}) AS donor FROM ev WHERE ev_key = donor_row GROUP BY finding_key
)
SELECT ?, a.finding_id, {sql_str(code)}, {sql_str(version)}, {sql_str(name)},
       {sql_str(group)}, a.severity, a.committee_id, a.message, {sql_str(citations)},
       a.amount, a.date, x.donor, a.transactions, a.receipt_keys, a.detail
FROM agg a LEFT JOIN donor x ON x.finding_key = a.finding_key
"""


def evaluate(store, rules: list[Rule], run_id: str, *, committee: str | None = None,
             timings: dict[str, float] | None = None) -> set[str]:
    """Run ``rules`` over ``store`` and insert their findings into its ``findings`` under ``run_id``.

    Returns the names of the prepared relations it built.

    The one place rules are executed: ``run_check`` calls it on the whole store, and
    the service's screen (:mod:`fecscreen.intake.screen`) on a connection whose
    relations hold only the rows one contribution can touch. The caller owns the
    transaction and drops the prepared relations (:func:`prepare.drop`).
    """
    built: set[str] = set()
    for rule in rules:
        t0 = time.perf_counter()
        prepare.build(store, ("receipts",) + tuple(rule.requires), committee=committee, built=built)
        store.con.execute(f"CREATE OR REPLACE TEMP TABLE screen_evidence AS {rule_sql(rule)}")
        has_detail = "detail" in {c[0] for c in store.con.execute(
            "SELECT * FROM screen_evidence LIMIT 0").description}
        store.con.execute(_insert_sql(rule, has_detail), [run_id])
        if timings is not None:
            timings[rule.code] = time.perf_counter() - t0
    return built


def run_check(store, *, select=None, ignore=None, committee: str | None = None) -> CheckResult:
    """Run the chosen rules over ``store``; persist and return the findings.

    ``select``/``ignore`` take rule codes, dotted names or groups (lists or
    comma-separated strings); ``committee`` limits screening to one recipient.
    """
    rules = select_rules(select, ignore)
    if not rules:
        raise ConfigError("the selection leaves no rule to run", where="--select/--ignore")
    if committee is not None:
        committee = committee.strip().upper()
    run_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    timings: dict[str, float] = {}
    selection = {"select": split_selectors(select), "ignore": split_selectors(ignore), "committee": committee}
    # row order inside the temporary tables does not matter (findings are sorted)
    order = store.scalar("SELECT current_setting('preserve_insertion_order')")
    store.con.execute("SET preserve_insertion_order = false")
    try:
        with store.transaction() as con:
            evaluate(store, rules, run_id, committee=committee, timings=timings)
            n = store.scalar("SELECT count(*) FROM findings WHERE run_id = ?", [run_id])
            finished = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
            con.execute(
                "INSERT INTO check_runs (run_id, started_at, finished_at, selection, rules, n_findings) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [run_id, started, finished, json.dumps(selection),
                 json.dumps([{"rule": r.code, "version": r.version} for r in rules]), n],
            )
    except Exception as exc:
        import duckdb

        if isinstance(exc, duckdb.Error):
            raise StoreError(
                f"screening failed ({exc})",
                where=store.path,
                hint="the database may be from another fecscreen version: reload the data "
                "into a new database",
            ) from exc
        raise
    finally:
        prepare.drop(store)
        store.con.execute(f"SET preserve_insertion_order = {'true' if order else 'false'}")
    return CheckResult(run_id=run_id, rules=rules, findings=load_findings(store, run_id),
                       started_at=started, finished_at=finished, timings=timings)


__all__ = ["CheckResult", "run_check", "evaluate", "rule_sql"]
