"""The checks of a matter file's fields: each names the field's path and what to write instead."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from fecscreen.assess.logic import F, T, Tri, U
from fecscreen.errors import ConfigError

UNKNOWN_WORDS = {"unknown", "?", "unclear", "not known"}


class Checker:
    """Reads the fields of one matter file, failing on the first problem with its path."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, path: str, message: str, hint: str | None = None) -> None:
        raise ConfigError(message, where=f"{self.source}: {path}" if path else self.source,
                          hint=hint)

    def mapping(self, value: Any, path: str, allowed: set[str], what: str) -> dict:
        if not isinstance(value, dict):
            self.fail(path, f"{what} must be a mapping of field: value, not {kind_of(value)}",
                      hint="see docs/assess.md for the fields of each section")
        for key in value:
            if key not in allowed:
                near = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = (f"did you mean '{near[0]}'?" if near else
                        f"allowed fields: {', '.join(sorted(allowed))}")
                self.fail(f"{path}.{key}" if path else str(key),
                          f"unknown field '{key}' for {what}", hint=hint)
        return value

    def text(self, row: dict, name: str, path: str, *, required: bool = False) -> str | None:
        value = row.get(name)
        where = f"{path}.{name}" if path else name
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(where, f"'{name}' is required",
                          hint=f"add '{name}: ...' to this entry")
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.fail(where, f"'{name}' must be text, not {kind_of(value)}")
        return value.strip()

    def ident(self, row: dict, path: str, seen: set[str], what: str) -> str:
        value = self.text(row, "id", path, required=True)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", value):
            self.fail(f"{path}.id", f"id '{value}' may hold only letters, digits, '-', '_', '.'",
                      hint="use a short name like 'labour' or 'travel-2024'")
        if value in seen:
            self.fail(f"{path}.id", f"{what} id '{value}' is used twice",
                      hint="give every entry its own id")
        if value in ("self", "none", "unknown"):
            self.fail(f"{path}.id", f"'{value}' is a reserved word and cannot be an id")
        seen.add(value)
        return value

    def tri(self, row: dict, name: str, path: str, default: Tri = U) -> Tri:
        if name not in row:
            return default
        value = row[name]
        if value is None:
            return U
        if isinstance(value, bool):
            return T if value else F
        if isinstance(value, str):
            word = value.strip().lower()
            if word in ("yes", "true", "y"):
                return T
            if word in ("no", "false", "n"):
                return F
            if word in UNKNOWN_WORDS:
                return U
        self.fail(f"{path}.{name}", f"'{name}' must be yes, no or unknown, not {value!r}")

    def ref(self, value: Any, path: str, ids: dict, what: str, extra: tuple = ()) -> str:
        if not isinstance(value, str) or (value not in ids and value not in extra):
            choices = list(extra) + list(ids)
            near = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(choices)}"
            self.fail(path, f"{value!r} is not the id of any {what}", hint=hint)
        return value

    def refs(self, row: dict, name: str, path: str, ids: dict, what: str) -> tuple[str, ...]:
        value = row.get(name)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.fail(f"{path}.{name}", f"'{name}' must be an id or a list of ids")
        return tuple(self.ref(v, f"{path}.{name}[{i}]" if isinstance(value, list)
                              else f"{path}.{name}", ids, what)
                     for i, v in enumerate(items))

    def amount(self, row: dict, path: str) -> Decimal | None:
        value = row.get("amount")
        if value is None:
            return None
        if isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS:
            return None
        if isinstance(value, bool):
            value = "bad"
        try:
            number = Decimal(str(value).replace("$", "").replace(",", "").strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0:
            self.fail(f"{path}.amount", f"amount must be a number of US dollars or unknown, "
                      f"not {value!r}", hint="write e.g. 'amount: 16140' or 'amount: unknown'")
        return number


def kind_of(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "yes/no",
            type(None): "empty"}.get(type(value), type(value).__name__)


__all__ = ["Checker", "kind_of", "UNKNOWN_WORDS"]
