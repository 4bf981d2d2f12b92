"""Putting a terminal back: idempotent undo operations, retried while the gateway is unreachable.

Each one reads the terminal's state first and writes only what still differs, so running it twice
(a retry after an answer was lost) does no harm. Retries are bounded, back off, and are logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from tenacity import before_sleep_log, retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from biohil.client.errors import GatewayUnavailable, Timeout
from biohil.client.gateway import Device, Gateway
from biohil.gsdk import auth_pb2

log = logging.getLogger("biohil.cleanup")

# About 10 s of trying in all: a link that comes back within that gets the terminal restored.
cleanup_retry = retry(
    retry=retry_if_exception_type((GatewayUnavailable, Timeout)),
    stop=stop_after_attempt(6),
    wait=wait_exponential(multiplier=0.25, max=2.0),
    before_sleep=before_sleep_log(log, logging.WARNING),
    reraise=True,
)


@cleanup_retry
def remove_users(device: Device, user_ids: Iterable[str]) -> list[str]:
    """Delete those of these users that are still on the terminal; returns the ones deleted."""
    wanted = set(user_ids)
    present = sorted(wanted & {h.ID for h in device.user_headers()})
    if present:
        device.delete_users(*present)
    return present


@cleanup_retry
def put_auth_config(device: Device, config: auth_pb2.AuthConfig) -> bool:
    """Write the auth config back if it differs; returns whether it had to be written."""
    return device.restore_auth_config(config)


@cleanup_retry
def monitoring_off(device: Device) -> None:
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
