"""What the servicers share: serving a stream until its client leaves, waiting for a person's scan."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import status_pb2

from biohil.gsdk import err_pb2
from biohil.simulator import models
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import SimError, invalid, unsupported
from biohil.simulator.gateway import Gateway
from biohil.simulator.scans import Capture
from biohil.simulator.streams import Subscription

DROPPED_TRAILER = "biohil-dropped-events"  # in a server-ended stream's trailers: its queue's drops


async def serve_stream(
    sub: Subscription[Any],
    unsubscribe: Callable[[Subscription[Any]], None],
    context: grpc.aio.ServicerContext,
) -> None:
    """Serve a subscription until the client goes away or the server stops.

    The headers go out as soon as the subscription exists, so a client that waits for the
    stream's initial metadata knows that nothing published afterwards can be missed. However the
    client leaves (cancel, deadline, a dropped connection, even before the headers went out), the
    subscription is released: by `finally` here, and by the call's done callback if the
    coroutine never resumes. A stream the server ends tells in its trailers how many events its
    queue dropped.
    """
    context.add_done_callback(lambda _: unsubscribe(sub))
    try:
        await context.send_initial_metadata(())
        write = context.write
        async with contextlib.aclosing(sub.batches()) as batches:
            async for batch in batches:
                for i, payload in enumerate(batch):
                    try:
                        await write(payload)
                    except BaseException:
                        sub.lost(len(batch) - i)  # the client left mid-batch
                        raise
        context.set_trailing_metadata(((DROPPED_TRAILER, str(sub.dropped)),))
    finally:
        unsubscribe(sub)


def captured(device: SimDevice, capture: Capture, context: grpc.ServicerContext) -> Capture:
    """Wait for the person (or the scan timeout, or the client giving up)."""
    context.add_callback(lambda: device.scans.cancel(capture))
    capture.done.wait()
    if capture.error is not None:
        raise capture.error
    return capture


# The terminals one Multi call may name: about a gateway's (contract 5.10: up to 1,000 devices).
MAX_MULTI_DEVICES = 1000


def require(gw: Gateway, device: SimDevice, method: str) -> None:
    """Refuse a call of a feature the terminal's model lacks, naming the capability flag that says
    so (models.NEEDS); the status is the reading unsupported_feature's."""
    why = models.lacking(device.model, method)
    if not why:
        return
    code = (
        grpc.StatusCode.UNIMPLEMENTED
        if gw.readings["unsupported_feature"] == "unimplemented"
        else grpc.StatusCode.FAILED_PRECONDITION
    )
    raise unsupported(code, f"{method}: {device.label} does not support it ({why})")


def multi(gw: Gateway, device_ids: Sequence[int], method: str, act: Callable[[SimDevice], object]) -> None:
    """A Multi call: `act` on each terminal in turn (each one's change stands whatever the others
    do). If any failed, the call fails with a google.rpc.Status whose one detail is a
    gsdk.err.MultiErrorResponse of every failure (contract 5.9); its code is the reading
    multi_status's. A terminal without the feature the call needs (require) fails alone. An empty
    or repeated list is refused before anything is done."""
    ids = list(device_ids)
    if not ids:
        raise invalid(f"{method}: deviceIDs is empty; name at least one terminal")
    if len(ids) > MAX_MULTI_DEVICES:
        raise invalid(f"{method}: deviceIDs has {len(ids):,} entries, at most {MAX_MULTI_DEVICES:,}")
    seen: set[int] = set()
    for device_id in ids:
        if device_id in seen:
            raise invalid(f"{method}: deviceIDs names terminal {device_id} more than once")
        seen.add(device_id)
    failures: list[err_pb2.ErrorResponse] = []
    codes: list[grpc.StatusCode] = []
    for device_id in ids:
        try:
            device = gw.connected(device_id, method)
            require(gw, device, method)  # a terminal without the feature fails alone
            act(device)
        except SimError as e:
            failures.append(err_pb2.ErrorResponse(deviceID=device_id, code=e.code.value[0], msg=e.message))
            codes.append(e.code)
    if not failures:
        return
    detail = any_pb2.Any()
    detail.Pack(err_pb2.MultiErrorResponse(deviceErrors=failures))
    code = codes[0] if gw.readings["multi_status"] == "first_device" else grpc.StatusCode.FAILED_PRECONDITION
    first = failures[0]  # named in the message too, for a client that does not read the details
    message = f"{method}: failed on {len(failures)} of {len(ids)} terminals; {first.deviceID}: {first.msg}"
    status = status_pb2.Status(code=code.value[0], message=message)
    status.details.append(detail)
    raise SimError(code, status.message, status.SerializeToString())
