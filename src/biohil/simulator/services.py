"""gRPC servicers of the gsdk.* services: decode the request, call the gateway, encode the reply.

Domain code raises SimError; `_rpc` turns it into a non-OK status with the message, so a bad
request never takes the server down.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import grpc

from biohil.gsdk import (
    auth_pb2,
    auth_pb2_grpc,
    connect_pb2,
    connect_pb2_grpc,
    device_pb2,
    device_pb2_grpc,
    event_pb2,
    event_pb2_grpc,
    user_pb2,
    user_pb2_grpc,
)
from biohil.simulator.errors import SimError
from biohil.simulator.gateway import Gateway
from biohil.simulator.streams import Subscription

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def _rpc(method: F) -> F:
    @functools.wraps(method)
    def wrapper(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
        try:
            return method(self, request, context)
        except SimError as e:
            context.abort(e.code, e.message)

    return wrapper  # type: ignore[return-value]


def _stream(
    sub: Subscription[T], unsubscribe: Callable[[Subscription[T]], None], context: grpc.ServicerContext
) -> Iterator[T]:
    """Serve a subscription until the client cancels or the server stops.

    The headers go out as soon as the subscription exists, so a client that waits for the
    stream's initial metadata knows that nothing published afterwards can be missed.
    """
    context.add_callback(sub.close)
    context.send_initial_metadata(())
    try:
        while (item := sub.next()) is not None:
            yield item
    finally:
        unsubscribe(sub)


class ConnectService(connect_pb2_grpc.ConnectServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @_rpc
    def Connect(
        self, request: connect_pb2.ConnectRequest, context: grpc.ServicerContext
    ) -> connect_pb2.ConnectResponse:
        info = request.connectInfo
        device = self.gw.connect(info.IPAddr, info.port, info.useSSL)
        return connect_pb2.ConnectResponse(deviceID=device.device_id)

    @_rpc
    def Disconnect(
        self, request: connect_pb2.DisconnectRequest, context: grpc.ServicerContext
    ) -> connect_pb2.DisconnectResponse:
        self.gw.disconnect(list(request.deviceIDs))
        return connect_pb2.DisconnectResponse()

    @_rpc
    def GetDeviceList(
        self, request: connect_pb2.GetDeviceListRequest, context: grpc.ServicerContext
    ) -> connect_pb2.GetDeviceListResponse:
        return connect_pb2.GetDeviceListResponse(deviceInfos=self.gw.device_list())

    @_rpc
    def SubscribeStatus(
        self, request: connect_pb2.SubscribeStatusRequest, context: grpc.ServicerContext
    ) -> Iterator[connect_pb2.StatusChange]:
        sub = self.gw.subscribe_status(request.queueSize)
        return _stream(sub, self.gw.statuses.unsubscribe, context)


class DeviceService(device_pb2_grpc.DeviceServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @_rpc
    def GetInfo(
        self, request: device_pb2.GetInfoRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetInfoResponse:
        device = self.gw.connected(request.deviceID, "GetInfo")
        return device_pb2.GetInfoResponse(info=device.model.factory_info(device.device_id))

    @_rpc
    def GetCapabilityInfo(
        self, request: device_pb2.GetCapabilityInfoRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetCapabilityInfoResponse:
        device = self.gw.connected(request.deviceID, "GetCapabilityInfo")
        return device_pb2.GetCapabilityInfoResponse(capInfo=device.model.capability_info())

    @_rpc
    def GetCapability(
        self, request: device_pb2.GetCapabilityRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetCapabilityResponse:
        device = self.gw.connected(request.deviceID, "GetCapability")
        return device_pb2.GetCapabilityResponse(deviceCapability=device.model.capability())


class AuthService(auth_pb2_grpc.AuthServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @_rpc
    def GetConfig(
        self, request: auth_pb2.GetConfigRequest, context: grpc.ServicerContext
    ) -> auth_pb2.GetConfigResponse:
        device = self.gw.connected(request.deviceID, "Auth.GetConfig")
        return auth_pb2.GetConfigResponse(config=device.auth_config())

    @_rpc
    def SetConfig(
        self, request: auth_pb2.SetConfigRequest, context: grpc.ServicerContext
    ) -> auth_pb2.SetConfigResponse:
        device = self.gw.connected(request.deviceID, "Auth.SetConfig")
        if not request.HasField("config"):
            raise SimError(grpc.StatusCode.INVALID_ARGUMENT, "Auth.SetConfig: config is missing")
        device.set_auth_config(request.config)
        return auth_pb2.SetConfigResponse()


class UserService(user_pb2_grpc.UserServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @_rpc
    def GetList(
        self, request: user_pb2.GetListRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetListResponse:
        device = self.gw.connected(request.deviceID, "User.GetList")
        return user_pb2.GetListResponse(hdrs=device.user_headers())

    @_rpc
    def Get(self, request: user_pb2.GetRequest, context: grpc.ServicerContext) -> user_pb2.GetResponse:
        device = self.gw.connected(request.deviceID, "User.Get")
        return user_pb2.GetResponse(users=device.get_users(list(request.userIDs)))

    @_rpc
    def Enroll(
        self, request: user_pb2.EnrollRequest, context: grpc.ServicerContext
    ) -> user_pb2.EnrollResponse:
        device = self.gw.connected(request.deviceID, "User.Enroll")
        device.enroll(list(request.users), request.overwrite)
        return user_pb2.EnrollResponse()

    @_rpc
    def Delete(
        self, request: user_pb2.DeleteRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteResponse:
        device = self.gw.connected(request.deviceID, "User.Delete")
        device.delete_users(list(request.userIDs))
        return user_pb2.DeleteResponse()

    @_rpc
    def DeleteAll(
        self, request: user_pb2.DeleteAllRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteAllResponse:
        self.gw.connected(request.deviceID, "User.DeleteAll").delete_all_users()
        return user_pb2.DeleteAllResponse()

    @_rpc
    def SetCard(
        self, request: user_pb2.SetCardRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetCardResponse:
        device = self.gw.connected(request.deviceID, "User.SetCard")
        device.set_cards([(u.userID, list(u.cards)) for u in request.userCards])
        return user_pb2.SetCardResponse()

    @_rpc
    def SetFinger(
        self, request: user_pb2.SetFingerRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFingerResponse:
        device = self.gw.connected(request.deviceID, "User.SetFinger")
        device.set_fingers([(u.userID, list(u.fingers)) for u in request.userFingers])
        return user_pb2.SetFingerResponse()

    @_rpc
    def SetFace(
        self, request: user_pb2.SetFaceRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFaceResponse:
        device = self.gw.connected(request.deviceID, "User.SetFace")
        device.set_faces([(u.userID, list(u.faces)) for u in request.userFaces])
        return user_pb2.SetFaceResponse()


class EventService(event_pb2_grpc.EventServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @_rpc
    def EnableMonitoring(
        self, request: event_pb2.EnableMonitoringRequest, context: grpc.ServicerContext
    ) -> event_pb2.EnableMonitoringResponse:
        self.gw.connected(request.deviceID, "EnableMonitoring").set_monitoring(True)
        return event_pb2.EnableMonitoringResponse()

    @_rpc
    def DisableMonitoring(
        self, request: event_pb2.DisableMonitoringRequest, context: grpc.ServicerContext
    ) -> event_pb2.DisableMonitoringResponse:
        self.gw.connected(request.deviceID, "DisableMonitoring").set_monitoring(False)
        return event_pb2.DisableMonitoringResponse()

    @_rpc
    def GetLog(
        self, request: event_pb2.GetLogRequest, context: grpc.ServicerContext
    ) -> event_pb2.GetLogResponse:
        device = self.gw.connected(request.deviceID, "GetLog")
        return event_pb2.GetLogResponse(events=device.read_log(request.startEventID, request.maxNumOfLog))

    @_rpc
    def GetLogWithFilter(
        self, request: event_pb2.GetLogWithFilterRequest, context: grpc.ServicerContext
    ) -> event_pb2.GetLogWithFilterResponse:
        device = self.gw.connected(request.deviceID, "GetLogWithFilter")
        events = device.read_log(request.startEventID, request.maxNumOfLog, list(request.filters))
        return event_pb2.GetLogWithFilterResponse(events=events)

    @_rpc
    def SubscribeRealtimeLog(
        self, request: event_pb2.SubscribeRealtimeLogRequest, context: grpc.ServicerContext
    ) -> Iterator[event_pb2.EventLog]:
        sub = self.gw.subscribe_events(request.queueSize, list(request.deviceIDs), list(request.eventCodes))
        return _stream(sub, self.gw.events.unsubscribe, context)


def add_all(server: grpc.Server, gateway: Gateway) -> list[str]:
    """Register every servicer; returns the full service names (for reflection)."""
    registrations: list[tuple[Callable[[Any, grpc.Server], None], Any, Any]] = [
        (connect_pb2_grpc.add_ConnectServicer_to_server, ConnectService, connect_pb2),
        (device_pb2_grpc.add_DeviceServicer_to_server, DeviceService, device_pb2),
        (auth_pb2_grpc.add_AuthServicer_to_server, AuthService, auth_pb2),
        (user_pb2_grpc.add_UserServicer_to_server, UserService, user_pb2),
        (event_pb2_grpc.add_EventServicer_to_server, EventService, event_pb2),
    ]
    names: list[str] = []
    for add, servicer_class, module in registrations:
        add(servicer_class(gateway), server)
        names.extend(s.full_name for s in module.DESCRIPTOR.services_by_name.values())
    return names
