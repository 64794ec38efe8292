"""Clustering scored pairs into donors, with household constraints.

Plain connected components over every pair above the threshold chains people
together: ``J SMITH`` links to both ``JOHN SMITH`` and ``JANE SMITH`` at one
address, and the couple becomes one donor. Here pairs are taken strongest
first, and two groups are joined only if the result stays consistent:

* at most one generational suffix (``JR`` and ``SR`` never share a donor);
* at most one middle initial;
* no two full given names in it are different known given names that are not
  nicknames of each other (``JOHN`` and ``JOAN`` never share a donor; ``JOHN``,
  ``JACK`` and the misspelling ``JOHM`` may).

A pair that would break one of these is recorded with the reason and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class _Group:
    firsts: set[str] = field(default_factory=set)
    middles: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=set)


class FirstNameRules:
    """When two full given names may belong to one person."""

    def __init__(self, pairs, known):
        self.alts: dict[str, set[str]] = {}
        for name, alt in pairs:
            self.alts.setdefault(name, set()).add(alt)
        self.known = set(known)

    def conflict(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` are two different known given names that are not
        nicknames of each other (``JOHN`` / ``JOAN``). A spelling that is not a
        known given name (``JOHM``) never conflicts: the pair score already
        required it to be close to the other name."""
        if a == b or a not in self.known or b not in self.known:
            return False
        return b not in self.alts.get(a, ())


def constrained_clusters(
    profiles: dict[str, tuple[str | None, str | None, str | None]],
    edges: list[tuple[str, str, float]],
    rules: FirstNameRules,
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Join profiles along ``edges`` (strongest first) where constraints allow.

    ``profiles``: profile_id -> (first_name, middle, suffix).
    ``edges``: (profile_l, profile_r, weight), already above the threshold.
    Returns (profile_id -> root profile_id, [(l, r, reason) for refused edges]).
    """
    parent: dict[str, str] = {}
    groups: dict[str, _Group] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def group(root: str) -> _Group:
        g = groups.get(root)
        if g is None:
            first, middle, suffix = profiles.get(root, (None, None, None))
            g = _Group(
                {first} if first and len(first) > 1 else set(),
                {middle} if middle else set(),
                {suffix} if suffix else set(),
            )
            groups[root] = g
        return g

    refused: list[tuple[str, str, str]] = []
    for left, right, _w in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
        ra, rb = find(left), find(right)
        if ra == rb:
            continue
        ga, gb = group(ra), group(rb)
        reason = None
        if len(ga.suffixes | gb.suffixes) > 1:
            reason = "suffix conflict"
        elif len(ga.middles | gb.middles) > 1:
            reason = "middle initial conflict"
        elif ga.firsts != gb.firsts and any(
            rules.conflict(x, y) for x in ga.firsts for y in gb.firsts
        ):
            reason = "given name conflict"
        if reason:
            refused.append((left, right, reason))
            continue
        # union: smaller id becomes root so results do not depend on edge order ties
        root, child = (ra, rb) if ra < rb else (rb, ra)
        parent[child] = root
        g = groups.pop(child)
        keep = groups[root]
        keep.firsts |= g.firsts
        keep.middles |= g.middles
        keep.suffixes |= g.suffixes
    return {p: find(p) for p in list(parent)}, refused


__all__ = ["constrained_clusters", "FirstNameRules"]
