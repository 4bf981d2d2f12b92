"""What the suite expects where the G-SDK documentation is silent: by the readings in effect.

An assertion that rests on a reading (biohil.readings) gives what each value of it predicts, as
a function of the readings. The terminal's answer is compared with the prediction of the values
in effect. When it is what other values predict, the reading is in question, not the terminal:
in the lab that is an "unconfirmed reading" (biohil.verdict.Unconfirmed) naming the reading,
what the suite expected, what the terminal did and the `--reading` that would match. On the
simulator, whose readings the run sets, it stays strict: a product failure. An answer that no
value predicts, or that only a reading the documentation decides (its source "documented")
explains, is a product failure anywhere: the terminal broke what its documentation says.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from biohil.readings import BY_NAME, Readings
from biohil.verdict import Unconfirmed, Unexpected

T = TypeVar("T")


@dataclass(frozen=True)
class Expectations:
    values: Readings  # the readings in effect (--reading, --readings-file; the defaults otherwise)
    strict: bool  # the simulator: it answers by `values`, so any other answer is its bug

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def predictions(self, names: tuple[str, ...], predict: Callable[[Readings], T]) -> list[T]:
        """What every combination of the named readings' values predicts (the values in effect first)."""
        return [predict(r) for r in self._combinations(names)]

    def check(
        self,
        names: tuple[str, ...],
        predict: Callable[[Readings], T],
        observed: T,
        what: str,
        show: Callable[[T], str] = str,
    ) -> None:
        """`observed` is what the values in effect predict; else Unconfirmed (lab) or Unexpected."""
        expected = predict(self.values)
        if observed == expected:
            return
        matching = next((r for r in self._combinations(names) if predict(r) == observed), None)
        assumed = ", ".join(f"{n}={self.values[n]}" for n in names)
        said = (
            f"{what}: expected {show(expected)} (by the reading {assumed}); the terminal did {show(observed)}"
        )
        if matching is None:
            raise Unexpected(f"{said}, which no value of {', '.join(names)} explains")
        changed = {n: v for n, v in matching.items() if n in names and v != self.values[n]}
        switch = " ".join(f"--reading {n}={v}" for n, v in changed.items())
        if self.strict:
            raise Unexpected(
                f"{said}: the run's readings say {assumed}, and the simulator answered as {switch} would "
                "(a simulator answers by the readings it is started with: give it and the suite the same)"
            )
        sources = "; ".join(f"{n}: {BY_NAME[n].source}" for n in changed)
        if all(BY_NAME[n].documented for n in changed):  # not silent after all: the terminal is wrong
            raise Unexpected(f"{said}, as {switch} reads it, against the documentation ({sources})")
        raise Unconfirmed(
            f"{said}, as {switch} reads it. The documentation is silent here ({sources}): keep that "
            "value in the lab's readings file if this terminal is right",
            next(iter(changed)),
        )

    def _combinations(self, names: tuple[str, ...]) -> Iterator[Readings]:
        """The values in effect, then every other combination of the named readings' values,
        fewest changes first."""
        combos = itertools.product(*(BY_NAME[n].values for n in names))
        chosen = [dict(zip(names, combo, strict=True)) for combo in combos]
        chosen.sort(key=lambda c: sum(v != self.values[n] for n, v in c.items()))
        for values in chosen:
            readings = self.values
            for name, value in values.items():
                readings = readings.with_value(name, value)
            yield readings
