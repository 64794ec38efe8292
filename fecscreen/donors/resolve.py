"""``resolve``: give every individual receipt a stable ``donor_id``.

Pipeline (all SQL in the store except the two marked steps):

1. clean every individual receipt (:mod:`fecscreen.donors.clean`) and collapse
   identical cleaned records into profiles;
2. score candidate pairs of profiles with the linkage engine (Splink on DuckDB,
   :mod:`fecscreen.donors.engine`); the trained model is stored in
   ``donor_model`` and reused, so a re-run scores the same pairs the same way;
3. cluster pairs at the threshold with household constraints (Python,
   :mod:`fecscreen.donors.cluster`);
4. apply manual overrides (``donor_overrides``) in the order they were made;
5. name each donor (:func:`assign_ids`): a donor keeps the id of the previous
   donor it overlaps most (and that overlaps it most), so re-running gives the
   same ids and new data extends donors without renumbering them; a donor with
   no predecessor gets ``D`` + 12 hex digits of md5 of its smallest receipt key.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import pyarrow as pa

from fecscreen.donors import model as M
from fecscreen.donors.clean import cleaned_sql, install_nicknames, nickname_pairs, profile_id_sql
from fecscreen.donors.cluster import FirstNameRules, constrained_clusters
from fecscreen.donors.engine import LinkageEngine, get_engine
from fecscreen.store import Store

COMPARISONS = ("first_name", "last_name", "middle", "suffix", "place", "employer", "occupation")
# Pair-level vetoes: comparison -> (gamma of its "different" level, reason)
VETOES = {"first_name": "given name conflict", "suffix": "suffix conflict",
          "middle": "middle initial conflict"}


@dataclass
class ResolveSummary:
    receipts: int          # individual receipts given a donor_id
    profiles: int          # distinct cleaned records compared
    pairs_scored: int      # candidate pairs scored with weight >= 0
    links: int             # pairs used to join profiles
    refused: int           # pairs above the threshold kept apart by a household constraint
    donors: int
    new_donors: int        # donor ids that did not exist before this run
    trained: bool          # a new model was trained in this run
    seconds: float

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _scalar(store: Store, sql: str, params: list | None = None):
    rows = store.con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def _log(quiet: bool, msg: str) -> None:
    if not quiet:
        import click

        click.echo(msg, err=True)


def build_profiles(store: Store, source: str = "receipts") -> int:
    """Steps 1: temp tables donor_clean (per receipt) and donor_p (per profile)."""
    con = store.con
    install_nicknames(con)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE donor_clean AS SELECT *, {profile_id_sql()} AS profile_id "
        f"FROM ({cleaned_sql(source)}) WHERE last_name IS NOT NULL"
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE donor_p AS
        WITH p AS (
            SELECT profile_id, any_value(first_name) AS first_name, any_value(middle) AS middle,
                   any_value(last_name) AS last_name, any_value(suffix) AS suffix,
                   any_value(zip5) AS zip5, any_value(city) AS city, any_value(state) AS state,
                   any_value(street) AS street, any_value(employer) AS employer,
                   any_value(occupation) AS occupation, count(*) AS n_receipts
            FROM donor_clean GROUP BY profile_id
        ), alts AS (
            SELECT name, list(alt ORDER BY alt) AS first_alts FROM donor_nicknames GROUP BY name
        )
        SELECT p.*, coalesce(alts.first_alts, []::VARCHAR[]) AS first_alts,
               alts.name IS NOT NULL AS first_known
        FROM p LEFT JOIN alts ON alts.name = p.first_name
        """
    )
    return _scalar(store, "SELECT count(*) FROM donor_p")


def _stored_model(store: Store) -> dict | None:
    row = store.con.execute(
        "SELECT settings FROM donor_model ORDER BY trained_at DESC LIMIT 1"
    ).fetchall()
    return json.loads(row[0][0]) if row else None


def _edges_sql() -> str:
    cols = []
    for c in COMPARISONS:
        tf = f" + coalesce(mw_tf_adj_{c}, 0)" if c in ("first_name", "last_name", "employer") else ""
        cols.append(f"gamma_{c} AS g_{c}, round(mw_{c}{tf}, 3) AS w_{c}")
    return ", ".join(cols)


def link(store: Store, *, engine: LinkageEngine | None = None, retrain: bool = False,
         quiet: bool = True) -> dict:
    """Steps 1-3: profiles, scored pairs, constrained clusters. Writes donor_profiles,
    donor_receipt_profiles, donor_edges (and donor_model when it trains)."""
    con = store.con
    n_profiles = build_profiles(store)
    _log(quiet, f"{n_profiles:,} distinct cleaned records (profiles)")
    model = None if retrain else _stored_model(store)
    trained = False
    pairs = pa.table({})
    if n_profiles > 1:
        engine = engine or get_engine()
        columns = ", ".join(("profile_id AS unique_id",) + M.COLUMNS)
        profiles = con.sql(f"SELECT {columns} FROM donor_p").to_arrow_table()
        pairs, used_model = engine.score(profiles, model=model)
        trained = model is None
        model = used_model
    con.register("donor_pairs_arrow", pairs)
    if pairs.num_rows:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE donor_e AS
            SELECT unique_id_l AS profile_l, unique_id_r AS profile_r,
                   round(match_weight, 3) AS match_weight, match_probability, {_edges_sql()}
            FROM donor_pairs_arrow"""
        )
    else:
        cols = ", ".join(f"NULL::TINYINT AS g_{c}, NULL::DOUBLE AS w_{c}" for c in COMPARISONS)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE donor_e AS SELECT NULL::VARCHAR AS profile_l, "
            f"NULL::VARCHAR AS profile_r, NULL::DOUBLE AS match_weight, "
            f"NULL::DOUBLE AS match_probability, {cols} WHERE FALSE"
        )
    con.unregister("donor_pairs_arrow")
    del pairs
    _log(quiet, f"{_scalar(store, 'SELECT count(*) FROM donor_e'):,} candidate pairs scored")

    # Pair-level vetoes, then constrained clustering of what is left above the threshold.
    veto = " ".join(f"WHEN g_{c} = 0 THEN '{reason}'" for c, reason in VETOES.items())
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE donor_e2 AS
        SELECT *, CASE WHEN match_weight < {M.MATCH_WEIGHT_THRESHOLD} THEN 'below threshold'
                       {veto} END AS veto
        FROM donor_e"""
    )
    candidates = con.execute(
        "SELECT profile_l, profile_r, match_weight FROM donor_e2 WHERE veto IS NULL"
    ).fetchall()
    prof = {
        pid: (first, middle, suffix)
        for pid, first, middle, suffix in con.execute(
            """SELECT profile_id, first_name, middle, suffix FROM donor_p WHERE profile_id IN (
                   SELECT profile_l FROM donor_e2 WHERE veto IS NULL
                   UNION SELECT profile_r FROM donor_e2 WHERE veto IS NULL)"""
        ).fetchall()
    }
    known = {name for name, _ in nickname_pairs()}
    rules = FirstNameRules(nickname_pairs(), known)
    roots, refused = constrained_clusters(prof, candidates, rules)
    con.register("donor_roots_arrow", pa.table({"profile_id": list(roots),
                                                 "root": list(roots.values())}))
    con.register("donor_refused_arrow", pa.table({
        "profile_l": [r[0] for r in refused], "profile_r": [r[1] for r in refused],
        "reason": [r[2] for r in refused]}, schema=pa.schema(
            [("profile_l", pa.string()), ("profile_r", pa.string()), ("reason", pa.string())])))
    with store.transaction():
        if trained:
            con.execute("DELETE FROM donor_model")
            con.execute(
                "INSERT INTO donor_model (model_id, n_profiles, settings) VALUES (?, ?, ?)",
                [f"M{int(time.time())}", n_profiles, json.dumps(model)],
            )
        con.execute("DELETE FROM donor_profiles")
        con.execute(
            """INSERT INTO donor_profiles BY NAME
               SELECT p.profile_id, first_name, middle, last_name, suffix, zip5, city, state,
                      street, employer, occupation, n_receipts,
                      coalesce(r.root, p.profile_id) AS cluster_key
               FROM donor_p p LEFT JOIN donor_roots_arrow r USING (profile_id)"""
        )
        con.execute("DELETE FROM donor_receipt_profiles")
        con.execute(
            "INSERT INTO donor_receipt_profiles SELECT receipt_key, profile_id FROM donor_clean"
        )
        con.execute("DELETE FROM donor_edges")
        con.execute(
            """INSERT INTO donor_edges BY NAME
               SELECT e.* EXCLUDE (veto),
                      (e.veto IS NULL AND rf.reason IS NULL) AS linked,
                      coalesce(e.veto, rf.reason) AS reason
               FROM donor_e2 e LEFT JOIN donor_refused_arrow rf
                 ON rf.profile_l = e.profile_l AND rf.profile_r = e.profile_r"""
        )
    con.unregister("donor_roots_arrow")
    con.unregister("donor_refused_arrow")
    for t in ("donor_e", "donor_e2", "donor_clean", "donor_p"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    n_edges = _scalar(store, "SELECT count(*) FROM donor_edges")
    n_linked = _scalar(store, "SELECT count(*) FROM donor_edges WHERE linked")
    return {"profiles": n_profiles, "pairs_scored": n_edges, "links": n_linked,
            "refused": len(refused), "trained": trained}


def assign_ids(store: Store) -> tuple[int, int]:
    """Steps 4-5: overrides, then stable donor ids. Rewrites donor_links.

    Returns (donors, new donors).
    """
    con = store.con
    con.execute(
        """CREATE OR REPLACE TEMP TABLE donor_a AS
           SELECT rp.receipt_key, p.cluster_key AS ckey
           FROM donor_receipt_profiles rp JOIN donor_profiles p USING (profile_id)"""
    )
    for oid, action, keys in con.execute(
        "SELECT override_id, action, receipt_keys FROM donor_overrides ORDER BY override_id"
    ).fetchall():
        keys = list(keys or [])
        if action == "split":
            con.execute("UPDATE donor_a SET ckey = ? WHERE list_contains(?, receipt_key)",
                        [f"S{oid}", keys])
        elif action == "merge":
            ckeys = [r[0] for r in con.execute(
                "SELECT DISTINCT ckey FROM donor_a WHERE list_contains(?, receipt_key)", [keys]
            ).fetchall()]
            if len(ckeys) > 1:
                con.execute("UPDATE donor_a SET ckey = ? WHERE list_contains(?, ckey)",
                            [min(ckeys), ckeys])
    con.execute(
        """CREATE OR REPLACE TEMP TABLE donor_ov AS
           SELECT a.ckey, l.donor_id AS prev, count(*) AS n
           FROM donor_a a JOIN donor_links l USING (receipt_key) GROUP BY ALL"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE donor_keep AS
           WITH ranked AS (
               SELECT ckey, prev, n,
                      row_number() OVER (PARTITION BY ckey ORDER BY n DESC, prev) AS rc,
                      row_number() OVER (PARTITION BY prev ORDER BY n DESC, ckey) AS rp
               FROM donor_ov)
           SELECT ckey, prev AS donor_id FROM ranked WHERE rc = 1 AND rp = 1"""
    )
    # New donors: D + md5 of the smallest receipt key; re-hash on the rare collision.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE donor_new AS
           SELECT ckey, min(receipt_key) AS min_key FROM donor_a
           WHERE ckey NOT IN (SELECT ckey FROM donor_keep) GROUP BY ckey"""
    )
    used = {r[0] for r in con.execute("SELECT donor_id FROM donor_keep").fetchall()}
    import hashlib

    rows = con.execute("SELECT ckey, min_key FROM donor_new ORDER BY min_key").fetchall()
    new_ids = []
    for ckey, min_key in rows:
        salt, did = 0, None
        while did is None or did in used:
            text = min_key if salt == 0 else f"{min_key}:{salt}"
            did = "D" + hashlib.md5(text.encode()).hexdigest()[:12].upper()
            salt += 1
        used.add(did)
        new_ids.append(did)
    con.register("donor_new_arrow", pa.table({"ckey": [r[0] for r in rows],
                                               "donor_id": new_ids},
                                              schema=pa.schema([("ckey", pa.string()),
                                                                ("donor_id", pa.string())])))
    with store.transaction():
        con.execute("DELETE FROM donor_links")
        con.execute(
            """INSERT INTO donor_links
               SELECT a.receipt_key, coalesce(k.donor_id, n.donor_id)
               FROM donor_a a LEFT JOIN donor_keep k USING (ckey)
               LEFT JOIN donor_new_arrow n USING (ckey)"""
        )
    con.unregister("donor_new_arrow")
    donors = _scalar(store, "SELECT count(DISTINCT donor_id) FROM donor_links")
    for t in ("donor_a", "donor_ov", "donor_keep", "donor_new"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return donors, len(new_ids)


def resolve(store: Store, *, quiet: bool = True, retrain: bool = False,
            engine: LinkageEngine | None = None) -> ResolveSummary:
    """Fill ``donor_links``: a stable donor_id for every individual receipt."""
    t0 = time.perf_counter()
    info = link(store, engine=engine, retrain=retrain, quiet=quiet)
    donors, new = assign_ids(store)
    receipts = _scalar(store, "SELECT count(*) FROM donor_links")
    secs = round(time.perf_counter() - t0, 3)
    store.con.execute(
        "INSERT INTO donor_runs (n_receipts, n_profiles, n_donors, n_new_donors, seconds) "
        "VALUES (?, ?, ?, ?, ?)", [receipts, info["profiles"], donors, new, secs]
    )
    return ResolveSummary(receipts=receipts, profiles=info["profiles"],
                          pairs_scored=info["pairs_scored"], links=info["links"],
                          refused=info["refused"], donors=donors, new_donors=new,
                          trained=info["trained"], seconds=secs)


__all__ = ["resolve", "ResolveSummary", "link", "assign_ids", "build_profiles", "COMPARISONS"]
