"""Scoring: 0-100 from findings alone, with no span penalised twice.

Each finding costs points by severity. Findings whose spans overlap are grouped so that
one stretch of text is charged once, at the larger penalty: the findings are split into
groups that share a common point, each group costs its largest penalty, and the split
chosen is the cheapest one. Because adding a finding can only add to some group or
start a new one, adding a flaw never raises the score. Findings about something absent
(a zero-width span) never overlap anything.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from tactful._model import Severity, Verdict

PENALTY = {Severity.ERROR: 25, Severity.WARNING: 10, Severity.INFO: 2}
READY_AT = 90
NOT_READY_BELOW = 60
#: Past this many mutually overlapping findings the exact split is replaced by a greedy one.
EXACT_LIMIT = 14


class Scorable(Protocol):
    """What scoring reads of a finding (a ``Finding``, or the engine's draft of one)."""

    @property
    def severity(self) -> Severity: ...
    @property
    def category(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Score:
    total: int
    subscores: dict[str, int]
    penalties: tuple[int, ...]  # per finding, in input order
    verdict: Verdict


def score(findings: Sequence[Scorable], categories: Sequence[str]) -> Score:
    raw = [PENALTY[f.severity] for f in findings]
    # A finding that overlaps nothing pays its own penalty; only overlapping ones are split.
    counted = raw.copy()
    for component in _overlapping(findings):
        for index, points in _charge(component, findings, raw).items():
            counted[index] = points
    total = max(0, 100 - sum(counted))
    subscores = dict.fromkeys(categories, 100)
    for finding, points in zip(findings, counted, strict=True):
        subscores[finding.category] = max(0, subscores.get(finding.category, 100) - points)
    return Score(
        total=total,
        subscores=subscores,
        penalties=tuple(counted),
        verdict=verdict(total, findings),
    )


def verdict(total: int, findings: Sequence[Scorable]) -> Verdict:
    # Set membership rather than the worst rank: there are three severities, ordered.
    severities = {f.severity for f in findings}
    if Severity.ERROR in severities or total < NOT_READY_BELOW:
        return "not ready"
    if Severity.WARNING in severities or total < READY_AT:
        return "revise"
    return "ready"


def _overlapping(findings: Sequence[Scorable]) -> list[list[int]]:
    """Groups of two or more findings connected by overlapping (non-empty) spans, each in
    order of (start, end)."""
    components: list[list[int]] = []
    # Tuples sort without a key function; the index breaks ties as a stable sort would.
    spanned = sorted([(f.start, f.end, i) for i, f in enumerate(findings) if f.end > f.start])
    reach = -1
    current: list[int] = []
    for start, end, index in spanned:
        if start < reach:
            current.append(index)
        else:
            if len(current) > 1:
                components.append(current)
            current = [index]
        reach = max(reach, end)
    if len(current) > 1:
        components.append(current)
    return components


def _charge(component: list[int], findings: Sequence[Scorable], raw: list[int]) -> dict[int, int]:
    """Who pays in one component: each group's first largest member pays the group's cost."""
    spans = tuple((findings[i].start, findings[i].end) for i in component)
    points = tuple(raw[i] for i in component)
    groups = _best_split(spans, points) if len(component) <= EXACT_LIMIT else _greedy(spans, points)
    charged = dict.fromkeys(component, 0)
    for group in groups:
        payer = max(group, key=lambda k: (points[k], -k))
        charged[component[payer]] = points[payer]
    return charged


def _best_split(spans: tuple[tuple[int, int], ...], points: tuple[int, ...]) -> list[list[int]]:
    """The cheapest split of overlapping spans into groups that share a point."""

    @cache
    def solve(remaining: frozenset[int]) -> tuple[int, tuple[frozenset[int], ...]]:
        if not remaining:
            return 0, ()
        first = min(remaining)
        best: tuple[int, tuple[frozenset[int], ...]] | None = None
        start, end = spans[first]
        # A group's common point can be taken as the latest start among its members.
        candidates = {spans[k][0] for k in remaining if start <= spans[k][0] < end} | {start}
        caps = sorted({points[k] for k in remaining if points[k] >= points[first]})
        for point in candidates:
            for cap in caps:
                group = frozenset(
                    k for k in remaining if spans[k][0] <= point < spans[k][1] and points[k] <= cap
                )
                if first not in group:
                    continue
                cost, rest = solve(remaining - group)
                cost += max(points[k] for k in group)
                if best is None or cost < best[0]:
                    best = (cost, (group, *rest))
        assert best is not None
        return best

    return [sorted(group) for group in solve(frozenset(range(len(spans))))[1]]


def _greedy(spans: tuple[tuple[int, int], ...], points: tuple[int, ...]) -> list[list[int]]:
    """A fast split for large components (a long sentence over many flagged words).

    Largest penalties first, each finding joins a nearby group whose common stretch it
    overlaps, else starts one. Groups are kept sorted by where their common stretch starts,
    and only the nearest ``_GREEDY_REACH`` are tried, so a 100,000-character message
    with thousands of findings still scores in milliseconds.
    """
    order = sorted(range(len(spans)), key=lambda k: (-points[k], spans[k]))
    starts: list[int] = []  # the common stretch of each group, sorted by start
    stretches: list[tuple[int, int, list[int]]] = []
    for k in order:
        start, end = spans[k]
        position = bisect.bisect_left(starts, end)
        joined = False
        for index in range(position - 1, max(-1, position - 1 - _GREEDY_REACH), -1):
            lo, hi, members = stretches[index]
            if max(lo, start) < min(hi, end):
                del starts[index], stretches[index]
                lo, hi = max(lo, start), min(hi, end)
                members.append(k)
                at = bisect.bisect_left(starts, lo)
                starts.insert(at, lo)
                stretches.insert(at, (lo, hi, members))
                joined = True
                break
        if not joined:
            at = bisect.bisect_left(starts, start)
            starts.insert(at, start)
            stretches.insert(at, (start, end, [k]))
    return [members for _, _, members in stretches]


_GREEDY_REACH = 32
