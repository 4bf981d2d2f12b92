"""gsdk.device.Device: what a terminal is and reports."""

from __future__ import annotations

import grpc

from biohil.gsdk import device_pb2, device_pb2_grpc
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway


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

    @rpc
    def DeleteRootCA(
        self, request: device_pb2.DeleteRootCARequest, context: grpc.ServicerContext
    ) -> device_pb2.DeleteRootCAResponse:
        """Remove the terminal's root CA: SSL is off until EnableSSL installs it again."""
        self.gw.connections.delete_root_ca(self.gw.connected(request.deviceID, "DeleteRootCA"))
        return device_pb2.DeleteRootCAResponse()
