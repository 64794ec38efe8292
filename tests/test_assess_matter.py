"""Bad matter files give clear errors naming the file, the field and the fix."""

from __future__ import annotations

import copy
import gzip

import pytest
import yaml
from click.testing import CliRunner

from fecscreen.assess import load_matter
from fecscreen.cli import main
from fecscreen.errors import ConfigError

GOOD = {
    "version": 1, "title": "t",
    "parties": [{"id": "fp", "name": "FP", "kind": "foreign-party"},
                {"id": "v", "name": "V", "kind": "individual", "citizenship": ["GB"]},
                {"id": "c", "name": "C", "kind": "committee"}],
    "activities": [{"id": "s", "kind": "services", "by": "v", "for": "c"},
                   {"id": "t", "kind": "travel", "by": "v", "for": "c"},
                   {"id": "h", "kind": "lodging", "by": "v", "for": "c", "paid_by": "fp"}],
    "knowledge": [{"who": "c", "about": ["t", "h"], "knew": "unknown"}],
    "evidence": [{"id": "e1", "source": "a news report", "reliability": "low"}],
}


def with_change(path, value):
    data = copy.deepcopy(GOOD)
    target = data
    *head, last = path
    for p in head:
        target = target[p]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


DELETE = object()

# (change, field path the error must name, words the message or hint must contain)
BAD = [
    ((["version"], DELETE), "version", "version: 1"),
    ((["version"], 7), "version", "reads version 1"),
    ((["title"], DELETE), "title", "required"),
    ((["parties"], []), "parties", "non-empty list"),
    ((["parties", 1, "kind"], "alien"), "parties[1].kind", "individual"),
    ((["parties", 1, "citizenship"], 12), "parties[1].citizenship", "[GB]"),
    ((["parties", 2, "citizenship"], ["US"]), "parties[2].citizenship", "does not apply"),
    ((["parties", 0, "foreign_principal"], "no"), "parties[0].foreign_principal",
     "foreign governments and parties need neither"),
    ((["parties", 1, "foreign_principal"], "no"), "parties[1].foreign_principal",
     "does not apply"),
    ((["parties", 1, "permanent_resident"], "maybe"), "parties[1].permanent_resident",
     "yes, no or unknown"),
    ((["parties", 1, "id"], "fp"), "parties[1].id", "used twice"),
    ((["activities", 2, "paid_by"], "labour"), "activities[2].paid_by",
     "use one of: self, none, fp, v, c"),
    ((["activities", 2, "paid_by"], "f"), "activities[2].paid_by", "did you mean 'fp'"),
    ((["activities", 2, "kind"], "yacht"), "activities[2].kind", "travel"),
    ((["activities", 1, "paidby"], "fp"), "activities[1].paidby", "did you mean 'paid_by'"),
    ((["activities", 1, "on_leave"], "yes"), "activities[1].on_leave", "does not apply"),
    ((["activities", 1, "amount"], "lots"), "activities[1].amount", "amount: 16140"),
    ((["activities", 1, "amount"], -5), "activities[1].amount", "number"),
    ((["activities", 0, "by"], DELETE), "activities[0].by", "required"),
    ((["activities", 0, "for"], "nobody"), "activities[0].for", "not the id of any party"),
    ((["activities", 0, "paid_by"], "self"), "activities[0].paid_by", "none"),
    ((["activities", 0, "evidence"], ["e2"]), "activities[0].evidence[0]", "e1"),
    ((["knowledge", 0, "about"], ["t", "x"]), "knowledge[0].about[1]", "not the id"),
    ((["knowledge", 0, "who"], DELETE), "knowledge[0].who", "required"),
    ((["evidence", 0, "reliability"], "great"), "evidence[0].reliability", "high"),
    ((["evidence", 0, "source"], DELETE), "evidence[0].source", "required"),
    ((["surprise"], 1), "surprise", "unknown field"),
]


def write(tmp_path, data, name="matter.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_good_matter_loads(tmp_path):
    m = load_matter(write(tmp_path, GOOD))
    assert m.fact(("activity", "h", "paid_by")) == "fp"
    assert m.fact(("activity", "t", "paid_by")) is None
    assert m.fact_path(("activity", "t", "paid_by")) == "activities[1].paid_by"
    assert m.fact_path(("knowledge", "c", "h", "knew")) == "knowledge[0].knew"
    assert m.fact_path(("knowledge", "c", "s", "knew")) == "knowledge[who=c, about=s].knew"


@pytest.mark.parametrize("change,field,words", BAD, ids=[b[1] + ":" + b[2] for b in BAD])
def test_bad_matter_names_file_field_and_fix(tmp_path, change, field, words):
    path = write(tmp_path, with_change(*change))
    with pytest.raises(ConfigError) as err:
        load_matter(path)
    text = err.value.render()
    assert text.startswith(f"{path}: {field}:"), text
    assert words in text, text


def test_cli_bad_matter_exits_2_naming_the_field(tmp_path):
    path = write(tmp_path, with_change(["activities", 2, "paid_by"], "labour"))
    res = CliRunner().invoke(main, ["assess", str(path)])
    assert res.exit_code == 2
    assert "activities[2].paid_by" in res.output
    assert "Traceback" not in res.output


def test_cli_missing_file_and_broken_yaml(tmp_path):
    res = CliRunner().invoke(main, ["assess", str(tmp_path / "nope.yaml")])
    assert res.exit_code == 2 and "matter file not found" in res.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\ntitle: [unclosed\n")
    res = CliRunner().invoke(main, ["assess", str(broken)])
    assert res.exit_code == 2 and f"{broken}:" in res.output and "YAML" in res.output


def test_json_matter_and_yes_no_spellings(tmp_path):
    import json
    data = with_change(["parties", 1, "permanent_resident"], False)
    data["activities"][0]["on_leave"] = "Yes"
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data))
    m = load_matter(path)
    assert m.fact(("party", "v", "permanent_resident")).value == "false"
    assert m.fact(("activity", "s", "on_leave")).value == "true"


# -- encodings: a BOM is read, anything else is a clear error ------------------

TEXT = yaml.safe_dump(GOOD, allow_unicode=True).replace("title: t", "title: Café")


@pytest.mark.parametrize("encode", [
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),            # little-endian with BOM on this platform
    lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    lambda t: t.encode("utf-8"),
], ids=["utf8-bom", "utf16", "utf16-be", "utf8"])
def test_bom_encodings_read(tmp_path, encode):
    f = tmp_path / "m.yaml"
    f.write_bytes(encode(TEXT))
    m = load_matter(f)
    assert m.title == "Café"
    assert sorted(m.parties) == ["c", "fp", "v"]


@pytest.mark.parametrize("raw, pos", [
    (b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n", 9),
    (gzip.compress(b"version: 1\n", mtime=0), None),
    ("title: t\n".encode("utf-16-le"), None),   # UTF-16 without a BOM has NUL bytes
    ("title: Café\n".encode("latin-1"), 10),
], ids=["pdf", "gzip", "utf16-no-bom", "latin1"])
def test_not_text_is_clear_error(tmp_path, raw, pos):
    f = tmp_path / "m.yaml"
    f.write_bytes(raw)
    with pytest.raises(ConfigError) as e:
        load_matter(f)
    assert e.value.where == str(f)
    if pos is not None:
        assert f"byte {pos} cannot be decoded" in e.value.message
    assert "UTF-8" in e.value.message


def test_utf16_bom_with_broken_body(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_bytes(b"\xff\xfe" + b"t\x00\x00\xd8")  # unpaired surrogate
    with pytest.raises(ConfigError) as e:
        load_matter(f)
    assert e.value.message.startswith("not UTF-16 text")


def test_cli_exit_2_no_traceback(tmp_path):
    f = tmp_path / "brief.docx"
    f.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\xff\xfe\x00")
    r = CliRunner().invoke(main, ["assess", str(f)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert str(f) in r.output and "UTF-8" in r.output
