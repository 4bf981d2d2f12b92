"""gsdk.finger.Finger: scanning and checking fingerprints, the image of the last scan, the
terminal's FingerConfig (biometrics.FingerSettings)."""

from __future__ import annotations

import grpc

from biohil.credentials import Input
from biohil.gsdk import finger_pb2, finger_pb2_grpc
from biohil.simulator import credentials
from biohil.simulator.biometrics import check_finger_config
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import invalid, precondition, rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import captured, multi, require


class FingerService(finger_pb2_grpc.FingerServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def Scan(self, request: finger_pb2.ScanRequest, context: grpc.ServicerContext) -> finger_pb2.ScanResponse:
        """Wait up to FingerConfig.scanTimeout for a finger; its template in the configured format."""
        device = self.gw.connected(request.deviceID, "Finger.Scan")
        require(self.gw, device, "Finger.Scan")
        settings = device.finger_settings
        settings.check_scan(request.templateFormat, request.qualityThreshold, "Finger.Scan")
        capture = device.scans.begin(Input.FINGER, settings.scan_timeout, "Finger.Scan")
        scan = captured(device, capture, context)
        settings.scanned(scan.token, scan.quality, request.qualityThreshold, "Finger.Scan")
        template = credentials.finger_template(scan.token, scan.quality, request.templateFormat)
        return finger_pb2.ScanResponse(templateData=template, qualityScore=scan.quality)

    @rpc
    def GetImage(
        self, request: finger_pb2.GetImageRequest, context: grpc.ServicerContext
    ) -> finger_pb2.GetImageResponse:
        """The BMP image of the finger the terminal's last Scan captured."""
        device = self.gw.connected(request.deviceID, "Finger.GetImage")
        require(self.gw, device, "Finger.GetImage")
        return finger_pb2.GetImageResponse(BMPImage=device.finger_settings.image("Finger.GetImage"))

    @rpc
    def Verify(
        self, request: finger_pb2.VerifyRequest, context: grpc.ServicerContext
    ) -> finger_pb2.VerifyResponse:
        """Check that the two templates of a FingerData are of one finger (no state)."""
        require(self.gw, self.gw.connected(request.deviceID, "Finger.Verify"), "Finger.Verify")
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

    @rpc
    def GetConfig(
        self, request: finger_pb2.GetConfigRequest, context: grpc.ServicerContext
    ) -> finger_pb2.GetConfigResponse:
        """Read the terminal's FingerConfig (the factory's until SetConfig)."""
        device = self.gw.connected(request.deviceID, "Finger.GetConfig")
        require(self.gw, device, "Finger.GetConfig")
        return finger_pb2.GetConfigResponse(config=device.finger_settings.config())

    @rpc
    def SetConfig(
        self, request: finger_pb2.SetConfigRequest, context: grpc.ServicerContext
    ) -> finger_pb2.SetConfigResponse:
        """Store the terminal's whole FingerConfig; GetConfig reads it back and Scan follows it."""
        device = self.gw.connected(request.deviceID, "Finger.SetConfig")
        require(self.gw, device, "Finger.SetConfig")
        check_finger_config(request.config, "Finger.SetConfig")
        device.finger_settings.set_config(request.config, "Finger.SetConfig")
        return finger_pb2.SetConfigResponse()

    @rpc
    def SetConfigMulti(
        self, request: finger_pb2.SetConfigMultiRequest, context: grpc.ServicerContext
    ) -> finger_pb2.SetConfigMultiResponse:
        """Store the FingerConfig on each terminal; the ones that refuse it are the call's error details."""
        method = "Finger.SetConfigMulti"
        check_finger_config(request.config, method)

        def store(device: SimDevice) -> None:
            require(self.gw, device, method)
            device.finger_settings.set_config(request.config, method)

        multi(self.gw, request.deviceIDs, method, store)
        return finger_pb2.SetConfigMultiResponse()
