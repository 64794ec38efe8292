"""Clustering scored pairs into donors, with household constraints.

Plain connected components over every pair above the threshold chains people
together: ``J SMITH`` links to both ``JOHN SMITH`` and ``JANE SMITH`` at one
address, and the couple becomes one donor. Here pairs are taken strongest
first (Kruskal's order), and two groups are joined only if the result stays
consistent:

* at most one generational suffix (``JR`` and ``SR`` never share a donor);
* at most one middle initial;
* at most one ZIP+4 in each ZIP5 (two ZIP+4s in one ZIP5 are, far more often
  than a move, two namesakes; a move to another ZIP5 is not affected);
* no two full given names in it are different known given names that are not
  nicknames of each other (``JOHN`` and ``JOAN`` never share a donor; ``JOHN``,
  ``JACK`` and the misspelling ``JOHM`` may).

A pair that would break one of these is recorded with the reason and skipped.
For speed the constraints are checked only where they can bite: components are
first formed without them, and only components that turn out inconsistent
(a few percent) are rebuilt pair by pair with the constraints.

The pairs that joined two groups (a maximum spanning forest) are what
``fecscreen donor show`` prints as the reason records were joined.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class FirstNameRules:
    """When two full given names cannot belong to one person."""

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


@dataclass
class _Group:
    firsts: set[str] = field(default_factory=set)
    middles: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)   # 'ZIP5:ZIP+4'

    def add(self, first: str | None, middle: str | None, suffix: str | None,
            place: str | None = None) -> None:
        if place:
            self.places.add(place)
        if first and len(first) > 1:
            self.firsts.add(first)
        if middle:
            self.middles.add(middle)
        if suffix:
            self.suffixes.add(suffix)


def _why_not(a: _Group, b: _Group, rules: FirstNameRules) -> str | None:
    if len(a.suffixes | b.suffixes) > 1:
        return "suffix conflict"
    if len(a.middles | b.middles) > 1:
        return "middle initial conflict"
    if _two_plus4(a.places | b.places):
        return "ZIP+4 conflict"
    if a.firsts != b.firsts and any(rules.conflict(x, y) for x in a.firsts for y in b.firsts):
        return "given name conflict"
    return None


def _two_plus4(places: set[str]) -> bool:
    """True when two of ``places`` ('ZIP5:ZIP+4') are other ZIP+4s of one ZIP5."""
    return len({p[:5] for p in places}) < len(places)


def _consistent(g: _Group, rules: FirstNameRules) -> bool:
    if len(g.suffixes) > 1 or len(g.middles) > 1 or _two_plus4(g.places):
        return False
    names = sorted(g.firsts)
    return not any(rules.conflict(x, y) for i, x in enumerate(names) for y in names[i + 1:])


@dataclass
class Clustering:
    root: list[int]                    # node -> root node
    joined: list[int]                  # indexes of the edges that joined two groups
    refused: list[tuple[int, str]]     # (edge index, reason) kept apart by a constraint


def components(n: int, left: list[int], right: list[int]) -> tuple[list[int], list[int]]:
    """Connected components of nodes ``0..n-1`` along edges taken in the given order
    (Kruskal). Returns (root of each node = its smallest node, indexes of the edges
    that joined two components)."""
    parent = list(range(n))
    joined = []
    append = joined.append
    for i in range(len(left)):
        a = left[i]
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        b = right[i]
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        if a != b:
            if b < a:
                a, b = b, a
            parent[b] = a
            append(i)
    for x in range(n):  # parents always point to smaller nodes: one pass resolves roots
        parent[x] = parent[parent[x]]
    return parent, joined


Attrs = tuple[str | None, str | None, str | None, str | None]


def inconsistent(groups: dict[int, list[Attrs]], rules: FirstNameRules) -> set[int]:
    """Roots whose members break a household constraint."""
    bad = set()
    for root, members in groups.items():
        g = _Group()
        for member in members:
            g.add(*member)
        if not _consistent(g, rules):
            bad.add(root)
    return bad


def constrained_rebuild(
    attrs: dict[int, Attrs],
    edges: list[tuple[int, int, int]],
    rules: FirstNameRules,
) -> Clustering:
    """Rebuild components edge by edge with the constraints.

    ``attrs``: node -> (first name, middle initial, suffix, 'ZIP5:ZIP+4' or None) for
    the nodes of the
    components to rebuild; ``edges``: (edge index, left node, right node),
    strongest first. ``root`` of the result holds (node, root) pairs of those nodes
    only, flattened: [node, root, node, root, ...].
    """
    parent = {x: x for x in attrs}
    local: dict[int, _Group] = {}
    for x, member in attrs.items():
        g = _Group()
        g.add(*member)
        local[x] = g

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    joined: list[int] = []
    refused: list[tuple[int, str]] = []
    for i, a, b in edges:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        reason = _why_not(local[ra], local[rb], rules)
        if reason:
            refused.append((i, reason))
            continue
        if rb < ra:
            ra, rb = rb, ra
        parent[rb] = ra
        g = local.pop(rb)
        keep = local[ra]
        keep.firsts |= g.firsts
        keep.middles |= g.middles
        keep.suffixes |= g.suffixes
        keep.places |= g.places
        joined.append(i)
    root = [v for x in attrs for v in (x, find(x))]
    return Clustering(root, joined, refused)


__all__ = ["components", "inconsistent", "constrained_rebuild", "FirstNameRules", "Clustering"]
