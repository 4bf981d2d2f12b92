"""gsdk.auth.Auth: the terminal-wide AuthConfig."""

from __future__ import annotations

import grpc

from biohil.gsdk import auth_pb2, auth_pb2_grpc
from biohil.simulator.errors import SimError, rpc
from biohil.simulator.gateway import Gateway


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
