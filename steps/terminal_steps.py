"""Steps about reaching a terminal through the gateway and what it says about itself."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from biohil import authmodes
from biohil.client import Device, Gateway, capabilities, identity
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
    wrong = identity.device_id(device.id, terminal.known)
    assert not wrong, identity.message(terminal.name, device.id, wrong)


@then("the terminal's device information names its model")
def info_names_model(device: Device, terminal: Terminal) -> None:
    wrong = identity.factory(device.info(), terminal.known)
    assert not wrong, identity.message(terminal.name, device.id, wrong)


@then("the terminal reports the credential sensors of its model")
def reports_sensors(gateway: Gateway, device: Device, terminal: Terminal) -> None:
    wrong = identity.sensors(identity.ask(gateway, device), terminal.known)
    assert not wrong, identity.message(terminal.name, device.id, wrong)


@when("the terminal is asked what it is", target_fixture="answers")
def ask_what_it_is(gateway: Gateway, device: Device) -> identity.Answers:
    return identity.ask(gateway, device)


@then("its two capability answers agree with each other and with the gateway's device list")
def capability_answers_agree(answers: identity.Answers, device: Device, terminal: Terminal) -> None:
    wrong = identity.sensors(answers, terminal.known) + identity.coarse_and_detailed(answers)
    assert not wrong, identity.message(terminal.name, device.id, wrong)


@then("its capabilities are those of its model")
def capabilities_of_model(answers: identity.Answers, device: Device, terminal: Terminal) -> None:
    wrong = identity.of_model(answers, terminal.known)
    assert not wrong, identity.message(terminal.name, device.id, wrong)


@then("the auth modes it offers are of one family and include every mode its auth config enables")
def offered_modes(answers: identity.Answers, device: Device, terminal: Terminal) -> None:
    wrong = identity.modes(answers)
    assert not wrong, identity.message(terminal.name, device.id, wrong)


@then("its capacities are within the documented limits")
def capacities(answers: identity.Answers, device: Device, terminal: Terminal) -> None:
    wrong = identity.limits(answers.cap)
    assert not wrong, identity.message(terminal.name, device.id, wrong)


@then("asked again, it describes itself the same way")
def same_again(answers: identity.Answers, gateway: Gateway, device: Device, terminal: Terminal) -> None:
    wrong = identity.drift(answers, identity.ask(gateway, device))
    assert not wrong, identity.message(terminal.name, device.id, wrong)


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
