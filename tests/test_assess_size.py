"""Size: a matter is assessed without evaluating it again for every settled fact, and a
matter too large to assess is refused with a clear error, not left running."""

from __future__ import annotations

import time

import pytest
import yaml
from click.testing import CliRunner

from fecscreen.assess import assess, parse_matter
from fecscreen.assess.worlds import MAX_WORK, Worlds, check_size, planned_shares
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


def groups(n_acts: int, n_groups: int) -> dict:
    """n_acts activities, every payer, amount and citizenship unknown, by a few groups."""
    parties = [{"id": "fp", "name": "FP", "kind": "foreign-party"},
               {"id": "c", "name": "C", "kind": "committee", "roles": ["respondent"]}]
    parties += [{"id": f"g{i}", "name": f"G{i}", "kind": "group"} for i in range(n_groups)]
    kinds = ("travel", "lodging", "per-diem")
    acts = [{"id": f"a{j}", "kind": kinds[j % 3], "by": f"g{j % n_groups}", "for": "c"}
            for j in range(n_acts)]
    return {"version": 1, "title": "t", "parties": parties, "activities": acts}


def test_work_counts_evaluations():
    m = parse_matter(volunteers(4))
    w = Worlds(m)
    # as given: 4 characterisations; 4 travels x 5 possible sources x 2 provisions;
    # the committee's 4 x 2 receipts
    assert planned_shares(m) == 4 + 40 + 8 == len(w.chars) + len(w.shares)
    assert w.work() == 52 + sum(len(m.fact_domain(f)) * len(r) for f, r in w.readers.items())
    assert w.work() == 732


def test_settling_a_fact_reevaluates_only_what_read_it():
    m = parse_matter(volunteers(4))
    w = Worlds(m)
    world = w.settle(("party", "v0", "citizenship"), ("US",))
    # v0's own rows and the activities v0 may have paid for; not the other volunteers'
    assert set(world.rows) == {("v0", "30121a1"), ("v0", "110.20b"), ("c", "30121a2"),
                               ("c", "110.20g")}
    assert world.rows[("v0", "30121a1")].value.value == "false"
    world = w.settle(("activity", "t1", "paid_by"), "fp")
    # t1 now counts only for its traveller and fp: the others' shares of it are gone
    assert ("v2", "30121a1") in world.rows and world.rows[("v2", "30121a1")].value.value \
        == "unknown"
    assert set(world.chars) == {"t1"} and world.chars["t1"].value.value == "true"


def test_thousand_activities_every_payer_unknown_assessed():
    m = parse_matter(groups(1000, 3))
    t = time.process_time()
    a = assess(m)
    assert time.process_time() - t < 20  # some 5 s; see docs/benchmarks.md
    assert len(a.characterisations) == 1000
    assert a.conclusion("c", "110.20g").label.startswith("depends on")
    assert a.decisive  # decisive unknowns, most decisive first
    assert [d.score for d in a.decisive] == sorted((d.score for d in a.decisive),
                                                   reverse=True)


def test_thousand_volunteers_refused_quickly():
    # every volunteer may have paid for every other's travel: a million alternatives
    m = parse_matter(volunteers(1000), source="big.yaml")
    t = time.perf_counter()
    with pytest.raises(ConfigError) as e:
        assess(m)
    assert time.perf_counter() - t < 10
    assert e.value.where == "big.yaml"
    assert "1000 activities with 7000 unknown facts" in e.value.message
    assert f"the limit is {MAX_WORK:,}" in e.value.message
    assert "settle some unknown facts" in e.value.hint


def test_limit_is_a_parameter():
    m = parse_matter(volunteers(4))
    check_size(m, 732, limit=732)  # at the limit: accepted
    with pytest.raises(ConfigError):
        check_size(m, 733, limit=732)
    assert assess(m, limit=732).conclusions
    with pytest.raises(ConfigError, match="size 732 evaluations"):
        assess(m, limit=731)


def test_cli_exit_2(tmp_path):
    f = tmp_path / "big.yaml"
    f.write_text(yaml.safe_dump(volunteers(1000)), encoding="utf-8")
    r = CliRunner().invoke(main, ["assess", str(f)])
    assert r.exit_code == 2
    assert "matter too large to assess" in r.output and "Traceback" not in r.output
