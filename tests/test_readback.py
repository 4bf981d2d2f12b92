"""Writes read back whole (biohil.client.readback): the comparison's messages, what a terminal may
fill in or normalise, and the auth config's restore that writes whatever a read says."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from biohil import authmodes
from biohil.client import Gateway, cleanup, readback
from biohil.client.authconfig import AuthConfigGuard
from biohil.gsdk import auth_pb2, card_pb2, finger_pb2, user_pb2
from biohil.simulator import Simulator
from biohil.simulator.device import SimDevice
from biohil.simulator.models import DeviceSpec
from biohil.simulator.roster import Roster
from biohil.verdict import Unexpected, cause_of


def _card(n: int) -> card_pb2.CSNCardData:
    return card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_CSN, size=32, data=bytes(28) + n.to_bytes(4, "big"))


def _finger(n: int) -> finger_pb2.FingerData:
    return finger_pb2.FingerData(templates=[bytes([n, 1]) * 100, bytes([n, 2]) * 100])


def _user(uid: str = "900601") -> user_pb2.UserInfo:
    info = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=uid), name="Ada Lovelace", PIN=bytes(range(32)))
    info.cards.extend([_card(1), _card(2)])
    info.fingers.extend([_finger(1), _finger(2)])
    info.setting.startTime, info.setting.endTime = 1_700_000_000, 1_800_000_000
    info.setting.securityLevel = user_pb2.SECURITY_LEVEL_HIGHER
    return info


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def test_a_difference_names_its_field_path_expected_and_answered_with_bytes_as_size_and_hash() -> None:
    written = readback.expected_user(_user())
    answered = user_pb2.UserInfo()
    answered.CopyFrom(written)
    answered.cards[1].data = bytes(28) + b"\x00\x00\x00\x09"
    answered.fingers[0].templates[1] = b"\x07" * 50
    answered.setting.endTime = 0
    answered.PIN = bytes(32)
    with pytest.raises(Unexpected) as caught:
        readback.expect_same(
            written, answered, "user 900601 on device 546830001, read back after User.Enroll"
        )
    text = str(caught.value)
    assert cause_of(caught.value).value == "product"
    assert text.startswith("user 900601 on device 546830001, read back after User.Enroll: 4 fields differ")
    assert f"cards[1].data: expected 32 bytes sha256:{_sha(written.cards[1].data)}, " in text
    assert f"the terminal answered 32 bytes sha256:{_sha(answered.cards[1].data)}" in text
    assert (
        f"fingers[0].templates[1]: expected 200 bytes sha256:{_sha(written.fingers[0].templates[1])}" in text
    )
    assert "the terminal answered 50 bytes sha256:" in text
    assert "setting.endTime: expected 1800000000, the terminal answered 0" in text
    assert f"PIN: expected 32 bytes sha256:{_sha(bytes(range(32)))}, the terminal answered 32 bytes" in text
    # never the bytes themselves, never a protobuf dump
    assert bytes(range(32)).hex() not in text and "\\x" not in text and "\n" not in text


def test_a_missing_or_extra_item_is_named_by_its_index_and_shown_by_its_fields() -> None:
    written = readback.expected_user(_user())
    answered = user_pb2.UserInfo()
    answered.CopyFrom(written)
    del answered.cards[1:]
    answered.hdr.numOfCard = 1
    answered.fingers.append(_finger(3))
    found = [str(d) for d in readback.differences(written, answered)]
    assert found[0] == "hdr.numOfCard: expected 2, the terminal answered 1"
    assert found[1].startswith(
        "cards[1]: expected {type: CARD_TYPE_CSN (1), size: 32, data: 32 bytes sha256:"
    )
    assert found[1].endswith("the terminal answered nothing (1 of 2 items)")
    assert found[2].startswith(
        "fingers[2]: expected nothing (2 items), the terminal answered {templates: [200 bytes"
    )


def test_what_a_terminal_fills_in_or_may_normalise_is_accepted_and_nothing_else() -> None:
    sent = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900602"))
    sent.cards.append(card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_CSN, data=b"\x12\x34"))
    sent.fingers.append(_finger(1))
    sent.setting.cardAuthMode = authmodes.from_qa_name("card only", False)
    answered = readback.expected_user(sent)  # the counts: the terminal fills them in
    assert (answered.hdr.numOfCard, answered.hdr.numOfFinger, answered.hdr.numOfFace) == (1, 1, 0)
    answered.cards[0].data, answered.cards[0].size = bytes(30) + b"\x12\x34", 32  # the 32-byte block
    answered.fingers[0].index = 5  # client-side only
    answered.setting.faceAuthExtMode = answered.setting.IDAuthMode = 0xFF  # unset: the device modes
    assert readback.differences(readback.expected_user(sent), answered, readback.USER_READINGS) == []

    answered.setting.cardAuthMode = 0xFF  # a mode the suite set, answered as the device modes
    answered.hdr.numOfCard = 2
    answered.cards[0].data = bytes(30) + b"\x12\x35"
    paths = [
        d.path for d in readback.differences(readback.expected_user(sent), answered, readback.USER_READINGS)
    ]
    assert paths == ["hdr.numOfCard", "setting.cardAuthMode", "cards[0].data"]

    # The auth config's schedules are a set: another order is the same config, another entry is not.
    config = auth_pb2.AuthConfig(authTimeout=5)
    config.authSchedules.add(mode=auth_pb2.AUTH_MODE_CARD_ONLY, scheduleID=1)
    config.authSchedules.add(mode=auth_pb2.AUTH_MODE_BIOMETRIC_ONLY, scheduleID=1)
    reordered = auth_pb2.AuthConfig(authTimeout=5, authSchedules=list(reversed(config.authSchedules)))
    assert readback.auth_config_differences(config, reordered) == []
    del reordered.authSchedules[1:]
    [gone] = readback.auth_config_differences(config, reordered)
    assert str(gone) == (
        "authSchedules[1]: expected {mode: AUTH_MODE_CARD_ONLY (2), scheduleID: 1}, "
        "the terminal answered nothing (1 of 2 items)"
    )


def test_a_user_is_read_back_whole_and_a_terminal_answering_less_is_named(
    gateway: Gateway, spec: DeviceSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = gateway.connect(spec.ip, spec.port)
    info = _user("900603")
    if not spec.model.fingerprint:
        del info.fingers[:]
    device.enroll([info], overwrite=True)
    try:
        readback.expect_user(device, info, "User.Enroll")  # the simulator answers it whole

        def get(original: Any, self: Roster, ids: list[str]) -> list[user_pb2.UserInfo]:
            users: list[user_pb2.UserInfo] = original(self, ids)
            for user in users:
                del user.cards[1:]
            return users

        original = Roster.get_users
        monkeypatch.setattr(Roster, "get_users", lambda self, ids: get(original, self, ids))
        with pytest.raises(Unexpected, match=r"^user 900603 on device \d+, read back after User.SetCard: "):
            readback.expect_user(device, info, "User.SetCard")
        monkeypatch.undo()

        monkeypatch.setattr(Roster, "delete_users", lambda self, ids: None)  # answers OK, keeps them
        device.delete_users("900603")
        with pytest.raises(Unexpected) as caught:
            readback.expect_no_user(device, "900603", "User.Delete")
        assert str(caught.value).startswith(
            f"user 900603 on device {device.id} after User.Delete: expected User.Get to answer NOT_FOUND, "
            "the terminal answered {hdr: {ID: '900603', numOfCard: 2"
        )
    finally:
        monkeypatch.undo()
        cleanup.remove_users(device, ["900603"])
    readback.expect_no_user(device, "900603", "User.Delete")


def test_a_change_expected_refused_or_accepted_says_whose_where_and_what_the_terminal_answered(
    gateway: Gateway, spec: DeviceSpec
) -> None:
    device = gateway.connect(spec.ip, spec.port)
    info = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900604"))
    device.enroll([info], overwrite=True)
    try:
        taken = readback.refusable(
            device, "enrollment", "900604", lambda: device.enroll([info], overwrite=True)
        )
        taken.expect("accepted")
        with pytest.raises(Unexpected) as caught:
            taken.expect("refused")
        assert str(caught.value) == (
            f"the enrollment of user 900604 on device {device.id}: "
            "expected the terminal to refuse it, it answered OK"
        )
        refused = readback.refusable(device, "enrollment", "900604", lambda: device.enroll([info]))
        with pytest.raises(
            Unexpected, match=r"expected the terminal to accept it, it answered .*ALREADY_EXISTS"
        ):
            refused.expect("accepted")
    finally:
        cleanup.remove_users(device, ["900604"])


def test_the_auth_config_restore_writes_even_when_a_read_shows_nothing_changed(
    gateway: Gateway, sim: Simulator, spec: DeviceSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal whose GetConfig answers the config it started with (a stale cache): the
    guard's read back after SetConfig fails as product, and the restore still writes, so the
    terminal holds what was found, not the scenario's modes."""
    device = gateway.connect(spec.ip, spec.port)
    simulated = sim.gateway.devices[device.id]
    found = device.auth_config()
    original = SimDevice.auth_config
    monkeypatch.setattr(SimDevice, "auth_config", lambda self: found if self is simulated else original(self))
    guard = AuthConfigGuard(device)
    card_only = authmodes.from_qa_name("card only", spec.model.extended_auth)
    try:
        with pytest.raises(Unexpected) as caught:
            guard.apply([card_only], private=True)
        text = str(caught.value)
        assert text.startswith(f"the auth config of device {device.id}, read back after Auth.SetConfig: ")
        assert "usePrivateAuth: expected True, the terminal answered False" in text
        assert f"authSchedules[0].mode: expected {authmodes.mode_name(card_only)} ({card_only})" in text
        assert [s.mode for s in simulated._auth.authSchedules] == [card_only]  # written, not reported
        guard.restore()  # the read shows nothing to put back: written all the same, and read back
        assert simulated._auth == found
    finally:
        monkeypatch.undo()
        guard.restore()
    assert device.auth_config() == found
