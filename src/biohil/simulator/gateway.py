"""The simulated gateway: which terminals exist, which are connected, and the live streams."""

from __future__ import annotations

import threading

from biohil.contract import DEVICE_PORT
from biohil.eventcodes import Code
from biohil.gsdk import connect_pb2, event_pb2
from biohil.readings import DEFAULT, Readings
from biohil.simulator import cards, firmware, validation
from biohil.simulator.clock import Clock
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import exhausted, invalid, not_found, precondition, unavailable
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec
from biohil.simulator.streams import Hub, Subscription

MAX_QUEUE_SIZE = 1_000_000
SHOWN_TERMINALS = 4  # listed in a message naming the simulated terminals
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
        self._by_address = {(s.ip, s.port): self.devices[s.device_id] for s in specs}
        self.connected_ids: set[int] = set()  # the terminals the gateway holds a connection to
        self._lock = threading.Lock()
        self.restarts = 0  # gateway restarts (forget_connections) so far
        self._monitored_before_restart: set[int] = set()  # reading monitoring_after_restart=kept

    def close(self) -> None:
        self.events.close_all()
        self.statuses.close_all()
        for device in self.devices.values():
            device.scans.abort_all()
        self.clock.stop()

    # -- connections -----------------------------------------------------------------------

    def connect(self, ip: str, port: int, use_ssl: bool) -> SimDevice:
        if not ip:
            raise invalid("Connect: connectInfo.IPAddr is empty; give the terminal's IP address")
        validation.text(ip, "Connect: connectInfo.IPAddr", validation.MAX_ADDRESS_CHARS)
        if port == 0 and self.readings["connect_port_zero"] == "default_port":
            port = DEVICE_PORT
        if not 0 < port < 65536:
            raise invalid(f"Connect: connectInfo.port {port} is not a TCP port (1..65535)")
        device = self._by_address.get((ip, port))
        if device is None:
            terminals = list(self.devices.values())
            known = ", ".join(f"{d.spec.ip}:{d.spec.port} ({d.label})" for d in terminals[:SHOWN_TERMINALS])
            if len(terminals) > SHOWN_TERMINALS:
                known += f" and {len(terminals) - SHOWN_TERMINALS} more (ListTerminals lists them all)"
            raise not_found(
                f"Connect: no terminal answers at {validation.shown(ip)}:{port}; simulated terminals: {known}"
            )
        if use_ssl:
            raise precondition(f"Connect: SSL is not enabled on {device.label}; connect with useSSL=false")
        if not device.online:
            raise unavailable(
                f"Connect: {device.label} at {ip}:{port} does not answer (its network link is down)"
            )
        with self._lock:
            fresh = device.device_id not in self.connected_ids
            self.connected_ids.add(device.device_id)
        if fresh:
            self._log_connection(device, up=True)
            self._status(device.device_id, connect_pb2.TCP_CONNECTED)
            if device.device_id in self._monitored_before_restart:
                self._monitored_before_restart.discard(device.device_id)
                device.set_monitoring(True)
        return device

    def disconnect(self, device_ids: list[int]) -> None:
        if not device_ids:
            raise invalid("Disconnect: deviceIDs is empty; name the devices to disconnect")
        if len(set(device_ids)) != len(device_ids):
            raise invalid("Disconnect: deviceIDs names the same device more than once")
        devices = [self.connected(d, "Disconnect") for d in device_ids]
        with self._lock:
            for device in devices:
                self.connected_ids.discard(device.device_id)
        self._dropped(devices)

    def forget_connections(self) -> None:
        """The gateway process restarted: it remembers no connection (or monitoring, which it
        kept for them). Each terminal sees its connection close, as on Disconnect; one whose link
        was down had already logged that."""
        with self._lock:
            ids, self.connected_ids = sorted(self.connected_ids), set()
            self.restarts += 1
        devices = [self.devices[i] for i in ids]
        if self.readings["monitoring_after_restart"] == "kept":  # kept over restarts till it connects
            self._monitored_before_restart |= {d.device_id for d in devices if d.monitoring}
        for device in devices:
            device.set_monitoring(False)
        self._dropped([d for d in devices if d.online])

    def _dropped(self, devices: list[SimDevice]) -> None:
        """The gateway's connection to each of these terminals has closed."""
        for device in devices:
            device.set_monitoring(False)
            self._log_connection(device, up=False)
            self._status(device.device_id, connect_pb2.DISCONNECTED)

    def _log_connection(self, device: SimDevice, up: bool) -> None:
        """The terminal logs its connection to the gateway opening or closing (reading connect_events)."""
        if self.readings["connect_events"] == "logged":
            device.log(Code.DEVICE_TCP_CONNECTED if up else Code.DEVICE_TCP_DISCONNECTED)

    def _status(self, device_id: int, status: int) -> None:
        self.statuses.publish(
            connect_pb2.StatusChange(deviceID=device_id, status=status, timestamp=self.clock.timestamp())  # type: ignore[arg-type]
        )

    def device_list(self) -> list[connect_pb2.DeviceInfo]:
        with self._lock:
            ids = sorted(self.connected_ids)
        if self.readings["link_down_listing"] == "removed":
            ids = [i for i in ids if self.devices[i].online]
        return [
            connect_pb2.DeviceInfo(
                deviceID=i,
                type=self.devices[i].model.device_type,  # type: ignore[arg-type]
                connectionMode=connect_pb2.SERVER_TO_DEVICE,
                IPAddr=self.devices[i].spec.ip,
                port=self.devices[i].spec.port,
                status=connect_pb2.TCP_CONNECTED if self.devices[i].online else connect_pb2.DISCONNECTED,
                autoReconnect=False,
                useSSL=False,
            )
            for i in ids
        ]

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
        if not device.set_online(up):
            return
        with self._lock:
            managed = device_id in self.connected_ids
        if managed:
            self._log_connection(device, up)
            self._status(device_id, connect_pb2.TCP_CONNECTED if up else connect_pb2.DISCONNECTED)

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
