"""The exact name+ZIP5 donor key, the baseline donor resolution is measured against.

It is the key the screening rules fall back on where ``donor_id`` is null
(``fecscreen.sql.keys.donor_key_sql``): last name, first word of the first
name, generational suffix and ZIP5, as filed. Taken from there so the comparison is with what the
rules really use.
"""

from __future__ import annotations

from fecscreen.sql.keys import donor_key_sql


def exact_key_sql(name: str = "name", zip_code: str = "zip") -> str:
    """SQL for the exact key of a ``receipts`` row (ignores donor_id), built from the
    filed name and ZIP as the rules build it."""
    return donor_key_sql("CAST(NULL AS VARCHAR)", name, "NULL", "NULL", zip_code)


__all__ = ["exact_key_sql"]
