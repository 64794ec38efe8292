"""Screen a contribution against everything the store holds, without scanning the receipts.

At start the :class:`Screener` copies ``receipts_current`` into an in-memory
database attached to the store's, with each row's donor name key, and indexes
it. To screen a contribution it gathers the rows the contribution can touch —

* every row with the same donor name key or resolved ``donor_id`` (the limits,
  cash, itemization and frequency rules aggregate per donor, across committees);
* for a near-limit gift from an individual, every near-limit gift to the same
  committee (the shared-employer rule groups them by employer);

— plus the committees, filings and refund lines of the committees involved, into
temporary relations of the same names as the store's, and runs
:func:`fecscreen.rules.evaluate` there: the same rule objects and SQL as
``fecscreen check``. Findings are the ones whose evidence includes the
contribution. Nothing is written to the store.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field

from fecscreen.errors import NotFoundError
from fecscreen.findings import Finding, load_findings
from fecscreen.intake.contribution import Contribution
from fecscreen.law.params import load_params
from fecscreen.rules import MASTER_COLUMNS, build_relations, committee_master, drop_relations, evaluate, registry
from fecscreen.sql.dialect import get_dialect
from fecscreen.sql.keys import donor_key_sql

CACHE = "serve_cache"
# Transaction id of a contribution screened, not recorded. It sorts after every other id
# ('~' is above letters and digits), so on a day with other gifts the rules take the new
# one as received last, as they will when it is recorded later under its own id.
PENDING = "~pending"


def receipt_key(committee_id: str, transaction_id: str | None) -> str:
    """The receipts.receipt_key of a contribution recorded through the service."""
    return f"I:{committee_id}:{transaction_id or PENDING}"


def _name_key_sql(name: str, zip_code: str) -> str:
    """The rules' donor name key, hashed as ``screen_donors.name_key`` hashes it."""
    return get_dialect().hash64(donor_key_sql("NULL", name, "NULL", "NULL", zip_code))


@dataclass
class ScreenResult:
    decision: str  # clear | review
    findings: list[Finding]
    donor: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"decision": self.decision, "findings": [f.to_dict() for f in self.findings],
                "donor": self.donor}


class _Scratch:
    """A cursor of the store's database whose temporary relations shadow the store's."""

    def __init__(self, con, path: str):
        self.con = con
        self.path = path

    def scalar(self, sql, params=None):
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    def query(self, sql, params=None):
        return self.con.execute(sql, params or []).fetchall()

    def table_exists(self, name: str) -> bool:
        # the rules ask only whether a committee master is loaded; the screen always
        # stages one (empty when the store has none)
        return name == "committees"


class Screener:
    """Screens contributions for one store; safe to call from many threads at once."""

    def __init__(self, store):
        self.store = store
        self._local = threading.local()
        self._lock = threading.Lock()
        self.rules = registry()
        p = load_params()
        # a near-limit gift from an individual (what the shared-employer rule groups)
        self._near = (f"(amount >= {p.current('near_limit_fraction')} * "
                      f"{p.lowest_limit('individual-candidate')} "
                      "AND coalesce(nullif(upper(entity_type), ''), 'IND') = 'IND')")
        self._build()

    # -- the cache ----------------------------------------------------------
    def _build(self) -> None:
        con = self.store.con
        con.execute(f"DETACH DATABASE IF EXISTS {CACHE}")
        con.execute(f"ATTACH ':memory:' AS {CACHE}")
        nk = _name_key_sql("r.name", "r.zip")
        refund_forms = load_params().in_list("refund_disbursement_forms")
        master = committee_master(self.store)  # the committee master, or the rules' empty stand-in
        committees = (f"SELECT {', '.join(MASTER_COLUMNS)}, {master['cycle_col']} AS cycle "
                      f"FROM {master['committees']}")
        for sql in (
            f"CREATE TABLE {CACHE}.receipts AS SELECT r.*, {nk} AS nk FROM receipts_current r",
            f"CREATE TABLE {CACHE}.near AS SELECT * FROM {CACHE}.receipts WHERE {self._near}",
            f"CREATE TABLE {CACHE}.committees AS {committees}",
            f"CREATE TABLE {CACHE}.filings AS SELECT * FROM filings",
            f"CREATE TABLE {CACHE}.refund_lines AS SELECT x.* FROM disbursements_current x "
            f"WHERE upper(x.form_type) IN {refund_forms}",
            f"CREATE INDEX cache_nk ON {CACHE}.receipts (nk)",
            f"CREATE INDEX cache_donor ON {CACHE}.receipts (donor_id)",
            f"CREATE INDEX cache_near ON {CACHE}.near (committee_id)",
        ):
            con.execute(sql)
        self.known_committees = {c for (c,) in con.execute(
            f"SELECT DISTINCT committee_id FROM {CACHE}.receipts WHERE committee_id IS NOT NULL "
            f"UNION SELECT cmte_id FROM {CACHE}.committees WHERE cmte_id IS NOT NULL "
            f"UNION SELECT committee_id FROM {CACHE}.filings WHERE committee_id IS NOT NULL").fetchall()}
        self._col_types = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {CACHE}.receipts").fetchall()
                           if r[0] != "nk"]

    def add(self, contribution: Contribution, donor_id: str | None) -> None:
        """Make a recorded contribution part of what later screens see."""
        cur = self._cursor()
        self._stage_new(cur, contribution, donor_id)
        cur.execute(f"INSERT INTO {CACHE}.receipts SELECT * FROM screen_new")
        cur.execute(f"INSERT INTO {CACHE}.near SELECT * FROM screen_new WHERE {self._near}")
        self.known_committees.add(contribution.committee_id)

    def _cursor(self):
        cur = getattr(self._local, "cur", None)
        if cur is None:
            with self._lock:
                cur = self.store.con.cursor()
            self._local.cur = cur
        return cur

    # -- one contribution -----------------------------------------------------
    def _stage_new(self, cur, c: Contribution, donor_id: str | None) -> None:
        """``screen_new``: the contribution as one row of the cache's receipts."""
        parts = c.name_parts()
        values = {
            "source": "intake", "receipt_key": receipt_key(c.committee_id, c.transaction_id),
            "committee_id": c.committee_id, "form_type": c.form_type, "transaction_id": c.transaction_id or PENDING,
            "entity_type": c.entity_type, "name": c.contributor_name,
            "organization_name": None if c.entity_type in ("IND", "CAN") else c.contributor_name,
            "last_name": parts["last_name"], "first_name": parts["first_name"],
            "middle_name": parts["middle_name"], "suffix": parts["suffix"], "street_1": c.street,
            "city": c.city, "state": c.state, "zip": c.zip, "employer": c.employer,
            "occupation": c.occupation, "election_code": c.election, "date": c.date,
            "amount": c.amount, "memo_text": c.memo, "counts_toward_totals": True,
            "superseded": False, "donor_id": donor_id,
        }
        select = ", ".join(
            (f"CAST(? AS {typ}) AS {col}" if col in values else f"CAST(NULL AS {typ}) AS {col}")
            for col, typ in self._col_types)
        params = [values[col] for col, _ in self._col_types if col in values]
        cur.execute(f"CREATE OR REPLACE TEMP TABLE screen_new AS SELECT *, {_name_key_sql('name', 'zip')} AS nk "
                    f"FROM (SELECT {select})", params)

    def match_donor(self, c: Contribution) -> tuple[str | None, str]:
        """The resolved donor this contribution belongs to, and how it was matched.

        A donor already resolved with the same name key: the one whose rows have the
        same filed name and postal code, else the only one with that name key. Two or
        more candidates and no exact row: none (``ambiguous``), and the gift is
        screened under its name key alone.
        """
        cur = self._cursor()
        nk = cur.execute(f"SELECT {_name_key_sql('name', 'zip')} FROM (SELECT ?::VARCHAR AS name, ?::VARCHAR AS zip)",
                         [c.contributor_name, c.zip]).fetchone()[0]
        rows = cur.execute(
            f"SELECT donor_id, bool_or(upper(name) = ? AND coalesce(zip, '') = ?) AS exact "
            f"FROM {CACHE}.receipts WHERE nk = ? AND donor_id IS NOT NULL GROUP BY donor_id",
            [c.contributor_name, c.zip or "", nk]).fetchall()
        exact = sorted(d for d, e in rows if e)
        if len(exact) == 1:
            return exact[0], "same name and postal code"
        if len(rows) == 1:
            return rows[0][0], "same name key"
        return None, "ambiguous" if rows else "new donor"

    def screen(self, c: Contribution, *, donor_id: str | None = None, match: str | None = None) -> ScreenResult:
        """What the rules find if ``c`` is accepted, against everything already recorded."""
        if c.committee_id not in self.known_committees:
            raise NotFoundError(f"committee {c.committee_id} is not in this database", where="committee_id",
                                hint="load the committee's filings or the committee master first")
        if match is None:
            donor_id, match = self.match_donor(c)
        cur = self._cursor()
        scratch = _Scratch(cur, self.store.path)
        self._stage_new(cur, c, donor_id)
        donor_ids = [donor_id] if donor_id else []
        cur.execute(f"""
CREATE OR REPLACE TEMP TABLE receipts_current AS
SELECT * EXCLUDE (nk) FROM (
    SELECT r.* FROM {CACHE}.receipts r WHERE r.nk = (SELECT nk FROM screen_new)
    UNION SELECT r.* FROM {CACHE}.receipts r WHERE r.donor_id IN (SELECT unnest(?::VARCHAR[]))
    UNION SELECT r.* FROM {CACHE}.near r WHERE r.committee_id = ?
          AND (SELECT bool_and({self._near}) FROM screen_new)
    UNION SELECT * FROM screen_new
)
""", [donor_ids, c.committee_id])
        # a retry of a recorded contribution: the cached copy and the new row are one row
        cur.execute("CREATE OR REPLACE TEMP TABLE receipts_current AS "
                    "SELECT DISTINCT ON (receipt_key) * FROM receipts_current")
        cur.execute("CREATE OR REPLACE TEMP TABLE scope_committees AS "
                    "SELECT DISTINCT committee_id FROM receipts_current")
        cur.execute(f"CREATE OR REPLACE TEMP TABLE committees AS SELECT * FROM {CACHE}.committees "
                    "WHERE cmte_id IN (SELECT committee_id FROM scope_committees)")
        cur.execute(f"CREATE OR REPLACE TEMP TABLE filings AS SELECT * FROM {CACHE}.filings "
                    "WHERE committee_id IN (SELECT committee_id FROM scope_committees)")
        cur.execute(f"CREATE OR REPLACE TEMP TABLE disbursements_current AS SELECT * FROM {CACHE}.refund_lines "
                    "WHERE filing_id IN (SELECT filing_id FROM filings)")
        cur.execute("CREATE OR REPLACE TEMP TABLE findings AS SELECT * FROM main.findings WHERE FALSE")
        run_id = "screen-" + uuid.uuid4().hex[:12]
        try:
            built = evaluate(scratch, self.rules, run_id)
            key = receipt_key(c.committee_id, c.transaction_id)
            findings = [f for f in load_findings(scratch, run_id) if key in f.receipt_keys]
            build_relations(scratch, ("limited",), built=built)  # built already when a limit rule ran
            donor = self._donor(cur, key)
        finally:
            drop_relations(scratch)
        donor.update({"donor_id": donor_id, "match": match})
        decision = "review" if any(f.severity in ("review", "high") for f in findings) else "clear"
        return ScreenResult(decision=decision, findings=findings, donor=donor)

    def _donor(self, cur, key: str) -> dict:
        """The donor's aggregate toward the contribution's limit, before and after it."""
        row = cur.execute("""
SELECT n.election_key, n.limit_amount, n.amount,
       (SELECT coalesce(sum(o.amount), 0) FROM screen_limited o
        WHERE o.donor_key = n.donor_key AND o.committee_id = n.committee_id AND o.ekey = n.ekey
          AND o.receipt_key <> n.receipt_key)
FROM screen_limited n WHERE n.receipt_key = ?""", [key]).fetchone()
        if row is None:
            return {"election": None, "limit": None, "aggregate_before": None, "aggregate_after": None}
        election, limit, amount, before = row
        return {"election": election, "limit": float(limit), "aggregate_before": float(before),
                "aggregate_after": float(before + amount)}


__all__ = ["Screener", "ScreenResult", "receipt_key", "PENDING"]
