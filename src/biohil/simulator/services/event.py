"""gsdk.event.Event: the event log, image logs, monitoring and the realtime stream."""

from __future__ import annotations

import grpc

from biohil.gsdk import event_pb2, event_pb2_grpc
from biohil.simulator import imagelog
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import multi, require, serve_stream


class EventService(event_pb2_grpc.EventServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def EnableMonitoring(
        self, request: event_pb2.EnableMonitoringRequest, context: grpc.ServicerContext
    ) -> event_pb2.EnableMonitoringResponse:
        """Turn monitoring on: the terminal's new records stream to realtime subscribers."""
        self.gw.connected(request.deviceID, "EnableMonitoring").set_monitoring(True)
        return event_pb2.EnableMonitoringResponse()

    @rpc
    def EnableMonitoringMulti(
        self, request: event_pb2.EnableMonitoringMultiRequest, context: grpc.ServicerContext
    ) -> event_pb2.EnableMonitoringMultiResponse:
        """Turn monitoring on at each terminal; a failing one is reported, the others monitored."""
        multi(self.gw, request.deviceIDs, "Event.EnableMonitoringMulti", lambda d: d.set_monitoring(True))
        return event_pb2.EnableMonitoringMultiResponse()

    @rpc
    def DisableMonitoring(
        self, request: event_pb2.DisableMonitoringRequest, context: grpc.ServicerContext
    ) -> event_pb2.DisableMonitoringResponse:
        """Turn monitoring off: the terminal's records stop streaming (they are still logged)."""
        self.gw.connected(request.deviceID, "DisableMonitoring").set_monitoring(False)
        return event_pb2.DisableMonitoringResponse()

    @rpc
    def DisableMonitoringMulti(
        self, request: event_pb2.DisableMonitoringMultiRequest, context: grpc.ServicerContext
    ) -> event_pb2.DisableMonitoringMultiResponse:
        """Turn monitoring off at each terminal; a failing one is reported, the others stop."""
        multi(self.gw, request.deviceIDs, "Event.DisableMonitoringMulti", lambda d: d.set_monitoring(False))
        return event_pb2.DisableMonitoringMultiResponse()

    @rpc
    def GetLog(
        self, request: event_pb2.GetLogRequest, context: grpc.ServicerContext
    ) -> event_pb2.GetLogResponse:
        """Read the terminal's records from an ID (inclusive, 0 = the oldest), at most a count."""
        device = self.gw.connected(request.deviceID, "GetLog")
        return event_pb2.GetLogResponse(events=device.read_log(request.startEventID, request.maxNumOfLog))

    @rpc
    def GetLogWithFilter(
        self, request: event_pb2.GetLogWithFilterRequest, context: grpc.ServicerContext
    ) -> event_pb2.GetLogWithFilterResponse:
        """Read the terminal's records as GetLog, those the filters match (T&A key included)."""
        device = self.gw.connected(request.deviceID, "GetLogWithFilter")
        events = device.read_log(request.startEventID, request.maxNumOfLog, list(request.filters))
        return event_pb2.GetLogWithFilterResponse(events=events)

    @rpc
    def GetImageLog(
        self, request: event_pb2.GetImageLogRequest, context: grpc.ServicerContext
    ) -> event_pb2.GetImageLogResponse:
        """Read the events kept with a picture (the image filters' codes), paged as GetLog."""
        device = self.gw.connected(request.deviceID, "Event.GetImageLog")
        require(self.gw, device, "Event.GetImageLog")
        images = device.image_log.read(request.startEventID, request.maxNumOfLog)
        return event_pb2.GetImageLogResponse(imageEvents=images)

    @rpc
    def GetImageFilter(
        self, request: event_pb2.GetImageFilterRequest, context: grpc.ServicerContext
    ) -> event_pb2.GetImageFilterResponse:
        """Read back the terminal's image filters as SetImageFilter stored them."""
        device = self.gw.connected(request.deviceID, "Event.GetImageFilter")
        require(self.gw, device, "Event.GetImageFilter")
        return event_pb2.GetImageFilterResponse(filters=device.image_filters.get())

    @rpc
    def SetImageFilter(
        self, request: event_pb2.SetImageFilterRequest, context: grpc.ServicerContext
    ) -> event_pb2.SetImageFilterResponse:
        """Replace the terminal's image filters: events of their codes get a picture from now on."""
        filters = imagelog.check_filters(request.filters, "Event.SetImageFilter")
        device = self.gw.connected(request.deviceID, "Event.SetImageFilter")
        require(self.gw, device, "Event.SetImageFilter")
        device.image_filters.set(filters)
        return event_pb2.SetImageFilterResponse()

    @rpc
    def SetImageFilterMulti(
        self, request: event_pb2.SetImageFilterMultiRequest, context: grpc.ServicerContext
    ) -> event_pb2.SetImageFilterMultiResponse:
        """Replace the image filters of each terminal; one without a camera is reported."""
        method = "Event.SetImageFilterMulti"
        filters = imagelog.check_filters(request.filters, method)

        def act(device: SimDevice) -> None:
            require(self.gw, device, method)
            device.image_filters.set(filters)

        multi(self.gw, request.deviceIDs, method, act)
        return event_pb2.SetImageFilterMultiResponse()

    @rpc
    def ClearLog(
        self, request: event_pb2.ClearLogRequest, context: grpc.ServicerContext
    ) -> event_pb2.ClearLogResponse:
        """Delete every record and picture of the terminal, which then logs 0x4200."""
        self.gw.connected(request.deviceID, "Event.ClearLog").clear_log()
        return event_pb2.ClearLogResponse()

    @rpc
    def ClearLogMulti(
        self, request: event_pb2.ClearLogMultiRequest, context: grpc.ServicerContext
    ) -> event_pb2.ClearLogMultiResponse:
        """Clear the log of each terminal as ClearLog; a failing one is reported."""
        multi(self.gw, request.deviceIDs, "Event.ClearLogMulti", lambda d: d.clear_log())
        return event_pb2.ClearLogMultiResponse()

    async def SubscribeRealtimeLog(
        self, request: event_pb2.SubscribeRealtimeLogRequest, context: grpc.aio.ServicerContext
    ) -> None:
        """Stream the records of monitored terminals (narrowed by device and code) until cancelled."""
        sub = self.gw.subscribe_events(request.queueSize, list(request.deviceIDs), list(request.eventCodes))
        await serve_stream(sub, self.gw.events.unsubscribe, context)
