"""Three-valued logic, plus one value for questions the law has not settled.

``TRUE``/``FALSE``/``UNKNOWN`` follow Kleene's strong logic: an unknown fact only
matters when the known facts do not already decide the result. ``OPEN`` marks a
point of law with no settled answer (a fact could not decide it); it behaves like
unknown, except that an unknown *fact* wins over an open *law* question, because
learning the fact may make the legal question moot.
"""

from __future__ import annotations

from enum import Enum


class Tri(Enum):
    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"
    OPEN = "open"

    __hash__ = object.__hash__  # members are singletons; Enum's own hash is slow

    def __bool__(self) -> bool:  # a Tri must never be used as a plain bool by accident
        raise TypeError("use `is Tri.TRUE` or the functions in fecscreen.assess.logic")

    def __invert__(self) -> Tri:
        return {Tri.TRUE: Tri.FALSE, Tri.FALSE: Tri.TRUE}.get(self, self)

    def __and__(self, other: Tri) -> Tri:
        return all_of(self, other)

    def __or__(self, other: Tri) -> Tri:
        return any_of(self, other)

    @property
    def settled(self) -> bool:
        return self in (Tri.TRUE, Tri.FALSE)


T, F, U, O = Tri.TRUE, Tri.FALSE, Tri.UNKNOWN, Tri.OPEN  # noqa: E741


def tri(value: bool | None | Tri) -> Tri:
    """Python bool/None (None = unknown) to Tri."""
    if isinstance(value, Tri):
        return value
    if value is None:
        return U
    return T if value else F


def all_of(*values: Tri) -> Tri:
    """Kleene AND: any false is false; else unknown beats open beats true."""
    if F in values:
        return F
    if U in values:
        return U
    if O in values:
        return O
    return T


def any_of(*values: Tri) -> Tri:
    """Kleene OR: any true is true; else unknown beats open beats false."""
    if T in values:
        return T
    if U in values:
        return U
    if O in values:
        return O
    return F


def if_then_else(cond: Tri, then: Tri, other: Tri) -> Tri:
    """``then`` if cond is true, ``other`` if false; if cond is not settled, the
    result is settled only when both branches agree."""
    if cond is T:
        return then
    if cond is F:
        return other
    return then if then is other else (U if cond is U or U in (then, other) else O)


__all__ = ["Tri", "T", "F", "U", "O", "tri", "all_of", "any_of", "if_then_else"]
