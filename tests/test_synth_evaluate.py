"""Loading the generated sample and scoring findings against its labels."""

from __future__ import annotations

import csv
import json

import pytest

from fecscreen.errors import InputError, StoreError
from fecscreen.ingest import load_paths
from fecscreen.store import open_store
from fecscreen.synth import evaluate, format_scores, generate
from fecscreen.synth.evaluate import donor_accuracy


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth_eval")
    gen = generate(root / "data", seed=11)
    store = open_store(root / "db.duckdb")
    summary = load_paths(store, [str(p) for p in gen.filings], cycle=gen.cycle)
    assert all(f.status == "loaded" for f in summary.files)
    yield gen, store
    store.con.close()


def _labels(gen, source=None):
    with gen.labels.open(newline="") as fh:
        return [r for r in csv.DictReader(fh) if source is None or r["source"] == source]


def test_filings_load_with_the_ingest_loader(loaded):
    gen, store = loaded
    assert store.scalar("SELECT count(*) FROM filings") == len(gen.filings)
    assert store.scalar("SELECT count(*) FROM load_issues") == 0
    # the PAC's amended report supersedes the original
    rows = store.query("SELECT form_type, superseded, amends_filing_id FROM filings "
                       "WHERE committee_id = 'C99000055' AND report_type = 'Q2' "
                       "AND coverage_from = DATE '2024-04-01' ORDER BY form_type")
    assert [(r[0], r[1]) for r in rows] == [("F3XA", False),
                                            ("F3XN", True)]


def test_filing_labels_name_current_receipts(loaded):
    gen, store = loaded
    labels = _labels(gen, "filing")
    pages = [r for r in labels if not r["transaction_id"]]   # summary pages (RP006, RP007)
    labels = [r for r in labels if r["transaction_id"]]
    assert len(labels) > 20
    keys = [[r["filing_id"], r["transaction_id"]] for r in labels]
    found = store.scalar(
        "SELECT count(*) FROM receipts_current r JOIN (SELECT unnest(?) AS k) "
        "ON r.filing_id = k[1] AND r.transaction_id = k[2]", [keys])
    assert found == len(labels)
    assert sorted(r["note"][-7:] for r in pages) == ["[RP006]"] * 3 + ["[RP007]"]
    current = store.scalar("SELECT count(*) FROM filings WHERE NOT superseded AND filing_id IN "
                           "(SELECT unnest(?))", [[r["filing_id"] for r in pages]])
    assert current == 4


def test_refund_lines_load_as_disbursements(loaded):
    _gen, store = loaded
    n = store.scalar("SELECT count(*) FROM disbursements WHERE form_type IN ('SB28A', 'SB20A')")
    assert n >= 5


def _add_run(store, run_id, findings):
    store.con.execute("INSERT INTO check_runs (run_id, started_at) VALUES (?, now())", [run_id])
    for i, (group, transactions, keys, severity) in enumerate(findings):
        store.con.execute(
            "INSERT INTO findings (run_id, finding_id, rule, rule_version, name, \"group\", "
            "severity, message, citations, transactions, receipt_keys) "
            "VALUES (?, ?, 'T001', '1', 'test.rule', ?, ?, 'm', '[]', ?, ?)",
            [run_id, f"f{i}", group, severity, json.dumps(transactions), keys])


def test_scores_count_hits_misses_and_false_findings(loaded):
    gen, store = loaded
    fn = [r for r in _labels(gen) if r["group"] == "foreign-national"]
    filing_fn = [r for r in fn if r["source"] == "filing"]
    bulk_fn = [r for r in fn if r["source"] == "bulk"]
    hit_tx = filing_fn[0]
    # the second filing label is named only by receipt key
    line = store.scalar("SELECT line_number FROM filing_receipts WHERE filing_id = ? AND "
                        "transaction_id = ?", [filing_fn[1]["filing_id"],
                                               filing_fn[1]["transaction_id"]])
    findings = [
        ("foreign-national", [{"filing_id": hit_tx["filing_id"],
                               "transaction_id": hit_tx["transaction_id"], "sub_id": None}],
         None, "high"),
        ("foreign-national", [], [f"F:{filing_fn[1]['filing_id']}:{line}"], "high"),
        ("foreign-national", [{"filing_id": None, "transaction_id": None,
                               "sub_id": int(bulk_fn[0]["sub_id"])}], None, "high"),
        # a finding about an unlabelled receipt
        ("foreign-national", [{"filing_id": "9100001", "transaction_id": "SA11AI.00001",
                               "sub_id": None}], None, "review"),
        # an info finding, left out on request
        ("excessive", [{"filing_id": "9100001", "transaction_id": "SA11AI.00002",
                        "sub_id": None}], None, "info"),
    ]
    _add_run(store, "run-a", findings)
    scores = evaluate(store, gen.labels, run_id="run-a", skip_severities=())
    s = scores["foreign-national"]
    assert (s.tp, s.fp, s.fn) == (3, 1, len(fn) - 3)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(3 / len(fn))
    assert len(s.missed) == len(fn) - 3 and len(s.false_findings) == 1
    assert scores["excessive"].fp == 1
    quiet = evaluate(store, gen.labels, run_id="run-a")   # info findings left out
    assert quiet["excessive"].n_findings == 0 and quiet["excessive"].precision == 1.0
    assert quiet["excessive"].recall == 0.0
    table = format_scores(scores)
    assert table.splitlines()[0].split() == ["group", "labels", "findings", "tp", "fp", "fn",
                                             "precision", "recall"]
    assert "foreign-national" in table and "0.750" in table


def test_latest_run_is_the_default(loaded):
    gen, store = loaded
    _add_run(store, "run-b", [])
    scores = evaluate(store, gen.labels)
    assert all(s.n_findings == 0 for s in scores.values())
    assert scores["excessive"].recall == 0.0


def test_evaluate_errors(tmp_path, loaded):
    gen, _store = loaded
    with open_store(tmp_path / "empty.duckdb") as empty:
        with pytest.raises(StoreError, match="no check run"):
            evaluate(empty, gen.labels)
        with pytest.raises(StoreError, match="no check run 'nope'"):
            evaluate(empty, gen.labels, run_id="nope")
        with pytest.raises(InputError, match="not found"):
            evaluate(empty, tmp_path / "missing.csv")
        bad = tmp_path / "bad.csv"
        bad.write_text("a,b\n1,2\n")
        with pytest.raises(InputError, match="expected columns"):
            evaluate(empty, bad)


def test_donor_accuracy_of_the_name_key(loaded):
    gen, store = loaded
    acc = donor_accuracy(store, gen.truth)
    assert list(acc) == ["name + ZIP5 key"]          # no donor_links: resolve has not run
    a = acc["name + ZIP5 key"]
    # nicknames, moves and ZIP changes split people: recall below 1
    assert 0.8 < a.recall < 1.0
    assert a.precision > 0.95
    assert a.true_pairs > 100
    with pytest.raises(InputError, match="truth file not found"):
        donor_accuracy(store, gen.truth.with_name("missing.csv"))
