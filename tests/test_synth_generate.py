"""The labelled sample generator: determinism, file formats, labels."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from fecscreen.errors import InputError
from fecscreen.synth import GROUPS, generate
from fecscreen.synth.generate import (
    CCL_COLUMNS,
    CM_COLUMNS,
    CN_COLUMNS,
    FS,
    ITCONT_COLUMNS,
    LABEL_COLUMNS,
)
from fecscreen.synth.layouts import F3, F3P, F3X, F6, F65, HDR, SA, SB
from fecscreen.synth.names import NICKNAMES, PersonGenerator, canonical_first_name

LAYOUT_BY_FORM = {"HDR": HDR, "F3N": F3, "F3P": F3P, "F3PN": F3P, "F3XN": F3X, "F3XA": F3X,
                  "F6N": F6, "F65": F65}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("synth") / "out", seed=7)


def _itcont(sample) -> list[list[str]]:
    path = next(p for p in sample.bulk if p.name == "itcont.txt")
    return [line.split("|") for line in path.read_text("ascii").splitlines()]


def _fec_lines(path: Path) -> list[list[str]]:
    # not splitlines(): Python treats the separator (ASCII 28) as a line break
    return [line.split(FS) for line in path.read_text("ascii").rstrip("\n").split("\n")]


def _labels(sample) -> list[dict]:
    with sample.labels.open(newline="") as fh:
        return list(csv.DictReader(fh))


def test_same_seed_same_bytes(tmp_path, sample):
    again = generate(tmp_path / "again", seed=7)
    ours = sorted(p.relative_to(sample.out_dir) for p in sample.out_dir.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(again.out_dir) for p in again.out_dir.rglob("*") if p.is_file())
    assert ours == theirs
    for rel in ours:
        assert (sample.out_dir / rel).read_bytes() == (again.out_dir / rel).read_bytes(), rel


def test_other_seed_other_data(tmp_path, sample):
    other = generate(tmp_path / "other", seed=8)
    assert (other.out_dir / "bulk" / "itcont.txt").read_bytes() != \
        (sample.out_dir / "bulk" / "itcont.txt").read_bytes()


def test_scale_grows_the_sample(tmp_path, sample):
    big = generate(tmp_path / "big", seed=7, scale=3)
    assert big.n_receipts > 2.5 * sample.n_receipts
    assert big.n_labels > sample.n_labels


def test_bad_scale_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="scale"):
        generate(tmp_path, scale=0)


def test_generated_describes_what_was_written(sample):
    assert sample.cycle == 2024
    assert {p.name for p in sample.bulk} == {"itcont.txt", "cm.txt", "cn.txt", "ccl.txt"}
    assert len(sample.filings) >= 20
    assert all(p.suffix == ".fec" and p.is_file() for p in sample.filings)
    assert sample.n_receipts > 1000


def test_bulk_files_have_the_fec_column_counts(sample):
    widths = {"itcont.txt": 21, "cm.txt": 15, "cn.txt": 15, "ccl.txt": 7}
    for path in sample.bulk:
        rows = [line.split("|") for line in path.read_text("ascii").splitlines()]
        assert rows, path
        assert {len(r) for r in rows} == {widths[path.name]}, path.name


def test_our_bulk_layouts_match_the_fec_header_files(fixtures_dir):
    # The FEC header files here carry an extra trailing "Election cycle" column.
    headers = fixtures_dir / "bulk" / "headers"
    for name, ours in (("indiv", ITCONT_COLUMNS), ("cm", CM_COLUMNS), ("cn", CN_COLUMNS),
                       ("ccl", CCL_COLUMNS)):
        cols = (headers / f"{name}_header_file.csv").read_text().strip().split("|")
        assert cols[-1] == "Election cycle"
        assert len(cols) - 1 == len(ours), name


def test_real_itcont_rows_have_our_width(fixtures_dir):
    sample_file = fixtures_dir / "bulk" / "indiv" / "itcont_sample_a.txt"
    first = sample_file.read_text(encoding="latin-1").splitlines()[0].split("|")
    assert len(first) == len(ITCONT_COLUMNS)


def test_itcont_values(sample):
    rows = _itcont(sample)
    col = {name: i for i, name in enumerate(ITCONT_COLUMNS)}
    sub_ids = [r[col["SUB_ID"]] for r in rows]
    assert len(sub_ids) == len(set(sub_ids))
    for r in rows:
        dt.datetime.strptime(r[col["TRANSACTION_DT"]], "%m%d%Y")
        # 31 and 32: a national party's headquarters and recount accounts
        assert r[col["TRANSACTION_TP"]] in {"15", "15E", "24T", "31", "32"}
        assert r[col["ENTITY_TP"]] in {"IND", "ORG", "PAC"}
        assert float(r[col["TRANSACTION_AMT"]]) > 0
        assert len(r[col["IMAGE_NUM"]]) == 18


def test_earmarks_appear_as_a_24t_row_and_the_recipients_record(sample):
    rows = _itcont(sample)
    col = {name: i for i, name in enumerate(ITCONT_COLUMNS)}
    conduit = [r for r in rows if r[col["TRANSACTION_TP"]] == "24T"]
    bulk_side = Counter(
        (r[col["CMTE_ID"]], r[col["OTHER_ID"]], r[col["NAME"]], r[col["TRANSACTION_DT"]])
        for r in rows if r[col["TRANSACTION_TP"]] == "15E")
    filing_side = Counter()
    for path in sample.filings:
        for f in _fec_lines(path):
            if f[0].startswith("SA") and f[SA.index("conduit_name")]:
                assert f[SA.index("conduit_name")] == "CLEARPATH CONDUIT"
                assert f[SA.index("memo_text_description")] == "EARMARKED THROUGH CLEARPATH CONDUIT"
                d = f[SA.index("contribution_date")]
                filing_side[(f[1], f[SA.index("contributor_last_name")], d[4:] + d[:4])] += 1
    assert len(conduit) >= 40 and filing_side
    to_filers = 0
    for r in conduit:
        assert r[col["CMTE_ID"]] == "C99000066"
        assert r[col["MEMO_TEXT"]].startswith("EARMARKED FOR")
        if r[col["OTHER_ID"]] == "C99000011":      # the House candidate files .fec reports
            to_filers += 1
            key = (r[col["OTHER_ID"]], r[col["NAME"]].split(",")[0], r[col["TRANSACTION_DT"]])
            assert filing_side[key] >= 1, key
        else:
            key = (r[col["OTHER_ID"]], r[col["CMTE_ID"]], r[col["NAME"]],
                   r[col["TRANSACTION_DT"]])
            assert bulk_side[key] >= 1, key
    assert to_filers == sum(filing_side.values())


def test_fec_lines_have_the_8_3_field_counts(sample):
    seen = Counter()
    for path in sample.filings:
        lines = _fec_lines(path)
        assert lines[0][:3] == ["HDR", "FEC", "8.3"]
        for fields in lines:
            form = fields[0]
            layout = SA if form.startswith("SA") else SB if form.startswith("SB") else \
                LAYOUT_BY_FORM[form]
            assert len(fields) == len(layout), (path.name, form)
            seen[form[:2] if form[:2] in ("SA", "SB") else form] += 1
    assert {"HDR", "F3N", "F3PN", "F3XN", "F3XA", "SA", "SB"} <= set(seen)
    assert len(SA) == 45 and len(SB) == 44 and len(HDR) == 8


def test_one_amendment_names_the_report_it_amends(sample):
    amended = []
    for path in sample.filings:
        lines = _fec_lines(path)
        if lines[1][0] == "F3XA":
            amended.append((path, lines[0]))
    assert len(amended) == 1
    path, hdr = amended[0]
    original_id = hdr[HDR.index("report_id")].removeprefix("FEC-")
    original = _fec_lines(path.with_name(f"{original_id}.fec"))
    assert original[1][0] == "F3XN"
    assert hdr[HDR.index("report_number")] == "1"
    assert len(_fec_lines(path)) == len(original) + 1   # the amendment adds one receipt


def test_refunds_point_at_their_receipt(sample):
    sa_ids = set()
    refs = []
    for path in sample.filings:
        for f in _fec_lines(path):
            if f[0].startswith("SA"):
                sa_ids.add(f[SA.index("transaction_id")])
            elif f[0] in ("SB28A", "SB20A"):
                refs.append(f[SB.index("back_reference_tran_id_number")])
    assert len(refs) >= 5
    assert set(refs) <= sa_ids


def test_every_group_has_labels(sample):
    labels = _labels(sample)
    assert tuple(labels[0].keys()) == LABEL_COLUMNS
    counts = Counter(r["group"] for r in labels)
    assert set(counts) == set(GROUPS)
    assert counts["foreign-national"] >= 10
    assert counts["excessive"] >= 10


def test_labels_point_to_real_rows(sample):
    rows = _itcont(sample)
    col = {name: i for i, name in enumerate(ITCONT_COLUMNS)}
    bulk = {r[col["SUB_ID"]]: r for r in rows}
    filing_rows = {}
    for path in sample.filings:
        for f in _fec_lines(path):
            if f[0].startswith("SA"):
                filing_rows[(path.stem, f[SA.index("transaction_id")])] = f
            elif f[0].startswith("F3"):   # a summary page is labelled with no transaction id
                filing_rows[(path.stem, "")] = f
    for label in _labels(sample):
        if label["source"] == "bulk":
            row = bulk[label["sub_id"]]
            assert row[col["TRAN_ID"]] == label["transaction_id"]
            assert row[col["FILE_NUM"]] == label["filing_id"]
        else:
            assert label["source"] == "filing" and label["sub_id"] == ""
            assert (label["filing_id"], label["transaction_id"]) in filing_rows, label


def test_foreign_labels_and_lookalikes(sample):
    rows = _itcont(sample)
    col = {name: i for i, name in enumerate(ITCONT_COLUMNS)}
    labelled = {r["sub_id"] for r in _labels(sample) if r["group"] == "foreign-national"}
    for r in rows:
        if r[col["STATE"]] == "ZZ":
            assert r[col["SUB_ID"]] in labelled
        if r[col["STATE"]] in {"AA", "AE", "AP", "PR", "GU", "VI", "AS", "MP", "DC"}:
            assert r[col["SUB_ID"]] not in labelled
    states = {r[col["STATE"]] for r in rows}
    for path in sample.filings:
        states |= {f[SA.index("contributor_state")] for f in _fec_lines(path)
                   if f[0].startswith("SA")}
    assert {"AA", "AE", "AP", "PR", "GU", "VI", "AS", "MP", "DC", "ZZ", ""} <= states


def test_excessive_label_is_the_crossing_gift(sample):
    # The first excessive case: $1,000 + $1,500 + $1,000 (crosses) + $500 (after).
    labels = [r for r in _labels(sample) if r["group"] == "excessive"
              and r["note"].startswith("crosses on the third gift")]
    assert len(labels) == 1
    after = [r for r in _labels(sample) if r["note"].startswith("given after")]
    assert len(after) == 1


def test_truth_names_a_person_for_each_individual_receipt(sample):
    with sample.truth.open(newline="") as fh:
        truth = list(csv.DictReader(fh))
    assert len(truth) > 0.9 * sample.n_receipts
    people = Counter(r["person_id"] for r in truth)
    assert max(people.values()) >= 30          # the many-gifts-in-a-day donor


def test_person_generator_is_seeded_and_varied():
    a = PersonGenerator(3).people(50)
    b = PersonGenerator(3).people(50)
    assert a == b
    assert len({p.person_id for p in a}) == 50
    households = Counter(p.household_id for p in a)
    assert any(n == 2 for n in households.values())
    jr = [p for p in a if p.suffix == "JR"]
    for child in jr:
        father = next(p for p in a if p.household_id == child.household_id and p is not child)
        assert (father.first, father.last, father.suffix) == (child.first, child.last, "SR")


def test_filed_name_variants():
    gen = PersonGenerator(1)
    person = gen.person(sex="M")
    while person.first not in NICKNAMES:
        person = gen.person(sex="M")
    names = {gen.filed_name(person, variation=1.0).first for _ in range(200)}
    assert person.first in names and len(names) >= 2
    assert {canonical_first_name(n) for n in names} == {person.first}
    assert gen.filed_name(person, variation=0.0).name.startswith(f"{person.last}, {person.first}")


def test_our_8_3_widths_match_real_8_3_filings(fixtures_dir, sample):
    """Each form we write has as many fields as the same form in real 8.3 filings."""
    real: dict[str, set[int]] = {}
    for name in ("1550548.fec", "1527862.fec", "1544132.fec"):   # F3XA, F3PN, F3N, all 8.3
        text = (fixtures_dir / "filings" / "fastfec" / name).read_text(encoding="latin-1")
        for line in text.split("\n"):
            fields = line.split(FS)
            if fields[0].startswith(("SA", "SB", "F3")):
                real.setdefault(fields[0][:2] if fields[0][:2] in ("SA", "SB") else
                                fields[0][:-1], set()).add(len(fields))
    assert real == {"SA": {45}, "SB": {44}, "F3X": {123}, "F3P": {206}, "F3": {93}}
    ours: dict[str, set[int]] = {}
    for path in sample.filings:
        for fields in _fec_lines(path)[1:]:
            key = fields[0][:2] if fields[0][:2] in ("SA", "SB") else fields[0][:-1]
            ours.setdefault(key, set()).add(len(fields))
    # no fixture is an 8.3 Form 6: its pages (F6N, F65) have the loader's layout widths
    assert ours.pop("F6") == {len(F6), len(F65)}
    assert ours == real


def test_writing_again_replaces_the_sample(tmp_path):
    first = generate(tmp_path, seed=7)
    stray = tmp_path / "filings" / "1.fec"
    stray.write_text("HDR")
    second = generate(tmp_path, seed=7, scale=0.5)
    assert not stray.exists()
    assert sorted((tmp_path / "filings").glob("*.fec")) == sorted(second.filings)
    assert second.n_receipts < first.n_receipts
