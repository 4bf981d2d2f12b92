"""Before a terminal's first scenario: reach the gateway, connect the terminal (bounded retries on
transient errors) and check it is the terminal the configuration expects."""

from __future__ import annotations

from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from biohil.client import Device, Gateway, GatewayUnavailable, Timeout
from biohil.lab.config import LabConfig
from biohil.lab.terminal import Terminal

GATEWAY_READY_TIMEOUT = 5.0


class PreflightError(Exception):
    """The terminal answered, but it is not the one the configuration expects."""


_connect_retry = retry(
    retry=retry_if_exception_type((GatewayUnavailable, Timeout)),
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.5, max=4),
    reraise=True,
)


def open_gateway(config: LabConfig) -> Gateway:
    """The lab's gateway, writing only to terminals the run holds; ConfigError (one line) if it
    cannot be used."""
    return Gateway.open(
        config.gateway_address, config.ca_file, ready_timeout=GATEWAY_READY_TIMEOUT, held_only=True
    )


def check_device(gateway: Gateway, terminal: Terminal) -> Device:
    """Connect the terminal and check its identity (PreflightError if it is another one).

    Its identity is its device ID (the serial number on its label) when the configuration gives
    one: that ID is the terminal, and what it then says of itself (GetInfo's model name too) is
    checked by the connection scenarios, where a wrong answer is the firmware's (product) and not a
    reason to leave the terminal untested. The simulator always gives the ID, so a firmware bug
    of GetInfo reads as product there. Without a configured ID, the model name is the only
    identity the configuration gives, and a terminal that names another is not tested.
    """
    device = _connect_retry(gateway.connect)(terminal.ip, terminal.port, terminal.use_ssl)
    where = f"{terminal.ip}:{terminal.port}"
    if terminal.device_id is not None:
        if device.id != terminal.device_id:
            raise PreflightError(
                f"{where} is device {device.id}, the configuration expects {terminal.device_id}"
            )
    elif terminal.model is not None:
        model = device.info().modelName
        if model != terminal.model:
            raise PreflightError(f"{where} is a {model}, the configuration expects a {terminal.model}")
    return device
