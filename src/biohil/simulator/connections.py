"""The gateway's connections to its terminals, as gsdk.connect manages them (contract 2.1, 5.2).

A terminal the gateway manages is connected one of three ways (GetDeviceList tells them apart by
autoReconnect and connectionMode):

- `Connect` (synchronous): autoReconnect false; Disconnect forgets it.
- `AddAsyncConnection`: autoReconnect true; the gateway connects it whenever it can (at once, when
  its link comes back, RECONNECT_INTERVAL after a Disconnect) until DeleteAsyncConnection.
- device to server: a terminal set to DEVICE_TO_SERVER dials the gateway itself; the accept filter
  lets it in (autoReconnect false), or it waits in the pending list and dials again every
  RECONNECT_INTERVAL.

What the terminals hold themselves (their connection mode, SSL, root CA: `Settings`) is theirs
and outlives a gateway restart; the gateway's own records (connections, asynchronous
registrations, the accept filter, the pending list, slave devices) do not: the simulated gateway
keeps no database. Every status change goes out on SubscribeStatus.

Locking: the gateway's lock guards every record here; a terminal's own lock is never taken while
it is held (logging, monitoring and publishing happen after it is released).
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from biohil.contract import DEVICE_PORT
from biohil.eventcodes import Code
from biohil.gsdk import connect_pb2
from biohil.simulator import validation
from biohil.simulator.clock import Timer
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import SimError, invalid, not_found, precondition, unavailable

if TYPE_CHECKING:  # the gateway holds the connections; they read its terminals, clock and streams
    from biohil.simulator.gateway import Gateway

SERVER_TO_DEVICE, DEVICE_TO_SERVER = connect_pb2.SERVER_TO_DEVICE, connect_pb2.DEVICE_TO_SERVER
# Documented (contract 5.1): the gateway's device_server.reconnect_interval, 30000 ms; a terminal
# in device-to-server mode is taken to dial again at the same pace.
RECONNECT_INTERVAL = 30.0
# One device gateway manages up to about 1,000 terminals (contract 5.10): the longest list a
# request may name (terminals, slave devices, accept filter entries).
MAX_TERMINALS = 1000
MAX_SEARCH_TIMEOUT_MS = 60_000  # SearchDevice: the longest wait a client may ask for
# Made up: where a device-to-server terminal finds the gateway (SearchDeviceInfo.serverAddr);
# the simulated terminals reach no real address.
GATEWAY_ADDRESS = "127.0.0.1"
SHOWN_TERMINALS = 4  # listed in a message naming the simulated terminals


class Kind(enum.Enum):
    """How the gateway came to hold a connection."""

    SYNC = "Connect"
    ASYNC = "AddAsyncConnection"
    ACCEPTED = "device to server"


@dataclass
class Held:
    """A connection the gateway holds (a terminal in Gateway.connected_ids)."""

    kind: Kind = Kind.SYNC
    use_ssl: bool = False


@dataclass
class Registration:
    """AddAsyncConnection's record of a terminal: its useSSL and, while the gateway cannot connect
    it, why (the status GetDeviceList shows)."""

    use_ssl: bool
    status: int = connect_pb2.DISCONNECTED


@dataclass
class Settings:
    """What a terminal holds of its connection: its own, kept across gateway restarts."""

    mode: int = SERVER_TO_DEVICE
    ssl: bool = False
    root_ca: bool = False  # installed by EnableSSL; SSL needs it


def connected_status(use_ssl: bool) -> int:
    return connect_pb2.TLS_CONNECTED if use_ssl else connect_pb2.TCP_CONNECTED


class Connections:
    def __init__(self, gateway: Gateway, lock: threading.Lock) -> None:
        self.gw = gateway
        self._lock = lock  # the gateway's: it also guards gateway.connected_ids
        self.settings = {i: Settings() for i in gateway.devices}
        self._by_address = {(d.spec.ip, d.spec.port): d for d in gateway.devices.values()}
        self._held: dict[int, Held] = {}  # how each connected terminal is held (absent: Held())
        self._registered: dict[int, Registration] = {}  # AddAsyncConnection's terminals
        self._filter = connect_pb2.AcceptFilter()  # nothing is accepted until a filter says so
        self._pending: dict[int, int] = {}  # device-to-server terminals refused: device ID -> lastTry
        self._slaves: dict[int, connect_pb2.SlaveDeviceInfo] = {}
        self._retries: dict[int, Timer] = {}  # a reconnect or a dial due on the simulated clock
        self._monitored_before_restart: set[int] = set()  # reading monitoring_after_restart=kept

    # -- Connect, Disconnect -----------------------------------------------------------------

    def connect(self, ip: str, port: int, use_ssl: bool) -> SimDevice:
        """Connect: the terminal at ip:port, connected now (a second Connect changes nothing)."""
        device = self._terminal_at(ip, port, "Connect", "connectInfo")
        settings = self.settings[device.device_id]
        if settings.mode == DEVICE_TO_SERVER:
            raise precondition(
                f"Connect: {device.label} connects to the gateway itself (connection mode "
                "DEVICE_TO_SERVER); SetAcceptFilter lets it in"
            )
        if use_ssl and not settings.ssl:
            raise precondition(
                f"Connect: SSL is not enabled on {device.label}; connect with useSSL=false "
                "(EnableSSL enables it)"
            )
        if settings.ssl and not use_ssl:
            raise precondition(f"Connect: SSL is enabled on {device.label}; connect with useSSL=true")
        if not device.online:
            raise unavailable(
                f"Connect: {device.label} at {ip}:{port} does not answer (its network link is down)"
            )
        with self._lock:
            if device.device_id in self.gw.connected_ids:
                return device
            if device.device_id in self._registered:
                status = connect_pb2.Status.Name(self._registered[device.device_id].status)
                raise precondition(
                    f"Connect: the gateway connects {device.label} itself (AddAsyncConnection; now "
                    f"{status}); DeleteAsyncConnection first to connect it with Connect"
                )
        self._open(device, Held(Kind.SYNC, use_ssl))
        return device

    def _terminal_at(self, ip: str, port: int, method: str, field: str) -> SimDevice:
        """The simulated terminal at ip:port, or the error naming the field."""
        if not ip:
            raise invalid(f"{method}: {field}.IPAddr is empty; give the terminal's IP address")
        validation.text(ip, f"{method}: {field}.IPAddr", validation.MAX_ADDRESS_CHARS)
        if port == 0 and self.gw.readings["connect_port_zero"] == "default_port":
            port = DEVICE_PORT
        if not 0 < port < 65536:
            raise invalid(f"{method}: {field}.port {port} is not a TCP port (1..65535)")
        device = self._by_address.get((ip, port))
        if device is None:
            terminals = list(self.gw.devices.values())
            known = ", ".join(f"{d.spec.ip}:{d.spec.port} ({d.label})" for d in terminals[:SHOWN_TERMINALS])
            if len(terminals) > SHOWN_TERMINALS:
                known += f" and {len(terminals) - SHOWN_TERMINALS} more (ListTerminals lists them all)"
            where = f"{validation.shown(ip)}:{port}"
            raise not_found(f"{method}: no terminal answers at {where}; simulated terminals: {known}")
        return device

    def disconnect(self, device_ids: list[int]) -> None:
        """Disconnect: each connection closes; an asynchronous one is tried again after
        RECONNECT_INTERVAL, a device-to-server terminal dials again after it."""
        if not device_ids:
            raise invalid("Disconnect: deviceIDs is empty; name the devices to disconnect")
        if len(set(device_ids)) != len(device_ids):
            raise invalid("Disconnect: deviceIDs names the same device more than once")
        devices = [self.gw.connected(d, "Disconnect") for d in device_ids]
        for device in devices:
            self._close(device, retry_later=True)

    def disconnect_all(self) -> None:
        """DisconnectAll: every connection closes, as on Disconnect (one whose link is down too:
        it had reported its loss already)."""
        with self._lock:
            ids = sorted(self.gw.connected_ids)
        for device_id in ids:
            self._close(self.gw.devices[device_id], retry_later=True)

    # -- asynchronous connections ------------------------------------------------------------

    def add_async(self, infos: list[connect_pb2.AsyncConnectInfo]) -> None:
        """AddAsyncConnection: register each terminal (all or none: every entry is checked
        first) and connect it if it can be; a terminal held by Connect becomes asynchronous."""
        method = "AddAsyncConnection"
        _check_count(len(infos), f"{method}: connectInfos", "name the terminals to connect")
        devices: list[SimDevice] = []
        for i, info in enumerate(infos):
            field = f"connectInfos[{i}]"
            if not info.deviceID:
                raise invalid(
                    f"{method}: {field}.deviceID is missing; give the terminal's ID (its serial number)"
                )
            device = self._terminal_at(info.IPAddr, info.port, method, field)
            if device.device_id != info.deviceID:
                raise invalid(
                    f"{method}: {field}.deviceID {info.deviceID} is not the terminal at "
                    f"{validation.shown(info.IPAddr)}:{device.spec.port} ({device.label})"
                )
            if device in devices:
                raise invalid(f"{method}: connectInfos names terminal {info.deviceID} more than once")
            if self.settings[device.device_id].mode == DEVICE_TO_SERVER:
                raise precondition(
                    f"{method}: {field}: {device.label} connects to the gateway itself (connection mode "
                    "DEVICE_TO_SERVER); SetConnectionMode SERVER_TO_DEVICE first"
                )
            devices.append(device)
        for device, info in zip(devices, infos, strict=True):
            with self._lock:
                self._registered[device.device_id] = Registration(info.useSSL)
                held = self._held_now(device.device_id)
                if held is not None and held.use_ssl == info.useSSL:
                    held.kind = Kind.ASYNC  # the open connection is kept, now the gateway's to keep
                    continue
            if held is not None:  # held over the other protocol: the gateway reconnects with this one
                self._close(device, retry_later=False)
            self._attempt(device)

    def delete_async(self, device_ids: list[int]) -> None:
        """DeleteAsyncConnection: each terminal is disconnected if connected and forgotten."""
        method = "DeleteAsyncConnection"
        _check_count(len(device_ids), f"{method}: deviceIDs", "name the terminals to forget")
        if len(set(device_ids)) != len(device_ids):
            raise invalid(f"{method}: deviceIDs names the same device more than once")
        with self._lock:
            unknown = [d for d in device_ids if d not in self._registered]
        if unknown:
            raise not_found(
                f"{method}: device {unknown[0]} is not connected asynchronously (AddAsyncConnection "
                "adds one; GetDeviceList shows them with autoReconnect true)"
            )
        for device_id in device_ids:
            with self._lock:
                self._registered.pop(device_id, None)
                self._cancel_retry(device_id)
                connected = device_id in self.gw.connected_ids
            if connected:
                self._close(self.gw.devices[device_id], retry_later=False)

    def _attempt(self, device: SimDevice) -> None:
        """The gateway tries to connect a terminal it holds a registration for: connected, or the
        status says why not (its link is down, it does not listen, the protocols differ)."""
        settings = self.settings[device.device_id]
        with self._lock:
            registration = self._registered.get(device.device_id)
            if registration is None or device.device_id in self.gw.connected_ids:
                return
            if not device.online:
                status = connect_pb2.DISCONNECTED  # tried again when the link comes back
            elif settings.mode == DEVICE_TO_SERVER:
                status = connect_pb2.TCP_CANNOT_CONNECT  # it dials the gateway; it does not listen
            elif registration.use_ssl and not settings.ssl:
                status = connect_pb2.TLS_CANNOT_CONNECT  # no TLS handshake on a terminal without SSL
            elif settings.ssl and not registration.use_ssl:
                status = connect_pb2.TCP_NOT_ALLOWED  # a terminal with SSL on takes TLS only
            else:
                status = None
            changed = status is not None and status != registration.status
            if status is not None:
                registration.status = status
        if status is None:
            self._open(device, Held(Kind.ASYNC, registration.use_ssl))
        elif changed:
            self._status(device.device_id, status)

    # -- device to server --------------------------------------------------------------------

    def set_accept_filter(self, wanted: connect_pb2.AcceptFilter) -> None:
        """SetAcceptFilter: store the filter; the pending terminals it now allows are connected.
        A connection already open stays (the filter decides on the next dial)."""
        method = "SetAcceptFilter"
        ids = list(wanted.deviceIDs)
        _check_count(len(ids), f"{method}: filter.deviceIDs", allow_empty=True)
        for i, device_id in enumerate(ids):
            if not device_id:
                raise invalid(f"{method}: filter.deviceIDs[{i}] is 0; give a terminal's ID")
        if len(set(ids)) != len(ids):
            raise invalid(f"{method}: filter.deviceIDs names the same device more than once")
        for field in ("IPAddrs", "subnetMasks"):
            values = list(getattr(wanted, field))
            if values and self.gw.readings["accept_filter_addresses"] == "refused":
                raise invalid(
                    f"{method}: filter.{field} is not supported (documented 'not yet supported'); "
                    "leave it empty and name the terminals in deviceIDs"
                )
            _check_count(len(values), f"{method}: filter.{field}", allow_empty=True)
            for i, value in enumerate(values):
                validation.text(value, f"{method}: filter.{field}[{i}]", validation.MAX_ADDRESS_CHARS)
        with self._lock:
            self._filter.CopyFrom(wanted)
            allowed = [self.gw.devices[i] for i in sorted(self._pending) if self._allows(i)]
        for device in allowed:
            self._dial(device)

    def accept_filter(self) -> connect_pb2.AcceptFilter:
        with self._lock:
            out = connect_pb2.AcceptFilter()
            out.CopyFrom(self._filter)
            return out

    def pending_list(self) -> list[connect_pb2.PendingDeviceInfo]:
        with self._lock:
            pending = sorted(self._pending.items())
        return [
            connect_pb2.PendingDeviceInfo(
                deviceID=device_id,
                type=self.gw.devices[device_id].model.device_type,  # type: ignore[arg-type]
                IPAddr=self.gw.devices[device_id].spec.ip,
                lastTry=last_try,
            )
            for device_id, last_try in pending
        ]

    def _allows(self, device_id: int) -> bool:
        """Whether the accept filter lets a terminal in (the caller holds the lock). Only allowAll
        and deviceIDs decide: IPAddrs and subnetMasks are 'not yet supported'."""
        return self._filter.allowAll or device_id in self._filter.deviceIDs

    def _dial(self, device: SimDevice) -> None:
        """A device-to-server terminal whose link is up dials the gateway: accepted if the filter
        allows it, else it waits in the pending list and dials again after RECONNECT_INTERVAL."""
        device_id = device.device_id
        settings = self.settings[device_id]
        with self._lock:
            self._cancel_retry(device_id)
            if device_id in self.gw.connected_ids or settings.mode != DEVICE_TO_SERVER or not device.online:
                return
            if not self._allows(device_id):
                self._pending[device_id] = self.gw.clock.timestamp()
                self._retry_later(device)
                return
            self._pending.pop(device_id, None)
            self._registered.pop(device_id, None)  # connected the other way now
        self._open(device, Held(Kind.ACCEPTED, settings.ssl))

    def set_connection_mode(self, device: SimDevice, mode: int) -> None:
        """SetConnectionMode on a connected terminal: it takes the mode (the gateway rewrites its
        IP config) and its connection closes; set to DEVICE_TO_SERVER it dials the gateway at once.
        The same mode again changes nothing."""
        settings = self.settings[device.device_id]
        with self._lock:
            if settings.mode == mode:
                return
            settings.mode = mode
        self._close(device, retry_later=False)
        self._attempt(device)  # an asynchronous registration finds it no longer listening
        if mode == DEVICE_TO_SERVER:
            self._dial(device)

    # -- SSL ---------------------------------------------------------------------------------

    def set_ssl(self, device: SimDevice, on: bool) -> None:
        """EnableSSL (installing the gateway's root CA) or DisableSSL; switching it changes the
        open connection as reading ssl_switch says. Asking for what is already set changes nothing."""
        settings = self.settings[device.device_id]
        with self._lock:
            if on:
                settings.root_ca = True
            if settings.ssl == on:
                return
            settings.ssl = on
        self._ssl_switched(device)

    def delete_root_ca(self, device: SimDevice) -> None:
        """DeleteRootCA: the terminal forgets the root CA, so SSL is off until EnableSSL."""
        settings = self.settings[device.device_id]
        with self._lock:
            if not settings.root_ca:
                raise not_found(
                    f"DeleteRootCA: {device.label} holds no root CA (EnableSSL installs the gateway's)"
                )
            settings.root_ca = False
            was_on, settings.ssl = settings.ssl, False
        if was_on:
            self._ssl_switched(device)

    def _ssl_switched(self, device: SimDevice) -> None:
        """The terminal's SSL was switched while the gateway holds a connection to it. Reading
        ssl_switch: `closed`, the connection closes (an asynchronous registration is tried again
        with its own useSSL; a device-to-server terminal dials again later); `renewed`, the gateway
        reconnects at once over the terminal's new protocol and keeps it as it was held."""
        device_id = device.device_id
        ssl = self.settings[device_id].ssl
        if self.gw.readings["ssl_switch"] == "closed":
            self._close(device, retry_later=True)
            self._attempt(device)  # its registration's useSSL no longer fits: the status says so
            return
        with self._lock:
            held = self._held_now(device_id)
            if held is None:
                return
            held.use_ssl = ssl
            if device_id in self._registered:
                self._registered[device_id].use_ssl = ssl
        self._log_connection(device, up=False)
        self._status(device_id, connect_pb2.DISCONNECTED)
        self._log_connection(device, up=True)
        self._status(device_id, connected_status(ssl))

    # -- the gateway's view ------------------------------------------------------------------

    def device_list(self) -> list[connect_pb2.DeviceInfo]:
        """GetDeviceList: every terminal the gateway manages (connected, or registered by
        AddAsyncConnection), by device ID; one whose link is down by reading link_down_listing."""
        with self._lock:
            connected = set(self.gw.connected_ids)
            rows = [
                (i, self._held.get(i, Held()), None) if i in connected else (i, None, self._registered[i])
                for i in sorted(connected | self._registered.keys())
            ]
        removed = self.gw.readings["link_down_listing"] == "removed"
        out = []
        for device_id, held, registration in rows:
            device = self.gw.devices[device_id]
            if removed and not device.online:
                continue
            if held is not None:
                kind, use_ssl = held.kind, held.use_ssl
                status = connected_status(use_ssl) if device.online else connect_pb2.DISCONNECTED
            else:
                assert registration is not None
                kind, use_ssl, status = Kind.ASYNC, registration.use_ssl, registration.status
            out.append(
                connect_pb2.DeviceInfo(
                    deviceID=device_id,
                    type=device.model.device_type,  # type: ignore[arg-type]
                    connectionMode=DEVICE_TO_SERVER if kind is Kind.ACCEPTED else SERVER_TO_DEVICE,
                    IPAddr=device.spec.ip,
                    port=device.spec.port,
                    status=status,  # type: ignore[arg-type]
                    autoReconnect=kind is Kind.ASYNC,
                    useSSL=use_ssl,
                )
            )
        return out

    def not_connected(self, device_id: int, what: str) -> SimError | None:
        """Why a call finds a terminal the gateway manages not connected (None: it does not
        manage it), for Gateway.connected: an asynchronous connection the gateway cannot open
        (UNAVAILABLE, its status), a device-to-server terminal waiting to be let in (NOT_FOUND)."""
        with self._lock:
            registration = self._registered.get(device_id)
            pending = device_id in self._pending
        if registration is not None:
            status = connect_pb2.Status.Name(registration.status)
            return unavailable(
                f"{what}: {self.gw.devices[device_id].label} is not connected: the gateway's "
                f"asynchronous connection to it is {status}"
            )
        if pending:
            return not_found(
                f"{what}: device {device_id} is not connected: it waits in the pending list "
                "(GetPendingList); SetAcceptFilter lets it in"
            )
        return None

    def search(self, timeout_ms: int) -> list[connect_pb2.SearchDeviceInfo]:
        """SearchDevice: every terminal whose link is up answers the broadcast, connected or not;
        the answer comes once they all have (no waiting out the timeout)."""
        if timeout_ms > MAX_SEARCH_TIMEOUT_MS:
            raise invalid(
                f"SearchDevice: timeout {timeout_ms} ms is out of range; use 1..{MAX_SEARCH_TIMEOUT_MS} "
                "(0: the gateway's default)"
            )
        with self._lock:
            found = [(d, replace(self.settings[i])) for i, d in self.gw.devices.items() if d.online]
        return [
            connect_pb2.SearchDeviceInfo(
                deviceID=device.device_id,
                type=device.model.device_type,  # type: ignore[arg-type]
                useDHCP=False,  # the simulated terminals have fixed addresses
                connectionMode=settings.mode,  # type: ignore[arg-type]
                IPAddr=device.spec.ip,
                port=device.spec.port,
                useSSL=settings.ssl,
                serverAddr=GATEWAY_ADDRESS if settings.mode == DEVICE_TO_SERVER else "",
            )
            for device, settings in found
        ]

    # -- slave devices -----------------------------------------------------------------------

    def slave_devices(self) -> list[connect_pb2.SlaveDeviceInfo]:
        """GetSlaveDevice: each connected terminal's slaves as SetSlaveDevice set them (none: no
        simulated model has an RS-485 channel or a Wiegand input)."""
        with self._lock:
            ids = sorted(i for i in self.gw.connected_ids if self.gw.devices[i].online)
            out = []
            for device_id in ids:
                info = connect_pb2.SlaveDeviceInfo(deviceID=device_id)
                if device_id in self._slaves:
                    info.CopyFrom(self._slaves[device_id])
                out.append(info)
            return out

    def set_slave_devices(self, infos: list[connect_pb2.SlaveDeviceInfo]) -> None:
        """SetSlaveDevice: store each terminal's slaves (all or none), each of which must be on
        its RS-485 bus or Wiegand input: on the simulated models, none is."""
        method = "SetSlaveDevice"
        _check_count(len(infos), f"{method}: slaveDeviceInfos", "name the terminals whose slaves to set")
        seen: set[int] = set()
        for i, info in enumerate(infos):
            field = f"slaveDeviceInfos[{i}]"
            if not info.deviceID:
                raise invalid(f"{method}: {field}.deviceID is missing; give the parent terminal's ID")
            if info.deviceID in seen:
                raise invalid(f"{method}: slaveDeviceInfos names terminal {info.deviceID} more than once")
            seen.add(info.deviceID)
            device = self.gw.connected(info.deviceID, method)
            buses = (
                (
                    "rs485SlaveDeviceIDs",
                    "RS-485 bus",
                    f"maxRS485Channels {device.model.capability().maxRS485Channels}",
                ),
                (
                    "wiegandSlaveDeviceIDs",
                    "Wiegand input",
                    f"wiegandSupported {str(device.model.has('wiegandSupported')).lower()}",
                ),
            )
            for name, bus, flag in buses:
                ids = list(getattr(info, name))
                _check_count(len(ids), f"{method}: {field}.{name}", allow_empty=True)
                for j, slave_id in enumerate(ids):
                    if not slave_id:
                        raise invalid(f"{method}: {field}.{name}[{j}] is 0; give the slave's device ID")
                    raise not_found(
                        f"{method}: {field}.{name}[{j}]: no slave device {slave_id} on the {bus} of "
                        f"{device.label} ({flag})"
                    )
        with self._lock:
            for info in infos:
                stored = connect_pb2.SlaveDeviceInfo()
                stored.CopyFrom(info)
                self._slaves[info.deviceID] = stored

    # -- links and restarts ------------------------------------------------------------------

    def link_changed(self, device: SimDevice, up: bool) -> None:
        """The terminal's link went down or came back: a held connection reports it (and is held
        again when it is back); one the gateway or the terminal should open now opens."""
        device_id = device.device_id
        with self._lock:
            held = self._held_now(device_id)
        if held is not None:
            self._log_connection(device, up)
            self._status(device_id, connected_status(held.use_ssl) if up else connect_pb2.DISCONNECTED)
            return
        if up:
            self._attempt(device)
            self._dial(device)

    def restarted(self, device: SimDevice) -> None:
        """A connected terminal restarts (Reboot; FactoryReset and UpgradeFirmware end with one),
        at once: it goes down (a half-done attempt and waiting Scans end), its connection closes
        as on Disconnect (monitoring off, 0x3C00, DISCONNECTED) and it is back (0x3100). Whether
        the gateway connects it again at once: reading reboot_reconnect (otherwise what reconnects
        by itself does so later); monitoring then as after a gateway restart (reading
        monitoring_after_restart)."""
        device_id = device.device_id
        device.shut_down()
        with self._lock:
            held = self._held_now(device_id)
            if self.gw.readings["monitoring_after_restart"] == "kept" and device.monitoring:
                self._monitored_before_restart.add(device_id)  # on again when it is connected
        self._close(device, retry_later=True)
        device.started()
        if held is not None and self.gw.readings["reboot_reconnect"] == "reconnected":
            self._open(device, held)

    def forget(self) -> None:
        """The gateway process restarted: it remembers no connection, registration, accept filter,
        pending terminal or slave (nor monitoring, which it kept for its connections). Each
        terminal sees its connection close, as on Disconnect (one whose link was down had logged
        that already); a device-to-server terminal dials again after RECONNECT_INTERVAL."""
        with self._lock:
            ids = sorted(self.gw.connected_ids)
            self.gw.connected_ids.clear()
            self._held.clear()
            self._registered.clear()
            self._filter.Clear()
            self._pending.clear()
            self._slaves.clear()
            for timer in self._retries.values():
                timer.cancel()
            self._retries.clear()
        devices = [self.gw.devices[i] for i in ids]
        if self.gw.readings["monitoring_after_restart"] == "kept":  # kept over restarts till it connects
            self._monitored_before_restart |= {d.device_id for d in devices if d.monitoring}
        for device in devices:
            device.set_monitoring(False)
        self._dropped([d for d in devices if d.online])
        with self._lock:
            for device_id, settings in self.settings.items():
                if settings.mode == DEVICE_TO_SERVER:
                    self._retry_later(self.gw.devices[device_id])

    # -- opening and closing -----------------------------------------------------------------

    def _held_now(self, device_id: int) -> Held | None:
        """How the gateway holds the terminal, or None if it is not connected (the caller holds
        the lock)."""
        if device_id not in self.gw.connected_ids:
            return None
        return self._held.setdefault(device_id, Held())

    def _open(self, device: SimDevice, held: Held) -> None:
        """The connection opens: logged by the terminal, streamed as its status; monitoring
        comes back if reading monitoring_after_restart kept it."""
        device_id = device.device_id
        with self._lock:
            if device_id in self.gw.connected_ids:
                return
            self.gw.connected_ids.add(device_id)
            self._held[device_id] = held
            self._pending.pop(device_id, None)
            self._cancel_retry(device_id)
            if device_id in self._registered:
                self._registered[device_id].status = connect_pb2.DISCONNECTED
            restore = device_id in self._monitored_before_restart
            self._monitored_before_restart.discard(device_id)
        self._log_connection(device, up=True)
        self._status(device_id, connected_status(held.use_ssl))
        if restore:
            device.set_monitoring(True)

    def _close(self, device: SimDevice, retry_later: bool) -> None:
        """The connection closes (if open). A Connect-ed or accepted terminal leaves the list; an
        asynchronous one stays, DISCONNECTED. With retry_later, what reconnects by itself (the
        gateway an asynchronous one, a device-to-server terminal itself) does so after
        RECONNECT_INTERVAL."""
        device_id = device.device_id
        with self._lock:
            if device_id not in self.gw.connected_ids:
                return
            self.gw.connected_ids.discard(device_id)
            self._held.pop(device_id, None)
            if retry_later and (
                device_id in self._registered or self.settings[device_id].mode == DEVICE_TO_SERVER
            ):
                self._retry_later(device)
        if device.online:
            self._dropped([device])
        else:  # it had logged and reported its loss when its link went down
            device.set_monitoring(False)

    def _retry_later(self, device: SimDevice) -> None:
        """Try again after RECONNECT_INTERVAL of simulated time (the caller holds the lock)."""
        self._cancel_retry(device.device_id)
        self._retries[device.device_id] = self.gw.clock.call_later(
            RECONNECT_INTERVAL, lambda: self._retry(device)
        )

    def _retry(self, device: SimDevice) -> None:
        with self._lock:
            self._retries.pop(device.device_id, None)
        self._attempt(device)
        self._dial(device)

    def _cancel_retry(self, device_id: int) -> None:
        timer = self._retries.pop(device_id, None)
        if timer is not None:
            timer.cancel()

    def _dropped(self, devices: list[SimDevice]) -> None:
        """The gateway's connection to each of these terminals has closed."""
        for device in devices:
            device.set_monitoring(False)
            self._log_connection(device, up=False)
            self._status(device.device_id, connect_pb2.DISCONNECTED)

    def _log_connection(self, device: SimDevice, up: bool) -> None:
        """The terminal logs its connection to the gateway opening or closing (reading connect_events)."""
        if self.gw.readings["connect_events"] == "logged":
            device.log(Code.DEVICE_TCP_CONNECTED if up else Code.DEVICE_TCP_DISCONNECTED)

    def _status(self, device_id: int, status: int) -> None:
        self.gw.statuses.publish(
            connect_pb2.StatusChange(deviceID=device_id, status=status, timestamp=self.gw.clock.timestamp())  # type: ignore[arg-type]
        )


def _check_count(n: int, field: str, hint: str = "", allow_empty: bool = False) -> None:
    """A list of a request: not empty (unless allowed), at most MAX_TERMINALS entries."""
    if n == 0 and not allow_empty:
        raise invalid(f"{field} is empty; {hint}")
    if n > MAX_TERMINALS:
        raise invalid(f"{field} has {n:,} entries, at most {MAX_TERMINALS} (a gateway's terminals)")
