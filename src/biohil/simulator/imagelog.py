"""A camera terminal's image log: the image filters (Event.SetImageFilter) say which event codes
get a picture; each such event is kept with its picture, bounded, and read by Event.GetImageLog.

Parts of one terminal (device.SimDevice): they run under the terminal's lock. The terminal's log
checks an event's code against `ImageFilters.codes` (one set lookup) when it writes the record.
An image log entry is the event record itself (same ID, time, user, codes): its JPEG is drawn when
it is read, from whom it shows (faceimage.face_jpeg), so the log holds no image bytes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import threading
from collections import deque
from collections.abc import Iterable

from biohil.contract import ALWAYS_SCHEDULE
from biohil.gsdk import event_pb2
from biohil.simulator import validation
from biohil.simulator.errors import invalid
from biohil.simulator.eventlog import Record
from biohil.simulator.faceimage import face_jpeg

# Inferred: the G-SDK documents no maximum; a BioStar 2 terminal's event config holds at most 32
# image event filters (the device SDK's BS2_EVENT_MAX_IMAGE_CODE_COUNT).
MAX_IMAGE_FILTERS = 32
NEVER_SCHEDULE = 0  # schedule.PredefinedSchedule.NEVER: the filter is kept, no picture is taken
PICTURES_CACHED = 4096  # distinct people whose picture is kept drawn (about 600 bytes each)


def check_filters(filters: Iterable[event_pb2.ImageFilter], what: str) -> list[event_pb2.ImageFilter]:
    """The filters a terminal takes: at most MAX_IMAGE_FILTERS, each an event code (16 bits, not
    0) once, with schedule 1 (Always) or 0 (Never), the only schedules a simulated terminal has."""
    out = list(filters)
    if len(out) > MAX_IMAGE_FILTERS:
        raise invalid(f"{what}: filters has {len(out):,} image filters, at most {MAX_IMAGE_FILTERS}")
    seen: set[int] = set()
    for i, f in enumerate(out):
        if not 0 < f.eventCode <= validation.MAX_EVENT_CODE:
            raise invalid(
                f"{what}: filters[{i}].eventCode {f.eventCode} is out of range; "
                f"use an event code 0x0001..0x{validation.MAX_EVENT_CODE:04X}"
            )
        if f.eventCode in seen:
            raise invalid(f"{what}: filters[{i}].eventCode 0x{f.eventCode:04X} is listed more than once")
        seen.add(f.eventCode)
        if f.scheduleID not in (NEVER_SCHEDULE, ALWAYS_SCHEDULE):
            raise invalid(
                f"{what}: filters[{i}].scheduleID {f.scheduleID} does not exist on the terminal; "
                f"use {ALWAYS_SCHEDULE} (Always) or {NEVER_SCHEDULE} (Never)"
            )
    return out


class ImageFilters:
    """The terminal's image filters, a part of its configuration (reset: none, no picture taken).

    `codes` is the set of event codes that get a picture now; the terminal's log holds the same
    set object, so it is changed in place."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self._filters: list[event_pb2.ImageFilter] = []
        self.codes: set[int] = set()

    def get(self) -> list[event_pb2.ImageFilter]:
        with self._lock:
            return [_copy(f) for f in self._filters]

    def set(self, filters: list[event_pb2.ImageFilter]) -> None:
        """Replace every filter (checked by check_filters)."""
        with self._lock:
            self._filters = [_copy(f) for f in filters]
            self.codes.clear()
            self.codes.update(f.eventCode for f in filters if f.scheduleID == ALWAYS_SCHEDULE)

    def reset(self) -> None:
        self.set([])


def _copy(f: event_pb2.ImageFilter) -> event_pb2.ImageFilter:
    return event_pb2.ImageFilter(eventCode=f.eventCode, scheduleID=f.scheduleID)


@functools.lru_cache(maxsize=PICTURES_CACHED)
def picture(who: bytes, colour: bool) -> bytes:
    """The camera's picture of a person (a user ID, or a stranger's card); drawn once."""
    return face_jpeg(b"camera:" + who, colour)


class ImageLog:
    """The events kept with a picture, oldest first, at most `capacity` (the oldest goes first)."""

    def __init__(self, capacity: int, device_id: int, colour: bool, lock: threading.RLock) -> None:
        self.capacity = capacity
        self.device_id = device_id
        self.colour = colour  # a visual camera's colour pictures, or an infrared one's grey ones
        self._lock = lock
        self._kept: deque[Record] = deque(maxlen=capacity)

    def __len__(self) -> int:
        return len(self._kept)

    def keep(self, record: Record) -> None:
        """The terminal's log wrote an event that gets a picture (the caller holds the lock)."""
        self._kept.append(record)

    def clear(self) -> None:
        """Event.ClearLog: the pictures go with the events."""
        with self._lock:
            self._kept.clear()

    def read(self, start_id: int, max_count: int) -> list[event_pb2.ImageLog]:
        """GetImageLog: IDs >= start_id (0 = from the oldest), at most max_count (0 = all)."""
        with self._lock:
            kept = list(self._kept)
        first = bisect.bisect_left(kept, start_id, key=lambda r: r.id)
        chosen = itertools.islice(kept, first, first + max_count if max_count else None)
        return [self._image_log(r) for r in chosen]

    def _image_log(self, r: Record) -> event_pb2.ImageLog:
        who = r.user_id.encode() or r.card_data or b"stranger"  # whoever stood at the camera
        return event_pb2.ImageLog(
            ID=r.id,
            timestamp=r.timestamp,
            deviceID=self.device_id,
            userID=r.user_id,
            eventCode=r.event_code,
            subCode=r.sub_code,
            JPGImage=picture(who, self.colour),
        )
