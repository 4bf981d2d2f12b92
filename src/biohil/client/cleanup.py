"""Putting a terminal back: idempotent undo operations, retried while the gateway is unreachable.

Each one does no harm run twice (a retry after an answer was lost): users and connections are
read first and changed only where they still differ; the auth config is written whatever a read
says (a read can miss a change; the same config written again changes nothing), then read back.
Retries back off, are logged, and share one budget of time: the undo operations of one
scenario's teardown, of the end of the run or of a recovery all stop retrying at the same
deadline (`budget`), however many calls they make.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from tenacity import RetryCallState, before_sleep_log, retry, retry_if_exception_type, wait_exponential

from biohil.client.errors import DeviceNotConnected, GatewayUnavailable, Timeout
from biohil.client.gateway import Device, Gateway
from biohil.gsdk import auth_pb2

log = logging.getLogger("biohil.cleanup")
T = TypeVar("T")

# About 10 s of trying in all: a link that comes back within that gets the terminal restored.
BUDGET = 10.0
_deadline: ContextVar[float | None] = ContextVar("biohil_undo_deadline", default=None)


@contextmanager
def budget(seconds: float = BUDGET, fresh: bool = False) -> Iterator[None]:
    """Every retried undo call inside shares one deadline: an enclosing budget's, if any, unless
    `fresh` (an undo of its own, e.g. each terminal's at the end of the run, which pytest runs
    inside the last scenario's teardown)."""
    if _deadline.get() is not None and not fresh:
        yield
        return
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _spent(state: RetryCallState) -> bool:
    deadline = _deadline.get()
    if deadline is None:  # outside any budget: a budget of its own
        return (state.seconds_since_start or 0.0) >= BUDGET
    return time.monotonic() >= deadline


cleanup_retry = retry(
    retry=retry_if_exception_type((GatewayUnavailable, Timeout)),
    stop=_spent,
    wait=wait_exponential(multiplier=0.25, max=2.0),
    before_sleep=before_sleep_log(log, logging.WARNING),
    reraise=True,
)


def _reconnecting(undo: Callable[..., T]) -> Callable[..., T]:
    """A terminal the gateway lost (a gateway restart) is connected again before its undo runs
    again."""

    @functools.wraps(undo)
    def run(device: Device, *args: Any) -> T:
        try:
            return undo(device, *args)
        except DeviceNotConnected:
            device.gateway.reconnect(device.id)
            return undo(device, *args)

    return run


@cleanup_retry
@_reconnecting
def remove_users(device: Device, user_ids: Iterable[str]) -> list[str]:
    """Delete those of these users that are still on the terminal; returns the ones deleted."""
    wanted = set(user_ids)
    present = sorted(wanted & {h.ID for h in device.user_headers()})
    if present:
        device.delete_users(*present)
    return present


@cleanup_retry
@_reconnecting
def put_auth_config(device: Device, config: auth_pb2.AuthConfig) -> bool:
    """Write the auth config back, even when a read says nothing changed (the read may not show
    what the terminal holds); returns whether it differed. The caller reads it back whole."""
    return device.restore_auth_config(config)


@cleanup_retry
@_reconnecting
def monitoring_as_found(device: Device, on: bool) -> None:
    """Monitoring back as it was before the run: on or off (G-SDK cannot read it: the caller
    knows how it was found)."""
    if on:
        device.enable_monitoring()
    else:
        device.disable_monitoring()


@cleanup_retry
def connection(gateway: Gateway, ip: str, port: int, use_ssl: bool, connected: bool) -> bool:
    """Connect or disconnect the terminal at ip:port so the gateway's list matches `connected`;
    returns whether anything had to change."""
    listed = gateway.listed_at(ip, port)
    if connected and not listed:
        gateway.connect(ip, port, use_ssl)
        return True
    if not connected and listed:
        gateway.disconnect(*(d.device_id for d in listed))
        return True
    return False
