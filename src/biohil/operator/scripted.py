"""The operator for the simulator: performs every action through its control API at once."""

from __future__ import annotations

import contextlib
from typing import Any

import grpc

from biohil.client.errors import from_rpc_error
from biohil.credentials import Input
from biohil.operator.base import Action, Attempt, LinkChange, Operator, Outcomes, Report
from biohil.simcontrol import control_pb2, control_pb2_grpc

# The control protocol names its inputs as the vocabulary does (CARD, ..., USER_ID).
_INPUTS: dict[Input, control_pb2.Input] = {i: getattr(control_pb2, i.name) for i in Input}
SCAN_WAIT_MS = 10_000  # how long an action meant for a scan waits for the scan to start
TICK = 0.05  # how often a pending action looks whether the terminal has already reacted
ANSWER_GRACE = 2.0  # how long the answer to an action the terminal took may still take
MARGIN = 0.5  # seconds: how close to the auth timeout "just before" and "just after" are for a script


class ScriptedOperator(Operator):
    def __init__(self, channel: grpc.Channel) -> None:
        self._control: Any = control_pb2_grpc.ControlStub(channel)
        self._tokens: dict[tuple[Input, str], bytes] = {}  # the simulated credential of each label

    def __repr__(self) -> str:
        return "ScriptedOperator()"

    def attempt(self, attempt: Attempt, outcomes: Outcomes) -> int:
        """Every action at once (the script is never too slow), or when its pace says, on the
        simulated clock; the outcome is the Then step's."""
        began = outcomes.begin()
        elapsed = 0.0
        for action in attempt.actions:
            if action.pace is not None:
                due = action.pace.seconds(attempt.within, MARGIN)
                self.let_time_pass(max(0.0, due - elapsed))
                elapsed = max(elapsed, due)
            self._act(action, None)
        return began

    def capture(self, action: Action, report: Report) -> None:
        self._act(action, report)

    def _act(self, action: Action, report: Report | None) -> None:
        request = control_pb2.ActRequest(
            deviceID=action.device_id,
            input=_INPUTS[action.input],
            awaitScanMs=SCAN_WAIT_MS if action.for_scan else 0,
        )
        if action.input.typed:
            request.digits = action.credential or ""
        else:
            known = self._tokens.get((action.input, action.credential)) if action.credential else None
            if known is not None:
                request.credential.token = known
            else:
                request.credential.unknown = True
        act = self._control.Act.future(request, timeout=SCAN_WAIT_MS / 1000 + 10)
        while report is not None and not act.done():
            ended = report(TICK)
            if ended is not None and ended.final:  # a scan took the input, or failed before it could
                with contextlib.suppress(grpc.FutureTimeoutError):
                    act.exception(timeout=ANSWER_GRACE)  # a taken input's answer is on its way
                if not act.done():
                    act.cancel()  # the scan failed: its own error is the cause
                    return
        try:
            reply = act.result()
        except grpc.RpcError as e:
            raise from_rpc_error("Control.Act", e) from None
        if action.credential and not action.input.typed:
            self._tokens[(action.input, action.credential)] = reply.token

    def change_link(self, change: LinkChange, report: Report) -> None:
        """The simulator's link goes down or up at once; the step after checks what the gateway says."""
        try:
            self._control.SetLink(
                control_pb2.SetLinkRequest(deviceID=change.device_id, up=change.up), timeout=10
            )
        except grpc.RpcError as e:
            raise from_rpc_error("Control.SetLink", e) from None

    def let_time_pass(self, seconds: float) -> None:
        advance_clock(self._control, seconds)


class SimulatorClock:
    """The simulator's own clock: the reference its terminals' timestamps are checked against.
    Read through AdvanceClock by 0 ms, which moves nothing and answers the simulated time."""

    slack = 0.0  # the simulator's records carry its clock's whole seconds, exactly

    def __init__(self, channel: grpc.Channel) -> None:
        self._control: Any = control_pb2_grpc.ControlStub(channel)

    def __repr__(self) -> str:
        return "SimulatorClock()"

    def now(self) -> float:
        return float(advance_clock(self._control, 0))

    def describe(self) -> str:
        return "the simulator's clock"


def advance_clock(control: Any, seconds: float) -> int:
    """The simulated clock moved `seconds` on (0: read); returns its time afterwards (Unix s)."""
    try:
        reply = control.AdvanceClock(
            control_pb2.AdvanceClockRequest(milliseconds=round(seconds * 1000)), timeout=10
        )
    except grpc.RpcError as e:
        raise from_rpc_error("Control.AdvanceClock", e) from None
    return int(reply.timestamp)
