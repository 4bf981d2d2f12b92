"""Faults and latency injected into gateway methods through the control API.

Every call's handler (biohil.simulator.handlers) looks up its method here; with nothing injected
the lookup is one dictionary miss, so the fast path costs next to nothing. "*" stands for every
gateway method; a method's own fault or latency takes precedence over the one of "*".
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import grpc

from biohil.simulator.errors import invalid

ALL = "*"  # every gateway method (never the control API: it is not in Faults.methods)


@dataclass
class _Fault:
    target: str  # the full method path, or ALL
    remaining: int | None  # failures left; None = no limit (until ClearFaults)
    code: grpc.StatusCode
    message: str
    probability: float  # 0: every call fails; else each call with this probability
    rng: random.Random  # the fault's own: a seed gives the same decisions, call by call

    def fires(self) -> bool:
        """Whether this call fails; a failure counts against remaining."""
        if self.probability and self.rng.random() >= self.probability:
            return False
        if self.remaining is not None:
            self.remaining -= 1
        return True


class Faults:
    def __init__(self, methods: Iterable[str]) -> None:
        self.methods = frozenset(methods)  # full paths: /gsdk.user.User/Enroll; set once at start
        self._faults: dict[str, _Fault] = {}  # by full method path or ALL
        self._latency: dict[str, float] = {}
        # What applies to each method with anything injected, precedence resolved. take() reads it
        # without the lock: it is only ever replaced whole, never changed in place.
        self._plan: dict[str, tuple[_Fault | None, float]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()  # ends injected delays at shutdown

    def resolve(self, name: str) -> str:
        """A full method path from '/gsdk.user.User/Enroll', 'gsdk.user.User/Enroll' or 'User/Enroll'."""
        wanted = name.strip().lstrip("/")
        matches = [m for m in self.methods if m[1:] == wanted or m.endswith("." + wanted)]
        if len(matches) != 1:
            raise invalid(
                f'method "{name}" is not a gateway method of the simulator; '
                'use a path such as /gsdk.user.User/Enroll or User/Enroll, or "*" for every one'
            )
        return matches[0]

    def _target(self, name: str) -> str:
        return ALL if name.strip() == ALL else self.resolve(name)

    def inject(
        self, name: str, count: int, code: int, message: str, probability: float = 0.0, seed: int = 0
    ) -> None:
        target = self._target(name)
        try:
            status = next(c for c in grpc.StatusCode if c.value[0] == code)
        except StopIteration:
            raise invalid(f"status code {code} is not a gRPC status code (1..16)") from None
        if status is grpc.StatusCode.OK:
            raise invalid("a fault needs a non-OK status code (1..16)")
        if not 0 <= probability <= 1:  # NaN included
            raise invalid(
                f"probability {probability} is out of range; use 0 (the next count calls fail) "
                "or a value in (0, 1] (each call fails with that probability)"
            )
        if count == 0 and not probability:
            raise invalid("count must be at least 1 (count 0 means no limit only with a probability)")
        fault = _Fault(
            target,
            count or None,
            status,
            message or f"injected fault ({status.name})",
            probability,
            random.Random(seed),
        )
        with self._lock:
            self._faults[target] = fault
            self._replan()

    def set_latency(self, name: str, seconds: float) -> None:
        target = self._target(name)
        with self._lock:
            if seconds > 0:
                self._latency[target] = seconds
            else:
                self._latency.pop(target, None)
            self._replan()

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._latency.clear()
            self._replan()

    def stop(self) -> None:
        self._stopping.set()

    def _replan(self) -> None:
        """Recompute the plan after a change (the caller holds the lock)."""
        every_fault = self._faults.get(ALL)
        every_latency = self._latency.get(ALL, 0.0)
        plan = {}
        for method in self.methods:
            fault = self._faults.get(method, every_fault)
            latency = self._latency.get(method, every_latency)
            if fault is not None or latency:
                plan[method] = (fault, latency)
        self._plan = plan

    def take(self, method: str) -> tuple[float, _Fault | None]:
        """The delay for this call, and the fault it must fail with (counting one failure)."""
        if method not in self._plan:  # nothing injected for it: the one dictionary miss of the fast path
            return 0.0, None
        with self._lock:
            fault, latency = self._plan.get(method, (None, 0.0))  # again: it may have changed
            if fault is not None and not fault.fires():
                fault = None
            if fault is not None and fault.remaining == 0:
                del self._faults[fault.target]
                self._replan()  # "*" applies again where this method's own fault ran out
            return latency, fault

    def delay(self, seconds: float) -> None:
        self._stopping.wait(seconds)
