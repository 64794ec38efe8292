-- `screen_receipts` is worked out once per run (a temporary table), so the rules
-- that scan all of it scan plain columns. The costly step, normalising names into
-- donor keys, runs once per distinct (donor_id, name, postal code) in
-- `screen_donors`, joined by a hash.
-- `donor_key` is a 64-bit hash of coalesce(donor_id, name key); `name_key` the
-- hash of the name key alone (refund lines have no donor_id, so refunds are
-- matched on either).
-- needs: nothing
CREATE OR REPLACE TEMP TABLE screen_donors AS
SELECT raw_h,
       {{ d.hash64('nk') }} AS name_key,
       {{ d.hash64('coalesce(donor_id, nk)') }} AS donor_key
FROM (
    SELECT raw_h, donor_id, {{ donor_key('NULL', 'name', 'NULL', 'NULL', 'zip') }} AS nk
    FROM (
        SELECT raw_h, min(donor_id) AS donor_id, min(name) AS name, min(zip) AS zip
        FROM (SELECT {{ raw_donor }} AS raw_h, b.donor_id, b.name, b.zip
              FROM receipts_current b
              {% if committee %}WHERE b.committee_id = {{ sql_str(committee) }}{% endif %}) x
        GROUP BY raw_h
    ) y
) z
