"""Plausible calls of gsdk.connect, and Device.DeleteRootCA (see biohil.apisurvey).

Each call leaves the terminal as it found it: connected by Connect, without SSL, in
SERVER_TO_DEVICE mode, with an empty accept filter; a call that takes it away (Disconnect, SSL,
the connection mode) connects it again in its check, at the address GetDeviceList gave before.
"""

from __future__ import annotations

from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.gsdk import connect_pb2, device_pb2
from biohil.simcontrol import control_pb2

S2D, D2S = connect_pb2.SERVER_TO_DEVICE, connect_pb2.DEVICE_TO_SERVER

_address: dict[int, tuple[str, int]] = {}  # where each surveyed terminal was, before a call
_others: dict[int, list[tuple[str, int]]] = {}  # what DisconnectAll took away besides it


def _entry(invoke: Invoke, d: int) -> connect_pb2.DeviceInfo | None:
    answer = invoke("Connect.GetDeviceList", connect_pb2.GetDeviceListRequest())
    return next((i for i in answer.deviceInfos if i.deviceID == d), None)  # type: ignore[attr-defined]


def _remember(invoke: Invoke, d: int) -> None:
    entry = _entry(invoke, d)
    if entry is not None:
        _address[d] = (entry.IPAddr, entry.port)


def _connect(invoke: Invoke, d: int, use_ssl: bool = False) -> None:
    ip, port = _address[d]
    info = connect_pb2.ConnectInfo(IPAddr=ip, port=port, useSSL=use_ssl)
    invoke("Connect.Connect", connect_pb2.ConnectRequest(connectInfo=info))


def _connected(invoke: Invoke, d: int, use_ssl: bool, mode: int = S2D, auto: bool = False) -> str:
    """Nothing ("") if the terminal is listed connected as said, else what is listed."""
    entry = _entry(invoke, d)
    status = connect_pb2.TLS_CONNECTED if use_ssl else connect_pb2.TCP_CONNECTED
    wanted = (status, use_ssl, mode, auto)
    if entry is None:
        return f"GetDeviceList does not list {d}; expected it connected"
    got = (entry.status, entry.useSSL, entry.connectionMode, entry.autoReconnect)
    return "" if got == wanted else f"GetDeviceList lists {d} as (status, useSSL, mode, autoReconnect) {got}"


def _filter(invoke: Invoke, *device_ids: int) -> None:
    wanted = connect_pb2.AcceptFilter(deviceIDs=device_ids)
    invoke("Connect.SetAcceptFilter", connect_pb2.SetAcceptFilterRequest(filter=wanted))


def _mode(invoke: Invoke, d: int, mode: int) -> None:
    request = connect_pb2.SetConnectionModeRequest(deviceID=d, connectionMode=mode)  # type: ignore[arg-type]
    invoke("Connect.SetConnectionMode", request)


# -- the requests and checks ---------------------------------------------------------------------


def _connect_request(invoke: Invoke, d: int) -> Message:
    _remember(invoke, d)
    ip, port = _address[d]
    return connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=ip, port=port))


def _connect_check(answer: Message, invoke: Invoke, d: int) -> str:
    if answer.deviceID != d:  # type: ignore[attr-defined]
        return f"Connect answered device {answer.deviceID} for {d}'s address"  # type: ignore[attr-defined]
    return _connected(invoke, d, use_ssl=False)


def _async_request(invoke: Invoke, d: int) -> Message:
    _remember(invoke, d)
    ip, port = _address[d]
    info = connect_pb2.AsyncConnectInfo(deviceID=d, IPAddr=ip, port=port)
    return connect_pb2.AddAsyncConnectionRequest(connectInfos=[info])


def _async_check(answer: Message, invoke: Invoke, d: int) -> str:
    why = _connected(invoke, d, use_ssl=False, auto=True)
    invoke("Connect.DeleteAsyncConnection", connect_pb2.DeleteAsyncConnectionRequest(deviceIDs=[d]))
    _connect(invoke, d)
    return why


def _delete_async_request(invoke: Invoke, d: int) -> Message:
    invoke("Connect.AddAsyncConnection", _async_request(invoke, d))
    return connect_pb2.DeleteAsyncConnectionRequest(deviceIDs=[d])


def _gone_then_back(answer: Message, invoke: Invoke, d: int) -> str:
    """The terminal left the list; it is connected again."""
    why = "" if _entry(invoke, d) is None else f"GetDeviceList still lists {d}"
    _connect(invoke, d)
    return why


def _disconnect_request(invoke: Invoke, d: int) -> Message:
    _remember(invoke, d)
    return connect_pb2.DisconnectRequest(deviceIDs=[d])


def _disconnect_all_request(invoke: Invoke, d: int) -> Message:
    _remember(invoke, d)
    listed = invoke("Connect.GetDeviceList", connect_pb2.GetDeviceListRequest()).deviceInfos  # type: ignore[attr-defined]
    _others[d] = [(i.IPAddr, i.port) for i in listed if i.deviceID != d and not i.autoReconnect]
    return connect_pb2.DisconnectAllRequest()


def _disconnect_all_check(answer: Message, invoke: Invoke, d: int) -> str:
    listed = invoke("Connect.GetDeviceList", connect_pb2.GetDeviceListRequest()).deviceInfos  # type: ignore[attr-defined]
    still = [i.deviceID for i in listed if i.status in (connect_pb2.TCP_CONNECTED, connect_pb2.TLS_CONNECTED)]
    _connect(invoke, d)
    for ip, port in _others.pop(d, []):
        invoke(
            "Connect.Connect",
            connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=ip, port=port)),
        )
    return f"after DisconnectAll, GetDeviceList lists {still} connected" if still else ""


def _filter_request(invoke: Invoke, d: int) -> Message:
    return connect_pb2.SetAcceptFilterRequest(filter=connect_pb2.AcceptFilter(deviceIDs=[d]))


def _filter_check(answer: Message, invoke: Invoke, d: int) -> str:
    stored = invoke("Connect.GetAcceptFilter", connect_pb2.GetAcceptFilterRequest()).filter  # type: ignore[attr-defined]
    _filter(invoke)
    return "" if list(stored.deviceIDs) == [d] else f"GetAcceptFilter reads back {stored}"


def _get_filter_request(invoke: Invoke, d: int) -> Message:
    _filter(invoke, d)
    return connect_pb2.GetAcceptFilterRequest()


def _get_filter_check(answer: Message, invoke: Invoke, d: int) -> str:
    stored = answer.filter  # type: ignore[attr-defined]
    _filter(invoke)
    return "" if list(stored.deviceIDs) == [d] else f"GetAcceptFilter reads back {stored}"


def _pending_request(invoke: Invoke, d: int) -> Message:
    """The terminal dials the gateway while the filter keeps it out."""
    _remember(invoke, d)
    _filter(invoke)
    _mode(invoke, d, D2S)
    return connect_pb2.GetPendingListRequest()


def _pending_check(answer: Message, invoke: Invoke, d: int) -> str:
    pending = {i.deviceID: i.IPAddr for i in answer.deviceInfos}  # type: ignore[attr-defined]
    _filter(invoke, d)  # let it in, set it back, connect it
    _mode(invoke, d, S2D)
    _filter(invoke)
    _connect(invoke, d)
    return "" if pending.get(d) == _address[d][0] else f"GetPendingList lists {pending} for {d}"


def _listed_check(answer: Message, invoke: Invoke, d: int) -> str:
    return _connected(invoke, d, use_ssl=False)


def _search_check(answer: Message, invoke: Invoke, d: int) -> str:
    found = {i.deviceID: (i.IPAddr, i.port) for i in answer.deviceInfos}  # type: ignore[attr-defined]
    where = _address.get(d)
    return "" if where is None or found.get(d) == where else f"SearchDevice found {found.get(d)} for {d}"


def _search_request(invoke: Invoke, d: int) -> Message:
    _remember(invoke, d)
    return connect_pb2.SearchDeviceRequest(timeout=1000)


def _slaves_check(answer: Message, invoke: Invoke, d: int) -> str:
    infos = invoke("Connect.GetSlaveDevice", connect_pb2.GetSlaveDeviceRequest()).slaveDeviceInfos  # type: ignore[attr-defined]
    mine = [i for i in infos if i.deviceID == d]
    return "" if mine == [connect_pb2.SlaveDeviceInfo(deviceID=d)] else f"GetSlaveDevice lists {mine} for {d}"


def _mode_request(multi: bool) -> Call:
    def request(invoke: Invoke, d: int) -> Message:
        _remember(invoke, d)
        _filter(invoke, d)  # it is let in once it dials
        if multi:
            return connect_pb2.SetConnectionModeMultiRequest(deviceIDs=[d], connectionMode=D2S)
        return connect_pb2.SetConnectionModeRequest(deviceID=d, connectionMode=D2S)

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        why = _connected(invoke, d, use_ssl=False, mode=D2S)
        _mode(invoke, d, S2D)
        _filter(invoke)
        _connect(invoke, d)
        return why

    return Call(request=request, check=check)


def _ssl(enable: bool, multi: bool) -> Call:
    """EnableSSL on a plain connection, or DisableSSL on one over TLS (which EnableSSL made)."""

    def request(invoke: Invoke, d: int) -> Message:
        _remember(invoke, d)
        if not enable:
            invoke("Connect.EnableSSL", connect_pb2.EnableSSLRequest(deviceID=d))
            _connect(invoke, d, use_ssl=True)
        if multi:
            kind = connect_pb2.EnableSSLMultiRequest if enable else connect_pb2.DisableSSLMultiRequest
            return kind(deviceIDs=[d])
        return (connect_pb2.EnableSSLRequest if enable else connect_pb2.DisableSSLRequest)(deviceID=d)

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        _connect(invoke, d, use_ssl=enable)  # the documented next step
        why = _connected(invoke, d, use_ssl=enable)
        if enable:
            invoke("Connect.DisableSSL", connect_pb2.DisableSSLRequest(deviceID=d))
            _connect(invoke, d)
        return why

    return Call(request=request, check=check)


def _status_request(invoke: Invoke, d: int) -> Message:
    return connect_pb2.SubscribeStatusRequest(queueSize=16)


def _link_drops_and_returns(invoke: Invoke, d: int) -> None:
    """Once the status stream is open, the terminal's cable is pulled and put back."""
    for up in (False, True):
        invoke("Control.SetLink", control_pb2.SetLinkRequest(deviceID=d, up=up))


def _status_check(answer: Message, invoke: Invoke, d: int) -> str:
    got = (answer.deviceID, answer.status)  # type: ignore[attr-defined]
    if got != (d, connect_pb2.DISCONNECTED):
        return f"the first StatusChange after the link dropped is {got}, not ({d}, DISCONNECTED)"
    return _connected(invoke, d, use_ssl=False)


def _delete_root_ca_request(invoke: Invoke, d: int) -> Message:
    _remember(invoke, d)
    invoke("Connect.EnableSSL", connect_pb2.EnableSSLRequest(deviceID=d))  # installs the root CA
    _connect(invoke, d, use_ssl=True)
    return device_pb2.DeleteRootCARequest(deviceID=d)


def _delete_root_ca_check(answer: Message, invoke: Invoke, d: int) -> str:
    _connect(invoke, d)  # SSL is off without its root CA
    return _connected(invoke, d, use_ssl=False)


CALLS: dict[str, Call] = {
    "Connect.Connect": Call(request=_connect_request, check=_connect_check),
    "Connect.AddAsyncConnection": Call(request=_async_request, check=_async_check),
    "Connect.DeleteAsyncConnection": Call(request=_delete_async_request, check=_gone_then_back),
    "Connect.SetAcceptFilter": Call(request=_filter_request, check=_filter_check),
    "Connect.GetAcceptFilter": Call(request=_get_filter_request, check=_get_filter_check),
    "Connect.GetPendingList": Call(request=_pending_request, check=_pending_check),
    "Connect.GetDeviceList": Call(
        request=lambda invoke, d: connect_pb2.GetDeviceListRequest(), check=_listed_check
    ),
    "Connect.Disconnect": Call(request=_disconnect_request, check=_gone_then_back),
    "Connect.DisconnectAll": Call(request=_disconnect_all_request, check=_disconnect_all_check),
    "Connect.SearchDevice": Call(request=_search_request, check=_search_check),
    "Connect.GetSlaveDevice": Call(
        request=lambda invoke, d: connect_pb2.GetSlaveDeviceRequest(), check=_slaves_check
    ),
    "Connect.SetSlaveDevice": Call(
        request=lambda invoke, d: connect_pb2.SetSlaveDeviceRequest(
            slaveDeviceInfos=[connect_pb2.SlaveDeviceInfo(deviceID=d)]
        ),
        check=_slaves_check,
    ),
    "Connect.SetConnectionMode": _mode_request(multi=False),
    "Connect.SetConnectionModeMulti": _mode_request(multi=True),
    "Connect.EnableSSL": _ssl(enable=True, multi=False),
    "Connect.EnableSSLMulti": _ssl(enable=True, multi=True),
    "Connect.DisableSSL": _ssl(enable=False, multi=False),
    "Connect.DisableSSLMulti": _ssl(enable=False, multi=True),
    "Connect.SubscribeStatus": Call(
        request=_status_request, check=_status_check, person=_link_drops_and_returns
    ),
    "Device.DeleteRootCA": Call(request=_delete_root_ca_request, check=_delete_root_ca_check),
}
