"""What the servicers share: serving a stream until its client leaves, waiting for a person's scan."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import grpc

from biohil.simulator.device import SimDevice
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
