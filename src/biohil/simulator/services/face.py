"""gsdk.face.Face: scanning faces."""

from __future__ import annotations

import grpc

from biohil.credentials import Input
from biohil.gsdk import face_pb2, face_pb2_grpc
from biohil.simulator import credentials
from biohil.simulator.errors import invalid, rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import captured


class FaceService(face_pb2_grpc.FaceServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def Scan(self, request: face_pb2.ScanRequest, context: grpc.ServicerContext) -> face_pb2.ScanResponse:
        device = self.gw.connected(request.deviceID, "Face.Scan")
        if request.enrollThreshold not in face_pb2.FaceEnrollThreshold.values():
            raise invalid(f"Face.Scan: enrollThreshold {request.enrollThreshold} is out of range 0..9")
        capture = device.scans.begin(Input.FACE, device.model.face_scan_timeout, "Face.Scan")
        token = captured(device, capture, context).token
        return face_pb2.ScanResponse(faceData=credentials.face_data(token, visual=device.model.extended_auth))
