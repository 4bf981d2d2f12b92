"""Steps about reaching a terminal through the gateway and what it says about itself."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from biohil import authmodes
from biohil.client import Device, Gateway, capabilities
from biohil.lab.terminal import Terminal
from biohil.operator.link import NetworkLink
from biohil.scenario import Connections

LINK_NOTICED = 40.0  # seconds a real gateway may need to notice a dead link (keep-alive 32 s)


@given("the terminal is connected", target_fixture="device")
def terminal_is_connected(device: Device) -> Device:
    return device


@when("the gateway connects to the terminal at its network address", target_fixture="device")
def connect_terminal(terminal: Terminal, connections: Connections) -> Device:
    return connections.connect(terminal)


@then("the gateway reports the terminal's device ID")
def reports_device_id(device: Device, terminal: Terminal) -> None:
    assert device.id, "Connect returned device ID 0"
    if terminal.device_id is not None:
        assert device.id == terminal.device_id, f"expected device {terminal.device_id}, got {device.id}"


@then("the terminal's device information names its model")
def info_names_model(device: Device, terminal: Terminal) -> None:
    info = device.info()
    assert info.modelName, "the terminal reports no model name"
    if terminal.model is not None:
        assert info.modelName == terminal.model, (
            f"expected model {terminal.model!r}, the terminal says {info.modelName!r}"
        )
    assert info.firmwareVersion, "the terminal reports no firmware version"


@then("the terminal reports the credential sensors of its model")
def reports_sensors(device: Device, terminal: Terminal) -> None:
    detailed = capabilities.sensors(device.capability())
    coarse = capabilities.sensors_from_info(device.capability_info())
    assert detailed == coarse, (
        f"GetCapability says {sorted(detailed)}, GetCapabilityInfo says {sorted(coarse)}"
    )
    if terminal.sensors is not None:
        assert detailed == terminal.sensors, (
            f"{terminal.name} should have {sorted(terminal.sensors)}, reports {sorted(detailed)}"
        )


@then("the gateway's device list shows the terminal as connected")
def listed_as_connected(gateway: Gateway, device: Device, terminal: Terminal) -> None:
    entries = {e.device_id: e for e in gateway.device_list()}
    assert device.id in entries, f"device {device.id} is not in the gateway's device list {sorted(entries)}"
    entry = entries[device.id]
    assert entry.connected, f"device {device.id} is listed as {entry.status}"
    assert (entry.ip, entry.port) == (terminal.ip, terminal.port), f"listed at {entry.ip}:{entry.port}"


@when("the terminal's network link drops")
def link_drops(network_link: NetworkLink) -> None:
    network_link.change(up=False)


@when("the terminal's network link comes back")
def link_back(network_link: NetworkLink) -> None:
    network_link.change(up=True)


@then("the gateway's device list shows the terminal as disconnected")
def listed_as_disconnected(gateway: Gateway, device: Device, patience: float | None) -> None:
    within = patience or LINK_NOTICED
    entry = gateway.await_listed(device.id, connected=False, timeout=within)
    assert entry is not None, (
        f"device {device.id} is gone from the gateway's device list; expected it listed as disconnected"
    )
    assert not entry.connected, (
        f"device {device.id} is still listed as {entry.status} {within:g} s after its link dropped"
    )


@when("the gateway disconnects the terminal")
def disconnect_terminal(gateway: Gateway, device: Device) -> None:
    gateway.disconnect(device.id)


@then("the gateway's device list no longer shows the terminal")
def not_listed(gateway: Gateway, device: Device) -> None:
    listed = [e.device_id for e in gateway.device_list()]
    assert device.id not in listed, f"device {device.id} is still listed after Disconnect"


@then(parsers.parse('the terminal supports "{mode}" authentication'))
def supports_mode(device: Device, mode: str) -> None:
    cap = device.capability()
    wanted = authmodes.terminal_mode(mode, extended=cap.extendedAuthSupported)
    assert capabilities.supports_mode(cap, wanted), (
        f"device {device.id} does not advertise {authmodes.mode_name(wanted)} "
        f"({authmodes.capability_flag(wanted)} is false)"
    )
