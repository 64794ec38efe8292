"""Shared relations the rules read, built once per run as temporary tables.

Each relation is one SQL template in ``relations/<name>.sql`` that creates the
temporary table ``screen_<name>``; its first comment lines say what it holds and
end with ``-- needs: <relations>`` (or ``nothing``), the relations built before
it. ``screen_receipts`` is ``receipts_current`` with what every rule needs worked
out once: the donor key, the recipient type, whether a row is a contribution or
a refund, and the election it counts toward. A rule names the others it reads in
``requires``; the runner builds them before the first rule that needs them. All
SQL is rendered with the dialect helpers (``d.``), the dated params (``p.``) and
the macros below.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2

from fecscreen.errors import ConfigError
from fecscreen.law.params import load_params, sql_str
from fecscreen.sql.dialect import get_dialect
from fecscreen.sql.keys import donor_key_sql, election_type_sql, election_year_sql

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def render(template: str, **extra) -> str:
    """Render rule or preparation SQL with ``p`` (params), ``d`` (dialect) and macros."""
    d = get_dialect()
    ctx = {"p": load_params(), "d": d, "donor_key": donor_key_sql, "sql_str": sql_str,
           "ev": evidence_columns, "election_type": election_type_sql,
           "election_year": election_year_sql}
    ctx.update(extra)
    return _ENV.from_string(template).render(**ctx)


def evidence_columns(alias: str) -> str:
    """The evidence columns of a ``screen_receipts``-shaped row ``alias``."""
    a = alias
    return (f"{a}.receipt_key AS ev_key, {a}.date AS ev_date, {a}.filing_id, "
            f"{a}.transaction_id, {a}.sub_id, {a}.name AS ev_name, {a}.city AS ev_city, "
            f"{a}.state AS ev_state, {a}.zip AS ev_zip, {a}.employer AS ev_employer, "
            f"{a}.occupation AS ev_occupation, {a}.donor_id AS ev_donor_id")


# The columns of `screen_questioned` (the foreign-address and organisation screen).
QUESTIONED_COLUMNS = (
    "receipt_key, filing_id, transaction_id, sub_id, committee_id, donor_key, name_key, date, "
    "amount, name, organization_name, city, street_1, zip, state, state_norm, employer, "
    "occupation, donor_id, recipient_type, indicator, country, foreign_city"
)


def _read_relations() -> dict[str, tuple[str, tuple[str, ...]]]:
    """``{name: (template, the relations it needs)}`` from ``relations/*.sql``."""
    out = {}
    folder = resources.files("fecscreen.rules") / "relations"
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".sql"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        n = next((i for i, line in enumerate(lines) if not line.startswith("--")), len(lines))
        needs_line = lines[n - 1] if n else ""
        if not needs_line.startswith("-- needs:"):
            raise ConfigError("the header's last line must be `-- needs: <relations>` or `-- needs: nothing`",
                              where=f"rules/relations/{path.name}:{n}")
        needs = tuple(x.strip() for x in needs_line[len("-- needs:"):].split(",") if x.strip() not in ("", "nothing"))
        out[path.name[:-len(".sql")]] = ("\n".join(lines[n:]) + "\n", needs)
    for name, (_, needs) in out.items():
        unknown = [x for x in needs if x not in out]
        if unknown:
            raise ConfigError(f"needs unknown relation(s) {', '.join(unknown)}", where=f"rules/relations/{name}.sql")
    return out


# name: (sql template, relations it needs first)
SHARED = _read_relations()


# A receipt's donor as filed (donor id, name, postal code), hashed: `screen_donors`
# works the donor key out once per distinct value, `screen_receipts` joins on it.
_RAW_DONOR = get_dialect().hash64("coalesce(b.donor_id, '')", "b.name", "b.zip")


def build(store, names, *, committee: str | None = None, built: set[str] | None = None) -> set[str]:
    """Create the shared relations ``names`` (and what they need) in ``store``."""
    built = set() if built is None else built
    committees = None
    for name in names:
        if name in built:
            continue
        template, needs = SHARED[name]
        build(store, needs, committee=committee, built=built)
        committees = committees or committee_master(store)
        store.con.execute(_rendered(name, committee, committees["committees"], committees["cycle_col"]))
        built.add(name)
    return built


@lru_cache(maxsize=256)
def _rendered(name: str, committee: str | None, committees: str, cycle_col: str) -> str:
    return render(SHARED[name][0], committee=committee, columns=QUESTIONED_COLUMNS,
                  committees=committees, cycle_col=cycle_col, raw_donor=_RAW_DONOR)


def _has_column(store, table: str, column: str) -> bool:
    return bool(store.scalar(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
        [table, column],
    ))


# The committee master's columns the relations read (`latest_committees.sql`).
MASTER_COLUMNS = ("cmte_id", "cmte_tp", "cmte_dsgn", "cmte_nm", "cmte_st", "cmte_pty_affiliation",
                  "cand_id")


def committee_master(store) -> dict:
    """The committee master, or an empty stand-in with its columns when it is not loaded."""
    if not store.table_exists("committees"):
        empty = ("(SELECT " + ", ".join(f"CAST(NULL AS VARCHAR) AS {c}" for c in MASTER_COLUMNS)
                 + " WHERE FALSE) AS cm")
        return {"committees": empty, "cycle_col": "1"}
    cycle_col = "cycle" if _has_column(store, "committees", "cycle") else "1"
    return {"committees": "committees", "cycle_col": cycle_col}


def drop(store) -> None:
    """Drop every shared relation and the rules' evidence table."""
    for name in sorted(SHARED) + ["evidence"]:
        store.con.execute(f"DROP TABLE IF EXISTS screen_{name}")


__all__ = ["render", "build", "drop", "committee_master", "MASTER_COLUMNS", "SHARED"]
