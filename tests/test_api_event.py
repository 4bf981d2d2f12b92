"""gsdk.event beyond the log queries (tests/test_event_log.py): monitoring of several terminals,
image filters and image logs on the camera terminals, and clearing the log, each read back
through the public API on a simulator of this module's own (five terminals, one per model)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from grpc_status import rpc_status

from biohil.gsdk import device_pb2, err_pb2, event_pb2, user_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator
from biohil.simulator.imagelog import MAX_IMAGE_FILTERS
from biohil.simulator.models import MAX_IMAGE_LOGS, fleet

BS2, F2, W2, FS2, F2_NO_FP = (s.device_id for s in fleet(5))
UNKNOWN_CARD = 0x1100
Stubs = dict[str, Any]


def _error(call: Any, request: Any) -> tuple[grpc.StatusCode, str, Any]:
    """The status, message and error of a call that must fail."""
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code(), err.details(), err


def _device_errors(err: Any) -> list[err_pb2.ErrorResponse]:
    """The per-terminal errors of a failed Multi call: its google.rpc.Status holds exactly one
    detail, a gsdk.err.MultiErrorResponse (contract 5.9)."""
    status = rpc_status.from_call(err)
    assert status is not None, "no grpc-status-details-bin trailer"
    assert len(status.details) == 1 and status.details[0].Is(err_pb2.MultiErrorResponse.DESCRIPTOR)
    found = err_pb2.MultiErrorResponse()
    status.details[0].Unpack(found)
    return list(found.deviceErrors)


def _fill(s: Stubs, d: int, code: int = 0x1000, count: int = 1, user: str = "") -> int:
    """Synthetic records on the terminal; the ID of the last."""
    request = control_pb2.FillLogRequest(
        deviceID=d, count=count, eventCode=code, userIDs=[user] if user else []
    )
    return int(s["control"].FillLog(request, timeout=30).lastID)


def _log(s: Stubs, d: int, start: int = 0) -> list[event_pb2.EventLog]:
    return list(s["event"].GetLog(event_pb2.GetLogRequest(deviceID=d, startEventID=start), timeout=10).events)


def _filters(s: Stubs, d: int) -> list[event_pb2.ImageFilter]:
    return list(s["event"].GetImageFilter(event_pb2.GetImageFilterRequest(deviceID=d), timeout=10).filters)


def _set_filters(s: Stubs, d: int, *filters: tuple[int, int]) -> None:
    chosen = [event_pb2.ImageFilter(eventCode=c, scheduleID=sched) for c, sched in filters]
    s["event"].SetImageFilter(event_pb2.SetImageFilterRequest(deviceID=d, filters=chosen), timeout=10)


def _images(s: Stubs, d: int, start: int = 0, most: int = 0) -> list[event_pb2.ImageLog]:
    request = event_pb2.GetImageLogRequest(deviceID=d, startEventID=start, maxNumOfLog=most)
    return list(s["event"].GetImageLog(request, timeout=30).imageEvents)


def _unknown_card(s: Stubs, d: int) -> event_pb2.EventLog:
    act = control_pb2.ActRequest(
        deviceID=d, input=control_pb2.CARD, credential=control_pb2.Credential(unknown=True)
    )
    event: event_pb2.EventLog = s["control"].Act(act, timeout=10).events[-1]
    return event


@pytest.fixture
def s(five: Stubs) -> Iterator[Stubs]:
    """The five terminals, each left without image filters."""
    yield five
    for d in (F2, FS2, F2_NO_FP):
        _set_filters(five, d)


def test_monitoring_multi_turns_monitoring_on_and_off_at_each_terminal(s: Stubs) -> None:
    stream = s["event"].SubscribeRealtimeLog(
        event_pb2.SubscribeRealtimeLogRequest(queueSize=64, deviceIDs=[BS2, F2]), timeout=30
    )
    try:
        stream.initial_metadata()  # subscribed: nothing published from here on is missed
        s["event"].EnableMonitoringMulti(
            event_pb2.EnableMonitoringMultiRequest(deviceIDs=[BS2, F2]), timeout=10
        )
        on = {(d, _fill(s, d)) for d in (BS2, F2)}
        assert {(e.deviceID, e.ID) for e in (next(stream), next(stream))} == on
        s["event"].DisableMonitoringMulti(
            event_pb2.DisableMonitoringMultiRequest(deviceIDs=[BS2, F2]), timeout=10
        )
        for d in (BS2, F2):
            _fill(s, d)  # logged, not streamed
        s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=BS2), timeout=10)
        marker = _fill(s, BS2)
        e = next(stream)
        assert (e.deviceID, e.ID) == (BS2, marker), "a record of a terminal no longer monitored streamed"
    finally:
        stream.cancel()
        s["event"].DisableMonitoringMulti(
            event_pb2.DisableMonitoringMultiRequest(deviceIDs=[BS2, F2]), timeout=10
        )


def test_a_multi_call_reports_the_terminal_that_failed_and_changes_the_others(s: Stubs) -> None:
    """SetImageFilterMulti on the F2 and the BioStation 2, which has no camera: the F2 takes the
    filters, the status details name the BioStation 2 and its flag."""
    chosen = [event_pb2.ImageFilter(eventCode=UNKNOWN_CARD, scheduleID=1)]
    request = event_pb2.SetImageFilterMultiRequest(deviceIDs=[F2, BS2], filters=chosen)
    code, message, err = _error(s["event"].SetImageFilterMulti, request)
    assert code == grpc.StatusCode.UNIMPLEMENTED  # the failing terminal's (reading multi_status)
    assert "failed on 1 of 2 terminals" in message
    [failed] = _device_errors(err)
    assert (failed.deviceID, failed.code) == (BS2, grpc.StatusCode.UNIMPLEMENTED.value[0])
    assert "imageLogSupported is false" in failed.msg
    assert _filters(s, F2) == chosen


def test_clear_log_multi_clears_the_linked_terminal_and_reports_the_one_without_link(s: Stubs) -> None:
    _fill(s, F2)
    before = _log(s, W2)
    s["control"].SetLink(control_pb2.SetLinkRequest(deviceID=W2, up=False), timeout=10)
    try:
        code, _, err = _error(s["event"].ClearLogMulti, event_pb2.ClearLogMultiRequest(deviceIDs=[F2, W2]))
        assert code == grpc.StatusCode.UNAVAILABLE
        assert [(e.deviceID, e.code) for e in _device_errors(err)] == [
            (W2, grpc.StatusCode.UNAVAILABLE.value[0])
        ]
    finally:
        s["control"].SetLink(control_pb2.SetLinkRequest(deviceID=W2, up=True), timeout=10)
    assert [e.eventCode for e in _log(s, F2)] == [0x4200]
    assert [e.ID for e in _log(s, W2)][: len(before)] == [e.ID for e in before], "W2's log was touched"


def test_clear_log_leaves_only_its_own_record_and_ids_count_on(s: Stubs) -> None:
    """Reading clear_log_ids=continue (the default); the pictures go with the records."""
    _set_filters(s, F2, (UNKNOWN_CARD, 1))
    _unknown_card(s, F2)
    newest = _fill(s, F2)
    s["event"].ClearLog(event_pb2.ClearLogRequest(deviceID=F2), timeout=10)
    [cleared] = _log(s, F2)
    assert (cleared.ID, cleared.eventCode, cleared.userID) == (newest + 1, 0x4200, "")
    assert _images(s, F2) == []
    assert _fill(s, F2) == newest + 2
    assert [e.ID for e in _log(s, F2)] == [newest + 1, newest + 2]


def test_image_filters_are_stored_and_read_back(s: Stubs) -> None:
    assert _filters(s, F2) == []  # factory: none
    _set_filters(s, F2, (UNKNOWN_CARD, 1), (0x1300, 0), (0x1000, 1))
    assert [(f.eventCode, f.scheduleID) for f in _filters(s, F2)] == [
        (UNKNOWN_CARD, 1),
        (0x1300, 0),
        (0x1000, 1),
    ]
    assert _filters(s, FS2) == []  # another terminal's are its own
    _set_filters(s, F2)
    assert _filters(s, F2) == []


@pytest.mark.parametrize(("d", "colour"), [(F2, True), (FS2, False)], ids=["FaceStationF2", "FaceStation2"])
def test_an_event_an_image_filter_names_is_kept_with_a_picture(s: Stubs, d: int, colour: bool) -> None:
    """Only the codes with schedule 1 (Always) get a picture; the image log entry is the event's
    (ID, time, user, codes) with a JPEG of the camera's kind, and the event says hasImage."""
    _set_filters(s, d, (UNKNOWN_CARD, 1), (0x1000, 0))
    stranger = _unknown_card(s, d)
    plain = _fill(s, d, 0x1000, user="900401")
    [image] = _images(s, d, start=stranger.ID)
    assert (image.ID, image.timestamp, image.deviceID, image.userID, image.eventCode, image.subCode) == (
        stranger.ID,
        stranger.timestamp,
        d,
        "",
        UNKNOWN_CARD,
        stranger.subCode,
    )
    jpeg = image.JPGImage
    assert jpeg.startswith(b"\xff\xd8") and jpeg.endswith(b"\xff\xd9")
    components = jpeg[jpeg.index(b"\xff\xc0") + 9]  # SOF0: the number of colour components
    assert components == (3 if colour else 1)
    assert stranger.hasImage
    assert not _log(s, d, plain)[0].hasImage
    again = _unknown_card(s, d)
    assert [i.ID for i in _images(s, d, start=stranger.ID)] == [stranger.ID, again.ID]
    assert [i.ID for i in _images(s, d, start=stranger.ID, most=1)] == [stranger.ID]
    assert _images(s, d, start=again.ID + 1) == []


def test_the_image_log_keeps_the_advertised_count_and_drops_its_oldest(s: Stubs) -> None:
    cap = s["device"].GetCapability(device_pb2.GetCapabilityRequest(deviceID=F2_NO_FP), timeout=10)
    assert cap.deviceCapability.maxImageLogs == MAX_IMAGE_LOGS
    _set_filters(s, F2_NO_FP, (0x1000, 1))
    last = _fill(s, F2_NO_FP, 0x1000, count=MAX_IMAGE_LOGS + 1)
    kept = _images(s, F2_NO_FP)
    assert len(kept) == MAX_IMAGE_LOGS
    oldest, newest = kept[0].ID, kept[-1].ID
    assert oldest == last - MAX_IMAGE_LOGS + 1 and newest == last


@pytest.mark.parametrize("d", [BS2, W2], ids=["BioStation2", "BioEntryW2"])
def test_a_terminal_without_camera_refuses_the_image_calls_naming_the_flag(s: Stubs, d: int) -> None:
    info = s["device"].GetCapabilityInfo(device_pb2.GetCapabilityInfoRequest(deviceID=d), timeout=10).capInfo
    assert not info.imageLogSupported
    calls = [
        (s["event"].GetImageLog, event_pb2.GetImageLogRequest(deviceID=d)),
        (s["event"].GetImageFilter, event_pb2.GetImageFilterRequest(deviceID=d)),
        (s["event"].SetImageFilter, event_pb2.SetImageFilterRequest(deviceID=d)),
    ]
    for call, request in calls:
        code, message, _ = _error(call, request)
        assert code == grpc.StatusCode.UNIMPLEMENTED and "(imageLogSupported is false)" in message


@pytest.mark.parametrize(
    ("filters", "words"),
    [
        ([(0x1000, 1)] * 2, "filters[1].eventCode 0x1000 is listed more than once"),
        ([(code, 1) for code in range(1, MAX_IMAGE_FILTERS + 2)], f"at most {MAX_IMAGE_FILTERS}"),
        ([(0, 1)], "filters[0].eventCode 0 is out of range"),
        ([(0x10000, 1)], "filters[0].eventCode 65536 is out of range"),
        ([(0x1000, 1), (0x1100, 2)], "filters[1].scheduleID 2 does not exist"),
    ],
    ids=["repeated", "too_many", "zero", "beyond_16_bits", "no_such_schedule"],
)
def test_a_bad_image_filter_is_refused_naming_the_field(
    s: Stubs, filters: list[tuple[int, int]], words: str
) -> None:
    _set_filters(s, F2, (UNKNOWN_CARD, 1))
    chosen = [event_pb2.ImageFilter(eventCode=c, scheduleID=sched) for c, sched in filters]
    for call, request in (
        (s["event"].SetImageFilter, event_pb2.SetImageFilterRequest(deviceID=F2, filters=chosen)),
        (
            s["event"].SetImageFilterMulti,
            event_pb2.SetImageFilterMultiRequest(deviceIDs=[F2], filters=chosen),
        ),
    ):
        code, message, _ = _error(call, request)
        assert code == grpc.StatusCode.INVALID_ARGUMENT and words in message, message
        assert message.startswith(("Event.SetImageFilter:", "Event.SetImageFilterMulti:"))
    assert [f.eventCode for f in _filters(s, F2)] == [UNKNOWN_CARD]  # unchanged


def test_resetting_a_terminals_config_parts_drops_its_image_filters(five_sim: Simulator, s: Stubs) -> None:
    """The image filters are a part of the configuration Device.ResetConfig resets."""
    _set_filters(s, F2, (UNKNOWN_CARD, 1))
    for part in five_sim.gateway.devices[F2].config_parts:
        part.reset()
    assert _filters(s, F2) == []
    assert not _unknown_card(s, F2).hasImage


def test_a_user_event_is_kept_with_the_same_picture_of_that_user(s: Stubs) -> None:
    _set_filters(s, FS2, (0x2000, 1))
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900402"))
    first = []
    for _ in range(2):
        s["user"].Enroll(user_pb2.EnrollRequest(deviceID=FS2, users=[user], overwrite=False), timeout=10)
        first.append(_images(s, FS2)[-1])
        s["user"].Delete(user_pb2.DeleteRequest(deviceID=FS2, userIDs=["900402"]), timeout=10)
    assert first[0].ID != first[1].ID and first[0].JPGImage == first[1].JPGImage
