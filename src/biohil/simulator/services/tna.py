"""gsdk.tna.TNA: a terminal's T&A config, and its events with a T&A key or a job code."""

from __future__ import annotations

import grpc

from biohil.gsdk import tna_pb2, tna_pb2_grpc
from biohil.simulator import tna
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import multi, require


class TNAService(tna_pb2_grpc.TNAServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    def _terminal(self, device_id: int, method: str) -> SimDevice:
        device = self.gw.connected(device_id, method)
        require(self.gw, device, method)
        return device

    @rpc
    def GetConfig(
        self, request: tna_pb2.GetConfigRequest, context: grpc.ServicerContext
    ) -> tna_pb2.GetConfigResponse:
        """Read back the terminal's T&A config as SetConfig stored it (factory: mode UNUSED)."""
        device = self._terminal(request.deviceID, "TNA.GetConfig")
        return tna_pb2.GetConfigResponse(config=device.tna.config())

    @rpc
    def SetConfig(
        self, request: tna_pb2.SetConfigRequest, context: grpc.ServicerContext
    ) -> tna_pb2.SetConfigResponse:
        """Store the terminal's T&A config (whole); its authentication events carry keys by it."""
        config = tna.check_config(request.config, "TNA.SetConfig")
        self._terminal(request.deviceID, "TNA.SetConfig").tna.set_config(config)
        return tna_pb2.SetConfigResponse()

    @rpc
    def SetConfigMulti(
        self, request: tna_pb2.SetConfigMultiRequest, context: grpc.ServicerContext
    ) -> tna_pb2.SetConfigMultiResponse:
        """Store the T&A config on each terminal; one without T&A keys is reported."""
        method = "TNA.SetConfigMulti"
        config = tna.check_config(request.config, method)

        def act(device: SimDevice) -> None:
            require(self.gw, device, method)
            device.tna.set_config(config)

        multi(self.gw, request.deviceIDs, method, act)
        return tna_pb2.SetConfigMultiResponse()

    @rpc
    def GetTNALog(
        self, request: tna_pb2.GetTNALogRequest, context: grpc.ServicerContext
    ) -> tna_pb2.GetTNALogResponse:
        """Read the events carrying a T&A key from an ID (inclusive, 0 = the oldest), at most a count."""
        method = "TNA.GetTNALog"
        tna.check_log_filter(request.filter, self.gw.readings["tna_log_filter"] == "refused", method)
        device = self._terminal(request.deviceID, method)
        events = device.tna.tna_log(request.startEventID, request.maxNumOfLog)
        return tna_pb2.GetTNALogResponse(TNAEvents=events)

    @rpc
    def GetJobCodeLog(
        self, request: tna_pb2.GetJobCodeLogRequest, context: grpc.ServicerContext
    ) -> tna_pb2.GetJobCodeLogResponse:
        """Read the events carrying a job code the person chose, paged as GetTNALog."""
        device = self._terminal(request.deviceID, "TNA.GetJobCodeLog")
        events = device.tna.job_code_log(request.startEventID, request.maxNumOfLog)
        return tna_pb2.GetJobCodeLogResponse(jobCodeEvents=events)
