"""A matter too large to assess is refused with a clear error, not left running."""

from __future__ import annotations

import time

import pytest
import yaml
from click.testing import CliRunner

from fecscreen.assess import assess, parse_matter
from fecscreen.assess.engine import MAX_WORK, check_size, work
from fecscreen.cli import main
from fecscreen.errors import ConfigError


def volunteers(n: int) -> dict:
    parties = [{"id": "fp", "name": "FP", "kind": "foreign-party"},
               {"id": "c", "name": "C", "kind": "committee", "roles": ["respondent"]}]
    acts = []
    for i in range(n):
        parties.append({"id": f"v{i}", "name": f"V{i}", "kind": "individual"})
        acts.append({"id": f"t{i}", "kind": "travel", "by": f"v{i}", "for": "c"})
    return {"version": 1, "title": "t", "parties": parties, "activities": acts}


def test_work_counts_activities_times_unknown_values():
    m = parse_matter(volunteers(4))
    assert work(m) == 4 * sum(len(m.fact_domain(f)) for f in m.unknown_facts())
    assert work(m) == 288


def test_thousand_unknown_payers_refused_quickly():
    m = parse_matter(volunteers(1000), source="big.yaml")
    t = time.perf_counter()
    with pytest.raises(ConfigError) as e:
        assess(m)
    assert time.perf_counter() - t < 5
    assert e.value.where == "big.yaml"
    assert "1000 activities with 7000 unknown facts" in e.value.message
    assert f"the limit is {MAX_WORK:,}" in e.value.message
    assert "settle some unknown facts" in e.value.hint


def test_limit_is_a_parameter():
    m = parse_matter(volunteers(4))
    check_size(m, limit=288)  # at the limit: accepted
    with pytest.raises(ConfigError):
        check_size(m, limit=287)


def test_cli_exit_2(tmp_path):
    f = tmp_path / "big.yaml"
    f.write_text(yaml.safe_dump(volunteers(200)), encoding="utf-8")
    r = CliRunner().invoke(main, ["assess", str(f)])
    assert r.exit_code == 2
    assert "matter too large to assess" in r.output and "Traceback" not in r.output
