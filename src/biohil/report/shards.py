"""A night of several shards (bench PCs, CI matrix jobs) as one report.

Each run leaves a summary of itself in its results folder (SUMMARY): which shard and bench PC,
which gateway, which terminals it owned and which of its target's it left to other shards, its
counts per target and label, what it could not test or put back, and its environment. The
report's overview (environment.properties) is written from these summaries, for one run as for a
merge of many (biohil.report.merge): the totals and the counts per target are the sums of the
shards', every shard has its line, and a terminal no shard owned, or that two shards owned, is
said, since either makes the night's totals wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from biohil.report.counts import added, describe, totals

SUMMARY = "biohil-shard.json"  # in a run's results folder, beside Allure's files


class SummaryError(Exception):
    """A results folder's summary that cannot be read."""


class ShardSummary(BaseModel):
    # A field a newer suite adds is ignored: shards of two checkouts still merge.
    model_config = ConfigDict(frozen=True, extra="ignore")

    shard: str  # its name in the night (--shard)
    bench_pc: str  # the host it ran on
    target: str  # "simulator" or "lab"
    gateway: str | None  # the G-SDK gateway's address (None: a FindFace-only run)
    owned: list[str]  # its targets (terminals' test IDs, FindFace), as the closing lines name them
    addresses: dict[str, str] = {}  # its terminals' test IDs -> "ip:port at gateway": which terminal
    not_owned: list[str] = []  # its target's other terminals and FindFace: other shards' part
    results: dict[str, dict[str, int]]  # per target: label -> scenario results
    not_tested: dict[str, str] = {}  # terminal -> why (a lease of another run, a failed preflight)
    not_left_as_found: dict[str, list[str]] = {}  # terminal -> what was not undone
    environment: dict[str, str] = {}  # the run's own entries: terminals' facts, versions, servers

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SUMMARY).write_text(self.model_dump_json(indent=2), encoding="utf-8")

    def totals(self) -> str:
        return totals(self.results) if self.results else "no scenario results"

    def line(self) -> str:
        """The shard on the overview: where it ran, what it owned, what it found."""
        where = f"bench PC {self.bench_pc}" + (f", gateway {self.gateway}" if self.gateway else "")
        return f"{where}; owned {', '.join(self.owned) or 'nothing'}; {self.totals()}"


def read(folder: Path) -> ShardSummary | None:
    """The summary a run left in `folder`; None if it left none (it did not end: killed, power cut)."""
    path = folder / SUMMARY
    if not path.exists():
        return None
    try:
        return ShardSummary.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as e:
        raise SummaryError(f"{path} cannot be read: {e}") from None


_FIRST = ("target", "gateway", "gateway version")  # then the terminals, then the rest


def _place(key: str) -> tuple[int, str]:
    """Where a run's own entry goes on the overview: the terminals together, whichever shard."""
    if key in _FIRST:
        return 0, str(_FIRST.index(key))
    return (1, key) if key.startswith("terminal ") else (2, "")


class Night:
    """The shards of one night, as one report's overview and closing lines."""

    def __init__(
        self,
        shards: Sequence[ShardSummary],
        unfinished: Mapping[str, str] | None = None,
        expected: Sequence[str] = (),
    ) -> None:
        self.shards = list(shards)
        self.unfinished = dict(unfinished or {})  # folder -> why it has results but no summary
        self.expected = list(expected)  # the shards the night should have, by name

    def results(self) -> dict[str, dict[str, int]]:
        """Per target, the sum of the shards' counts."""
        targets = sorted({t for s in self.shards for t in s.results})
        return {t: dict(added(s.results[t] for s in self.shards if t in s.results)) for t in targets}

    def totals(self) -> str:
        return totals(self.results())

    def owners(self) -> dict[str, list[str]]:
        """Each target some shard owned or left to others: the shards that owned it."""
        found: dict[str, list[str]] = {}
        for s in self.shards:
            for target in s.not_owned:
                found.setdefault(target, [])
            for target in s.owned:
                found.setdefault(target, []).append(s.shard)
        return found

    def problems(self) -> dict[str, str]:
        """What makes the night's totals wrong: a shard expected but missing or given twice, a
        target owned by no shard or by several, a run that did not end."""
        found = {}
        names = [s.shard for s in self.shards]
        for name in self.expected:
            if name not in names:
                found[f"missing shard: {name}"] = (
                    "expected, but its results did not come back (its job failed before the suite "
                    "ran, or its bench's runner is offline)"
                )
        for name in sorted({n for n in names if names.count(n) > 1}):
            found[f"shard name given twice: {name}"] = (
                f"{names.count(name)} shards are called so: name each shard once (--shard)"
            )
        maybe = " (or its results are among the unfinished folders', outside these counts)"
        for target, owners in sorted(self.owners().items()):
            if not owners:
                found[f"not covered: {target}"] = (
                    "no shard of this report owned it: its scenarios are not in it"
                    + (maybe if self.unfinished else "")
                    + "; merge the shard that owns it, or give it to one with --terminals"
                )
            elif len(owners) > 1:
                found[f"covered twice: {target}"] = (
                    f"owned by the shards {', '.join(owners)}: its scenarios are counted more than once "
                    "(give each terminal to one shard; in a lab, terminal names must differ across lab files)"
                )
        named: dict[str, set[tuple[str, str]]] = {}  # one terminal under two names (two lab files)
        for s in self.shards:
            for target, address in s.addresses.items():
                named.setdefault(address, set()).add((target, s.shard))
        for address, pairs in sorted(named.items()):
            if len({target for target, _ in pairs}) > 1:
                listed = ", ".join(f"{target} (shard {name})" for target, name in sorted(pairs))
                found[f"one terminal, two names: {address}"] = (
                    f"{listed}: list each terminal in one lab file only (its lease lets one run test it)"
                )
        for folder, why in self.unfinished.items():
            found[f"unfinished: {folder}"] = f"{why}; its results are in the report, not in these counts"
        return found

    def environment(self) -> dict[str, str]:
        """The overview's entries: totals, per target, problems, the shards, then each shard's own
        entries (one value once; values that differ, each with its shard)."""
        values = {"results": self.totals()} if any(s.results for s in self.shards) else {}
        values.update({f"results on {t}": describe(c) for t, c in self.results().items()})
        values.update(self.problems())
        several = len(self.shards) > 1  # a run's own report needs no "(shard ...)"
        for n, s in enumerate(self.shards):
            given = [t.shard for t in self.shards[:n]].count(s.shard)  # a name given twice: both kept
            values[f"shard {s.shard}" + (f" ({given + 1})" if given else "")] = s.line()
            of = f" (shard {s.shard})" if several else ""
            for terminal, why in s.not_tested.items():
                values[f"NOT TESTED {terminal}{of}"] = why
            for terminal, lines in s.not_left_as_found.items():
                values[f"NOT LEFT AS FOUND {terminal}{of}"] = "; ".join(lines)
        own: dict[str, dict[str, list[str]]] = {}  # key -> value -> shards
        for s in self.shards:
            for key, value in s.environment.items():
                own.setdefault(key, {}).setdefault(value, []).append(s.shard)
        for key in sorted(own, key=_place):
            by_value = own[key]
            if len(by_value) == 1:
                values[key] = next(iter(by_value))
            else:
                values[key] = "; ".join(f"{v} (shard {', '.join(shards)})" for v, shards in by_value.items())
        return values

    def closing_lines(self) -> list[str]:
        """The night's closing lines, as a run prints its own."""
        lines = [f"{target}: {describe(counts)}" for target, counts in self.results().items()]
        lines.append(self.totals())
        lines += [f"shard {s.shard}: {s.line()}" for s in self.shards]
        lines += [f"{key}: {why}" for key, why in self.problems().items()]
        if not any(c.get("passed") for c in self.results().values()):
            lines.append("NOTHING WAS TESTED: no scenario passed")
        return lines
