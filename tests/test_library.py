"""Library pieces the steps stand on: test users, auth mode names, event names, capabilities."""

from __future__ import annotations

from pathlib import Path

import grpc
import pytest

from biohil import authmodes, eventcodes
from biohil.client import Gateway, GatewayUnavailable, InvalidArgument, NotFound, cleanup
from biohil.client.capabilities import missing, sensors
from biohil.client.testusers import IdRange, TestUsers
from biohil.gsdk import device_pb2, user_pb2
from biohil.operator.base import TerminalIO
from biohil.operator.capture import capture_card
from biohil.operator.phrases import TEST_CARD
from biohil.operator.scripted import ScriptedOperator
from biohil.readings import Readings
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec

BS2 = DEFAULT_DEVICES[0]


def test_test_users_stay_in_range_and_clean_up(gateway: Gateway, spec: DeviceSpec) -> None:
    device = gateway.connect(spec.ip, spec.port)
    outsider = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900650"), name="someone else")
    device.enroll([outsider], overwrite=True)
    users = TestUsers(device, IdRange(900_650, 900_652))
    a, b = users.new("A"), users.new("B")
    assert (a.user_id, b.user_id) == ("900651", "900652")  # 900650 is taken on the device
    device.enroll([a.info(), b.info()])
    with pytest.raises(RuntimeError, match="no free test user ID"):
        users.new("C")
    users.cleanup()
    left = {h.ID for h in device.user_headers()}
    assert "900650" in left and not {"900651", "900652"} & left
    device.delete_users("900650")


def test_id_range() -> None:
    r = IdRange(10, 20)
    assert "10" in r and "20" in r and "21" not in r and "abc" not in r
    for not_canonical in ("010", "\uff11\uff10", "1\u00b2", " 10", "+10", "", "1e1"):
        assert not_canonical not in r, not_canonical
    with pytest.raises(ValueError):
        IdRange(0, 5)


def test_qa_mode_names_round_trip() -> None:
    for family, extended in ((authmodes.CLASSIC_MODES, False), (authmodes.EXTENDED_MODES, True)):
        for mode in family:
            assert authmodes.from_qa_name(authmodes.qa_name(mode), extended) == mode
    assert authmodes.qa_name(28) == "card + face or fingerprint or PIN"
    with pytest.raises(ValueError, match='"face only" is not a classic'):
        authmodes.from_qa_name("face only", extended=False)


def test_every_mode_has_a_capability_flag() -> None:
    fields = device_pb2.DeviceCapability.DESCRIPTOR.fields_by_name
    for mode in authmodes.CLASSIC_MODES | authmodes.EXTENDED_MODES:
        assert authmodes.capability_flag(mode) in fields


def test_event_names() -> None:
    assert eventcodes.code_for("user enrolled") == 0x2000
    assert eventcodes.describe(0x2000, 1) == "USER_ENROLL_SUCCESS (0x2000/0x01)"
    with pytest.raises(ValueError, match="known names"):
        eventcodes.code_for("door exploded")


def test_capabilities_of_the_models() -> None:
    bs2, f2 = (s.model.capability() for s in DEFAULT_DEVICES)
    assert sensors(bs2) == {"card", "fingerprint"}
    assert missing(bs2, {"face"}) == ["has no face camera"]
    assert missing(f2, {"face", "card", "extended_auth"}) == []
    assert missing(bs2, {"extended_auth"}) == ["uses the classic auth modes, not the extended ones"]
    assert f2.extendedAuthSupported and not bs2.extendedAuthSupported
    with pytest.raises(ValueError, match="unknown capability"):
        missing(f2, {"iris"})


def test_facade_maps_status_to_error_types(gateway: Gateway, spec: DeviceSpec) -> None:
    device = gateway.connect(spec.ip, spec.port)
    with pytest.raises(InvalidArgument, match=r"User.Enroll failed: INVALID_ARGUMENT: .*user ID"):
        device.enroll([user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="x"))])


@pytest.mark.parametrize("mixed", ["fail_whole", "known_only"])
def test_a_user_the_terminal_does_not_return_is_not_found_under_either_reading(
    tmp_path: Path, mixed: str
) -> None:
    """A terminal refusing a Get that names an unknown user, or leaving that user out of its
    answer (reading mixed_user_ids), means the same to the suite: NotFound naming the user."""
    with Simulator(tmp_path, readings=Readings({"mixed_user_ids": mixed})) as sim:
        gw = Gateway.open(sim.address, sim.ca_file)
        try:
            device = gw.connect(BS2.ip, BS2.port)
            device.enroll([user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900101"))])
            with pytest.raises(NotFound, match="900102"):
                device.users("900101", "900102")
            assert [u.hdr.ID for u in device.users("900101")] == ["900101"]
            device.delete_users("900101")
        finally:
            gw.close()


def test_auth_config_guard_restores_what_it_found(gateway: Gateway, spec: DeviceSpec) -> None:
    from biohil.client.authconfig import AuthConfigGuard

    device = gateway.connect(spec.ip, spec.port)
    before = device.auth_config()
    guard = AuthConfigGuard(device)
    card_only = authmodes.from_qa_name("card only", spec.model.extended_auth)
    guard.apply([card_only], private=False)
    guard.set_private(True)
    changed = device.auth_config()
    assert [s.mode for s in changed.authSchedules] == [card_only] and changed.usePrivateAuth
    guard.restore()
    assert device.auth_config() == before
    guard.restore()  # a second restore changes nothing
    assert device.auth_config() == before


def test_a_failed_scan_surfaces_its_own_cause_at_once(
    gateway: Gateway, sim: Simulator, spec: DeviceSpec
) -> None:
    """Not "no card scan was waiting" from the person's action 10 s later: the scan's own error."""
    device = gateway.connect(spec.ip, spec.port)
    sim.faults.inject("Card/Scan", 1, grpc.StatusCode.UNAVAILABLE.value[0], "the link dropped")
    operator = ScriptedOperator(gateway.channel)
    with pytest.raises(GatewayUnavailable, match=r"Card\.Scan failed: UNAVAILABLE: the link dropped"):
        capture_card(TerminalIO(device, spec.name), operator, TEST_CARD)
    assert capture_card(TerminalIO(device, spec.name), operator, TEST_CARD).data  # the next one works


def test_cleanup_deletes_only_what_is_there_and_is_safe_to_repeat(gateway: Gateway, spec: DeviceSpec) -> None:
    device = gateway.connect(spec.ip, spec.port)
    device.enroll([user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900660"))])
    assert cleanup.remove_users(device, ["900660", "900661"]) == ["900660"]
    assert cleanup.remove_users(device, ["900660", "900661"]) == []  # a retry after a lost answer
    config = device.auth_config()
    assert cleanup.put_auth_config(device, config) is False  # unchanged (written all the same)
