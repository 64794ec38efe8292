"""Linkage: profiles, scored pairs, constrained clusters (steps 1-3 of ``resolve``).

1. clean every individual receipt (:mod:`fecscreen.donors.clean`) and collapse
   identical cleaned records into profiles;
2. score candidate pairs of profiles with Splink on DuckDB
   (:mod:`fecscreen.donors.scoring`); the trained model is stored in
   ``donor_model`` and reused, so a re-run scores the same pairs the same way;
3. cluster pairs at the threshold with household constraints (Python,
   :mod:`fecscreen.donors.cluster`).

Steps 4-5 (overrides and stable donor ids) are in :mod:`fecscreen.donors.stable_ids`.
"""

from __future__ import annotations

import json
import time

import pyarrow as pa

from fecscreen.donors import model as M
from fecscreen.donors.clean import (
    PROFILE_FIELDS,
    cleaned_sql,
    install_nicknames,
    nickname_pairs,
    profile_id_sql,
)
from fecscreen.donors.cluster import (
    Clustering,
    FirstNameRules,
    components,
    constrained_rebuild,
    inconsistent,
)
from fecscreen.donors.scoring import LinkageEngine, default_model, get_engine
from fecscreen.store import Store

COMPARISONS = ("first_name", "last_name", "middle", "suffix", "place", "employer", "occupation")
# Training needs this many pairs of profiles that agree on first name, last name and
# ZIP5 (near-certain matches); with fewer, the packaged model is used instead. It was
# trained on the generated labelled benchmark (bench/bench_linkage_accuracy.py).
MIN_SURE_PAIRS_TO_TRAIN = 2_000

# A record's job for the suffix constraint (see cluster.py): the first word of its
# employer, or its occupation where it names no employer.
JOB_SQL = ("coalesce('E:' || split_part(p.employer, ' ', 1), 'O:' || p.occupation)")

# Pair-level vetoes: a comparison at its "different" level (gamma 0) keeps a pair apart.
VETOES = {"first_name": "given name conflict", "last_name": "surname differs",
          "suffix": "suffix conflict", "middle": "middle initial conflict"}


# When the present resolve run began (for the step timings of log_step).
CLOCK = [time.perf_counter()]


def log_step(quiet: bool, msg: str) -> None:
    if not quiet:
        import click

        now = time.perf_counter()
        click.echo(f"[{now - CLOCK[0]:7.2f} s] {msg}", err=True)


def build_profiles(store: Store) -> int:
    """Step 1: temp tables donor_clean (per receipt) and donor_p (per profile), from
    every receipt (the receipts union, read without its donor_id join)."""
    from fecscreen.store.views import receipts_parts_sql

    con = store.con
    source = f"({receipts_parts_sql()})"
    install_nicknames(con)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE donor_clean AS SELECT *, "
        f"hash({', '.join(PROFILE_FIELDS)}) AS hkey "
        f"FROM ({cleaned_sql(source)}) WHERE last_name IS NOT NULL"
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE donor_g AS
        WITH g AS (
            SELECT hkey, any_value(first_name) AS first_name, any_value(middle) AS middle,
                   any_value(middle_name) AS middle_name,
                   any_value(last_name) AS last_name, any_value(suffix) AS suffix,
                   any_value(zip5) AS zip5, any_value(zip4) AS zip4,
                   any_value(zip5) || any_value(zip4) AS zip9,
                   any_value(city) AS city, any_value(state) AS state,
                   any_value(street) AS street, any_value(employer) AS employer,
                   any_value(occupation) AS occupation, count(*) AS n_receipts,
                   min(date) AS first_date, max(date) AS last_date
            FROM donor_clean GROUP BY hkey)
        SELECT {profile_id_sql('g')} AS profile_id, g.* FROM g"""
    )
    # Nodes are numbered in profile_id order from the ids alone: a window that sorts
    # whole rows (nickname lists and all) is by far the slowest step at ten million.
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE donor_p AS
        WITH n AS (
            SELECT profile_id, row_number() OVER (ORDER BY profile_id) - 1 AS node
            FROM donor_g
        ), alts AS (
            SELECT name, list(alt ORDER BY alt) AS first_alts FROM donor_nicknames GROUP BY name)
        SELECT n.node, g.* EXCLUDE (hkey), coalesce(alts.first_alts, []::VARCHAR[]) AS first_alts,
               alts.name IS NOT NULL AS first_known
        FROM donor_g g JOIN n USING (profile_id) LEFT JOIN alts ON alts.name = g.first_name"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE donor_rmap AS
           SELECT c.receipt_key, g.profile_id FROM donor_clean c JOIN donor_g g USING (hkey)"""
    )
    con.execute("DROP TABLE donor_clean")
    con.execute("DROP TABLE donor_g")
    return store.scalar("SELECT count(*) FROM donor_p")


# Profiles in the data the packaged model was trained on (for scaling its prior).
DEFAULT_MODEL_PROFILES = 27_672


def stored_model(store: Store) -> tuple[dict, int] | None:
    row = store.con.execute(
        "SELECT settings, n_profiles FROM donor_model ORDER BY trained_at DESC LIMIT 1"
    ).fetchall()
    return (json.loads(row[0][0]), int(row[0][1])) if row else None


def _edges_sql(columns: list[str]) -> str:
    cols = []
    for c in COMPARISONS:
        tf = f" + coalesce(mw_tf_adj_{c}, 0)" if f"mw_tf_adj_{c}" in columns else ""
        cols.append(f"gamma_{c} AS g_{c}, round(mw_{c}{tf}, 3) AS w_{c}")
    return ", ".join(cols)


def _cluster(store: Store, n_nodes: int, left: list[int], right: list[int]) -> Clustering:
    """Components of the candidate pairs, then the inconsistent ones rebuilt with the
    household constraints (see :mod:`fecscreen.donors.cluster`)."""
    con = store.con
    roots, joined = components(n_nodes, left, right)
    con.register("donor_roots0_arrow", pa.table({
        "node": pa.array(range(n_nodes), pa.int64()), "root": pa.array(roots, pa.int64())}))
    # Components that may break a constraint (cheap test in SQL); Python confirms.
    suspects = con.execute(
        f"""WITH n AS (
               SELECT r.root, r.node, p.first_name, p.middle, p.suffix, p.first_known,
                      p.zip5 || ':' || p.zip4 AS place, p.middle_name, {JOB_SQL} AS job,
                      split_part(p.employer, ' ', 1) AS ekey, p.occupation,
                      p.first_date, p.last_date
               FROM donor_roots0_arrow r JOIN donor_p p USING (node)),
           m AS (
               SELECT * FROM n WHERE root <> node
               UNION ALL
               SELECT * FROM n WHERE root = node AND node IN (
                   SELECT root FROM donor_roots0_arrow WHERE root <> node)),
           spans AS (  -- each job's first and last receipt, per component
               SELECT root, ekey, occupation, min(first_date) AS lo, max(last_date) AS hi
               FROM m WHERE occupation IS NOT NULL GROUP BY ALL),
           s AS (
               SELECT DISTINCT a.root FROM spans a JOIN spans b
                 ON a.root = b.root AND a.occupation < b.occupation
                AND NOT coalesce(a.ekey = b.ekey, false) AND a.lo < b.hi AND b.lo < a.hi
               UNION
               SELECT root FROM m GROUP BY root
               HAVING count(DISTINCT suffix) > 1 OR count(DISTINCT middle) > 1
                   OR count(DISTINCT middle_name) > 1
                   OR (count(suffix) > 0 AND count(*) FILTER (
                           WHERE suffix IS NULL AND job IS NOT NULL) > 0)
                   OR count(DISTINCT place) > count(DISTINCT left(place, 5))
                   OR count(DISTINCT first_name) FILTER (
                          WHERE length(first_name) > 1 AND first_known) > 1)
           SELECT m.node, m.root, m.first_name, m.middle, m.suffix, m.place, m.middle_name,
                  m.job, m.ekey, m.occupation, m.first_date, m.last_date
           FROM m JOIN s USING (root) ORDER BY m.node"""
    ).fetchall()
    con.unregister("donor_roots0_arrow")
    known = {name for name, _ in nickname_pairs()}
    rules = FirstNameRules(nickname_pairs(), known)
    groups: dict[int, list] = {}
    for node, root, *member in suspects:
        groups.setdefault(root, []).append(tuple(member))
    bad = inconsistent(groups, rules)
    if not bad:
        return Clustering(roots, joined, [])
    attrs = {node: tuple(member) for node, root, *member in suspects if root in bad}
    edges = [(i, a, right[i]) for i, a in enumerate(left) if roots[a] in bad]
    rebuilt = constrained_rebuild(attrs, edges, rules)
    keep = [i for i in joined if roots[left[i]] not in bad]
    for k in range(0, len(rebuilt.root), 2):
        roots[rebuilt.root[k]] = rebuilt.root[k + 1]
    return Clustering(roots, sorted(keep + rebuilt.joined), rebuilt.refused)


def link(store: Store, *, engine: LinkageEngine | None = None, retrain: bool = False,
         quiet: bool = True) -> dict:
    """Steps 1-3: profiles, scored pairs, constrained clusters. Writes donor_profiles,
    donor_edges (and donor_model when it trains)."""
    con = store.con
    n_profiles = build_profiles(store)
    log_step(quiet, f"{n_profiles:,} distinct cleaned records (profiles)")
    stored = None if retrain else stored_model(store)
    model, prior = None, None
    if stored is None:
        sure = store.scalar("""SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM (
            SELECT count(*) AS n FROM donor_p GROUP BY first_name, last_name, zip5)""")
        if sure < MIN_SURE_PAIRS_TO_TRAIN:
            stored = (default_model(), DEFAULT_MODEL_PROFILES)
            log_step(quiet, f"only {sure:,} near-certain pairs to learn from: using the packaged model")
    if stored is not None:
        model = stored[0]
        prior = M.scaled_prior(float(model["probability_two_random_records_match"]),
                               stored[1], n_profiles)
    trained = False
    pairs = pa.table({})
    if n_profiles > 1:
        engine = engine or get_engine()
        columns = ", ".join(("node AS unique_id",) + M.COLUMNS)
        profiles = con.sql(f"SELECT {columns} FROM donor_p").to_arrow_table()
        trained = model is None
        pairs, model = engine.score(profiles, model=model, prior=prior)
        del profiles
    log_step(quiet, f"{pairs.num_rows:,} pairs scored at or above {M.MATCH_WEIGHT_THRESHOLD} bits")

    # Pairs no single comparison vetoed are candidates, numbered strongest first.
    veto = " ".join(f"WHEN g_{c} = 0 THEN '{reason}'" for c, reason in VETOES.items())
    if pairs.num_rows:
        con.register("donor_pairs_arrow", pairs)
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE donor_e AS
            WITH e AS (
                SELECT *, CASE {veto} END AS veto FROM (
                    SELECT CAST(unique_id_l AS BIGINT) AS node_l,
                           CAST(unique_id_r AS BIGINT) AS node_r,
                           round(match_weight, 3) AS match_weight, match_probability,
                           {_edges_sql(pairs.column_names)}
                    FROM donor_pairs_arrow))
            SELECT *, CASE WHEN veto IS NULL THEN row_number() OVER (
                       PARTITION BY veto IS NULL ORDER BY match_weight DESC, node_l, node_r) - 1
                   END AS idx
            FROM e"""
        )
        con.unregister("donor_pairs_arrow")
    else:
        cols = ", ".join(f"NULL::TINYINT AS g_{c}, NULL::DOUBLE AS w_{c}" for c in COMPARISONS)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE donor_e AS SELECT NULL::BIGINT AS node_l, "
            "NULL::BIGINT AS node_r, NULL::DOUBLE AS match_weight, "
            f"NULL::DOUBLE AS match_probability, {cols}, NULL::VARCHAR AS veto, "
            "NULL::BIGINT AS idx WHERE FALSE"
        )
    del pairs
    edges_t = con.sql(
        "SELECT node_l, node_r FROM donor_e WHERE idx IS NOT NULL ORDER BY idx"
    ).to_arrow_table()
    left, right = edges_t.column(0).to_pylist(), edges_t.column(1).to_pylist()
    del edges_t
    log_step(quiet, f"clustering {len(left):,} pairs")
    result = _cluster(store, n_profiles, left, right)
    del left, right
    log_step(quiet, f"{len(result.refused):,} pairs kept apart by household constraints")
    con.register("donor_roots_arrow", pa.table({
        "node": pa.array(range(len(result.root)), pa.int64()),
        "root": pa.array(result.root, pa.int64())}))
    con.register("donor_joined_arrow", pa.table({"idx": pa.array(result.joined, pa.int64())}))
    con.register("donor_refused_arrow", pa.table({
        "idx": pa.array([r[0] for r in result.refused], pa.int64()),
        "reason": pa.array([r[1] for r in result.refused], pa.string())}))
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
               SELECT p.profile_id, p.first_name, p.middle, p.last_name, p.suffix, p.zip5,
                      p.city, p.state, p.street, p.employer, p.occupation, p.n_receipts,
                      rp.profile_id AS cluster_key
               FROM donor_p p JOIN donor_roots_arrow r USING (node)
               JOIN donor_p rp ON rp.node = r.root"""
        )
        con.execute("DELETE FROM donor_edges")
        con.execute(
            """INSERT INTO donor_edges BY NAME
               WITH kept AS (
                   SELECT e.* EXCLUDE (veto, idx), j.idx IS NOT NULL AS linked,
                          coalesce(e.veto, rf.reason) AS reason
                   FROM donor_e e
                   LEFT JOIN donor_joined_arrow j ON j.idx = e.idx
                   LEFT JOIN donor_refused_arrow rf ON rf.idx = e.idx
                   WHERE j.idx IS NOT NULL OR rf.idx IS NOT NULL OR e.veto IS NOT NULL)
               SELECT pl.profile_id AS profile_l, pr.profile_id AS profile_r,
                      kept.* EXCLUDE (node_l, node_r)
               FROM kept JOIN donor_p pl ON pl.node = kept.node_l
               JOIN donor_p pr ON pr.node = kept.node_r"""
        )
    for name in ("donor_roots_arrow", "donor_joined_arrow", "donor_refused_arrow"):
        con.unregister(name)
    log_step(quiet, "linkage tables written")
    for t in ("donor_e", "donor_p"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    n_edges = store.scalar("SELECT count(*) FROM donor_edges")
    return {"profiles": n_profiles, "pairs_scored": n_edges, "links": len(result.joined),
            "refused": len(result.refused), "trained": trained}


__all__ = ["link", "build_profiles", "stored_model", "COMPARISONS"]
