"""gsdk.tna: a terminal's T&A config, the T&A key and job code its authentication events carry
by the config's mode and the person's choice (Control.Act tnaKey, jobCode), and the T&A and job
code logs, each read back through the public API on a simulator of this module's own (five
terminals, one per model)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from grpc_status import rpc_status

from biohil.gsdk import card_pb2, device_pb2, err_pb2, event_pb2, tna_pb2, tna_pb2_grpc, user_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator.models import fleet

BS2, F2, W2, FS2, F2_NO_FP = (s.device_id for s in fleet(5))
Stubs = dict[str, Any]
USER, OTHER = "900501", "900502"
JOB = 31


@pytest.fixture(scope="module")
def s(five_channel: grpc.Channel, five: Stubs) -> Stubs:
    return {**five, "tna": tna_pb2_grpc.TNAStub(five_channel)}


@pytest.fixture
def t(s: Stubs) -> Iterator[Stubs]:
    """The stubs; afterwards the T&A terminals are back to T&A unused."""
    yield s
    for d in (BS2, F2, F2_NO_FP):
        _configure(s, d, tna_pb2.TNAConfig())


def _error(call: Any, request: Any) -> tuple[grpc.StatusCode, str, Any]:
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code(), err.details(), err


def _configure(s: Stubs, d: int, config: tna_pb2.TNAConfig) -> None:
    s["tna"].SetConfig(tna_pb2.SetConfigRequest(deviceID=d, config=config), timeout=10)


def _config(s: Stubs, d: int) -> tna_pb2.TNAConfig:
    config: tna_pb2.TNAConfig = s["tna"].GetConfig(tna_pb2.GetConfigRequest(deviceID=d), timeout=10).config
    return config


def _card_of(user: str, d: int) -> bytes:
    """The card token of a user on a terminal: made up, one per user and terminal."""
    return f"{d}:{user}".encode()[-16:]


def _enroll(s: Stubs, d: int, user: str, *jobs: int) -> None:
    info = user_pb2.UserInfo(
        hdr=user_pb2.UserHdr(ID=user),
        cards=[
            card_pb2.CSNCardData(
                type=card_pb2.CARD_TYPE_CSN, size=32, data=_card_of(user, d).rjust(32, b"\0")
            )
        ],
        jobCodes=[tna_pb2.JobCode(code=j, label=f"job {j}") for j in jobs],
    )
    s["user"].Enroll(user_pb2.EnrollRequest(deviceID=d, users=[info], overwrite=True), timeout=10)


def _card(s: Stubs, d: int, user: str, key: int = 0, job: int = 0) -> event_pb2.EventLog:
    """The user presents their card (card only is on by default), pressing a key / job code."""
    act = control_pb2.ActRequest(
        deviceID=d,
        input=control_pb2.CARD,
        credential=control_pb2.Credential(token=_card_of(user, d)),
        tnaKey=key,  # type: ignore[arg-type]
        jobCode=job,
    )
    event: event_pb2.EventLog = s["control"].Act(act, timeout=10).events[-1]
    return event


def _tna_log(s: Stubs, d: int, start: int, most: int = 0) -> list[tuple[int, str, int, int]]:
    request = tna_pb2.GetTNALogRequest(deviceID=d, startEventID=start, maxNumOfLog=most)
    return [
        (e.ID, e.userID, e.eventCode, e.TNAKey) for e in s["tna"].GetTNALog(request, timeout=10).TNAEvents
    ]


def _job_log(s: Stubs, d: int, start: int) -> list[tuple[int, str, int]]:
    request = tna_pb2.GetJobCodeLogRequest(deviceID=d, startEventID=start)
    return [(e.ID, e.userID, e.jobCode) for e in s["tna"].GetJobCodeLog(request, timeout=10).jobCodeEvents]


def test_the_t_and_a_config_is_stored_and_read_back(t: Stubs) -> None:
    assert _config(t, F2) == tna_pb2.TNAConfig()  # factory: T&A unused
    config = tna_pb2.TNAConfig(
        mode=tna_pb2.BY_SCHEDULE, key=tna_pb2.KEY_2, isRequired=True, schedules=[0, 1], labels=["In", "Out"]
    )
    _configure(t, F2, config)
    assert _config(t, F2) == config
    assert _config(t, BS2) == tna_pb2.TNAConfig()  # another terminal's is its own


def test_set_config_multi_configures_each_terminal_and_reports_the_one_without_t_and_a(t: Stubs) -> None:
    config = tna_pb2.TNAConfig(mode=tna_pb2.FIXED, key=tna_pb2.KEY_4, labels=["Out"] * 4)
    request = tna_pb2.SetConfigMultiRequest(deviceIDs=[BS2, FS2, F2], config=config)
    code, message, err = _error(t["tna"].SetConfigMulti, request)
    assert code == grpc.StatusCode.UNIMPLEMENTED and "failed on 1 of 3 terminals" in message
    status = rpc_status.from_call(err)
    assert status is not None and len(status.details) == 1
    found = err_pb2.MultiErrorResponse()
    assert status.details[0].Unpack(found)
    [failed] = found.deviceErrors
    assert (failed.deviceID, failed.code) == (FS2, grpc.StatusCode.UNIMPLEMENTED.value[0])
    assert "(TNASupported is false)" in failed.msg
    assert _config(t, BS2) == _config(t, F2) == config


@pytest.mark.parametrize("d", [W2, FS2], ids=["BioEntryW2", "FaceStation2"])
def test_a_terminal_without_t_and_a_keys_refuses_the_calls_naming_the_flag(t: Stubs, d: int) -> None:
    info = t["device"].GetCapabilityInfo(device_pb2.GetCapabilityInfoRequest(deviceID=d), timeout=10).capInfo
    assert not info.TNASupported
    for call, request, flag in (
        (t["tna"].GetConfig, tna_pb2.GetConfigRequest(deviceID=d), "TNASupported"),
        (t["tna"].SetConfig, tna_pb2.SetConfigRequest(deviceID=d), "TNASupported"),
        (t["tna"].GetTNALog, tna_pb2.GetTNALogRequest(deviceID=d), "TNASupported"),
        (t["tna"].GetJobCodeLog, tna_pb2.GetJobCodeLogRequest(deviceID=d), "jobCodeSupported"),
    ):
        code, message, _ = _error(call, request)
        assert code == grpc.StatusCode.UNIMPLEMENTED and f"({flag} is false)" in message
    act = control_pb2.ActRequest(
        deviceID=d,
        input=control_pb2.CARD,
        credential=control_pb2.Credential(unknown=True),
        tnaKey=tna_pb2.KEY_1,
    )
    code, message, _ = _error(t["control"].Act, act)
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "(TNASupported is false)" in message


def test_the_models_with_t_and_a_keys_say_so() -> None:
    flags = {s.device_id: s.model.capability_info().TNASupported for s in fleet(5)}
    assert flags == {BS2: True, F2: True, W2: False, FS2: False, F2_NO_FP: True}


@pytest.mark.parametrize(
    ("config", "words"),
    [
        (tna_pb2.TNAConfig(mode=5), "config.mode 5 is not one of UNUSED (0)"),  # type: ignore[arg-type]
        (tna_pb2.TNAConfig(key=17), "config.key 17 is not a T&A key"),  # type: ignore[arg-type]
        (tna_pb2.TNAConfig(mode=tna_pb2.FIXED), "config.key is UNSPECIFIED; mode FIXED"),
        (tna_pb2.TNAConfig(schedules=[1] * 17), "config.schedules has 17 schedules, at most 16"),
        (tna_pb2.TNAConfig(schedules=[0, 2]), "config.schedules[1] 2 does not exist"),
        (tna_pb2.TNAConfig(labels=["x"] * 17), "config.labels has 17 labels, at most 16"),
        (tna_pb2.TNAConfig(labels=["In", "y" * 49]), "config.labels[1] has 49 characters, at most 48"),
        (tna_pb2.TNAConfig(labels=["In\x1b"]), "config.labels[0]"),
    ],
    ids=["mode", "key", "fixed_without_key", "schedules", "schedule", "labels", "label_length", "label_char"],
)
def test_a_bad_config_is_refused_naming_the_field(t: Stubs, config: tna_pb2.TNAConfig, words: str) -> None:
    before = _config(t, BS2)
    for call, request, method in (
        (t["tna"].SetConfig, tna_pb2.SetConfigRequest(deviceID=BS2, config=config), "TNA.SetConfig"),
        (
            t["tna"].SetConfigMulti,
            tna_pb2.SetConfigMultiRequest(deviceIDs=[BS2], config=config),
            "TNA.SetConfigMulti",
        ),
    ):
        code, message, _ = _error(call, request)
        assert (
            code == grpc.StatusCode.INVALID_ARGUMENT
            and message.startswith(f"{method}: ")
            and words in message
        )
    assert _config(t, BS2) == before


@pytest.mark.parametrize(
    ("config", "pressed", "carried"),
    [
        (tna_pb2.TNAConfig(mode=tna_pb2.UNUSED), [3, 0], [0, 0]),
        (tna_pb2.TNAConfig(mode=tna_pb2.FIXED, key=tna_pb2.KEY_5), [0, 2], [5, 5]),
        (tna_pb2.TNAConfig(mode=tna_pb2.BY_USER), [2, 0, 7], [2, 0, 7]),
        (tna_pb2.TNAConfig(mode=tna_pb2.LAST_CHOICE), [0, 2, 0, 4, 0], [0, 2, 2, 4, 4]),
        (tna_pb2.TNAConfig(mode=tna_pb2.BY_SCHEDULE, schedules=[0, 0, 1, 1]), [0, 9], [3, 3]),
        (tna_pb2.TNAConfig(mode=tna_pb2.BY_SCHEDULE, schedules=[0, 0]), [0, 9], [0, 9]),
    ],
    ids=["unused", "fixed", "by_user", "last_choice", "by_schedule", "by_schedule_none_applies"],
)
def test_a_grant_carries_the_key_its_mode_gives(
    t: Stubs, config: tna_pb2.TNAConfig, pressed: list[int], carried: list[int]
) -> None:
    """EventLog.TNAKey of each grant, and the same grants (those with a key) in GetTNALog."""
    _enroll(t, BS2, USER)
    _configure(t, BS2, config)
    grants = [_card(t, BS2, USER, key) for key in pressed]
    assert [(g.eventCode, g.TNAKey) for g in grants] == [(0x1000, k) for k in carried]
    logged = _tna_log(t, BS2, grants[0].ID)
    assert logged == [(g.ID, USER, 0x1000, k) for g, k in zip(grants, carried, strict=True) if k]


def test_a_failed_authentication_carries_no_key(t: Stubs) -> None:
    """Reading tna_key_events=granted (the default): a stranger's card punches nobody."""
    _configure(t, F2, tna_pb2.TNAConfig(mode=tna_pb2.FIXED, key=tna_pb2.KEY_1))
    act = control_pb2.ActRequest(
        deviceID=F2,
        input=control_pb2.CARD,
        credential=control_pb2.Credential(unknown=True),
        tnaKey=tna_pb2.KEY_1,
    )
    [failed] = t["control"].Act(act, timeout=10).events
    assert (failed.eventCode, failed.TNAKey) == (0x1100, 0)
    assert _tna_log(t, F2, failed.ID) == []


def test_a_required_key_not_pressed_refuses_the_input_and_logs_nothing(t: Stubs) -> None:
    _enroll(t, F2, USER)
    _configure(t, F2, tna_pb2.TNAConfig(mode=tna_pb2.BY_USER, isRequired=True))
    newest = t["event"].GetLog(event_pb2.GetLogRequest(deviceID=F2), timeout=10).events[-1].ID
    act = control_pb2.ActRequest(
        deviceID=F2, input=control_pb2.CARD, credential=control_pb2.Credential(token=_card_of(USER, F2))
    )
    code, message, _ = _error(t["control"].Act, act)
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "isRequired" in message and "tnaKey" in message
    assert (
        t["event"].GetLog(event_pb2.GetLogRequest(deviceID=F2, startEventID=newest + 1), timeout=10).events
        == []
    )
    assert _card(t, F2, USER, tna_pb2.KEY_6).TNAKey == tna_pb2.KEY_6


def test_the_t_and_a_log_pages_from_an_id_and_up_to_a_count(t: Stubs) -> None:
    _enroll(t, F2_NO_FP, USER)
    _configure(t, F2_NO_FP, tna_pb2.TNAConfig(mode=tna_pb2.BY_USER))
    ids = [_card(t, F2_NO_FP, USER, key).ID for key in (1, 2, 3)]
    assert [e[0] for e in _tna_log(t, F2_NO_FP, ids[1])] == ids[1:]
    assert [e[0] for e in _tna_log(t, F2_NO_FP, ids[0], most=2)] == ids[:2]
    assert _tna_log(t, F2_NO_FP, ids[-1] + 1) == []


def test_a_grant_carries_the_job_code_the_user_chose_if_it_is_theirs(t: Stubs) -> None:
    _enroll(t, BS2, USER, JOB, JOB + 1)
    _enroll(t, BS2, OTHER)
    mine = _card(t, BS2, USER, job=JOB + 1)
    theirs = _card(t, BS2, OTHER, job=JOB)  # not one of OTHER's: the terminal offers no such code
    none = _card(t, BS2, USER)
    assert _job_log(t, BS2, mine.ID) == [(mine.ID, USER, JOB + 1)]
    assert theirs.ID > mine.ID and none.ID > theirs.ID
    assert _tna_log(t, BS2, mine.ID) == []  # T&A unused: a job code, no key


def test_an_event_filter_by_t_and_a_key_reads_the_events_with_that_key(t: Stubs) -> None:
    _enroll(t, F2, USER)
    _enroll(t, F2, OTHER)
    _configure(t, F2, tna_pb2.TNAConfig(mode=tna_pb2.BY_USER))
    first = _card(t, F2, USER, tna_pb2.KEY_9).ID
    _card(t, F2, USER, tna_pb2.KEY_10)
    third = _card(t, F2, OTHER, tna_pb2.KEY_9).ID
    by_key = event_pb2.EventFilter(TNAKey=tna_pb2.KEY_9)
    request = event_pb2.GetLogWithFilterRequest(deviceID=F2, startEventID=first, filters=[by_key])
    got = [(e.ID, e.TNAKey) for e in t["event"].GetLogWithFilter(request, timeout=10).events]
    assert got == [(first, 9), (third, 9)]
    request.filters[0].userID = OTHER  # both fields must match
    assert [e.ID for e in t["event"].GetLogWithFilter(request, timeout=10).events] == [third]
    request.filters[0].TNAKey = 17  # type: ignore[assignment]
    code, message, _ = _error(t["event"].GetLogWithFilter, request)
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "TNAKey 17 is not a T&A key" in message


def test_a_key_pressed_out_of_range_is_refused_naming_tna_key(t: Stubs) -> None:
    unknown = control_pb2.Credential(unknown=True)
    act = control_pb2.ActRequest(deviceID=F2, input=control_pb2.CARD, credential=unknown)
    act.tnaKey = 17  # type: ignore[assignment]
    code, message, _ = _error(t["control"].Act, act)
    assert code == grpc.StatusCode.INVALID_ARGUMENT and message.startswith("Act: tnaKey 17")


def test_resetting_a_terminals_config_parts_puts_t_and_a_back_to_unused(five_sim: Any, t: Stubs) -> None:
    _configure(t, BS2, tna_pb2.TNAConfig(mode=tna_pb2.FIXED, key=tna_pb2.KEY_2))
    for part in five_sim.gateway.devices[BS2].config_parts:
        part.reset()
    assert _config(t, BS2) == tna_pb2.TNAConfig()
