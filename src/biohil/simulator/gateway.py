"""The simulated gateway: which terminals exist, which are connected, and the live streams."""

from __future__ import annotations

import threading

from biohil.gsdk import connect_pb2, event_pb2
from biohil.readings import DEFAULT, Readings
from biohil.simulator import cards, firmware
from biohil.simulator.clock import Clock
from biohil.simulator.connections import Connections
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import exhausted, invalid, not_found, unavailable
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec
from biohil.simulator.streams import Hub, Subscription

MAX_QUEUE_SIZE = 1_000_000
# Open streams (realtime and status together) a simulator serves unless told otherwise; each
# costs a queue and little else, so the limit is about a runaway client, not about threads.
DEFAULT_MAX_STREAMS = 4096


class Gateway:
    def __init__(
        self,
        specs: tuple[DeviceSpec, ...] = DEFAULT_DEVICES,
        max_streams: int = DEFAULT_MAX_STREAMS,
        readings: Readings = DEFAULT,
    ) -> None:
        if max_streams < 1:
            raise ValueError(f"max_streams must be at least 1, not {max_streams}")
        self.max_streams = max_streams
        self.readings = readings  # what the gateway and its terminals do where the documentation is silent
        self.pin_hash = firmware.with_readings(firmware.STANDARD, readings).pin_hash  # GetPINHash's
        self.clock = Clock()
        drop_newest = readings["slow_subscriber"] == "newest"
        self.events: Hub[event_pb2.EventLog] = Hub(drop_newest=drop_newest)
        self.statuses: Hub[connect_pb2.StatusChange] = Hub(drop_newest=drop_newest)
        self.smart_cards = cards.SmartCards()  # what is written on the cards people carry
        self.devices = {
            s.device_id: SimDevice(s, self.clock, self.events.publish, readings, self.smart_cards)
            for s in specs
        }
        if len(self.devices) != len(specs):
            raise ValueError("two simulated devices share a device ID")
        self.connected_ids: set[int] = set()  # the terminals the gateway holds a connection to
        self._lock = threading.Lock()
        self.restarts = 0  # gateway restarts (forget_connections) so far
        self.connections = Connections(self, self._lock)

    def close(self) -> None:
        self.events.close_all()
        self.statuses.close_all()
        for device in self.devices.values():
            device.scans.abort_all()
        self.clock.stop()

    # -- connections (connections.Connections holds how and why) ---------------------------

    def connect(self, ip: str, port: int, use_ssl: bool) -> SimDevice:
        return self.connections.connect(ip, port, use_ssl)

    def disconnect(self, device_ids: list[int]) -> None:
        self.connections.disconnect(device_ids)

    def forget_connections(self) -> None:
        """The gateway process restarted: it remembers no connection (connections.forget)."""
        with self._lock:
            self.restarts += 1
        self.connections.forget()

    def restarted(self, device: SimDevice) -> None:
        """A connected terminal restarts (connections.restarted)."""
        self.connections.restarted(device)

    def device_list(self) -> list[connect_pb2.DeviceInfo]:
        return self.connections.device_list()

    def connected(self, device_id: int, what: str) -> SimDevice:
        """The connected device with this ID, or NOT_FOUND naming the fix."""
        if not device_id:
            raise invalid(f"{what}: deviceID is missing; get it from Connect or GetDeviceList")
        with self._lock:
            managed = device_id in self.connected_ids
        if managed:
            device = self.devices[device_id]
            if not device.online:
                raise unavailable(f"{what}: {device.label} has lost its network link to the gateway")
            return device
        why = self.connections.not_connected(device_id, what)
        if why is not None:
            raise why
        raise not_found(
            f"{what}: device {device_id} is not connected to the gateway; "
            "connect it first (see GetDeviceList for the connected devices)"
        )

    def device(self, device_id: int, what: str) -> SimDevice:
        """Any simulated terminal, connected or not (the control API acts on the physical world)."""
        try:
            return self.devices[device_id]
        except KeyError:
            known = ", ".join(str(d) for d in self.devices)
            raise not_found(f"{what}: no simulated terminal {device_id}; the terminals are {known}") from None

    def set_link(self, device_id: int, up: bool) -> None:
        """The terminal's network link goes down or comes back; a connected one reports it."""
        device = self.device(device_id, "SetLink")
        if device.set_online(up):
            self.connections.link_changed(device, up)

    # -- streams ---------------------------------------------------------------------------

    def subscribe_events(
        self, queue_size: int, device_ids: list[int], event_codes: list[int]
    ) -> Subscription[event_pb2.EventLog]:
        _check_queue_size(queue_size, "SubscribeRealtimeLog")
        unknown = [d for d in device_ids if d not in self.devices]
        if unknown:
            raise not_found(f"SubscribeRealtimeLog: deviceIDs names unknown device {unknown[0]}")
        ids, codes = frozenset(device_ids), frozenset(event_codes)
        with self._lock:
            self._check_stream_limit("SubscribeRealtimeLog")
            return self.events.subscribe(
                queue_size,
                lambda e: (not ids or e.deviceID in ids) and (not codes or e.eventCode in codes),
            )

    def subscribe_status(self, queue_size: int) -> Subscription[connect_pb2.StatusChange]:
        _check_queue_size(queue_size, "SubscribeStatus")
        with self._lock:
            self._check_stream_limit("SubscribeStatus")
            return self.statuses.subscribe(queue_size)

    def _check_stream_limit(self, what: str) -> None:
        """Refuse a stream beyond the limit at once (the caller holds the lock)."""
        if self.events.count + self.statuses.count >= self.max_streams:
            raise exhausted(
                f"{what}: {self.max_streams} streams are open, the simulator's limit; close one "
                "(or start the simulator with a higher --max-streams)"
            )


def _check_queue_size(size: int, what: str) -> None:
    if not 0 < size <= MAX_QUEUE_SIZE:
        raise invalid(f"{what}: queueSize {size} is out of range; use 1..{MAX_QUEUE_SIZE} (16 is usual)")
