"""gsdk.auth.Auth: the terminal-wide AuthConfig."""

from __future__ import annotations

import grpc

from biohil.gsdk import auth_pb2, auth_pb2_grpc
from biohil.simulator import device as sim_device
from biohil.simulator.errors import invalid, rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import multi


class AuthService(auth_pb2_grpc.AuthServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def GetConfig(
        self, request: auth_pb2.GetConfigRequest, context: grpc.ServicerContext
    ) -> auth_pb2.GetConfigResponse:
        """Read the terminal's AuthConfig, as SetConfig stored it."""
        device = self.gw.connected(request.deviceID, "Auth.GetConfig")
        return auth_pb2.GetConfigResponse(config=device.auth_config())

    @rpc
    def SetConfig(
        self, request: auth_pb2.SetConfigRequest, context: grpc.ServicerContext
    ) -> auth_pb2.SetConfigResponse:
        """Replace the terminal's AuthConfig (its engine follows it at once); GetConfig reads it."""
        device = self.gw.connected(request.deviceID, "Auth.SetConfig")
        if not request.HasField("config"):
            raise invalid("Auth.SetConfig: config is missing")
        device.set_auth_config(request.config)
        return auth_pb2.SetConfigResponse()

    @rpc
    def SetConfigMulti(
        self, request: auth_pb2.SetConfigMultiRequest, context: grpc.ServicerContext
    ) -> auth_pb2.SetConfigMultiResponse:
        """Replace each terminal's AuthConfig as SetConfig does; a mode a model lacks fails on that
        terminal alone."""
        method = "Auth.SetConfigMulti"
        if not request.HasField("config"):
            raise invalid(f"{method}: config is missing")
        sim_device.check_auth_config_model_free(request.config, self.gw.readings, method)
        multi(self.gw, request.deviceIDs, method, lambda device: device.set_auth_config(request.config))
        return auth_pb2.SetConfigMultiResponse()
