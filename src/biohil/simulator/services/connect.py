"""gsdk.connect.Connect: connecting terminals and the status stream."""

from __future__ import annotations

import grpc

from biohil.gsdk import connect_pb2, connect_pb2_grpc
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import serve_stream


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
        await serve_stream(sub, self.gw.statuses.unsubscribe, context)
