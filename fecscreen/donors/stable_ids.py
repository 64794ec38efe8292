"""Stable donor ids (steps 4-5 of ``resolve``).

4. apply manual overrides (``donor_overrides``) in the order they were made;
5. name each donor: a donor keeps the id of the previous donor it overlaps most
   (and that overlaps it most), so re-running gives the same ids and new data
   extends donors without renumbering them; a donor with no predecessor gets
   ``D`` + 12 hex digits of md5 of its smallest receipt key.
"""

from __future__ import annotations

import hashlib

from fecscreen.store import Store


def assign_ids(store: Store, receipt_profiles: str = "donor_links") -> tuple[int, int]:
    """Steps 4-5: overrides, then stable donor ids. Rewrites donor_links.

    ``receipt_profiles`` is the relation of (receipt_key, profile_id): the fresh
    map after linkage, or donor_links itself when only overrides changed.
    Returns (donors, new donors).
    """
    con = store.con
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE donor_a AS
           SELECT rp.receipt_key, rp.profile_id, p.cluster_key AS ckey
           FROM {receipt_profiles} rp JOIN donor_profiles p USING (profile_id)"""
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
    # The id of each new donor in SQL; only the rare collisions (with a kept id or
    # another new one) are re-hashed one by one.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE donor_new_ids AS
           SELECT ckey, min_key, 'D' || upper(left(md5(min_key), 12)) AS donor_id FROM donor_new"""
    )
    clashes = con.execute(
        """SELECT ckey, min_key FROM (
               SELECT ckey, min_key, donor_id,
                      row_number() OVER (PARTITION BY donor_id ORDER BY min_key) AS k
               FROM donor_new_ids)
           WHERE k > 1 OR donor_id IN (SELECT donor_id FROM donor_keep) ORDER BY min_key"""
    ).fetchall()
    if clashes:
        used = {r[0] for r in con.execute(
            "SELECT donor_id FROM donor_keep UNION SELECT donor_id FROM donor_new_ids "
            "WHERE ckey NOT IN (SELECT unnest(?))", [[c for c, _ in clashes]]).fetchall()}
        for ckey, min_key in clashes:
            salt, did = 1, None
            while did is None or did in used:
                did = "D" + hashlib.md5(f"{min_key}:{salt}".encode()).hexdigest()[:12].upper()
                salt += 1
            used.add(did)
            con.execute("UPDATE donor_new_ids SET donor_id = ? WHERE ckey = ?", [did, ckey])
    new_count = store.scalar("SELECT count(*) FROM donor_new_ids")
    with store.transaction():
        con.execute("DELETE FROM donor_links")
        con.execute(
            """INSERT INTO donor_links (receipt_key, donor_id, profile_id)
               SELECT a.receipt_key, coalesce(k.donor_id, n.donor_id), a.profile_id
               FROM donor_a a LEFT JOIN donor_keep k USING (ckey)
               LEFT JOIN donor_new_ids n USING (ckey)"""
        )
    donors = store.scalar("SELECT count(DISTINCT donor_id) FROM donor_links")
    for t in ("donor_a", "donor_ov", "donor_keep", "donor_new", "donor_new_ids"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return donors, new_count


__all__ = ["assign_ids"]
