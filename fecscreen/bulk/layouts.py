"""The column layouts of the FEC bulk files, read from ``layouts.yaml`` (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

SQL_TYPES = {
    "text": "VARCHAR",
    "date": "DATE",
    "amount": "DECIMAL(14, 2)",
    "bigint": "BIGINT",
    "integer": "INTEGER",
}


@dataclass(frozen=True)
class Column:
    fec_name: str        # as the FEC spells it, e.g. TRANSACTION_DT
    description: str     # the FEC header file's words for it
    kind: str            # text | date | amount | bigint | integer

    @property
    def name(self) -> str:
        """Column name in the store: the FEC name lowercased."""
        return self.fec_name.lower()

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]


@dataclass(frozen=True)
class Layout:
    kind: str                 # indiv, oth, pas2, cm, cn, ccl
    table: str
    zip_stem: str             # indiv -> indiv24.zip
    file_stems: tuple[str, ...]  # itcont -> itcont.txt
    key: str                  # column (store name) identifying a row within a cycle
    columns: tuple[Column, ...]

    @property
    def width(self) -> int:
        return len(self.columns)

    @property
    def has_dates(self) -> bool:
        return any(c.kind == "date" for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name.lower():
                return c
        raise KeyError(name)


@lru_cache(maxsize=1)
def layouts() -> dict[str, Layout]:
    """Every bulk file kind by name: indiv, oth, pas2, cm, cn, ccl."""
    text = (resources.files("fecscreen.bulk") / "layouts.yaml").read_text(encoding="utf-8")
    out: dict[str, Layout] = {}
    for kind, spec in yaml.safe_load(text).items():
        cols = tuple(Column(str(n), str(d), str(t)) for n, d, t in spec["columns"])
        for c in cols:
            if c.kind not in SQL_TYPES:
                raise ValueError(f"layouts.yaml: {kind}.{c.fec_name}: unknown type {c.kind}")
        out[kind] = Layout(
            kind=kind,
            table=spec["table"],
            zip_stem=spec["zip"],
            file_stems=tuple(spec["files"]),
            key=str(spec["key"]).lower(),
            columns=cols,
        )
    return out


__all__ = ["Column", "Layout", "layouts", "SQL_TYPES"]
