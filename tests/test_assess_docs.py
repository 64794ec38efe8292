"""docs/assess.md documents every field, kind and option, and its example runs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from fecscreen.assess import assess, parse_matter, render
from fecscreen.assess.matter import (
    ACTIVITY_FIELDS,
    ACTIVITY_KINDS,
    EVIDENCE_FIELDS,
    KNOWLEDGE_FIELDS,
    PARTY_FIELDS,
    PARTY_KINDS,
    ROLES,
    TOP_FIELDS,
)
from fecscreen.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "assess.md").read_text(encoding="utf-8")


def test_doc_example_matter_runs_and_reads_as_documented():
    blocks = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
    assert blocks
    m = parse_matter(yaml.safe_load(blocks[0]), source="docs/assess.md")
    r = assess(m)
    # the doc's example: her signs are a prohibited in-kind gift the campaign knew of;
    # her employer's pay turns on the 100.54 exceptions; her own drive is exempt
    assert r.conclusion("ana", "30121a1").label == "violation likely"
    assert r.conclusion("campaign", "110.20g").label == "violation likely"
    assert r.conclusion("employer", "30121a1").label.startswith("depends on")
    assert r.characterisations["drive"].label == "not a contribution"
    assert "## Decisive unknowns" in render(r, "md")


def test_every_field_and_kind_is_documented():
    names = (TOP_FIELDS | PARTY_FIELDS | KNOWLEDGE_FIELDS | EVIDENCE_FIELDS
             | set().union(*ACTIVITY_FIELDS.values()))
    missing = [n for n in sorted(names) if f"`{n}`" not in DOC]
    assert not missing, missing
    kinds = [k for k in [*PARTY_KINDS, *ACTIVITY_KINDS, *ROLES] if f"`{k}`" not in DOC]
    assert not kinds, kinds


def test_every_cli_option_is_documented():
    cmd = main.get_command(None, "assess")
    opts = [o for p in cmd.params for o in getattr(p, "opts", []) if o.startswith("--")]
    assert opts
    assert [o for o in opts if f"`{o}" not in DOC] == []


def test_error_example_in_doc_matches_real_output(tmp_path):
    raw = yaml.safe_load((ROOT / "examples" / "uk-labour-2024.yaml").read_text())
    raw["activities"][2]["paid_by"] = "labor"
    path = tmp_path / "matter.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    res = CliRunner().invoke(main, ["assess", str(path)])
    assert res.exit_code == 2
    shown = res.output.replace(str(path), "matter.yaml").strip()
    assert shown in DOC, shown
