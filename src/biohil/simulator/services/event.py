"""gsdk.event.Event: the event log, monitoring and the realtime stream."""

from __future__ import annotations

import grpc

from biohil.gsdk import event_pb2, event_pb2_grpc
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import serve_stream


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
        await serve_stream(sub, self.gw.events.unsubscribe, context)
