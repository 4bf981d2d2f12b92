"""gsdk.connect.Connect: connecting terminals and the status stream (state: connections.Connections)."""

from __future__ import annotations

import grpc

from biohil.gsdk import connect_pb2, connect_pb2_grpc
from biohil.simulator import validation
from biohil.simulator.errors import invalid, rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import multi, serve_stream


def _connection_mode(mode: int, method: str) -> int:
    """A ConnectionMode the proto defines, or INVALID_ARGUMENT naming the field."""
    if mode not in connect_pb2.ConnectionMode.values():
        raise invalid(
            f"{method}: connectionMode {mode} is not a ConnectionMode; use "
            f"{validation.enum_values(connect_pb2.ConnectionMode)}"
        )
    return mode


class ConnectService(connect_pb2_grpc.ConnectServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway
        self.links = gateway.connections

    @rpc
    def Connect(
        self, request: connect_pb2.ConnectRequest, context: grpc.ServicerContext
    ) -> connect_pb2.ConnectResponse:
        """Connect the terminal at IPAddr:port (useSSL after EnableSSL); listed with autoReconnect false."""
        info = request.connectInfo
        device = self.gw.connect(info.IPAddr, info.port, info.useSSL)
        return connect_pb2.ConnectResponse(deviceID=device.device_id)

    @rpc
    def AddAsyncConnection(
        self, request: connect_pb2.AddAsyncConnectionRequest, context: grpc.ServicerContext
    ) -> connect_pb2.AddAsyncConnectionResponse:
        """Register terminals the gateway connects whenever it can (autoReconnect true), now if it can."""
        self.links.add_async(list(request.connectInfos))
        return connect_pb2.AddAsyncConnectionResponse()

    @rpc
    def DeleteAsyncConnection(
        self, request: connect_pb2.DeleteAsyncConnectionRequest, context: grpc.ServicerContext
    ) -> connect_pb2.DeleteAsyncConnectionResponse:
        """Forget asynchronous registrations, disconnecting those connected."""
        self.links.delete_async(list(request.deviceIDs))
        return connect_pb2.DeleteAsyncConnectionResponse()

    @rpc
    def SetAcceptFilter(
        self, request: connect_pb2.SetAcceptFilterRequest, context: grpc.ServicerContext
    ) -> connect_pb2.SetAcceptFilterResponse:
        """Store the filter of device-to-server terminals; pending terminals it allows are connected."""
        self.links.set_accept_filter(request.filter)
        return connect_pb2.SetAcceptFilterResponse()

    @rpc
    def GetAcceptFilter(
        self, request: connect_pb2.GetAcceptFilterRequest, context: grpc.ServicerContext
    ) -> connect_pb2.GetAcceptFilterResponse:
        """Read back the accept filter SetAcceptFilter stored."""
        return connect_pb2.GetAcceptFilterResponse(filter=self.links.accept_filter())

    @rpc
    def GetPendingList(
        self, request: connect_pb2.GetPendingListRequest, context: grpc.ServicerContext
    ) -> connect_pb2.GetPendingListResponse:
        """List the device-to-server terminals the accept filter keeps out, with their last try."""
        return connect_pb2.GetPendingListResponse(deviceInfos=self.links.pending_list())

    @rpc
    def GetDeviceList(
        self, request: connect_pb2.GetDeviceListRequest, context: grpc.ServicerContext
    ) -> connect_pb2.GetDeviceListResponse:
        """List every managed terminal: its mode, autoReconnect, useSSL and status."""
        return connect_pb2.GetDeviceListResponse(deviceInfos=self.gw.device_list())

    @rpc
    def Disconnect(
        self, request: connect_pb2.DisconnectRequest, context: grpc.ServicerContext
    ) -> connect_pb2.DisconnectResponse:
        """Close these connections; a Connect-ed one leaves the list, an asynchronous one is retried."""
        self.gw.disconnect(list(request.deviceIDs))
        return connect_pb2.DisconnectResponse()

    @rpc
    def DisconnectAll(
        self, request: connect_pb2.DisconnectAllRequest, context: grpc.ServicerContext
    ) -> connect_pb2.DisconnectAllResponse:
        """Close every connection the gateway holds, as Disconnect does."""
        self.links.disconnect_all()
        return connect_pb2.DisconnectAllResponse()

    @rpc
    def SearchDevice(
        self, request: connect_pb2.SearchDeviceRequest, context: grpc.ServicerContext
    ) -> connect_pb2.SearchDeviceResponse:
        """List every terminal whose link is up, connected or not, with its mode and SSL setting."""
        return connect_pb2.SearchDeviceResponse(deviceInfos=self.links.search(request.timeout))

    @rpc
    def GetSlaveDevice(
        self, request: connect_pb2.GetSlaveDeviceRequest, context: grpc.ServicerContext
    ) -> connect_pb2.GetSlaveDeviceResponse:
        """List each connected terminal's slave devices as SetSlaveDevice stored them."""
        return connect_pb2.GetSlaveDeviceResponse(slaveDeviceInfos=self.links.slave_devices())

    @rpc
    def SetSlaveDevice(
        self, request: connect_pb2.SetSlaveDeviceRequest, context: grpc.ServicerContext
    ) -> connect_pb2.SetSlaveDeviceResponse:
        """Store terminals' slave devices; a slave not on the terminal's bus or input is NOT_FOUND."""
        self.links.set_slave_devices(list(request.slaveDeviceInfos))
        return connect_pb2.SetSlaveDeviceResponse()

    @rpc
    def SetConnectionMode(
        self, request: connect_pb2.SetConnectionModeRequest, context: grpc.ServicerContext
    ) -> connect_pb2.SetConnectionModeResponse:
        """Set the terminal's connection mode; its connection closes; DEVICE_TO_SERVER makes it dial in."""
        mode = _connection_mode(request.connectionMode, "SetConnectionMode")
        self.links.set_connection_mode(self.gw.connected(request.deviceID, "SetConnectionMode"), mode)
        return connect_pb2.SetConnectionModeResponse()

    @rpc
    def SetConnectionModeMulti(
        self, request: connect_pb2.SetConnectionModeMultiRequest, context: grpc.ServicerContext
    ) -> connect_pb2.SetConnectionModeMultiResponse:
        """SetConnectionMode on each terminal, reporting per terminal."""
        method = "SetConnectionModeMulti"
        mode = _connection_mode(request.connectionMode, method)
        multi(self.gw, request.deviceIDs, method, lambda device: self.links.set_connection_mode(device, mode))
        return connect_pb2.SetConnectionModeMultiResponse()

    @rpc
    def EnableSSL(
        self, request: connect_pb2.EnableSSLRequest, context: grpc.ServicerContext
    ) -> connect_pb2.EnableSSLResponse:
        """Install the gateway's root CA and turn SSL on; Connect then needs useSSL (reading ssl_switch)."""
        self.links.set_ssl(self.gw.connected(request.deviceID, "EnableSSL"), on=True)
        return connect_pb2.EnableSSLResponse()

    @rpc
    def EnableSSLMulti(
        self, request: connect_pb2.EnableSSLMultiRequest, context: grpc.ServicerContext
    ) -> connect_pb2.EnableSSLMultiResponse:
        """EnableSSL on each terminal, reporting per terminal."""
        multi(self.gw, request.deviceIDs, "EnableSSLMulti", lambda d: self.links.set_ssl(d, on=True))
        return connect_pb2.EnableSSLMultiResponse()

    @rpc
    def DisableSSL(
        self, request: connect_pb2.DisableSSLRequest, context: grpc.ServicerContext
    ) -> connect_pb2.DisableSSLResponse:
        """Turn the terminal's SSL off; connections then need useSSL false (reading ssl_switch)."""
        self.links.set_ssl(self.gw.connected(request.deviceID, "DisableSSL"), on=False)
        return connect_pb2.DisableSSLResponse()

    @rpc
    def DisableSSLMulti(
        self, request: connect_pb2.DisableSSLMultiRequest, context: grpc.ServicerContext
    ) -> connect_pb2.DisableSSLMultiResponse:
        """DisableSSL on each terminal, reporting per terminal."""
        multi(self.gw, request.deviceIDs, "DisableSSLMulti", lambda d: self.links.set_ssl(d, on=False))
        return connect_pb2.DisableSSLMultiResponse()

    async def SubscribeStatus(
        self, request: connect_pb2.SubscribeStatusRequest, context: grpc.aio.ServicerContext
    ) -> None:
        """Stream every terminal's status changes until the client leaves."""
        sub = self.gw.subscribe_status(request.queueSize)
        await serve_stream(sub, self.gw.statuses.unsubscribe, context)
