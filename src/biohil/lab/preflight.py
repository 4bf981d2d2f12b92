"""Before any scenario: reach the gateway, connect each terminal (bounded retries on transient
errors) and check it is the terminal the configuration expects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from biohil.client import Device, Gateway, GatewayUnavailable, GsdkError, Timeout
from biohil.lab.config import LabConfig, LabDevice

GATEWAY_READY_TIMEOUT = 5.0


@dataclass
class Preflight:
    gateway: Gateway
    devices: dict[str, Device] = field(default_factory=dict)  # name -> connected terminal
    failed: dict[str, str] = field(default_factory=dict)  # name -> why it cannot be tested
    connected_by_us: set[int] = field(default_factory=set)  # to disconnect at the end


_connect_retry = retry(
    retry=retry_if_exception_type((GatewayUnavailable, Timeout)),
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.5, max=4),
    reraise=True,
)


def check_device(gateway: Gateway, lab: LabDevice) -> tuple[Device, bool]:
    """Connect one terminal and check its identity; (device, whether this run connected it).
    A terminal that is not the expected one is disconnected again if this run connected it."""
    already = {d.device_id for d in gateway.device_list()}
    device = _connect_retry(gateway.connect)(lab.ip, lab.port, lab.use_ssl)
    device.guard_ids(lab.id_range)
    try:
        _check_identity(device, lab)
    except GsdkError:
        if device.id not in already:
            gateway.disconnect(device.id)
        raise
    return device, device.id not in already


def _check_identity(device: Device, lab: LabDevice) -> None:
    if lab.device_id is not None and device.id != lab.device_id:
        raise GsdkError(
            "preflight",
            None,
            f"{lab.ip}:{lab.port} is device {device.id}, the configuration expects {lab.device_id}",
        )
    if lab.model is not None:
        model = device.info().modelName
        if model != lab.model:
            raise GsdkError(
                "preflight",
                None,
                f"{lab.ip}:{lab.port} is a {model}, the configuration expects a {lab.model}",
            )


def open_gateway(config: LabConfig) -> Preflight:
    """Raises ConfigError (one line) if the gateway cannot be used."""
    return Preflight(
        Gateway.open(config.gateway_address, config.ca_file, ready_timeout=GATEWAY_READY_TIMEOUT)
    )


def add_device(result: Preflight, lab: LabDevice, say: Callable[[str], None]) -> Device | None:
    """Connect and check one terminal (the caller holds its lock); a failure is recorded in
    `failed` and the terminal's scenarios are skipped."""
    try:
        device, ours = check_device(result.gateway, lab)
    except GsdkError as e:
        result.failed[lab.name] = f"preflight: {e.detail if e.method == 'preflight' else e}"
        say(f"{lab.name}: {result.failed[lab.name]}")
        return None
    result.devices[lab.name] = device
    if ours:
        result.connected_by_us.add(device.id)
    return device
