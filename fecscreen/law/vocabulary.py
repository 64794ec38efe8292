"""The words findings are sorted and shown by: rule groups and severities.

The groups, their report order, colour, paragraph and citations are data
(``data/groups.yaml``); the rules, the findings, the report, the review UI and the
synthetic-data generator read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

from fecscreen.errors import ConfigError

SEVERITIES = ("info", "review", "high")
# Each severity's rank, most severe first (0): how findings and reports are ordered.
SEVERITY_RANK = {s: i for i, s in enumerate(reversed(SEVERITIES))}


@dataclass(frozen=True)
class Group:
    name: str
    colour: str          # charts and badges
    text: str            # what the group's rules look at and the requirement behind it
    cites: tuple[str, ...]


def _read_groups() -> tuple[Group, ...]:
    where = "law/data/groups.yaml"
    try:
        data = yaml.safe_load((resources.files("fecscreen.law") / "data" / "groups.yaml")
                              .read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"cannot read the rule groups ({exc})", where=where) from exc
    out = []
    for i, g in enumerate(data.get("groups") or []):
        missing = [k for k in ("name", "colour", "text") if not g.get(k)]
        if missing:
            raise ConfigError(f"missing {', '.join(missing)}", where=f"{where}: groups[{i}]")
        out.append(Group(str(g["name"]), str(g["colour"]), str(g["text"]), tuple(g.get("cites") or ())))
    return tuple(out)


GROUP_INFO: dict[str, Group] = {g.name: g for g in _read_groups()}
# The rule groups, in report order.
GROUPS: tuple[str, ...] = tuple(GROUP_INFO)

__all__ = ["GROUPS", "GROUP_INFO", "Group", "SEVERITIES", "SEVERITY_RANK"]
