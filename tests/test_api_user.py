"""gsdk.user.User and gsdk.auth.Auth served in full: what each call stores is read back, a Multi
call acts on each terminal and names the one that failed in its status details, a terminal
without job codes refuses them naming the flag, and bad input is refused naming the field.

The tests share a simulator of their own with one terminal of each model (conftest `five`),
each with user IDs of its own."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import status_pb2

from biohil import apisurvey
from biohil.gsdk import (
    auth_pb2,
    card_pb2,
    connect_pb2,
    device_pb2,
    err_pb2,
    event_pb2,
    finger_pb2,
    tna_pb2,
    user_pb2,
)
from biohil.readings import Readings
from biohil.simulator import Simulator, credentials
from biohil.simulator.models import fleet
from tests.conftest import raw_stubs

BS2, F2, W2, FS2, F2_NO_FP = (s.device_id for s in fleet(5))
INVALID, NOT_FOUND = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND
Stubs = dict[str, Any]


def _error(call: Any, request: Any) -> tuple[grpc.StatusCode, str, Any]:
    """The status, message and error of a call that must fail."""
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code(), err.details(), err


def _multi_errors(err: Any) -> dict[int, err_pb2.ErrorResponse]:
    """The per-terminal errors of a failed Multi call: its trailer's google.rpc.Status holds
    exactly one detail, a gsdk.err.MultiErrorResponse (contract 5.9)."""
    trailer = dict(err.trailing_metadata())["grpc-status-details-bin"]
    status = status_pb2.Status.FromString(trailer)
    assert status.code == err.code().value[0]
    (detail,) = status.details
    assert detail.type_url.endswith("gsdk.err.MultiErrorResponse")
    errors = err_pb2.MultiErrorResponse()
    detail.Unpack(errors)
    return {e.deviceID: e for e in errors.deviceErrors}


def _card() -> card_pb2.CSNCardData:
    return card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_CSN, size=32, data=credentials.new_card())


def _finger() -> finger_pb2.FingerData:
    identity = credentials.new_identity()
    template = credentials.finger_template(identity, credentials.GOOD_QUALITY)
    return finger_pb2.FingerData(templates=[template, template])


def _user(uid: str, **fields: Any) -> user_pb2.UserInfo:
    return user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=uid), **fields)


def _enroll(s: Stubs, device: int, *users: user_pb2.UserInfo) -> None:
    s["user"].Enroll(user_pb2.EnrollRequest(deviceID=device, users=users, overwrite=True), timeout=10)


def _get(s: Stubs, device: int, *uids: str) -> list[user_pb2.UserInfo]:
    return list(s["user"].Get(user_pb2.GetRequest(deviceID=device, userIDs=uids), timeout=10).users)


def _listed(s: Stubs, device: int) -> set[str]:
    return {h.ID for h in s["user"].GetList(user_pb2.GetListRequest(deviceID=device), timeout=10).hdrs}


def _log_from(s: Stubs, device: int, start: int) -> list[tuple[int, int, str]]:
    events = (
        s["event"].GetLog(event_pb2.GetLogRequest(deviceID=device, startEventID=start), timeout=10).events
    )
    return [(e.eventCode, e.subCode, e.userID) for e in events]


def _next_id(s: Stubs, device: int) -> int:
    events = s["event"].GetLog(event_pb2.GetLogRequest(deviceID=device), timeout=10).events
    return events[-1].ID + 1 if events else 1


def test_get_partial_reads_only_the_parts_its_mask_names(five: Stubs) -> None:
    uid = "920101"
    face = credentials.face_data(credentials.new_identity(), visual=True)
    user = _user(
        uid,
        name="Ada",
        cards=[_card()],
        faces=[face],
        accessGroupIDs=[3],
        setting=user_pb2.UserSetting(startTime=100, cardAuthExtMode=auth_pb2.AUTH_EXT_MODE_CARD_ONLY),
    )
    _enroll(five, F2, user)
    (whole,) = _get(five, F2, uid)

    def partial(mask: int) -> user_pb2.UserInfo:
        request = user_pb2.GetPartialRequest(deviceID=F2, userIDs=[uid], infoMask=mask)
        (got,) = five["user"].GetPartial(request, timeout=10).users
        return got  # type: ignore[no-any-return]

    assert partial(user_pb2.USER_MASK_ALL) == whole
    assert partial(user_pb2.USER_MASK_ID_ONLY) == _user(uid)
    named = partial(user_pb2.USER_MASK_NAME | user_pb2.USER_MASK_CARD | user_pb2.USER_MASK_ACCESS_GROUP)
    assert named == _user(uid, name="Ada", cards=whole.cards, accessGroupIDs=[3])
    assert partial(user_pb2.USER_MASK_HDR).hdr == whole.hdr
    # SETTING: validity and classic modes; SETTING_EX: the extended modes.
    assert partial(user_pb2.USER_MASK_SETTING).setting.startTime == 100
    assert partial(user_pb2.USER_MASK_SETTING).setting.cardAuthExtMode == 0
    assert partial(user_pb2.USER_MASK_SETTING_EX).setting.cardAuthExtMode == auth_pb2.AUTH_EXT_MODE_CARD_ONLY
    # The F2's visual face data is FACE_EX's, not FACE's (an infrared terminal's).
    assert list(partial(user_pb2.USER_MASK_FACE).faces) == []
    assert list(partial(user_pb2.USER_MASK_FACE_EX).faces) == list(whole.faces)

    request = user_pb2.GetPartialRequest(deviceID=F2, userIDs=[uid], infoMask=0x10000)
    code, message, _ = _error(five["user"].GetPartial, request)
    assert code == INVALID and "User.GetPartial: infoMask 0x10000" in message, message
    request = user_pb2.GetPartialRequest(deviceID=F2, userIDs=[uid, "920199"], infoMask=1)
    code, message, _ = _error(five["user"].GetPartial, request)  # reading mixed_user_ids, as Get
    assert code == NOT_FOUND and "920199" in message, message


def test_update_keeps_the_masked_parts_and_logs_an_overwrite(five: Stubs) -> None:
    uid = "920201"
    pin = five["user"].GetPINHash(user_pb2.GetPINHashRequest(PIN="4711"), timeout=10).hashVal
    card = _card()
    before = _user(
        uid, name="Before", cards=[card], PIN=pin, photo=b"\xff\xd8jpeg", jobCodes=[tna_pb2.JobCode(code=5)]
    )
    _enroll(five, BS2, before)
    start = _next_id(five, BS2)
    after = _user(uid, name="After", accessGroupIDs=[9])
    after.hdr.updateMask = user_pb2.KEEP_USER_CARD | user_pb2.KEEP_USER_PIN
    five["user"].Update(user_pb2.UpdateRequest(deviceID=BS2, users=[after]), timeout=10)
    (got,) = _get(five, BS2, uid)
    assert (got.name, list(got.cards), got.PIN, list(got.accessGroupIDs)) == ("After", [card], pin, [9])
    assert (got.photo, list(got.jobCodes), got.hdr.numOfCard, got.hdr.updateMask) == (b"", [], 1, 0)
    assert _log_from(five, BS2, start) == [(0x2200, 0x01, uid)]  # an overwrite (reading overwrite_event)

    # KEEP_NONE: as Enroll with overwrite.
    five["user"].Update(user_pb2.UpdateRequest(deviceID=BS2, users=[_user(uid, name="Plain")]), timeout=10)
    enrolled = _user("920202", name="Plain")
    _enroll(five, BS2, enrolled)
    plain, reference = _get(five, BS2, uid, "920202")
    reference.hdr.ID = uid
    assert plain == reference

    bad = _user(uid)
    bad.hdr.updateMask = 0x100
    code, message, _ = _error(five["user"].Update, user_pb2.UpdateRequest(deviceID=BS2, users=[bad]))
    assert code == INVALID and "users[0].hdr.updateMask 0x100" in message, message


def test_get_card_finger_face_read_back_what_set_and_enroll_stored(five: Stubs) -> None:
    uid, other = "920301", "920302"
    card, finger = _card(), _finger()
    face = credentials.face_data(credentials.new_identity(), visual=True)
    _enroll(five, F2, _user(uid), _user(other, cards=[_card()]))
    user = five["user"]
    user.SetCard(
        user_pb2.SetCardRequest(deviceID=F2, userCards=[user_pb2.UserCard(userID=uid, cards=[card])])
    )
    user.SetFinger(
        user_pb2.SetFingerRequest(
            deviceID=F2, userFingers=[user_pb2.UserFinger(userID=uid, fingers=[finger])]
        )
    )
    user.SetFace(
        user_pb2.SetFaceRequest(deviceID=F2, userFaces=[user_pb2.UserFace(userID=uid, faces=[face])])
    )
    (whole, other_whole) = _get(five, F2, uid, other)
    cards = user.GetCard(user_pb2.GetCardRequest(deviceID=F2, userIDs=[uid, other]), timeout=10).userCards
    assert [(c.userID, list(c.cards)) for c in cards] == [(uid, [card]), (other, list(other_whole.cards))]
    (fingers,) = user.GetFinger(user_pb2.GetFingerRequest(deviceID=F2, userIDs=[uid]), timeout=10).userFingers
    assert list(fingers.fingers) == [finger] == list(whole.fingers)
    (faces,) = user.GetFace(user_pb2.GetFaceRequest(deviceID=F2, userIDs=[uid]), timeout=10).userFaces
    assert list(faces.faces) == [face] == list(whole.faces)

    # Unknown IDs (reading mixed_user_ids) and a card of another user (card_of_another_user), as
    # Get and SetCard decide them.
    code, message, _ = _error(user.GetCard, user_pb2.GetCardRequest(deviceID=F2, userIDs=[uid, "920399"]))
    assert code == NOT_FOUND and "920399" in message, message
    taken = user_pb2.UserCard(userID=uid, cards=list(other_whole.cards))
    request = user_pb2.SetCardMultiRequest(deviceIDs=[F2], userCards=[taken])
    code, message, err = _error(user.SetCardMulti, request)
    assert code == grpc.StatusCode.ALREADY_EXISTS and other in _multi_errors(err)[F2].msg
    bad = user_pb2.GetFingerRequest(deviceID=F2, userIDs=["0920301"])
    code, message, _ = _error(user.GetFinger, bad)
    assert code == INVALID and "User.GetFinger: userIDs[0]" in message, message


def test_access_groups_and_job_codes_are_set_and_read_back(five: Stubs) -> None:
    uid = "920401"
    _enroll(five, BS2, _user(uid, name="Groups"))
    user = five["user"]
    groups = user_pb2.UserAccessGroup(userID=uid, accessGroupIDs=[2, 70_000])
    user.SetAccessGroup(user_pb2.SetAccessGroupRequest(deviceID=BS2, userAccessGroups=[groups]), timeout=10)
    got = user.GetAccessGroup(user_pb2.GetAccessGroupRequest(deviceID=BS2, userIDs=[uid]), timeout=10)
    assert list(got.userAccessGroups) == [groups]
    jobs = user_pb2.UserJobCode(userID=uid, jobCodes=[tna_pb2.JobCode(code=12, label="Night shift")])
    user.SetJobCode(user_pb2.SetJobCodeRequest(deviceID=BS2, userJobCodes=[jobs]), timeout=10)
    got = user.GetJobCode(user_pb2.GetJobCodeRequest(deviceID=BS2, userIDs=[uid]), timeout=10)
    assert list(got.userJobCodes) == [jobs]
    (whole,) = _get(five, BS2, uid)
    assert (whole.name, list(whole.accessGroupIDs), list(whole.jobCodes)) == (
        "Groups",
        [2, 70_000],
        [*jobs.jobCodes],
    )

    for request, words in (
        (
            user_pb2.SetAccessGroupRequest(
                deviceID=BS2,
                userAccessGroups=[user_pb2.UserAccessGroup(userID=uid, accessGroupIDs=range(1, 18))],
            ),
            "User.SetAccessGroup: userAccessGroups[0].accessGroupIDs has 17 IDs, at most 16",
        ),
        (
            user_pb2.SetAccessGroupRequest(
                deviceID=BS2, userAccessGroups=[user_pb2.UserAccessGroup(userID=uid, accessGroupIDs=[4, 0])]
            ),
            "userAccessGroups[0].accessGroupIDs[1] is 0",
        ),
        (
            user_pb2.SetJobCodeRequest(
                deviceID=BS2,
                userJobCodes=[
                    user_pb2.UserJobCode(userID=uid, jobCodes=[tna_pb2.JobCode(code=1, label="x" * 49)])
                ],
            ),
            "User.SetJobCode: userJobCodes[0].jobCodes[0].label has 49 characters, at most 48",
        ),
        (
            user_pb2.SetJobCodeRequest(
                deviceID=BS2,
                userJobCodes=[user_pb2.UserJobCode(userID=uid, jobCodes=[tna_pb2.JobCode(code=3)] * 2)],
            ),
            "userJobCodes[0].jobCodes lists job code 3 more than once",
        ),
    ):
        method = "SetAccessGroup" if isinstance(request, user_pb2.SetAccessGroupRequest) else "SetJobCode"
        code, message, _ = _error(getattr(user, method), request)
        assert code == INVALID and words in message, message
    assert _get(five, BS2, uid) == [whole]  # nothing changed


def test_job_codes_are_refused_on_a_model_without_them_naming_the_flag(five: Stubs) -> None:
    """T&A terminals (BioStation 2, FaceStation F2) have job codes; the BioEntry W2 and
    FaceStation 2 do not: their calls, and job codes sent in Enroll or Update, are refused with
    reading unsupported_feature's status naming jobCodeSupported."""
    for device, has in ((BS2, True), (F2, True), (F2_NO_FP, True), (W2, False), (FS2, False)):
        asked = device_pb2.GetCapabilityInfoRequest(deviceID=device)
        info = five["device"].GetCapabilityInfo(asked, timeout=10).capInfo
        assert info.jobCodeSupported is has, device
    uid = "920501"
    _enroll(five, W2, _user(uid))
    user = five["user"]
    jobs = [tna_pb2.JobCode(code=1, label="Day")]
    for method, request in (
        ("GetJobCode", user_pb2.GetJobCodeRequest(deviceID=W2, userIDs=[uid])),
        (
            "SetJobCode",
            user_pb2.SetJobCodeRequest(deviceID=W2, userJobCodes=[user_pb2.UserJobCode(userID=uid)]),
        ),
        ("Enroll", user_pb2.EnrollRequest(deviceID=W2, users=[_user(uid, jobCodes=jobs)], overwrite=True)),
        ("Update", user_pb2.UpdateRequest(deviceID=W2, users=[_user(uid, jobCodes=jobs)])),
    ):
        code, message, _ = _error(getattr(user, method), request)
        assert code == grpc.StatusCode.UNIMPLEMENTED, (method, message)
        assert message.endswith("does not support it (jobCodeSupported is false)"), message
    assert "User.Update: users[0].jobCodes" in message  # Update's (and Enroll's) names the field
    (stored,) = _get(five, W2, uid)
    assert list(stored.jobCodes) == []


def test_multi_calls_act_on_each_terminal_and_name_the_one_that_failed(five: Stubs) -> None:
    """EnrollMulti of a user with visual face data: the F2 stores it, the BioStation 2 (no face
    camera) refuses; SetJobCodeMulti: the BioStation 2 takes them, the BioEntry W2 has none;
    then DeleteMulti and DeleteAllMulti reach every terminal named."""
    uid = "920601"
    user = five["user"]
    face = credentials.face_data(credentials.new_identity(), visual=True)
    enroll = user_pb2.EnrollMultiRequest(
        deviceIDs=[BS2, F2], users=[_user(uid, faces=[face])], overwrite=True
    )
    code, message, err = _error(user.EnrollMulti, enroll)
    failed = _multi_errors(err)
    assert (code, message.startswith("User.EnrollMulti: failed on 1 of 2 terminals; ")) == (INVALID, True)
    assert list(failed) == [BS2] and failed[BS2].code == INVALID.value[0]
    assert "no face sensor" in failed[BS2].msg, failed[BS2].msg
    assert [list(u.faces) for u in _get(five, F2, uid)] == [[face]] and uid not in _listed(five, BS2)

    _enroll(five, BS2, _user(uid))
    _enroll(five, W2, _user(uid))
    jobs = user_pb2.UserJobCode(userID=uid, jobCodes=[tna_pb2.JobCode(code=4, label="Late")])
    request = user_pb2.SetJobCodeMultiRequest(deviceIDs=[W2, BS2], userJobCodes=[jobs])
    code, _, err = _error(user.SetJobCodeMulti, request)
    failed = _multi_errors(err)
    assert code == grpc.StatusCode.UNIMPLEMENTED and list(failed) == [W2]
    assert failed[W2].msg.endswith("(jobCodeSupported is false)"), failed[W2].msg
    assert list(_get(five, BS2, uid)[0].jobCodes) == list(jobs.jobCodes)

    # A bad shared part is refused for the whole call, before any terminal.
    bad = user_pb2.SetJobCodeMultiRequest(
        deviceIDs=[BS2], userJobCodes=[user_pb2.UserJobCode(userID=uid, jobCodes=[tna_pb2.JobCode()])]
    )
    code, message, err = _error(user.SetJobCodeMulti, bad)
    assert code == INVALID and "userJobCodes[0].jobCodes[0].code is 0" in message, message
    assert "grpc-status-details-bin" not in dict(err.trailing_metadata())

    user.DeleteMulti(user_pb2.DeleteMultiRequest(deviceIDs=[BS2, F2, W2], userIDs=[uid]), timeout=10)
    assert all(uid not in _listed(five, d) for d in (BS2, F2, W2))
    _enroll(five, FS2, _user("920602"))
    _enroll(five, F2_NO_FP, _user("920603"))
    start = _next_id(five, FS2)
    user.DeleteAllMulti(user_pb2.DeleteAllMultiRequest(deviceIDs=[FS2, F2_NO_FP]), timeout=10)
    assert _listed(five, FS2) == _listed(five, F2_NO_FP) == set()
    assert _log_from(five, FS2, start) == [(0x2600, 0x01, "")]
    code, message, _ = _error(user.DeleteAllMulti, user_pb2.DeleteAllMultiRequest(deviceIDs=[FS2, FS2]))
    assert code == INVALID and "deviceIDs names terminal" in message, message


def test_set_config_multi_sets_each_terminal_and_a_mode_one_lacks_fails_there_only(five: Stubs) -> None:
    auth = five["auth"]

    def config_of(device: int) -> auth_pb2.AuthConfig:
        return auth.GetConfig(auth_pb2.GetConfigRequest(deviceID=device), timeout=10).config  # type: ignore[no-any-return]

    originals = {d: config_of(d) for d in (BS2, W2)}
    try:
        card_pin = auth_pb2.AuthConfig(
            authSchedules=[auth_pb2.AuthSchedule(mode=auth_pb2.AUTH_MODE_CARD_PIN, scheduleID=1)],
            matchTimeout=6,
            authTimeout=12,
        )
        request = auth_pb2.SetConfigMultiRequest(deviceIDs=[BS2, W2], config=card_pin)
        code, _, err = _error(auth.SetConfigMulti, request)
        failed = _multi_errors(err)
        assert code == INVALID and list(failed) == [W2] and "needs a keypad" in failed[W2].msg
        assert config_of(BS2) == card_pin and config_of(W2) == originals[W2]

        bad = auth_pb2.AuthConfig(matchTimeout=0, authTimeout=12)  # reading auth_config_timeouts
        code, message, _ = _error(
            auth.SetConfigMulti, auth_pb2.SetConfigMultiRequest(deviceIDs=[BS2], config=bad)
        )
        assert code == INVALID and message.startswith("Auth.SetConfigMulti: ") and "matchTimeout" in message
        code, message, _ = _error(auth.SetConfigMulti, auth_pb2.SetConfigMultiRequest(deviceIDs=[BS2]))
        assert code == INVALID and "config is missing" in message
        assert config_of(BS2) == card_pin
    finally:
        for device, config in originals.items():
            auth.SetConfig(auth_pb2.SetConfigRequest(deviceID=device, config=config), timeout=10)


def test_statistic_counts_what_the_terminal_holds(five: Stubs) -> None:
    user = five["user"]
    user.DeleteAll(user_pb2.DeleteAllRequest(deviceID=F2_NO_FP), timeout=10)
    face = credentials.face_data(credentials.new_identity(), visual=True)
    _enroll(
        five,
        F2_NO_FP,
        _user("920701", name="Named", cards=[_card(), _card()], photo=b"\xff\xd8", faces=[face]),
        _user("920702", cards=[_card()]),
    )

    def statistic() -> user_pb2.UserStatistic:
        return user.GetStatistic(user_pb2.GetStatisticRequest(deviceID=F2_NO_FP), timeout=10).userStatistic  # type: ignore[no-any-return]

    assert statistic() == user_pb2.UserStatistic(
        numOfUsers=2, numOfCards=3, numOfFingerprints=0, numOfFaces=1, numOfNames=1, numOfImages=1
    )
    user.Delete(user_pb2.DeleteRequest(deviceID=F2_NO_FP, userIDs=["920701"]), timeout=10)
    assert statistic() == user_pb2.UserStatistic(numOfUsers=1, numOfCards=1)


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stubs]:
    """A simulator whose PIN hash is keyed (reading pin_hash=keyed)."""
    with Simulator(tmp_path_factory.mktemp("keyed"), readings=Readings({"pin_hash": "keyed"})) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            yield raw_stubs(channel)


def test_pin_hash_with_key_is_the_keyed_hash_under_that_key(five: Stubs, keyed: Stubs) -> None:
    """HMAC-SHA-256 of the digits under the client's key; under the gateway's own key (pin_hash=
    keyed) it is GetPINHash's hash. The key must be 32 bytes, the PIN 4 to 16 digits."""
    key = bytes(range(32))
    for s in (five, keyed):
        request = user_pb2.GetPINHashWithKeyRequest(PIN="4711", hashKey=key)
        got = s["user"].GetPINHashWithKey(request, timeout=10).hashVal
        assert got == hmac.new(key, b"4711", hashlib.sha256).digest()
    gateway_key = bytes([0x5A] * 32)  # readings.py: the keyed reading's made-up key
    with_key = keyed["user"].GetPINHashWithKey(
        user_pb2.GetPINHashWithKeyRequest(PIN="4711", hashKey=gateway_key)
    )
    assert with_key.hashVal == keyed["user"].GetPINHash(user_pb2.GetPINHashRequest(PIN="4711")).hashVal
    for pin, hash_key, words in (
        ("4711", b"", "hashKey is 0 bytes; it must be 32"),
        ("4711", bytes(33), "hashKey is 33 bytes; it must be 32"),
        ("47a1", key, "PIN must be 4 to 16 digits"),
    ):
        request = user_pb2.GetPINHashWithKeyRequest(PIN=pin, hashKey=hash_key)
        code, message, _ = _error(five["user"].GetPINHashWithKey, request)
        assert code == INVALID and message == f"User.GetPINHashWithKey: {words}", message


def test_the_survey_finds_every_user_and_auth_call_plausible_on_every_model(tmp_path: Path) -> None:
    """biohil.apisurvey's calls of gsdk.user and gsdk.auth on each model: every answer is what
    the documentation describes and reads back, but job codes on the models without them."""
    specs = fleet(5)
    with Simulator(tmp_path, devices=specs) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            invoke = apisurvey.invoker(channel, timeout=10)
            names = {
                apisurvey.short(m)
                for m in apisurvey.methods()
                if m.containing_service.name in ("User", "Auth")
            }
            assert len(names) == 32 and names <= set(apisurvey.calls())
            for spec in specs:
                info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
                invoke("Connect.Connect", connect_pb2.ConnectRequest(connectInfo=info))
            for spec in specs:
                found = apisurvey.survey(
                    invoke, spec.device_id, apisurvey.reported(invoke, spec.device_id), only=names
                )
                verdicts = {o.method: o.verdict for o in found.outcomes if o.verdict != "plausible"}
                if spec.model.tna:
                    assert verdicts == {}, (spec.name, found.outcomes)
                else:  # a Multi's per-terminal refusal is read from its status details
                    jobs = ("User.GetJobCode", "User.SetJobCode", "User.SetJobCodeMulti")
                    assert verdicts == dict.fromkeys(jobs, "unsupported"), spec.name
