"""A survey of the G-SDK API a gateway serves: every RPC of the connect, device, auth, user, card,
finger, face, event and tna services, as the project's generated protos declare them, called once
on a terminal with a plausible request. Each answer is one of

- plausible: it answers what the G-SDK documentation describes (the call's own check says so),
- unsupported: the terminal refuses a feature its model lacks, naming the capability flag that
  says so (the flag must be false on that terminal),
- implausible: it answered, but not what the documentation describes (the check says why),
- refused: any other error status,
- not served: UNIMPLEMENTED from the server itself ("Method not found!"),
- no call: the survey has no plausible request for it (a method nobody described here yet).

The requests live in one module per service (`CALLS` in biohil/apisurvey/<service>.py); they are
written against the public API only, so the survey runs against any gateway. Used by
tests/test_api_survey.py and bench/api_survey.py.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import grpc
from google.protobuf import message_factory
from google.protobuf.descriptor import MethodDescriptor
from google.protobuf.message import Message
from grpc_status import rpc_status

from biohil.gsdk import connect_pb2, device_pb2, err_pb2
from biohil.simcontrol import control_pb2

SERVICES = ("connect", "device", "auth", "user", "card", "finger", "face", "event", "tna")


class Invoke(Protocol):
    """invoke("User.Enroll", request) calls a method by its short name (service and method; the
    control API's methods as "Control.Act") and returns the answer; an error status raises. A
    stream answers with its first message; `once_open` runs once the server has it subscribed
    (its headers are out), before that message is awaited."""

    def __call__(
        self, name: str, request: Message, once_open: Callable[[], object] | None = None
    ) -> Message: ...


def _fine(answer: Message, invoke: Invoke, device_id: int) -> str:
    return ""


@dataclass(frozen=True)
class Call:
    """A plausible call of one method on a connected terminal (`device_id`).

    `request` builds the request and may prepare what it needs first (a user to read back);
    `person`, if any, runs alongside the call (a card presented for a Scan); `check` says why an
    answer is not what the documentation describes ("" when it is), and may read state back.
    """

    request: Callable[[Invoke, int], Message]
    check: Callable[[Message, Invoke, int], str] = _fine
    person: Callable[[Invoke, int], object] | None = None  # of a stream: once it is open


@dataclass(frozen=True)
class Outcome:
    method: str  # short name, "User.Enroll"
    verdict: str  # plausible, unsupported, implausible, refused, not served, no call
    detail: str = ""


@dataclass
class Survey:
    device_id: int
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(o.verdict == verdict for o in self.outcomes)


def methods() -> list[MethodDescriptor]:
    """Every method of SERVICES, in the order the protos declare them."""
    found = []
    for name in SERVICES:
        module = importlib.import_module(f"biohil.gsdk.{name}_pb2")
        for service in module.DESCRIPTOR.services_by_name.values():
            found.extend(service.methods)
    return found


def short(method: MethodDescriptor) -> str:
    return f"{method.containing_service.name}.{method.name}"


def calls() -> dict[str, Call]:
    """The plausible calls of every service module."""
    merged: dict[str, Call] = {}
    for name in SERVICES:
        module = importlib.import_module(f"biohil.apisurvey.{name}")
        merged.update(module.CALLS)
    return merged


def _all_methods() -> dict[str, MethodDescriptor]:
    everything = {short(m): m for m in methods()}
    for service in control_pb2.DESCRIPTOR.services_by_name.values():
        everything.update({short(m): m for m in service.methods})
    return everything


def invoker(channel: grpc.Channel, timeout: float = 30.0) -> Invoke:
    by_name = _all_methods()

    def invoke(name: str, request: Message, once_open: Callable[[], object] | None = None) -> Message:
        method = by_name[name]
        path = f"/{method.containing_service.full_name}/{method.name}"
        answer_class = message_factory.GetMessageClass(method.output_type)
        if method.server_streaming:  # a stream answers with its first message
            stream = channel.unary_stream(
                path,
                request_serializer=type(request).SerializeToString,
                response_deserializer=answer_class.FromString,
            )(request, timeout=timeout)
            try:
                stream.initial_metadata()  # the simulator sends its headers once it has subscribed
                if once_open is not None:
                    once_open()
                return next(iter(stream))  # type: ignore[no-any-return]
            finally:
                stream.cancel()
        call = channel.unary_unary(
            path,
            request_serializer=type(request).SerializeToString,
            response_deserializer=answer_class.FromString,
        )
        return call(request, timeout=timeout)  # type: ignore[no-any-return]

    return invoke


def _device_errors(error: grpc.RpcError) -> list[err_pb2.ErrorResponse]:
    """A Multi call's per-terminal errors: the MultiErrorResponse in its status details (5.9)."""
    status = rpc_status.from_call(error)
    found: list[err_pb2.ErrorResponse] = []
    for detail in status.details if status is not None else ():
        multi = err_pb2.MultiErrorResponse()
        if detail.Unpack(multi):
            found.extend(multi.deviceErrors)
    return found


def verdict_of(error: grpc.RpcError, capabilities: Callable[[str], bool]) -> Outcome:
    """unsupported / not served / refused for an error status (method filled in by the caller);
    a Multi call's is its terminal's."""
    code, details = error.code(), error.details() or ""
    if code == grpc.StatusCode.UNIMPLEMENTED and details == "Method not found!":
        return Outcome("", "not served", details)
    device_errors = _device_errors(error)
    if len(device_errors) == 1:
        details = device_errors[0].msg
    if "does not support it (" in details and details.endswith((" is false)", " is true)")):
        flag, _, value = details.rsplit("(", 1)[1].removesuffix(")").split(" ")
        if capabilities(flag) != (value == "true"):
            return Outcome("", "implausible", f"refused as unsupported, but {flag} is not {value}: {details}")
        return Outcome("", "unsupported", f"{code.name}: {flag} is {value}")
    return Outcome("", "refused", f"{code.name}: {details}")


def survey(
    invoke: Invoke,
    device_id: int,
    capabilities: Callable[[str], bool],
    prepare: Callable[[Invoke, int], object] = lambda invoke, device_id: None,
    only: Iterable[str] | None = None,
) -> Survey:
    """Call every method (or those named in `only`) once on the terminal `device_id`; `prepare`
    runs before each (a call before may have disconnected or rebooted the terminal)."""
    known = calls()
    result = Survey(device_id)
    for method in methods():
        name = short(method)
        if only is not None and name not in only:
            continue
        call = known.get(name)
        if call is None:
            result.outcomes.append(Outcome(name, "no call", "the survey has no plausible request for it"))
            continue
        prepare(invoke, device_id)
        result.outcomes.append(_one(invoke, device_id, method, call, capabilities))
    return result


def survey_terminals(invoke: Invoke, terminals: Mapping[str, tuple[str, int, int]]) -> dict[str, Survey]:
    """Connect each terminal (name -> IP, port, device ID) and survey it with its own flags."""
    found = {}
    for name, (ip, port, device_id) in terminals.items():
        prepare = connected((ip, port))
        prepare(invoke, device_id)
        found[name] = survey(invoke, device_id, reported(invoke, device_id), prepare)
    return found


def connected(address: tuple[str, int]) -> Callable[[Invoke, int], object]:
    """A `prepare` that connects the terminal at `address` (IP, port) unless it is connected."""
    ip, port = address

    def prepare(invoke: Invoke, device_id: int) -> None:
        listed = invoke("Connect.GetDeviceList", connect_pb2.GetDeviceListRequest())
        up = (connect_pb2.TCP_CONNECTED, connect_pb2.TLS_CONNECTED)
        if not any(d.deviceID == device_id and d.status in up for d in listed.deviceInfos):  # type: ignore[attr-defined]
            invoke(
                "Connect.Connect",
                connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=ip, port=port)),
            )

    return prepare


def _one(
    invoke: Invoke, device_id: int, method: MethodDescriptor, call: Call, capabilities: Callable[[str], bool]
) -> Outcome:
    name = short(method)
    try:
        request = call.request(invoke, device_id)
        if method.server_streaming:  # the person acts once the stream is open
            acts = call.person
            answer = invoke(
                name, request, once_open=None if acts is None else lambda: acts(invoke, device_id)
            )
        else:  # alongside a call that waits for them (a Scan)
            person = None
            if call.person is not None:
                person = threading.Thread(target=call.person, args=(invoke, device_id), daemon=True)
                person.start()
            try:
                answer = invoke(name, request)
            finally:
                if person is not None:
                    person.join(timeout=30)
        why = call.check(answer, invoke, device_id)
    except grpc.RpcError as e:
        found = verdict_of(e, capabilities)
        return Outcome(name, found.verdict, found.detail)
    return Outcome(name, "implausible", why) if why else Outcome(name, "plausible")


def card_presented(invoke: Invoke, device_id: int) -> None:
    """The person presents a new card to a Scan waiting on the terminal."""
    invoke(
        "Control.Act",
        control_pb2.ActRequest(deviceID=device_id, input=control_pb2.CARD, awaitScanMs=20_000),
    )


def reported(invoke: Invoke, device_id: int) -> Callable[[str], bool]:
    """The terminal's capability flags as it reports them (GetCapabilityInfo, GetCapability): a
    flag's name -> whether it is true (a count: above 0)."""
    info = invoke("Device.GetCapabilityInfo", device_pb2.GetCapabilityInfoRequest(deviceID=device_id))
    detail = invoke("Device.GetCapability", device_pb2.GetCapabilityRequest(deviceID=device_id))
    messages = (info.capInfo, detail.deviceCapability)  # type: ignore[attr-defined]

    def flag(name: str) -> bool:
        for message in messages:
            if name in message.DESCRIPTOR.fields_by_name:
                return bool(getattr(message, name))
        return False

    return flag
