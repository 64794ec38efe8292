"""The package's import graph: no arrow points down-to-up, and nothing reaches into rules/.

Every module's imports are read from its source (``ast``, imports inside functions
included), so a lazy import cannot hide an arrow.
"""

import ast
from pathlib import Path

import fecscreen

ROOT = Path(fecscreen.__file__).parent

# Each part of the package and its layer: a module may import its own layer or lower ones.
# Parts of one layer sit side by side and do not import each other (rules, donors, ingest).
LAYERS = {
    "errors": 0, "sql": 0,
    "law": 1, "store": 1, "reviews": 1, "tokens": 1, "download": 1, "__init__": 2,
    "findings": 2, "findings_query": 2, "assess": 2, "bulk": 2,
    "rules": 3, "donors": 3, "ingest": 3,
    "report": 4, "intake": 4, "spark": 4,
    "synth": 5, "load_to_report": 5, "serve": 5,
    "cli": 6,
}
SIDE_BY_SIDE = {"rules", "donors", "ingest"}
# What other parts may import from the rules: the package itself (its __all__), never a module.
RULES_SUBMODULES = {p.stem for p in (ROOT / "rules").glob("*.py") if p.stem != "__init__"} | {"params", "dialect"}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        yield name, path


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names taken from it) for every absolute fecscreen import."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, []) for a in node.names if a.name.startswith("fecscreen")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("fecscreen"):
            out.append((node.lineno, node.module, [a.name for a in node.names]))
    return out


def _violations():
    for name, path in _modules():
        here = _part(name)
        where = path.relative_to(ROOT.parent)
        for line, target, names in _imports(path):
            there = _part(target)
            if target == "fecscreen":  # `from fecscreen import x`: x is the part imported
                for n in names:
                    if n in LAYERS and LAYERS[n] > LAYERS[here] and here != n:
                        yield f"{where}:{line} imports fecscreen.{n}, a higher layer"
                continue
            if here != "rules" and there == "rules":
                inner = target.split(".")[2:3] or [n for n in names if n in RULES_SUBMODULES]
                if inner:
                    yield f"{where}:{line} reaches into fecscreen.rules.{inner[0]}: import from fecscreen.rules"
            if there == here:
                continue
            if LAYERS[there] > LAYERS[here]:
                yield f"{where}:{line} imports {target}: {there} sits above {here}"
            elif there in SIDE_BY_SIDE and here in SIDE_BY_SIDE:
                yield f"{where}:{line} imports {target}: {there} and {here} sit side by side"


def test_every_part_has_a_layer():
    parts = {_part(name) for name, _ in _modules()}
    assert parts <= set(LAYERS), f"give these a layer: {sorted(parts - set(LAYERS))}"


def test_no_back_arrow_and_no_reach_into_rules():
    found = list(_violations())
    assert found == [], "\n".join(found)


def test_the_check_sees_a_back_arrow_and_a_lazy_reach(tmp_path, monkeypatch):
    pkg = tmp_path / "fecscreen"
    (pkg / "sql").mkdir(parents=True)
    (pkg / "report").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "sql" / "__init__.py").write_text("from fecscreen.report import html\n")
    (pkg / "report" / "__init__.py").write_text(
        "def f():\n    from fecscreen.rules.prepare import render\n    from fecscreen.rules import model\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", pkg)
    found = list(_violations())
    assert "fecscreen/sql/__init__.py:1 imports fecscreen.report: report sits above sql" in found
    assert any("report/__init__.py:2 reaches into fecscreen.rules.prepare" in v for v in found)
    assert any("report/__init__.py:3 reaches into fecscreen.rules.model" in v for v in found)
