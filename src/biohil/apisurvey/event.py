"""Plausible calls of gsdk.event (see biohil.apisurvey)."""

from __future__ import annotations

from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.gsdk import event_pb2
from biohil.simcontrol import control_pb2

UNKNOWN_CARD = 0x1100  # VERIFY_FAIL: what a card nobody holds logs
LOG_CLEARED = 0x4200
SURVEY_USER = "900951"
IMAGE_FILTERS = [
    event_pb2.ImageFilter(eventCode=UNKNOWN_CARD, scheduleID=1),
    event_pb2.ImageFilter(eventCode=0x1300, scheduleID=0),  # kept, never taken (schedule Never)
]
_started: dict[int, int] = {}  # device ID -> the first event ID GetLog asks for


def _newest_id(invoke: Invoke, d: int) -> int:
    """The ID of the terminal's newest record, written now (Control.FillLog, no user)."""
    fill = control_pb2.FillLogRequest(deviceID=d, count=1, eventCode=0x1000)
    return int(invoke("Control.FillLog", fill).lastID)  # type: ignore[attr-defined]


def _unknown_card(invoke: Invoke, d: int) -> int:
    """A person presents a card nobody holds; the ID of the event it logged."""
    act = control_pb2.ActRequest(
        deviceID=d, input=control_pb2.CARD, credential=control_pb2.Credential(unknown=True)
    )
    events = invoke("Control.Act", act).events  # type: ignore[attr-defined]
    return int(events[-1].ID)


def _filters_read_back(invoke: Invoke, d: int) -> str:
    got = list(invoke("Event.GetImageFilter", event_pb2.GetImageFilterRequest(deviceID=d)).filters)  # type: ignore[attr-defined]
    return "" if got == IMAGE_FILTERS else f"GetImageFilter reads back {got}, not the filters set"


def _monitoring_on(invoke: Invoke, d: int) -> Message:
    invoke("Event.EnableMonitoring", event_pb2.EnableMonitoringRequest(deviceID=d))
    return event_pb2.SubscribeRealtimeLogRequest(queueSize=16, deviceIDs=[d], eventCodes=[UNKNOWN_CARD])


def _streamed(answer: Message, invoke: Invoke, d: int) -> str:
    e = answer
    if (e.deviceID, e.eventCode) != (d, UNKNOWN_CARD):  # type: ignore[attr-defined]
        return f"the stream's first event is {e.eventCode:#x} of {e.deviceID}, not the unknown card"  # type: ignore[attr-defined]
    return ""


def _get_log(invoke: Invoke, d: int) -> Message:
    _started[d] = _newest_id(invoke, d)
    return event_pb2.GetLogRequest(deviceID=d, startEventID=_started[d], maxNumOfLog=1)


def _one_from_start(answer: Message, invoke: Invoke, d: int) -> str:
    got = [(e.ID, e.deviceID) for e in answer.events]  # type: ignore[attr-defined]
    return "" if got == [(_started[d], d)] else f"GetLog from {_started[d]}, at most 1, read {got}"


def _get_log_with_filter(invoke: Invoke, d: int) -> Message:
    start = _newest_id(invoke, d) + 1
    for user in (SURVEY_USER, "900952", SURVEY_USER):
        invoke(
            "Control.FillLog",
            control_pb2.FillLogRequest(deviceID=d, count=1, eventCode=0x1000, userIDs=[user]),
        )
    flt = event_pb2.EventFilter(userID=SURVEY_USER, eventCode=0x1000)
    return event_pb2.GetLogWithFilterRequest(deviceID=d, startEventID=start, filters=[flt])


def _the_users_two(answer: Message, invoke: Invoke, d: int) -> str:
    got = [(e.userID, e.eventCode) for e in answer.events]  # type: ignore[attr-defined]
    return "" if got == [(SURVEY_USER, 0x1000)] * 2 else f"the filter of one user read {got}"


def _set_filters(invoke: Invoke, d: int) -> None:
    invoke("Event.SetImageFilter", event_pb2.SetImageFilterRequest(deviceID=d, filters=IMAGE_FILTERS))


def _image_log(invoke: Invoke, d: int) -> Message:
    _set_filters(invoke, d)
    return event_pb2.GetImageLogRequest(deviceID=d, startEventID=_unknown_card(invoke, d), maxNumOfLog=1)


def _a_jpeg_of_the_event(answer: Message, invoke: Invoke, d: int) -> str:
    images = list(answer.imageEvents)  # type: ignore[attr-defined]
    if len(images) != 1 or images[0].eventCode != UNKNOWN_CARD:
        return f"{len(images)} image logs, not the unknown card's"
    jpeg = images[0].JPGImage
    if not (jpeg.startswith(b"\xff\xd8") and jpeg.endswith(b"\xff\xd9")):
        return "JPGImage is no JPEG"
    event = invoke(
        "Event.GetLog", event_pb2.GetLogRequest(deviceID=d, startEventID=images[0].ID, maxNumOfLog=1)
    )
    return "" if event.events[0].hasImage else "the event of the image log has no hasImage"  # type: ignore[attr-defined]


def _get_filters(invoke: Invoke, d: int) -> Message:
    _set_filters(invoke, d)
    return event_pb2.GetImageFilterRequest(deviceID=d)


def _the_filters(answer: Message, invoke: Invoke, d: int) -> str:
    got = list(answer.filters)  # type: ignore[attr-defined]
    return "" if got == IMAGE_FILTERS else f"GetImageFilter reads {got}, not the filters set"


def _cleared(answer: Message, invoke: Invoke, d: int) -> str:
    events = invoke("Event.GetLog", event_pb2.GetLogRequest(deviceID=d)).events  # type: ignore[attr-defined]
    codes = [e.eventCode for e in events]
    return "" if codes == [LOG_CLEARED] else f"after ClearLog the log holds {[hex(c) for c in codes[:5]]}"


def _set_filters_multi(invoke: Invoke, d: int) -> Message:
    """The terminal's own filters first (a terminal without camera refuses naming its flag)."""
    invoke("Event.GetImageFilter", event_pb2.GetImageFilterRequest(deviceID=d))
    return event_pb2.SetImageFilterMultiRequest(deviceIDs=[d], filters=IMAGE_FILTERS)


def _clear(invoke: Invoke, d: int) -> Message:
    _newest_id(invoke, d)  # something to clear
    return event_pb2.ClearLogRequest(deviceID=d)


def _clear_multi(invoke: Invoke, d: int) -> Message:
    _newest_id(invoke, d)
    return event_pb2.ClearLogMultiRequest(deviceIDs=[d])


CALLS: dict[str, Call] = {
    "Event.EnableMonitoring": Call(lambda invoke, d: event_pb2.EnableMonitoringRequest(deviceID=d)),
    "Event.EnableMonitoringMulti": Call(
        lambda invoke, d: event_pb2.EnableMonitoringMultiRequest(deviceIDs=[d])
    ),
    "Event.DisableMonitoring": Call(lambda invoke, d: event_pb2.DisableMonitoringRequest(deviceID=d)),
    "Event.DisableMonitoringMulti": Call(
        lambda invoke, d: event_pb2.DisableMonitoringMultiRequest(deviceIDs=[d])
    ),
    "Event.SubscribeRealtimeLog": Call(_monitoring_on, _streamed, _unknown_card),
    "Event.GetLog": Call(_get_log, _one_from_start),
    "Event.GetLogWithFilter": Call(_get_log_with_filter, _the_users_two),
    "Event.GetImageLog": Call(_image_log, _a_jpeg_of_the_event),
    "Event.GetImageFilter": Call(_get_filters, _the_filters),
    "Event.SetImageFilter": Call(
        lambda invoke, d: event_pb2.SetImageFilterRequest(deviceID=d, filters=IMAGE_FILTERS),
        lambda answer, invoke, d: _filters_read_back(invoke, d),
    ),
    "Event.SetImageFilterMulti": Call(
        _set_filters_multi,
        lambda answer, invoke, d: _filters_read_back(invoke, d),
    ),
    "Event.ClearLog": Call(_clear, _cleared),
    "Event.ClearLogMulti": Call(_clear_multi, _cleared),
}
