"""gsdk.device.Device: what a terminal is and reports, and its lifecycle: lock, restart, resets,
firmware, the PIN hash key."""

from __future__ import annotations

import grpc

from biohil.gsdk import device_pb2, device_pb2_grpc
from biohil.simulator import maintenance
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.maintenance import FirmwareImage
from biohil.simulator.services.common import multi


class DeviceService(device_pb2_grpc.DeviceServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def GetInfo(
        self, request: device_pb2.GetInfoRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetInfoResponse:
        """The terminal's FactoryInfo: its model's, with the firmware version it runs (UpgradeFirmware's)."""
        device = self.gw.connected(request.deviceID, "GetInfo")
        marked = self.gw.readings["version_strings"] == "marked"
        return device_pb2.GetInfoResponse(info=device.factory_info(marked))

    @rpc
    def GetCapabilityInfo(
        self, request: device_pb2.GetCapabilityInfoRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetCapabilityInfoResponse:
        """The model's CapabilityInfo: its sensors, and the features whose calls the simulator serves."""
        device = self.gw.connected(request.deviceID, "GetCapabilityInfo")
        return device_pb2.GetCapabilityInfoResponse(capInfo=device.model.capability_info())

    @rpc
    def GetCapability(
        self, request: device_pb2.GetCapabilityRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetCapabilityResponse:
        """The model's DeviceCapability: limits, inputs, the auth modes it offers, served features."""
        device = self.gw.connected(request.deviceID, "GetCapability")
        return device_pb2.GetCapabilityResponse(deviceCapability=device.model.capability())

    # -- management and reset ------------------------------------------------------------------

    @rpc
    def Lock(self, request: device_pb2.LockRequest, context: grpc.ServicerContext) -> device_pb2.LockResponse:
        """Lock the terminal (0x3700): no input authenticates until Unlock or FactoryReset, over restarts."""
        self.gw.connected(request.deviceID, "Device.Lock").lock()
        return device_pb2.LockResponse()

    @rpc
    def LockMulti(
        self, request: device_pb2.LockMultiRequest, context: grpc.ServicerContext
    ) -> device_pb2.LockMultiResponse:
        """Lock each terminal, as Lock; the ones that failed in the status details."""
        multi(self.gw, request.deviceIDs, "Device.LockMulti", SimDevice.lock)
        return device_pb2.LockMultiResponse()

    @rpc
    def Unlock(
        self, request: device_pb2.UnlockRequest, context: grpc.ServicerContext
    ) -> device_pb2.UnlockResponse:
        """Unlock the terminal (0x3800): input authenticates again."""
        self.gw.connected(request.deviceID, "Device.Unlock").unlock()
        return device_pb2.UnlockResponse()

    @rpc
    def UnlockMulti(
        self, request: device_pb2.UnlockMultiRequest, context: grpc.ServicerContext
    ) -> device_pb2.UnlockMultiResponse:
        """Unlock each terminal, as Unlock; the ones that failed in the status details."""
        multi(self.gw, request.deviceIDs, "Device.UnlockMulti", SimDevice.unlock)
        return device_pb2.UnlockMultiResponse()

    @rpc
    def Reboot(
        self, request: device_pb2.RebootRequest, context: grpc.ServicerContext
    ) -> device_pb2.RebootResponse:
        """Restart the terminal: its connection drops (DISCONNECTED), scans end, it is back with its data."""
        self.gw.restarted(self.gw.connected(request.deviceID, "Device.Reboot"))
        return device_pb2.RebootResponse()

    @rpc
    def RebootMulti(
        self, request: device_pb2.RebootMultiRequest, context: grpc.ServicerContext
    ) -> device_pb2.RebootMultiResponse:
        """Restart each terminal, as Reboot; the ones that failed in the status details."""
        multi(self.gw, request.deviceIDs, "Device.RebootMulti", self.gw.restarted)
        return device_pb2.RebootMultiResponse()

    @rpc
    def FactoryReset(
        self, request: device_pb2.FactoryResetRequest, context: grpc.ServicerContext
    ) -> device_pb2.FactoryResetResponse:
        """Wipe users, log, configs, lock and hash key back to the factory's (0x4502), then restart."""
        self._factory_reset(self.gw.connected(request.deviceID, "Device.FactoryReset"))
        return device_pb2.FactoryResetResponse()

    @rpc
    def FactoryResetMulti(
        self, request: device_pb2.FactoryResetMultiRequest, context: grpc.ServicerContext
    ) -> device_pb2.FactoryResetMultiResponse:
        """Factory-reset each terminal, as FactoryReset; the ones that failed in the status details."""
        multi(self.gw, request.deviceIDs, "Device.FactoryResetMulti", self._factory_reset)
        return device_pb2.FactoryResetMultiResponse()

    def _factory_reset(self, device: SimDevice) -> None:
        device.factory_reset()
        self.gw.restarted(device)

    @rpc
    def ClearDB(
        self, request: device_pb2.ClearDBRequest, context: grpc.ServicerContext
    ) -> device_pb2.ClearDBResponse:
        """Delete every user of the terminal (0x4501); its log and configs stay."""
        self.gw.connected(request.deviceID, "Device.ClearDB").clear_db()
        return device_pb2.ClearDBResponse()

    @rpc
    def ClearDBMulti(
        self, request: device_pb2.ClearDBMultiRequest, context: grpc.ServicerContext
    ) -> device_pb2.ClearDBMultiResponse:
        """Clear each terminal's users, as ClearDB; the ones that failed in the status details."""
        multi(self.gw, request.deviceIDs, "Device.ClearDBMulti", SimDevice.clear_db)
        return device_pb2.ClearDBMultiResponse()

    @rpc
    def ResetConfig(
        self, request: device_pb2.ResetConfigRequest, context: grpc.ServicerContext
    ) -> device_pb2.ResetConfigResponse:
        """Put every config (AuthConfig, ...) back to the model's defaults, with withDB the database too."""
        device = self.gw.connected(request.deviceID, "Device.ResetConfig")
        device.reset_config(request.withNetwork, request.withDB)
        return device_pb2.ResetConfigResponse()

    @rpc
    def ResetConfigMulti(
        self, request: device_pb2.ResetConfigMultiRequest, context: grpc.ServicerContext
    ) -> device_pb2.ResetConfigMultiResponse:
        """Reset each terminal's configs, as ResetConfig; the ones that failed in the status details."""
        network, db = request.withNetwork, request.withDB
        multi(self.gw, request.deviceIDs, "Device.ResetConfigMulti", lambda d: d.reset_config(network, db))
        return device_pb2.ResetConfigMultiResponse()

    @rpc
    def UpgradeFirmware(
        self, request: device_pb2.UpgradeFirmwareRequest, context: grpc.ServicerContext
    ) -> device_pb2.UpgradeFirmwareResponse:
        """Take a firmware image of the terminal's type: its version is GetInfo's (0x4300), then restart."""
        what = "Device.UpgradeFirmware"
        image = maintenance.firmware_image(request.firmwareData, what)
        self._upgrade(self.gw.connected(request.deviceID, what), image, what)
        return device_pb2.UpgradeFirmwareResponse()

    @rpc
    def UpgradeFirmwareMulti(
        self, request: device_pb2.UpgradeFirmwareMultiRequest, context: grpc.ServicerContext
    ) -> device_pb2.UpgradeFirmwareMultiResponse:
        """Upgrade each terminal, as UpgradeFirmware (one device type per image); failures in the details."""
        what = "Device.UpgradeFirmwareMulti"
        image = maintenance.firmware_image(request.firmwareData, what)  # no image: refused for all
        multi(self.gw, request.deviceIDs, what, lambda d: self._upgrade(d, image, what))
        return device_pb2.UpgradeFirmwareMultiResponse()

    def _upgrade(self, device: SimDevice, image: FirmwareImage, what: str) -> None:
        device.upgrade_firmware(image, what)
        self.gw.restarted(device)

    @rpc
    def GetHashKey(
        self, request: device_pb2.GetHashKeyRequest, context: grpc.ServicerContext
    ) -> device_pb2.GetHashKeyResponse:
        """Whether the terminal's PIN hash key is the default one, and the key's checksum."""
        is_default, checksum = self.gw.connected(request.deviceID, "Device.GetHashKey").hash_key_state()
        return device_pb2.GetHashKeyResponse(isDefault=is_default, checksum=checksum)

    @rpc
    def SetHashKey(
        self, request: device_pb2.SetHashKeyRequest, context: grpc.ServicerContext
    ) -> device_pb2.SetHashKeyResponse:
        """Store the terminal's PIN hash key (32 bytes, or the default); typed PINs are hashed under it."""
        key = maintenance.requested_key(request.setDefault, request.hashKey, "Device.SetHashKey")
        self.gw.connected(request.deviceID, "Device.SetHashKey").set_hash_key(key)
        return device_pb2.SetHashKeyResponse()

    @rpc
    def DeleteRootCA(
        self, request: device_pb2.DeleteRootCARequest, context: grpc.ServicerContext
    ) -> device_pb2.DeleteRootCAResponse:
        """Remove the terminal's root CA: SSL is off until EnableSSL installs it again."""
        self.gw.connections.delete_root_ca(self.gw.connected(request.deviceID, "DeleteRootCA"))
        return device_pb2.DeleteRootCAResponse()
