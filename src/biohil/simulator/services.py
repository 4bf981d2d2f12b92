"""gRPC servicers of the gsdk.* services: decode the request, call the gateway, encode the reply.

Domain code raises SimError; `errors.rpc` turns it into a non-OK status with the message, so a
bad request never takes the server down.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import grpc

from biohil.credentials import Input
from biohil.gsdk import (
    auth_pb2,
    auth_pb2_grpc,
    card_pb2,
    card_pb2_grpc,
    connect_pb2,
    connect_pb2_grpc,
    device_pb2,
    device_pb2_grpc,
    event_pb2,
    event_pb2_grpc,
    face_pb2,
    face_pb2_grpc,
    finger_pb2,
    finger_pb2_grpc,
    user_pb2,
    user_pb2_grpc,
)
from biohil.simulator import credentials, validation
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import SimError, invalid, precondition, rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.handlers import Handlers
from biohil.simulator.scans import Capture
from biohil.simulator.streams import Subscription

DROPPED_TRAILER = "biohil-dropped-events"  # in a server-ended stream's trailers: its queue's drops


async def _serve(
    sub: Subscription[Any],
    unsubscribe: Callable[[Subscription[Any]], None],
    context: grpc.aio.ServicerContext,
) -> None:
    """Serve a subscription until the client goes away or the server stops.

    The headers go out as soon as the subscription exists, so a client that waits for the
    stream's initial metadata knows that nothing published afterwards can be missed. However the
    client leaves (cancel, deadline, a dropped connection, even before the headers went out), the
    subscription is released: by `finally` here, and by the call's done callback if the
    coroutine never resumes. A stream the server ends tells in its trailers how many events its
    queue dropped.
    """
    context.add_done_callback(lambda _: unsubscribe(sub))
    try:
        await context.send_initial_metadata(())
        write = context.write
        async with contextlib.aclosing(sub.batches()) as batches:
            async for batch in batches:
                for i, payload in enumerate(batch):
                    try:
                        await write(payload)
                    except BaseException:
                        sub.lost(len(batch) - i)  # the client left mid-batch
                        raise
        context.set_trailing_metadata(((DROPPED_TRAILER, str(sub.dropped)),))
    finally:
        unsubscribe(sub)


class ConnectService(connect_pb2_grpc.ConnectServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def Connect(
        self, request: connect_pb2.ConnectRequest, context: grpc.ServicerContext
    ) -> connect_pb2.ConnectResponse:
        info = request.connectInfo
        device = self.gw.connect(info.IPAddr, info.port, info.useSSL)
        return connect_pb2.ConnectResponse(deviceID=device.device_id)

    @rpc
    def Disconnect(
        self, request: connect_pb2.DisconnectRequest, context: grpc.ServicerContext
    ) -> connect_pb2.DisconnectResponse:
        self.gw.disconnect(list(request.deviceIDs))
        return connect_pb2.DisconnectResponse()

    @rpc
    def GetDeviceList(
        self, request: connect_pb2.GetDeviceListRequest, context: grpc.ServicerContext
    ) -> connect_pb2.GetDeviceListResponse:
        return connect_pb2.GetDeviceListResponse(deviceInfos=self.gw.device_list())

    async def SubscribeStatus(
        self, request: connect_pb2.SubscribeStatusRequest, context: grpc.aio.ServicerContext
    ) -> None:
        sub = self.gw.subscribe_status(request.queueSize)
        await _serve(sub, self.gw.statuses.unsubscribe, context)


class DeviceService(device_pb2_grpc.DeviceServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def GetInfo(
        self, request: device_pb2.GetInfoRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetInfoResponse:
        device = self.gw.connected(request.deviceID, "GetInfo")
        return device_pb2.GetInfoResponse(
            info=device.model.factory_info(
                device.device_id, marked=self.gw.readings["version_strings"] == "marked"
            )
        )

    @rpc
    def GetCapabilityInfo(
        self, request: device_pb2.GetCapabilityInfoRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetCapabilityInfoResponse:
        device = self.gw.connected(request.deviceID, "GetCapabilityInfo")
        return device_pb2.GetCapabilityInfoResponse(capInfo=device.model.capability_info())

    @rpc
    def GetCapability(
        self, request: device_pb2.GetCapabilityRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetCapabilityResponse:
        device = self.gw.connected(request.deviceID, "GetCapability")
        return device_pb2.GetCapabilityResponse(deviceCapability=device.model.capability())


class AuthService(auth_pb2_grpc.AuthServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def GetConfig(
        self, request: auth_pb2.GetConfigRequest, context: grpc.ServicerContext
    ) -> auth_pb2.GetConfigResponse:
        device = self.gw.connected(request.deviceID, "Auth.GetConfig")
        return auth_pb2.GetConfigResponse(config=device.auth_config())

    @rpc
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

    @rpc
    def GetList(
        self, request: user_pb2.GetListRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetListResponse:
        device = self.gw.connected(request.deviceID, "User.GetList")
        return user_pb2.GetListResponse(hdrs=device.roster.user_headers())

    @rpc
    def Get(self, request: user_pb2.GetRequest, context: grpc.ServicerContext) -> user_pb2.GetResponse:
        device = self.gw.connected(request.deviceID, "User.Get")
        return user_pb2.GetResponse(users=device.roster.get_users(list(request.userIDs)))

    @rpc
    def Enroll(
        self, request: user_pb2.EnrollRequest, context: grpc.ServicerContext
    ) -> user_pb2.EnrollResponse:
        device = self.gw.connected(request.deviceID, "User.Enroll")
        device.roster.enroll(list(request.users), request.overwrite)
        return user_pb2.EnrollResponse()

    @rpc
    def Delete(
        self, request: user_pb2.DeleteRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteResponse:
        device = self.gw.connected(request.deviceID, "User.Delete")
        device.roster.delete_users(list(request.userIDs))
        return user_pb2.DeleteResponse()

    @rpc
    def DeleteAll(
        self, request: user_pb2.DeleteAllRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteAllResponse:
        self.gw.connected(request.deviceID, "User.DeleteAll").roster.delete_all_users()
        return user_pb2.DeleteAllResponse()

    @rpc
    def SetCard(
        self, request: user_pb2.SetCardRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetCardResponse:
        device = self.gw.connected(request.deviceID, "User.SetCard")
        device.roster.set_cards([(u.userID, list(u.cards)) for u in request.userCards])
        return user_pb2.SetCardResponse()

    @rpc
    def SetFinger(
        self, request: user_pb2.SetFingerRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFingerResponse:
        device = self.gw.connected(request.deviceID, "User.SetFinger")
        device.roster.set_fingers([(u.userID, list(u.fingers)) for u in request.userFingers])
        return user_pb2.SetFingerResponse()

    @rpc
    def SetFace(
        self, request: user_pb2.SetFaceRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFaceResponse:
        device = self.gw.connected(request.deviceID, "User.SetFace")
        device.roster.set_faces([(u.userID, list(u.faces)) for u in request.userFaces])
        return user_pb2.SetFaceResponse()

    @rpc
    def GetPINHash(
        self, request: user_pb2.GetPINHashRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetPINHashResponse:
        return user_pb2.GetPINHashResponse(hashVal=self.gw.pin_hash(validation.pin(request.PIN)))


def _captured(device: SimDevice, capture: Capture, context: grpc.ServicerContext) -> Capture:
    """Wait for the person (or the scan timeout, or the client giving up)."""
    context.add_callback(lambda: device.scans.cancel(capture))
    capture.done.wait()
    if capture.error is not None:
        raise capture.error
    return capture


class CardService(card_pb2_grpc.CardServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def Scan(self, request: card_pb2.ScanRequest, context: grpc.ServicerContext) -> card_pb2.ScanResponse:
        device = self.gw.connected(request.deviceID, "Card.Scan")
        capture = device.scans.begin(Input.CARD, device.model.card_scan_timeout, "Card.Scan")
        token = _captured(device, capture, context).token
        return card_pb2.ScanResponse(cardData=credentials.card_data(token))


class FingerService(finger_pb2_grpc.FingerServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def Scan(self, request: finger_pb2.ScanRequest, context: grpc.ServicerContext) -> finger_pb2.ScanResponse:
        device = self.gw.connected(request.deviceID, "Finger.Scan")
        if request.templateFormat not in finger_pb2.TemplateFormat.values():
            raise invalid(
                f"Finger.Scan: templateFormat {request.templateFormat} is not one of "
                f"{validation.enum_values(finger_pb2.TemplateFormat)}"
            )
        if request.templateFormat != finger_pb2.TEMPLATE_FORMAT_SUPREMA:
            raise precondition(
                f"Finger.Scan: {device.label} stores TEMPLATE_FORMAT_SUPREMA templates; "
                "a device cannot mix template formats"
            )
        if request.qualityThreshold > 100:
            raise invalid(f"Finger.Scan: qualityThreshold {request.qualityThreshold} is out of range 0..100")
        capture = device.scans.begin(Input.FINGER, device.model.finger_scan_timeout, "Finger.Scan")
        scan = _captured(device, capture, context)
        # Reading advanced_enrollment=on: a scan below the threshold is an error, not a weak template.
        if scan.quality < request.qualityThreshold and self.gw.readings["advanced_enrollment"] == "on":
            raise precondition(
                f"Finger.Scan: the fingerprint's quality {scan.quality} is below the threshold "
                f"{request.qualityThreshold}; scan the finger again"
            )
        template = credentials.finger_template(scan.token, scan.quality)
        return finger_pb2.ScanResponse(templateData=template, qualityScore=scan.quality)

    @rpc
    def Verify(
        self, request: finger_pb2.VerifyRequest, context: grpc.ServicerContext
    ) -> finger_pb2.VerifyResponse:
        self.gw.connected(request.deviceID, "Finger.Verify")
        templates = list(request.fingerData.templates)
        if len(templates) != 2:
            raise invalid(f"Finger.Verify: fingerData has {len(templates)} templates, expected 2")
        first, second = (credentials.finger_identity(t) for t in templates)
        unreadable = [n for n, identity in (("first", first), ("second", second)) if identity is None]
        if unreadable and self.gw.readings["finger_verify_unreadable"] == "unreadable":
            raise precondition(f"Finger.Verify: the {unreadable[0]} template is not one the terminal reads")
        if first is None or first != second:
            raise invalid("Finger.Verify: the two templates are not of the same finger; scan again")
        return finger_pb2.VerifyResponse()


class FaceService(face_pb2_grpc.FaceServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def Scan(self, request: face_pb2.ScanRequest, context: grpc.ServicerContext) -> face_pb2.ScanResponse:
        device = self.gw.connected(request.deviceID, "Face.Scan")
        if request.enrollThreshold not in face_pb2.FaceEnrollThreshold.values():
            raise invalid(f"Face.Scan: enrollThreshold {request.enrollThreshold} is out of range 0..9")
        capture = device.scans.begin(Input.FACE, device.model.face_scan_timeout, "Face.Scan")
        token = _captured(device, capture, context).token
        return face_pb2.ScanResponse(faceData=credentials.face_data(token, visual=device.model.extended_auth))


class EventService(event_pb2_grpc.EventServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def EnableMonitoring(
        self, request: event_pb2.EnableMonitoringRequest, context: grpc.ServicerContext
    ) -> event_pb2.EnableMonitoringResponse:
        self.gw.connected(request.deviceID, "EnableMonitoring").set_monitoring(True)
        return event_pb2.EnableMonitoringResponse()

    @rpc
    def DisableMonitoring(
        self, request: event_pb2.DisableMonitoringRequest, context: grpc.ServicerContext
    ) -> event_pb2.DisableMonitoringResponse:
        self.gw.connected(request.deviceID, "DisableMonitoring").set_monitoring(False)
        return event_pb2.DisableMonitoringResponse()

    @rpc
    def GetLog(
        self, request: event_pb2.GetLogRequest, context: grpc.ServicerContext
    ) -> event_pb2.GetLogResponse:
        device = self.gw.connected(request.deviceID, "GetLog")
        return event_pb2.GetLogResponse(events=device.read_log(request.startEventID, request.maxNumOfLog))

    @rpc
    def GetLogWithFilter(
        self, request: event_pb2.GetLogWithFilterRequest, context: grpc.ServicerContext
    ) -> event_pb2.GetLogWithFilterResponse:
        device = self.gw.connected(request.deviceID, "GetLogWithFilter")
        events = device.read_log(request.startEventID, request.maxNumOfLog, list(request.filters))
        return event_pb2.GetLogWithFilterResponse(events=events)

    async def SubscribeRealtimeLog(
        self, request: event_pb2.SubscribeRealtimeLogRequest, context: grpc.aio.ServicerContext
    ) -> None:
        sub = self.gw.subscribe_events(request.queueSize, list(request.deviceIDs), list(request.eventCodes))
        await _serve(sub, self.gw.events.unsubscribe, context)


SERVICERS: list[tuple[type[Any], Any]] = [
    (ConnectService, connect_pb2),
    (DeviceService, device_pb2),
    (AuthService, auth_pb2),
    (UserService, user_pb2),
    (CardService, card_pb2),
    (FingerService, finger_pb2),
    (FaceService, face_pb2),
    (EventService, event_pb2),
]


def add_all(server: grpc.aio.Server, gateway: Gateway, handlers: Handlers) -> list[Any]:
    """Serve every gsdk.* service; returns their service descriptors."""
    services: list[Any] = []
    for servicer_class, module in SERVICERS:
        servicer = servicer_class(gateway)
        for service in module.DESCRIPTOR.services_by_name.values():
            handlers.add(server, servicer, service)
            services.append(service)
    return services
