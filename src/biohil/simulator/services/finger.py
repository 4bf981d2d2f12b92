"""gsdk.finger.Finger: scanning and checking fingerprints."""

from __future__ import annotations

import grpc

from biohil.credentials import Input
from biohil.gsdk import finger_pb2, finger_pb2_grpc
from biohil.simulator import credentials, validation
from biohil.simulator.errors import invalid, precondition, rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import captured


class FingerService(finger_pb2_grpc.FingerServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def Scan(self, request: finger_pb2.ScanRequest, context: grpc.ServicerContext) -> finger_pb2.ScanResponse:
        device = self.gw.connected(request.deviceID, "Finger.Scan")
        if request.templateFormat not in finger_pb2.TemplateFormat.values():
            raise invalid(
                f"Finger.Scan: templateFormat {request.templateFormat} is not one of "
                f"{validation.enum_values(finger_pb2.TemplateFormat)}"
            )
        if request.templateFormat != finger_pb2.TEMPLATE_FORMAT_SUPREMA:
            raise precondition(
                f"Finger.Scan: {device.label} stores TEMPLATE_FORMAT_SUPREMA templates; "
                "a device cannot mix template formats"
            )
        if request.qualityThreshold > 100:
            raise invalid(f"Finger.Scan: qualityThreshold {request.qualityThreshold} is out of range 0..100")
        capture = device.scans.begin(Input.FINGER, device.model.finger_scan_timeout, "Finger.Scan")
        scan = captured(device, capture, context)
        # Reading advanced_enrollment=on: a scan below the threshold is an error, not a weak template.
        if scan.quality < request.qualityThreshold and self.gw.readings["advanced_enrollment"] == "on":
            raise precondition(
                f"Finger.Scan: the fingerprint's quality {scan.quality} is below the threshold "
                f"{request.qualityThreshold}; scan the finger again"
            )
        template = credentials.finger_template(scan.token, scan.quality)
        return finger_pb2.ScanResponse(templateData=template, qualityScore=scan.quality)

    @rpc
    def Verify(
        self, request: finger_pb2.VerifyRequest, context: grpc.ServicerContext
    ) -> finger_pb2.VerifyResponse:
        self.gw.connected(request.deviceID, "Finger.Verify")
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
