"""The control API (biohil.simcontrol.Control): people's actions, links, faults, the clock, terminals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import grpc

from biohil.credentials import KINDS, Input
from biohil.simcontrol import control_pb2, control_pb2_grpc
from biohil.simulator import credentials, validation
from biohil.simulator.errors import invalid, rpc
from biohil.simulator.faults import Faults
from biohil.simulator.gateway import Gateway
from biohil.simulator.handlers import CallContext, Handlers

_INPUTS = {control_pb2.Input.Value(i.name): i for i in Input}  # the protocol names them as Input does
_PHYSICAL = {k.input for k in KINDS}
MAX_ADVANCE_MS = 24 * 3600 * 1000
MAX_AWAIT_SCAN_MS = 120_000
MAX_TIMESTAMP = 2**32 - 1  # EventLog.timestamp and the others are uint32 Unix seconds
MAX_DOWN_SECONDS = 60.0  # RestartGateway: how long the gateway may stay away


class ControlService(control_pb2_grpc.ControlServicer):
    def __init__(self, gateway: Gateway, faults: Faults, restart: Callable[[float], None]) -> None:
        self.gw = gateway
        self.faults = faults
        self.restart = restart  # the gateway restarts (Simulator.restart_gateway)

    @rpc
    def Act(self, request: control_pb2.ActRequest, context: grpc.ServicerContext) -> control_pb2.ActResponse:
        device = self.gw.device(request.deviceID, "Act")
        presented = _INPUTS.get(request.input)
        if presented is None:
            what = "is missing" if not request.input else f"{request.input} is not an Input"
            raise invalid(f"Act: input {what}; use CARD, FINGER, FACE, PIN or USER_ID (1..5)")
        if not 0 <= request.quality <= 100:
            raise invalid(f"Act: quality {request.quality} is out of range 1..100")
        token = self._token(request, presented)
        if request.awaitScanMs > MAX_AWAIT_SCAN_MS:
            raise invalid(f"Act: awaitScanMs is at most {MAX_AWAIT_SCAN_MS}")
        quality = request.quality or credentials.GOOD_QUALITY
        abandoned = threading.Event()  # a person who left must not feed a later scan
        context.add_callback(lambda: device.scans.abandon(abandoned))
        captured, records = device.act(
            presented, token, quality, request.awaitScanMs / 1000, abandoned, request.tnaKey, request.jobCode
        )
        return control_pb2.ActResponse(
            token=token, captured=captured, events=[r.to_proto(device.device_id) for r in records]
        )

    def _token(self, request: control_pb2.ActRequest, presented: Input) -> bytes:
        if presented not in _PHYSICAL:
            digits = request.digits
            if presented is Input.PIN:
                return validation.pin(digits).encode()
            return validation.typed_user_id(digits, "Act: digits (a typed user ID)").encode()
        cred = request.credential
        source = cred.WhichOneof("source")
        if source == "enrolledFor":
            validation.user_id(cred.enrolledFor, "Act: credential.enrolledFor")
            device = self.gw.device(request.deviceID, "Act")
            return device.roster.credential_of(presented, cred.enrolledFor, cred.index, request.duress)
        if source == "unknown":
            return credentials.new_card() if presented is Input.CARD else credentials.new_identity()
        if source == "token":
            size = credentials.CARD_BYTES if presented is Input.CARD else credentials.IDENTITY_BYTES
            if not 0 < len(cred.token) <= size or (presented is not Input.CARD and len(cred.token) != size):
                raise invalid(f"Act: a {presented.value} token has {size} bytes, got {len(cred.token)}")
            return cred.token.rjust(size, b"\0")
        raise invalid("Act: credential is missing; say enrolledFor (a user ID), unknown, or token")

    @rpc
    def AwaitScan(
        self, request: control_pb2.AwaitScanRequest, context: grpc.ServicerContext
    ) -> control_pb2.AwaitScanResponse:
        device = self.gw.device(request.deviceID, "AwaitScan")
        presented = _INPUTS.get(request.input)
        if presented not in _PHYSICAL:
            raise invalid("AwaitScan: input must be CARD, FINGER or FACE")
        if not 0 < request.timeoutMs <= MAX_AWAIT_SCAN_MS:
            raise invalid(f"AwaitScan: timeoutMs must be 1..{MAX_AWAIT_SCAN_MS}")
        abandoned = threading.Event()  # the client gave up: stop waiting (it holds a worker)
        context.add_callback(lambda: device.scans.abandon(abandoned))
        device.scans.wait_for(presented, request.timeoutMs / 1000, abandoned)
        return control_pb2.AwaitScanResponse()

    @rpc
    def SetLink(
        self, request: control_pb2.SetLinkRequest, context: grpc.ServicerContext
    ) -> control_pb2.SetLinkResponse:
        self.gw.set_link(request.deviceID, request.up)
        return control_pb2.SetLinkResponse()

    @rpc
    def InjectFault(
        self, request: control_pb2.InjectFaultRequest, context: grpc.ServicerContext
    ) -> control_pb2.InjectFaultResponse:
        validation.text(request.method, "InjectFault: method", validation.MAX_METHOD_CHARS)
        validation.text(request.message, "InjectFault: message", validation.MAX_FAULT_MESSAGE_CHARS)
        self.faults.inject(
            request.method, request.count, request.code, request.message, request.probability, request.seed
        )
        return control_pb2.InjectFaultResponse()

    @rpc
    def SetLatency(
        self, request: control_pb2.SetLatencyRequest, context: grpc.ServicerContext
    ) -> control_pb2.SetLatencyResponse:
        if request.milliseconds > 60_000:
            raise invalid(f"SetLatency: milliseconds {request.milliseconds} is more than 60000")
        validation.text(request.method, "SetLatency: method", validation.MAX_METHOD_CHARS)
        self.faults.set_latency(request.method, request.milliseconds / 1000)
        return control_pb2.SetLatencyResponse()

    @rpc
    def ClearFaults(
        self, request: control_pb2.ClearFaultsRequest, context: grpc.ServicerContext
    ) -> control_pb2.ClearFaultsResponse:
        self.faults.clear()
        return control_pb2.ClearFaultsResponse()

    @rpc
    def AdvanceClock(
        self, request: control_pb2.AdvanceClockRequest, context: grpc.ServicerContext
    ) -> control_pb2.AdvanceClockResponse:
        if request.milliseconds > MAX_ADVANCE_MS:
            raise invalid(f"AdvanceClock: milliseconds is more than {MAX_ADVANCE_MS} (one day) per call")
        if self.gw.clock.now() + request.milliseconds / 1000 >= MAX_TIMESTAMP:
            raise invalid("AdvanceClock: the simulated clock would pass the last uint32 timestamp (2106)")
        self.gw.clock.advance(request.milliseconds / 1000)
        return control_pb2.AdvanceClockResponse(timestamp=self.gw.clock.timestamp())

    @rpc
    def FillLog(
        self, request: control_pb2.FillLogRequest, context: grpc.ServicerContext
    ) -> control_pb2.FillLogResponse:
        device = self.gw.device(request.deviceID, "FillLog")
        for i, uid in enumerate(request.userIDs):
            validation.user_id(uid, f"FillLog: userIDs[{i}]")
        if request.count and len(request.userIDs) > request.count:
            raise invalid(
                f"FillLog: userIDs names {len(request.userIDs):,} users for {request.count:,} records; "
                "name at most count"
            )
        validation.event_code(request.eventCode, request.subCode, "FillLog")
        first, last = device.fill_log(
            request.count, request.eventCode or 0x1000, request.subCode, list(request.userIDs)
        )
        return control_pb2.FillLogResponse(firstID=first, lastID=last)

    @rpc
    def GetStats(
        self, request: control_pb2.GetStatsRequest, context: grpc.ServicerContext
    ) -> control_pb2.GetStatsResponse:
        return control_pb2.GetStatsResponse(
            eventSubscribers=self.gw.events.count,
            statusSubscribers=self.gw.statuses.count,
            droppedEvents=self.gw.events.dropped,
            waitingScans=sum(d.scans.waiting for d in self.gw.devices.values()),
            gatewayRestarts=self.gw.restarts,
        )

    @rpc
    def ListTerminals(
        self, request: control_pb2.ListTerminalsRequest, context: grpc.ServicerContext
    ) -> control_pb2.ListTerminalsResponse:
        return control_pb2.ListTerminalsResponse(
            terminals=[
                control_pb2.Terminal(
                    deviceID=d.device_id,
                    name=d.spec.name,
                    model=d.model.name,
                    IPAddr=d.spec.ip,
                    port=d.spec.port,
                )
                for d in self.gw.devices.values()
            ]
        )

    @rpc
    def RestartGateway(
        self, request: control_pb2.RestartGatewayRequest, context: CallContext
    ) -> control_pb2.RestartGatewayResponse:
        down = request.downSeconds
        if not 0 < down <= MAX_DOWN_SECONDS:  # NaN included
            what = "is missing" if down == 0 else f"{down:g} is out of range"
            raise invalid(
                f"RestartGateway: downSeconds {what}; give how long the gateway is away, "
                f"more than 0 and at most {MAX_DOWN_SECONDS:g} seconds"
            )
        context.after_answer(lambda: self.restart(down))  # the answer first, then the restart
        return control_pb2.RestartGatewayResponse()


def add(
    server: grpc.aio.Server, gateway: Gateway, handlers: Handlers, restart: Callable[[float], None]
) -> list[Any]:
    services = list(control_pb2.DESCRIPTOR.services_by_name.values())
    servicer = ControlService(gateway, handlers.faults, restart)
    for service in services:
        handlers.add(server, servicer, service)
    return services
