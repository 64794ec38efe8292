"""A generated store and tokens for the service tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from fecscreen import open_store
from fecscreen.ingest import load_paths
from fecscreen.rules import run_check
from fecscreen.synth.generate import generate
from fecscreen.tokens import create_token

_BUILT: dict[str, Path] = {}


def generated_store(tmp_root: Path) -> Path:
    """A database of generated filings and bulk rows, checked once (built once per session)."""
    if "db" not in _BUILT:
        out = tmp_root / "generated"
        g = generate(out / "files", seed=7, scale=0.2)
        db = out / "base.duckdb"
        with open_store(db) as store:
            load_paths(store, [str(p) for p in g.filings + g.bulk])
            run_check(store)
        _BUILT["db"] = db
    return _BUILT["db"]


def fresh_copy(tmp_root: Path, target: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the generated store with one token per role: (path, role -> token)."""
    shutil.copy(generated_store(tmp_root), target)
    with open_store(target) as store:
        tokens = {role: create_token(store, f"{role}-1", role) for role in ("read", "intake", "reviewer")}
    return target, tokens


def candidate_committee(store) -> str:
    return store.scalar("SELECT committee_id FROM receipts_current WHERE committee_id IN "
                        "(SELECT committee_id FROM filings WHERE form_type LIKE 'F3%' AND form_type NOT LIKE 'F3X%') "
                        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
