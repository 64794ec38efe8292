"""Clustering scored pairs into donors, with household constraints.

Plain connected components over every pair above the threshold chains people
together: ``J SMITH`` links to both ``JOHN SMITH`` and ``JANE SMITH`` at one
address, and the couple becomes one donor. Here pairs are taken strongest
first (Kruskal's order), and two groups are joined only if the result stays
consistent:

* at most one generational suffix (``JR`` and ``SR`` never share a donor);
* records without a suffix join records with one only if each of their jobs
  (employer, or occupation where no employer is named) is a job of the records
  with the suffix: a father who leaves ``SR`` off is not joined to his son
  ``JR`` on name and address alone;
* at most one middle initial, and at most one full middle name (``ALAN`` and
  ``A`` may share a donor, ``ALAN`` and ``ARTHUR`` not; a one-letter slip is
  allowed);
* no two jobs at one time: records with other occupations (and not one
  employer) whose receipts interleave in time are two people, most often two
  namesakes; a new job after the old one (a job change) is not affected;
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
    middle_names: set[str] = field(default_factory=set)
    jobs_suffixed: set[str] = field(default_factory=set)   # jobs of records with a suffix
    jobs_plain: set[str] = field(default_factory=set)      # jobs of records without one
    # (employer's first word, occupation) -> (first, last) receipt date
    spans: dict[tuple, tuple] = field(default_factory=dict)

    def add(self, first: str | None, middle: str | None, suffix: str | None,
            place: str | None = None, middle_name: str | None = None,
            job: str | None = None, ekey: str | None = None, occupation: str | None = None,
            lo=None, hi=None) -> None:
        if occupation and lo is not None:
            self._span((ekey, occupation), lo, hi)
        if place:
            self.places.add(place)
        if first and len(first) > 1:
            self.firsts.add(first)
        if middle:
            self.middles.add(middle)
        if middle_name:
            self.middle_names.add(middle_name)
        if suffix:
            self.suffixes.add(suffix)
        if job:
            (self.jobs_suffixed if suffix else self.jobs_plain).add(job)

    def _span(self, job: tuple, lo, hi) -> None:
        old = self.spans.get(job)
        self.spans[job] = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))

    def absorb(self, g: _Group) -> None:
        for job, (lo, hi) in g.spans.items():
            self._span(job, lo, hi)
        self.firsts |= g.firsts
        self.middles |= g.middles
        self.suffixes |= g.suffixes
        self.places |= g.places
        self.middle_names |= g.middle_names
        self.jobs_suffixed |= g.jobs_suffixed
        self.jobs_plain |= g.jobs_plain


def _why_not(a: _Group, b: _Group, rules: FirstNameRules) -> str | None:
    if len(a.suffixes | b.suffixes) > 1:
        return "suffix conflict"
    if (a.suffixes or b.suffixes) and not (
            (a.jobs_plain | b.jobs_plain) <= (a.jobs_suffixed | b.jobs_suffixed)):
        return "suffix left off, other job"
    if len(a.middles | b.middles) > 1 or _two_middle_names(a.middle_names | b.middle_names):
        return "middle initial conflict"
    if a.spans and b.spans and (len(a.spans) > 1 or a.spans.keys() != b.spans.keys()) \
            and _two_jobs_at_once(_merged_spans(a, b)):
        return "two jobs at one time"
    if _two_plus4(a.places | b.places):
        return "ZIP+4 conflict"
    if a.firsts != b.firsts and any(rules.conflict(x, y) for x in a.firsts for y in b.firsts):
        return "given name conflict"
    return None


def _two_plus4(places: set[str]) -> bool:
    """True when two of ``places`` ('ZIP5:ZIP+4') are other ZIP+4s of one ZIP5."""
    return len({p[:5] for p in places}) < len(places)


def _two_middle_names(names: set[str]) -> bool:
    """True when two of the full middle names are not one name with a one-letter slip."""
    ordered = sorted(names)
    return any(not _one_edit(x, y) for i, x in enumerate(ordered) for y in ordered[i + 1:])


def _one_edit(a: str, b: str) -> bool:
    """At most one substitution, insertion, deletion or swap of neighbours apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    return (a[1:] == b[1:] or a[1:] == b or a == b[1:]
            or (len(a) > 1 and a[0] == b[1:2] and a[1] == b[0] and a[2:] == b[2:]))


def _merged_spans(a: _Group, b: _Group) -> dict:
    out = dict(a.spans)
    for job, (lo, hi) in b.spans.items():
        old = out.get(job)
        out[job] = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))
    return out


def _two_jobs_at_once(spans: dict) -> bool:
    """True when two different jobs (other occupations, and not one employer) were
    both given in one stretch of time: one's receipts begin before the other's end,
    and end after they begin. A new job follows the old one; a namesake's job
    runs alongside."""
    jobs = sorted(spans.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))
    for i, ((ea, oa), (lo_a, hi_a)) in enumerate(jobs):
        for (eb, ob), (lo_b, hi_b) in jobs[i + 1:]:
            if oa != ob and not (ea is not None and ea == eb) and lo_a < hi_b and lo_b < hi_a:
                return True
    return False


def _consistent(g: _Group, rules: FirstNameRules) -> bool:
    if _two_jobs_at_once(g.spans):
        return False
    if len(g.suffixes) > 1 or len(g.middles) > 1 or _two_plus4(g.places):
        return False
    if _two_middle_names(g.middle_names):
        return False
    if g.suffixes and not g.jobs_plain <= g.jobs_suffixed:
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


# (first name, middle initial, suffix, 'ZIP5:ZIP+4'[, full middle name, job for the
# suffix rule, employer's first word, occupation, first and last receipt date])
Attrs = tuple[str | None, ...]


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

    ``attrs``: node -> :data:`Attrs` for the nodes of the components to rebuild; ``edges``: (edge index, left node, right node),
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
        local[ra].absorb(local.pop(rb))
        joined.append(i)
    root = [v for x in attrs for v in (x, find(x))]
    return Clustering(root, joined, refused)


__all__ = ["components", "inconsistent", "constrained_rebuild", "FirstNameRules", "Clustering"]
