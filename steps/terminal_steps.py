"""Steps about reaching a terminal through the gateway and what it says about itself."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from biohil import authmodes
from biohil.client import capabilities, identity
from biohil.scenario.scene import Scene

LINK_NOTICED = 40.0  # seconds a real gateway may need to notice a dead link (keep-alive 32 s)


def _expect_none(scene: Scene, wrong: list[identity.Mismatch]) -> None:
    assert not wrong, identity.message(scene.terminal.name, scene.device.id, wrong)


@given("the terminal is connected")
@when("the gateway connects to the terminal at its network address")
def connect_terminal(scene: Scene) -> None:
    scene.connect()


@then("the gateway reports the terminal's device ID")
def reports_device_id(scene: Scene) -> None:
    _expect_none(scene, identity.device_id(scene.device.id, scene.terminal.known))


@then("the terminal's device information names its model")
def info_names_model(scene: Scene) -> None:
    _expect_none(scene, identity.factory(scene.device.info(), scene.terminal.known))


@then("the terminal reports the credential sensors of its model")
def reports_sensors(scene: Scene) -> None:
    _expect_none(scene, identity.sensors(identity.ask(scene.gateway, scene.device), scene.terminal.known))


@when("the terminal is asked what it is", target_fixture="answers")
def ask_what_it_is(scene: Scene) -> identity.Answers:
    return identity.ask(scene.gateway, scene.device)


@then("its two capability answers agree with each other and with the gateway's device list")
def capability_answers_agree(scene: Scene, answers: identity.Answers) -> None:
    _expect_none(
        scene, identity.sensors(answers, scene.terminal.known) + identity.coarse_and_detailed(answers)
    )


@then("its capabilities are those of its model")
def capabilities_of_model(scene: Scene, answers: identity.Answers) -> None:
    _expect_none(scene, identity.of_model(answers, scene.terminal.known))


@then("the auth modes it offers are of one family and include every mode its auth config enables")
def offered_modes(scene: Scene, answers: identity.Answers) -> None:
    _expect_none(scene, identity.modes(answers))


@then("its capacities are within the documented limits")
def capacities(scene: Scene, answers: identity.Answers) -> None:
    _expect_none(scene, identity.limits(answers.cap))


@then("asked again, it describes itself the same way")
def same_again(scene: Scene, answers: identity.Answers) -> None:
    _expect_none(scene, identity.drift(answers, identity.ask(scene.gateway, scene.device)))


@then("the gateway's device list shows the terminal as connected")
def listed_as_connected(scene: Scene) -> None:
    device_id, terminal = scene.device.id, scene.terminal
    entries = {e.device_id: e for e in scene.gateway.device_list()}
    assert device_id in entries, f"device {device_id} is not in the gateway's device list {sorted(entries)}"
    entry = entries[device_id]
    assert entry.connected, f"device {device_id} is listed as {entry.status}"
    assert (entry.ip, entry.port) == (terminal.ip, terminal.port), f"listed at {entry.ip}:{entry.port}"


@when("the terminal's network link drops")
def link_drops(scene: Scene) -> None:
    scene.network_link.change(up=False)


@when("the terminal's network link comes back")
def link_back(scene: Scene) -> None:
    scene.network_link.change(up=True)


@then("the gateway's device list shows the terminal as disconnected")
def listed_as_disconnected(scene: Scene) -> None:
    device_id, within = scene.device.id, scene.rig.patience or LINK_NOTICED
    entry = scene.gateway.await_listed(device_id, connected=False, timeout=within, or_gone=True)
    assert entry is None or not entry.connected, (
        f"device {device_id} is still listed as {entry.status} {within:g} s after its link dropped"
    )
    # Whether it stays listed, as disconnected, rests on the reading link_down_listing.
    scene.expectations.check(
        ("link_down_listing",),
        lambda values: {"disconnected": "listed as disconnected", "removed": "not listed"}[
            values["link_down_listing"]
        ],
        "not listed" if entry is None else "listed as disconnected",
        f"the gateway's device list after device {device_id}'s link dropped",
    )


@when("the gateway disconnects the terminal")
def disconnect_terminal(scene: Scene) -> None:
    scene.gateway.disconnect(scene.device.id)


@then("the gateway's device list no longer shows the terminal")
def not_listed(scene: Scene) -> None:
    listed = [e.device_id for e in scene.gateway.device_list()]
    assert scene.device.id not in listed, f"device {scene.device.id} is still listed after Disconnect"


@then(parsers.parse('the terminal supports "{mode}" authentication'))
def supports_mode(scene: Scene, mode: str) -> None:
    cap = scene.device.capability()
    wanted = authmodes.terminal_mode(mode, extended=cap.extendedAuthSupported)
    assert capabilities.supports_mode(cap, wanted), (
        f"device {scene.device.id} does not advertise {authmodes.mode_name(wanted)} "
        f"({authmodes.capability_flag(wanted)} is false)"
    )
