"""How scenario results are counted and named in the closing lines and on the report's overview:
one label per scenario run, "passed" first, then the worst first. Used by a run (fixtures/summary.py)
and by the merge of several runs' results (biohil.report.shards)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from biohil.verdict import SEVERITY, Cause

LABELS = (
    "passed",
    *(f"failed: {c}" for c in SEVERITY if c is not Cause.NOT_APPLICABLE),
    *(f"skipped: {c}" for c in (Cause.INFRASTRUCTURE, Cause.OPERATOR)),
    "not applicable",
    "interrupted",  # the run was stopped (Ctrl-C, SIGTERM) before the scenario ended
)


def describe(counts: Mapping[str, int]) -> str:
    """'93 passed, 20 failed: infrastructure, 43 not applicable'."""
    return ", ".join(f"{counts[label]} {label}" for label in LABELS if counts.get(label))


def added(counts: Iterable[Mapping[str, int]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for each in counts:
        total.update(each)
    return total


def totals(per_target: Mapping[str, Mapping[str, int]]) -> str:
    """'156 scenario results: 93 passed, 20 failed: infrastructure, 43 not applicable'."""
    total = added(per_target.values())
    return f"{sum(total.values())} scenario results: {describe(total)}"
