"""A shard: the part of a night's targets that one run owns (a bench PC, a CI matrix job).

A lab outgrows one bench PC: each PC (or CI job) runs the suite on its own terminals, and
`make report` merges their results into one report (biohil.report.shards). A run is given its
terminals by its lab file, and within it (or within the simulator's fleet) by `--terminals`:

- a device ID (541530001), a terminal's name ("BioStation 2 #2") or test ID (BioStation2_2), or a
  model ("FaceStation F2": every terminal of that model), case and spaces aside;
- FindFace: the FindFace scenarios (the FindFace server is a target as a terminal is);
- K/N: the K-th of N shards: the target's terminals K, K+N, K+2N, ... in its order, and FindFace
  in shard 1; N such shards cover every terminal and FindFace exactly once, whatever the fleet.

Without --terminals a run owns every terminal of its target, and FindFace if its target has a
FindFace server (the simulator always; a lab if its lab file has a [findface] table).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Sequence
from dataclasses import dataclass

from biohil.lab.terminal import Terminal

FINDFACE = "FindFace"  # the FindFace scenarios' target, as the closing lines name it
_PART = re.compile(r"(\d+)/(\d+)")


class SelectionError(ValueError):
    """A --terminals value that names nothing of the target, or a malformed K/N."""


@dataclass(frozen=True)
class Selection:
    terminals: tuple[Terminal, ...]  # the target's terminals this run owns, in the target's order
    findface: bool  # whether this run owns the FindFace scenarios
    left: tuple[Terminal, ...] = ()  # the target's other terminals: other shards' part
    findface_left: bool = False  # the target has a FindFace server, and this run leaves it to another

    def owned(self) -> list[str]:
        """Its targets as the closing lines name them: terminals' test IDs, then FindFace."""
        return [t.test_id for t in self.terminals] + ([FINDFACE] if self.findface else [])

    def others(self) -> list[str]:
        """The target's targets it leaves to other shards, named the same way."""
        return [t.test_id for t in self.left] + ([FINDFACE] if self.findface_left else [])


def selectors(values: Sequence[str]) -> list[str] | None:
    """The selectors of --terminals values, each of which may hold several, separated by commas;
    None if there are none (the option was not given)."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _folded(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _matches(selector: str, terminal: Terminal) -> bool:
    names = (terminal.name, terminal.test_id, terminal.model or "", str(terminal.device_id or ""))
    return _folded(selector) in {_folded(n) for n in names if n}


def _part(selector: str) -> tuple[int, int] | None:
    """(K, N) of a "K/N" selector, checked; None for any other selector."""
    found = _PART.fullmatch(selector.replace(" ", ""))
    if found is None:
        return None
    k, n = int(found[1]), int(found[2])
    if not 1 <= k <= n:
        raise SelectionError(f"--terminals {selector}: the shard K of N must be 1..N")
    return k, n


def select(
    terminals: Sequence[Terminal], chosen: Sequence[str] | None, findface_there: bool = True
) -> Selection:
    """The terminals (and whether FindFace) the selectors name (None: no --terminals, everything);
    every selector must name something. `findface_there`: whether the target has a FindFace server."""
    if chosen is None:
        return Selection(tuple(terminals), findface_there)
    if not chosen:  # an empty CI variable must not make a shard a whole run, counted twice
        raise SelectionError(
            "--terminals is empty: name the terminals this run owns, or leave the option out"
        )
    parts = {part[1] for part in map(_part, chosen) if part is not None}
    if len(parts) > 1:
        raise SelectionError(
            f"--terminals {','.join(chosen)}: shards of {' and '.join(map(str, sorted(parts)))} "
            "do not split one night; give one N"
        )
    picked: set[int] = set()
    findface = False
    for selector in chosen:
        part = _part(selector)
        if part is not None:
            k, n = part
            picked.update(i for i in range(len(terminals)) if i % n == k - 1)
            findface = findface or (k == 1 and findface_there)
            continue
        if _folded(selector) == _folded(FINDFACE):
            if not findface_there:
                raise SelectionError(f"--terminals {selector}: the target has no FindFace server")
            findface = True
            continue
        found = {i for i, t in enumerate(terminals) if _matches(selector, t)}
        if not found:
            listed = "; ".join(
                f"{t.name} ({t.model or 'model unknown'}, {t.device_id or '?'})" for t in terminals
            )
            raise SelectionError(
                f"--terminals {selector}: no terminal of the target has that device ID, name or model "
                f"(it has: {listed or 'none'}; FindFace and K/N select too)"
            )
        picked |= found
    owned = tuple(t for i, t in enumerate(terminals) if i in picked)
    left = tuple(t for i, t in enumerate(terminals) if i not in picked)
    return Selection(owned, findface, left, findface_there and not findface)


def default_name(chosen: Sequence[str] | None) -> str:
    """A shard's name when --shard does not give one: its selection, else the bench PC's."""
    return " + ".join(chosen) if chosen else bench_pc()


def bench_pc() -> str:
    """The PC the run runs on, as the report names it."""
    return socket.gethostname()
